// The readers' hot paths as they were before they were rewritten over bytes (issue 8),
// kept only to check the rewrite against: `ByteRewriteEquivalenceTests` feeds both the
// same generated inputs and expects the same results.
@testable import VerbatimIngest

/// Parses the date forms exports use into one ISO 8601 representation.
///
/// Accepted: `21.11.2026`, `21.11.2026.`, `21.11.2026 09:14`, `21/11/2026`,
/// `2026-11-21`, `2026.11.21`, `2026-11-21 14:05`, ISO 8601 with or without
/// zone (`2026-11-21T09:14:00+05:00`, `…Z`), and RFC 822 (`Sat, 21 Nov 2026
/// 10:02:00 +0300`). Output: `2026-11-21`, `2026-11-21T09:14:00` or
/// `2026-11-21T09:14:00+03:00` — the local date is always the first ten
/// characters.
enum LegacyDateNormalizer {
    static func normalize(_ raw: String) -> String? {
        let s = raw.trimmingCharactersInSet(" \t")
        if s.isEmpty { return nil }
        var scanner = Scanner(Array(s.utf8))
        if let r = parseRFC822(&scanner) { return r }
        scanner = Scanner(Array(s.utf8))
        return parseNumeric(&scanner)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func parseRFC822(_ sc: inout Scanner) -> String? {
        // Optional weekday "Sat,"
        let save = sc.pos
        if sc.letters().count == 3 { if !sc.eat(UInt8(ascii: ",")) { sc.pos = save } } else { sc.pos = save }
        sc.skipSpaces()
        guard let day = sc.number(maxDigits: 2) else { return nil }
        sc.skipSpaces()
        let mon = sc.letters().lowercased()
        guard mon.count >= 3, let m = months.firstIndex(of: String(mon.prefix(3))) else { return nil }
        sc.skipSpaces()
        guard let year = sc.number(maxDigits: 4), year > 999 else { return nil }
        sc.skipSpaces()
        var out = ymd(year, m + 1, day)
        guard out != nil else { return nil }
        if let time = parseTime(&sc) {
            out! += "T" + time
            sc.skipSpaces()
            if let zone = parseZone(&sc) { out! += zone } else if !sc.atEnd {
                let z = sc.letters()
                if z == "GMT" || z == "UTC" || z == "UT" { out! += "Z" } else if !z.isEmpty { return nil }
            }
        }
        sc.skipSpaces()
        return sc.atEnd ? out : nil
    }

    private static func parseNumeric(_ sc: inout Scanner) -> String? {
        guard let a = sc.number(maxDigits: 4) else { return nil }
        let aDigits = sc.lastDigits
        guard let sep = sc.peek, sep == UInt8(ascii: ".") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") else { return nil }
        sc.pos += 1
        guard let b = sc.number(maxDigits: 2) else { return nil }
        guard sc.eat(sep), let c = sc.number(maxDigits: 4) else { return nil }
        let cDigits = sc.lastDigits
        var date: String?
        if aDigits == 4 { date = ymd(a, b, c) } else if cDigits == 4 { date = ymd(c, b, a) } else { return nil }
        guard var out = date else { return nil }
        if sep == UInt8(ascii: ".") { _ = sc.eat(UInt8(ascii: ".")) }  // Serbian "21.11.2026."
        if sc.atEnd { return out }
        guard sc.eat(UInt8(ascii: "T")) || sc.eat(UInt8(ascii: " ")) else { return nil }
        sc.skipSpaces()
        guard let time = parseTime(&sc) else { return nil }
        out += "T" + time
        sc.skipSpaces()
        if sc.atEnd { return out }
        guard let zone = parseZone(&sc) else { return nil }
        out += zone
        sc.skipSpaces()
        return sc.atEnd ? out : nil
    }

    private static func parseTime(_ sc: inout Scanner) -> String? {
        let save = sc.pos
        guard let h = sc.number(maxDigits: 2), h < 24, sc.eat(UInt8(ascii: ":")), let m = sc.number(maxDigits: 2), m < 60 else {
            sc.pos = save; return nil
        }
        var sec = 0
        if sc.eat(UInt8(ascii: ":")) {
            guard let s = sc.number(maxDigits: 2), s < 61 else { sc.pos = save; return nil }
            sec = s
            if sc.eat(UInt8(ascii: ".")) || sc.eat(UInt8(ascii: ",")) { _ = sc.number(maxDigits: 9) }
        }
        return pad(h) + ":" + pad(m) + ":" + pad(sec)
    }

    private static func parseZone(_ sc: inout Scanner) -> String? {
        if sc.eat(UInt8(ascii: "Z")) { return "Z" }
        guard let sign = sc.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        sc.pos += 1
        guard let h = sc.number(maxDigits: 2) else { return nil }
        var hh = h, mm = 0
        if sc.lastDigits == 4 || h > 24 { return nil }
        if sc.eat(UInt8(ascii: ":")) { guard let m = sc.number(maxDigits: 2) else { return nil }; mm = m } else if let m = sc.number(maxDigits: 2) { mm = m }
        if hh > 14 || mm > 59 { return nil }
        if sc.lastDigits == 0 { hh = h }
        return String(UnicodeScalar(sign)) + pad(hh) + ":" + pad(mm)
    }

    private static func ymd(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1900...2200).contains(y), (1...12).contains(m), d >= 1 else { return nil }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= days[m - 1] else { return nil }
        return "\(y)-\(pad(m))-\(pad(d))"
    }

