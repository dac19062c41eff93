import VerbatimCore

/// What the store's bulk statements need of one record, bound in place.
///
/// `StoredRecord` binds its strings; `SpoolRow` binds slices of a spool
/// line, so writing a spooled file makes no `String` per value.
protocol RecordRow {
    /// The record id, for `find` and for messages.
    func bindId(_ s: BulkStatement, _ index: Int32)
    var idText: String { get }
    /// line, date, day, employee, channel, language, label, score, CSAT at 4…12, and NPS at 14.
    func bindValues(_ s: BulkStatement)
    /// Calls `each` with each theme and its polarity in turn; a theme named twice comes twice, the last one last.
    func forEachTheme(_ each: (ThemePair) throws -> Void) rethrows
    var hasThemes: Bool { get }
}

/// One theme row's theme and polarity, as a record holds them.
enum ThemePair {
    case text(theme: String, polarity: String)
    /// Slices of a spool line: valid, and bound in place, while the line's chunk is held.
    case bytes(theme: UnsafeBufferPointer<UInt8>, polarity: UnsafeBufferPointer<UInt8>)

    /// Binds the theme at parameter `index` of `s`, the polarity at `index + 1`.
    func bind(_ s: BulkStatement, at index: Int32) {
        switch self {
        case let .text(theme, polarity): s.bind(index, theme); s.bind(index + 1, polarity)
        case let .bytes(theme, polarity): s.bindStatic(index, theme); s.bindStatic(index + 1, polarity)
        }
    }
}

extension StoredRecord: RecordRow {
    func bindId(_ s: BulkStatement, _ index: Int32) { s.bind(index, recordId) }
    var idText: String { recordId }
    func bindValues(_ s: BulkStatement) {
        s.bind(4, line); s.bind(5, date); s.bind(6, day); s.bind(7, employee); s.bind(8, channel)
        s.bind(9, language); s.bind(10, label.rawValue); s.bind(11, score); s.bind(12, ratings.csat)
        s.bind(14, ratings.nps)
    }
    var hasThemes: Bool { !themes.isEmpty }
    func forEachTheme(_ each: (ThemePair) throws -> Void) rethrows {
        for theme in themes.keys.sorted() {
            try each(.text(theme: theme, polarity: themes[theme]!.rawValue))
        }
    }
}

/// One spool line without escapes, as slices of its bytes (valid while they are).
///
/// `make` returns nil for a line with an escape in a field (a TAB or line
/// break inside a value: rare) or a damaged one; the writer then reads it
/// as a `StoredRecord` (`RecordSpool.parse`), which unescapes and checks.
struct SpoolRow: RecordRow {
    typealias Bytes = UnsafeBufferPointer<UInt8>
    let id: Bytes
    let line: Int
    let date: Bytes?
    let employee: Bytes?
    let channel: Bytes?
    let language: Bytes
    let label: Bytes
    let score: Double
    let ratings: SurveyRating.Ratings
    let themes: Bytes

    static func make(_ bytes: Bytes) -> SpoolRow? {
        var pos = 0
        var fields = 0
        var escaped = false
        var short = false
        // The next TAB-separated field; nil for `\N`.
        func next() -> Bytes? {
            guard pos <= bytes.count else { short = true; return nil }
            var end = pos
            while end < bytes.count, bytes[end] != RecordSpool.tab { end += 1 }
            let f = Bytes(rebasing: bytes[pos..<end])
            pos = end + 1
            fields += 1
            if SpoolLine.isNull(f) { return nil }
            if f.contains(SpoolLine.backslash) { escaped = true }
            return f
        }
        let id = next(), lineNo = next(), date = next(), employee = next(), channel = next()
        let language = next(), label = next(), score = next(), rating = next(), themes = next()
        guard !escaped, !short, fields == 10, pos == bytes.count + 1, let id, let language, let label,
              SentimentLabel(bytes: label) != nil, let lineNo = lineNo.flatMap(DecimalBytes.int), let score = score.flatMap(DecimalBytes.double) else { return nil }
        let parsed = rating.flatMap(SurveyRating.Ratings.init(bytes:))
        guard (rating == nil) == (parsed == nil) else { return nil }
        return SpoolRow(id: id, line: lineNo, date: date, employee: employee, channel: channel, language: language, label: label,
                        score: score, ratings: parsed ?? .none, themes: themes ?? Bytes(start: nil, count: 0))
    }

    func bindId(_ s: BulkStatement, _ index: Int32) { s.bindStatic(index, id) }
    var idText: String { String(decoding: id, as: UTF8.self) }
    func bindValues(_ s: BulkStatement) {
        s.bind(4, line); s.bindStatic(5, date); s.bindStatic(6, date.flatMap(StoredRecord.dayPrefix)); s.bindStatic(7, employee)
        s.bindStatic(8, channel); s.bindStatic(9, language); s.bindStatic(10, label); s.bind(11, score); s.bind(12, ratings.csat)
        s.bind(14, ratings.nps)
    }
    var hasThemes: Bool { !themes.isEmpty }
    func forEachTheme(_ each: (ThemePair) throws -> Void) rethrows {
        try forEachPair { theme, polarity in try each(.bytes(theme: theme, polarity: polarity)) }
    }

    /// Each valid theme and polarity, split on RS and then US as `RecordSpool.parse` does (empty pieces
    /// dropped), without the arrays `split` would make for every record.
    private func forEachPair(_ body: (Bytes, Bytes) throws -> Void) rethrows {
        var start = 0
        while start < themes.count {
            var end = start
            while end < themes.count, themes[end] != RecordSpool.pairSeparator { end += 1 }
            if end > start { try pair(Bytes(rebasing: themes[start..<end]), body) }
            start = end + 1
        }
    }

    /// One RS-separated piece: exactly two non-empty US-separated parts, the second a label.
    private func pair(_ piece: Bytes, _ body: (Bytes, Bytes) throws -> Void) rethrows {
        var first: Range<Int>?, second: Range<Int>?
        var start = 0
        while start < piece.count {
            var end = start
            while end < piece.count, piece[end] != RecordSpool.themeSeparator { end += 1 }
            if end > start {
                if first == nil { first = start..<end } else if second == nil { second = start..<end } else { return }
            }
            start = end + 1
        }
        guard let first, let second else { return }
        let polarity = Bytes(rebasing: piece[second])
        guard SentimentLabel(bytes: polarity) != nil else { return }
        try body(Bytes(rebasing: piece[first]), polarity)
    }
}

extension SentimentLabel {
    /// The label these bytes spell, if any.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        switch bytes.count {
        case 8 where Self.spells(bytes, "positive"): self = .positive
        case 8 where Self.spells(bytes, "negative"): self = .negative
        case 7 where Self.spells(bytes, "neutral"): self = .neutral
        default: return nil
        }
    }

    /// Byte for byte, without the generic comparison with a `String`'s view.
    private static func spells(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        bytes.elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }
}
