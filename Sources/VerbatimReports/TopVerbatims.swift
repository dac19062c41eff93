import VerbatimCore

/// The most positive and the most negative verbatims of one cell (an
/// employee, a theme, the whole run), at most `limit` of each.
///
/// Bounded while streaming: a record is kept only if it beats the weakest
/// one kept. Mergeable: merging two partials keeps the best `limit` of
/// both. The order is total (score, then source file, line and record id),
/// so the result is the same whatever the order of adding and merging.
public struct TopVerbatims: Sendable, Hashable, Codable {
    /// A kept verbatim and the score it is ranked by (the record's score for
    /// an employee, the theme's clause score for a theme).
    public struct Entry: Sendable, Hashable, Codable {
        public var key: Double
        public var sample: VerbatimSample
    }

    /// How many of each kind are kept.
    public let limit: Int
    /// Positive verbatims, the highest score first.
    public private(set) var positive: [Entry] = []
    /// Negative verbatims, the lowest score first.
    public private(set) var negative: [Entry] = []

    public init(limit: Int) { self.limit = limit }

    /// True when a verbatim with this label and ranking score would be kept
    /// (so callers can skip building the sample when it would not).
    public func wouldKeep(key: Double, label: SentimentLabel) -> Bool {
        switch label {
        case .neutral: return false
        case .positive: return positive.count < limit || key >= positive[positive.count - 1].key
        case .negative: return negative.count < limit || key <= negative[negative.count - 1].key
        }
    }

    /// Offers a verbatim; neutral ones are never kept.
    public mutating func offer(_ sample: VerbatimSample, key: Double, label: SentimentLabel) {
        guard limit > 0 else { return }
        switch label {
        case .neutral: return
        case .positive: Self.insert(Entry(key: key, sample: sample), into: &positive, limit: limit, highestFirst: true)
        case .negative: Self.insert(Entry(key: key, sample: sample), into: &negative, limit: limit, highestFirst: false)
        }
    }

    /// Keeps the best `limit` of both.
    public mutating func merge(_ other: TopVerbatims) {
        for e in other.positive { Self.insert(e, into: &positive, limit: limit, highestFirst: true) }
        for e in other.negative { Self.insert(e, into: &negative, limit: limit, highestFirst: false) }
    }

    /// Rewrites every kept sample in place (masking their text), keeping the ranking as it is.
    public mutating func rewriteSamples(_ rewrite: (VerbatimSample) -> VerbatimSample) {
        for k in positive.indices { positive[k].sample = rewrite(positive[k].sample) }
        for k in negative.indices { negative[k].sample = rewrite(negative[k].sample) }
    }

    /// The ranking: by key (highest or lowest first), then `VerbatimSample.tieBreak`.
    static func precedes(_ a: Entry, _ b: Entry, highestFirst: Bool) -> Bool {
        if a.key != b.key { return highestFirst ? a.key > b.key : a.key < b.key }
        return VerbatimSample.tieBreak(a.sample, b.sample)
    }

    private static func insert(_ e: Entry, into list: inout [Entry], limit: Int, highestFirst: Bool) {
        guard limit > 0 else { return }
        if list.count == limit, !precedes(e, list[limit - 1], highestFirst: highestFirst) { return }
        var at = list.count
        while at > 0, precedes(e, list[at - 1], highestFirst: highestFirst) { at -= 1 }
        if at > 0, list[at - 1] == e { return }  // the same verbatim offered twice
        list.insert(e, at: at)
        if list.count > limit { list.removeLast() }
    }
}