    private static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    private struct Scanner {
        let b: [UInt8]
        var pos = 0
        var lastDigits = 0
        init(_ b: [UInt8]) { self.b = b }
        var atEnd: Bool { pos >= b.count }
        var peek: UInt8? { pos < b.count ? b[pos] : nil }
        mutating func eat(_ c: UInt8) -> Bool {
            if pos < b.count, b[pos] == c { pos += 1; return true }
            return false
        }
        mutating func skipSpaces() { while pos < b.count, b[pos] == 0x20 || b[pos] == 0x09 { pos += 1 } }
        mutating func number(maxDigits: Int) -> Int? {
            var v = 0, n = 0
            while pos < b.count, n < maxDigits, b[pos] >= 0x30, b[pos] <= 0x39 { v = v * 10 + Int(b[pos] - 0x30); pos += 1; n += 1 }
            lastDigits = n
            return n == 0 ? nil : v
        }
        mutating func letters() -> String {
            let start = pos
            while pos < b.count, (b[pos] | 0x20) >= 0x61, (b[pos] | 0x20) <= 0x7A { pos += 1 }
            return String(decoding: b[start..<pos], as: UTF8.self)
        }
    }
}


/// An RFC 4180 state machine over UTF-8 bytes, fed chunk by chunk.
///
/// Emits one `Row` per record with the line it started on. Counts lines the
/// way editors do (CRLF, LF and CR each end one line), skips empty lines,
/// and caps a record at `maxRecordBytes`: every byte of the record counts,
/// delimiters included, so neither one huge field nor millions of empty
/// ones can grow memory past the cap. The rest of an overlong record is
/// skipped and the row carries `.tooLong`; likewise a record of more than
/// `maxFields` fields carries `.tooManyFields`.
struct LegacyCSVRowParser {
    struct Row {
        var fields: [[UInt8]]
        var line: Int
        var problem: RowProblem?
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    let delimiter: UInt8
    let maxRecordBytes: Int
    /// No export has this many columns; a row that does is damaged.
    static let maxFields = 10_000
    private(set) var line = 1
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [[UInt8]] = []
    private var recordLine = 1
    private var recordBytes = 0
    /// The first limit the current record went past; from then on nothing more of it is kept.
    private var limitHit: RowProblem?
    private var lastWasCR = false
    private var sawQuote = false

