import VerbatimCore

/// The line format in which a run spools each file's records for the store
/// while files are read in parallel, and from which `RunSession` writes
/// them (`writeFile(_:spool:)`) without making a `String` per value.
///
/// One record per line, ten fields separated by TAB: id, line, date,
/// employee, channel, language, label, score, rating, themes (`theme` US
/// `polarity`, pairs separated by RS). `\`, TAB, CR and LF in a field are
/// escaped (`\\`, `\t`, `\r`, `\n`), a missing value is `\N`. Written and
/// read as bytes: a field may begin with a combining mark, which would join
/// a TAB into one `Character`.
public enum RecordSpool {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let backslash = UInt8(ascii: "\\")
    static let null: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "N")]
    static let pairSeparator: UInt8 = 0x1E
    static let themeSeparator: UInt8 = 0x1F

    /// Appends `r` as one line.
    public static func append(_ r: FeedbackRecord, to buffer: inout [UInt8]) {
        appendField(r.id, to: &buffer)
        buffer.append(tab)
        buffer.append(contentsOf: String(r.provenance.line).utf8)
        buffer.append(tab)
        appendField(r.date, to: &buffer)
        buffer.append(tab)
        appendField(r.employee, to: &buffer)
        buffer.append(tab)
        appendField(r.channel, to: &buffer)
        buffer.append(tab)
        appendField(r.language.rawValue, to: &buffer)
        buffer.append(tab)
        buffer.append(contentsOf: (r.sentiment?.label ?? .neutral).rawValue.utf8)
        buffer.append(tab)
        buffer.append(contentsOf: String(r.sentiment?.score ?? 0).utf8)
        buffer.append(tab)
        if let rating = r.rating { buffer.append(contentsOf: String(rating).utf8) } else { buffer.append(contentsOf: null) }
        buffer.append(tab)
        var themes: [UInt8] = []
        for (i, t) in r.themes.enumerated() {
            if i > 0 { themes.append(pairSeparator) }
            themes.append(contentsOf: t.theme.utf8)
            themes.append(themeSeparator)
            themes.append(contentsOf: t.polarity.rawValue.utf8)
        }
        appendField(String(decoding: themes, as: UTF8.self), to: &buffer)
        buffer.append(newline)
    }

    /// Appends `s` escaped, or `\N` for nil.
    static func appendField(_ s: String?, to out: inout [UInt8]) {
        guard let s else { out.append(contentsOf: null); return }
        for c in s.utf8 {
            switch c {
            case backslash: out.append(backslash); out.append(backslash)
            case tab: out.append(backslash); out.append(UInt8(ascii: "t"))
            case newline: out.append(backslash); out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(backslash); out.append(UInt8(ascii: "r"))
            default: out.append(c)
            }
        }
    }

    /// One spool line (without its newline) as a `StoredRecord`; nil when the line is damaged.
    public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> StoredRecord? {
        var f: [String?] = []
        f.reserveCapacity(10)
        var s = 0
        for i in 0...line.count where i == line.count || line[i] == tab {
            f.append(field(UnsafeBufferPointer(rebasing: line[s..<i])))
            s = i + 1
        }
        guard f.count == 10, let id = f[0], let lineNo = f[1].flatMap({ Int($0) }), let language = f[5],
              let label = f[6].flatMap(SentimentLabel.init(rawValue:)), let score = f[7].flatMap({ Double($0) }) else { return nil }
        var themes: [String: SentimentLabel] = [:]
        for pair in (f[9] ?? "").utf8.split(separator: pairSeparator) {
            let parts = pair.split(separator: themeSeparator)
            if parts.count == 2, let p = SentimentLabel(rawValue: String(decoding: parts[1], as: UTF8.self)) {
                themes[String(decoding: parts[0], as: UTF8.self)] = p
            }
        }
        return StoredRecord(recordId: id, line: lineNo, date: f[2], employee: f[3], channel: f[4], language: language,
                            label: label, score: score, rating: f[8].flatMap { Double($0) }, themes: themes)
    }

    /// A field's value: nil for `\N`, else the unescaped text.
    static func field(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        if isNull(b) { return nil }
        guard b.contains(backslash) else { return String(decoding: b, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var escaped = false
        for c in b {
            if escaped {
                switch c {
                case UInt8(ascii: "t"): out.append(tab)
                case UInt8(ascii: "n"): out.append(newline)
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                default: out.append(c)
                }
                escaped = false
            } else if c == backslash {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isNull(_ b: UnsafeBufferPointer<UInt8>) -> Bool { b.count == 2 && b[0] == backslash && b[1] == UInt8(ascii: "N") }

    /// Calls `body` with each line of `bytes` that is not empty (the last one may lack its newline).
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != newline { end += 1 }
            if end > start { try body(UnsafeBufferPointer(rebasing: bytes[start..<end])) }
            start = end + 1
        }
    }
}
