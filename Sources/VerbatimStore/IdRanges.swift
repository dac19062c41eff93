/// A set of record ids kept as sorted, disjoint ranges: the records a run
/// inserted, which come in long runs of consecutive ids.
struct IdRanges {
    private(set) var ranges: [ClosedRange<Int64>] = []

    /// True when `id` is in one of the ranges.
    func contains(_ id: Int64) -> Bool {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo].contains(id)
    }

    /// Adds `r`, which must not overlap the ranges already held, merging it with its neighbours when they touch.
    mutating func insert(_ r: ClosedRange<Int64>) {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound < r.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var merged = r
        if lo < ranges.count, ranges[lo].lowerBound == r.upperBound + 1 {
            merged = merged.lowerBound...ranges[lo].upperBound
            ranges.remove(at: lo)
        }
        if lo > 0, ranges[lo - 1].upperBound + 1 == r.lowerBound {
            merged = ranges[lo - 1].lowerBound...merged.upperBound
            ranges.remove(at: lo - 1)
            lo -= 1
        }
        ranges.insert(merged, at: lo)
    }
}