    init(delimiter: UInt8, maxRecordBytes: Int) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    private mutating func append(_ b: UInt8) {
        recordBytes += 1
        if recordBytes > maxRecordBytes, limitHit == nil { limitHit = .tooLong(limit: maxRecordBytes) }
        if limitHit == nil { field.append(b) }
    }

    private mutating func endField() {
        // A delimiter is a byte of the record too; past the cap, fields are no longer kept.
        recordBytes += 1
        if recordBytes > maxRecordBytes, limitHit == nil { limitHit = .tooLong(limit: maxRecordBytes) }
        if fields.count >= Self.maxFields, limitHit == nil { limitHit = .tooManyFields(limit: Self.maxFields) }
        if limitHit == nil || fields.isEmpty { fields.append(field) }
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(onRow: (Row) -> Void) {
        endField()
        let empty = fields.count == 1 && fields[0].isEmpty && !sawQuote
        if !empty {
            onRow(Row(fields: fields, line: recordLine, problem: limitHit))
        }
        fields.removeAll(keepingCapacity: true)
        recordBytes = 0
        limitHit = nil
        sawQuote = false
        state = .fieldStart
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, onRow: (Row) -> Void) {
        for b in bytes {
            // Line accounting: CR, LF, or CRLF is one line end.
            let isNewline = b == 0x0A || b == 0x0D
            if b == 0x0A && lastWasCR { lastWasCR = false; continue }
            lastWasCR = b == 0x0D
            switch state {
            case .fieldStart:
                if b == 0x22 { state = .quoted; sawQuote = true }
                else if b == delimiter { endField() }
                else if isNewline { line += 1; endRecord(onRow: onRow); recordLine = line }
                else { append(b); state = .unquoted }
            case .unquoted:
                if b == delimiter { endField(); state = .fieldStart }
                else if isNewline { line += 1; endRecord(onRow: onRow); recordLine = line }
                else { append(b) }
            case .quoted:
                if b == 0x22 { state = .quoteInQuoted }
                else {
                    if isNewline { line += 1; append(0x0A) } else { append(b) }
                }
            case .quoteInQuoted:
                if b == 0x22 { append(0x22); state = .quoted }
                else if b == delimiter { endField(); state = .fieldStart }
                else if isNewline { line += 1; endRecord(onRow: onRow); recordLine = line }
                else { append(b); state = .unquoted }  // lenient: text after a closing quote
            }
        }
    }

    /// Flushes the last record (a file need not end with a newline).
    mutating func finish(onRow: (Row) -> Void) {
        if state == .quoted {
            endField()
            onRow(Row(fields: fields, line: recordLine, problem: .unterminatedQuote))
            fields.removeAll()
            return
        }
        if state == .fieldStart && fields.isEmpty && field.isEmpty { return }
        endRecord(onRow: onRow)
    }
}

/// Parses survey ratings: `4`, `4,5`, `4.5`, `4/5`, `9 / 10`.
enum LegacyRatingParser {
    /// The rating as a number 0…10, or nil when it is not one.
    static func parse(_ raw: String) -> Double? {
        var s = raw.trimmingCharactersInSet(" \t")
        if let slash = s.firstIndex(of: "/") { s = String(s[..<slash]).trimmingCharactersInSet(" \t") }
        s = s.legacyReplacingOccurrencesOfComma()
        guard !s.isEmpty, let v = Double(s), v.isFinite, v >= 0, v <= 10 else { return nil }
        return v
    }
}

extension String {
    fileprivate func legacyReplacingOccurrencesOfComma() -> String {
        String(unicodeScalars.map { $0 == "," ? "." : Character($0) })
    }
}

extension String {
    /// `trimmingCharactersInSet` before its ASCII fast path.
    func legacyTrimmingCharactersInSet(_ chars: String) -> String {
        let trim = chars.unicodeScalars
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, trim.contains(f) { scalars.removeFirst() }
        while let l = scalars.last, trim.contains(l) { scalars.removeLast() }
        return scalars.startIndex == startIndex && scalars.endIndex == endIndex ? self : String(scalars)
    }
}
