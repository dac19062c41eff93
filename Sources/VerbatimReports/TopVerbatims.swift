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

    /// Lists as another `TopVerbatims` held them, in their order (read back from a spool).
    init(limit: Int, positive: [Entry], negative: [Entry]) {
        self.limit = limit
        self.positive = positive
        self.negative = negative
    }

    /// True when a verbatim with this label, ranking score and position would be kept, so that callers
    /// build the sample only then. A tie with the weakest one kept is decided as `VerbatimSample.tieBreak`
    /// decides it, by file and then line (`VerbatimSample.precedes`): scores saturate near ±1, and a file's
    /// later records tie with its earlier ones again and again; building each of their samples only to
    /// throw it away cost time. Only a tie at the same file and line (two records of one line) says yes,
    /// for `offer` to decide on the whole sample.
    public func wouldKeep(key: Double, label: SentimentLabel, file: String, line: Int) -> Bool {
        switch label {
        case .neutral: return false
        case .positive: return Self.beatsWeakest(key, file, line, in: positive, limit: limit, highestFirst: true)
        case .negative: return Self.beatsWeakest(key, file, line, in: negative, limit: limit, highestFirst: false)
        }
    }

    private static func beatsWeakest(_ key: Double, _ file: String, _ line: Int, in list: [Entry], limit: Int, highestFirst: Bool) -> Bool {
        guard list.count >= limit else { return limit > 0 }
        // Read in place (through the buffer): a copy of the entry would retain and release every string of its sample.
        return list.withUnsafeBufferPointer { entries in
            let w = entries.count - 1
            if key != entries[w].key { return highestFirst ? key > entries[w].key : key < entries[w].key }
            // Same place: `offer` decides on the whole sample.
            return VerbatimSample.precedes(file: file, line: line, file: entries[w].sample.file, line: entries[w].sample.line) ?? true
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
