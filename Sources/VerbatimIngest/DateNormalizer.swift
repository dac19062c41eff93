/// Parses the date forms exports use into one ISO 8601 representation.
///
/// Accepted: `21.11.2026`, `21.11.2026.`, `21.11.2026 09:14`, `21/11/2026`,
/// `2026-11-21`, `2026.11.21`, `2026-11-21 14:05`, ISO 8601 with or without
/// zone (`2026-11-21T09:14:00+05:00`, `…Z`), and RFC 822 (`Sat, 21 Nov 2026
/// 10:02:00 +0300`). Output: `2026-11-21`, `2026-11-21T09:14:00` or
/// `2026-11-21T09:14:00+03:00` — the local date is always the first ten
/// characters.
public enum DateNormalizer {
    public static func normalize(_ raw: String) -> String? {
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

extension String {
    /// Trims the scalars of `chars` from both ends. Called for every field of every row:
    /// no set is built, and a field with nothing to trim is returned as it is.
    func trimmingCharactersInSet(_ chars: String) -> String {
        let trim = chars.unicodeScalars
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, trim.contains(f) { scalars.removeFirst() }
        while let l = scalars.last, trim.contains(l) { scalars.removeLast() }
        return scalars.startIndex == startIndex && scalars.endIndex == endIndex ? self : String(scalars)
    }
}
