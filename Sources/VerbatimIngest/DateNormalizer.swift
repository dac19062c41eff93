/// Parses the date forms exports use into one ISO 8601 representation.
///
/// Accepted: `21.11.2026`, `21.11.2026.`, `21.11.2026 09:14`, `21/11/2026`,
/// `2026-11-21`, `2026.11.21`, `2026-11-21 14:05`, ISO 8601 with or without
/// zone (`2026-11-21T09:14:00+05:00`, `…Z`), RFC 822 (`Sat, 21 Nov 2026
/// 10:02:00 +0300`), the date of Twitter's API and of `ctime` (`Sat Nov 21 08:31:12 +0000 2026`),
/// a year of two digits after the day and month (`21.11.26`, read as 2026), the abbreviation of
/// "year" after it (`21.11.2026 г.`, `21.11.2026 ж.`), digits alone (`20261121`, `20261121143000`),
/// Excel serial days (`46347`, `46347.5`) and Unix time in seconds or milliseconds (`1795249872`,
/// `1795249872000`, as social-listening APIs give it: read in UTC). A time may have `AM` or `PM`
/// (`9:14 PM`), and a zone (`+03:00`, `+0300`, `Z`, `UTC`, `GMT`). A day and month before the year
/// are read day first, or month first (`11/21/2026`, as US tools write them) when the column is
/// (`DateOrder`). Output: `2026-11-21`, `2026-11-21T09:14:00` or
/// `2026-11-21T09:14:00+03:00` — the local date is always the first ten
/// characters.
///
/// Runs once per record: it scans the UTF-8 bytes in place and writes the
/// result into a small stack buffer, so the only allocation is the
/// returned string.
public enum DateNormalizer {
    public static func normalize(_ raw: String, monthFirst: Bool = false) -> String? {
        var raw = raw
        return raw.withUTF8 { normalize(bytes: $0, monthFirst: monthFirst) }
    }

    /// `normalize` over the UTF-8 bytes of a value.
    static func normalize(bytes all: UnsafeBufferPointer<UInt8>, monthFirst: Bool = false) -> String? {
        // Trims spaces and tabs (ASCII, so trimming bytes is trimming scalars).
        var lo = 0, hi = all.count
        while lo < hi, all[lo] == 0x20 || all[lo] == 0x09 { lo += 1 }
        while hi > lo, all[hi - 1] == 0x20 || all[hi - 1] == 0x09 { hi -= 1 }
        if lo == hi { return nil }
        let bytes = UnsafeBufferPointer(rebasing: all[lo..<hi])
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Output.capacity) { buffer in
            var out = Output(buffer)
            var scanner = Scanner(bytes)
            if parseRFC822(&scanner, &out) { return out.string }
            out.count = 0
            scanner = Scanner(bytes)
            if parseCtime(&scanner, &out) { return out.string }
            out.count = 0
            scanner = Scanner(bytes)
            if parseNumeric(&scanner, monthFirst: monthFirst, &out) { return out.string }
            out.count = 0
            if parseCompact(bytes, &out) { return out.string }
            out.count = 0
            if parseUnixTime(bytes, &out) { return out.string }
            return nil
        }
    }

    /// A date of digits alone, as system exports and spreadsheets without a date format write it:
    /// `20261121` and `20261121143000` (year, month, day, and the time), or an Excel serial day
    /// (`46347`, `46347.5`, `46347,5`: days since 1899-12-30, the 1900 system; a cell that lost its date format
    /// keeps it) from 20000 to 80000, 1954 to 2119, so that no other number of five digits is read.
    private static func parseCompact(_ b: UnsafeBufferPointer<UInt8>, _ out: inout Output) -> Bool {
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func number(_ r: Range<Int>) -> Int { b[r].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let whole = b.firstIndex { !isDigit($0) } ?? b.count
        if whole == b.count, b.count == 8 || b.count == 14 {
            guard ymd(number(0..<4), number(4..<6), number(6..<8), &out) else { return false }
            if b.count == 14 {
                let (h, m, s) = (number(8..<10), number(10..<12), number(12..<14))
                guard h < 24, m < 60, s < 61 else { return false }
                out.time((h, m, s))
            }
            return true
        }
        let point = whole < b.count && (b[whole] == UInt8(ascii: ".") || b[whole] == UInt8(ascii: ","))  // "46347,5" in a comma locale
        guard whole == 5, whole == b.count || (point && whole + 1 < b.count && b[(whole + 1)...].allSatisfy(isDigit)),
              (20000...80000).contains(number(0..<5)) else { return false }
        let (year, month, day) = ExcelDate.civil(number(0..<5) - 25569)  // 1970-01-01 is serial day 25569 (the 1900 system)
        guard ymd(year, month, day, &out) else { return false }
        if whole < b.count {
            let fraction = Double("0." + String(decoding: UnsafeBufferPointer(rebasing: b[(whole + 1)...]), as: UTF8.self)) ?? 0
            let seconds = min(Int((fraction * 86400).rounded()), 86399)
            if seconds > 0 { out.time((seconds / 3600, seconds / 60 % 60, seconds % 60)) }
        }
        return true
    }

    /// `jan`…`dec`, as the three lower-case bytes of each month.
    private static let months: [(UInt8, UInt8, UInt8)] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .map { s in let b = Array(s.utf8); return (b[0], b[1], b[2]) }

    private static func parseRFC822(_ sc: inout Scanner, _ out: inout Output) -> Bool {
        // Optional weekday "Sat,"
        let save = sc.pos
        if sc.letters().count == 3 { if !sc.eat(UInt8(ascii: ",")) { sc.pos = save } } else { sc.pos = save }
        sc.skipSpaces()
        guard let day = sc.number(maxDigits: 2) else { return false }
        sc.skipSpaces()
        guard let m = month(sc.letters(), sc) else { return false }
        sc.skipSpaces()
        guard let year = sc.number(maxDigits: 4), year > 999 else { return false }
        sc.skipSpaces()
        guard ymd(year, m, day, &out) else { return false }
        if let time = parseTime(&sc) {
            out.time(time)
            sc.skipSpaces()
            if let zone = parseZone(&sc) { out.zone(zone) } else if !sc.atEnd { return false }
        }
        sc.skipSpaces()
        return sc.atEnd
    }

    /// Twitter's `created_at` and C's `ctime`: weekday, month, day, time, an optional zone, and the
    /// year last (`Sat Nov 21 08:31:12 +0000 2026`, `Sat Nov 21 08:31:12 2026`).
    private static func parseCtime(_ sc: inout Scanner, _ out: inout Output) -> Bool {
        guard sc.letters().count == 3 else { return false }
        sc.skipSpaces()
        guard let month = month(sc.letters(), sc) else { return false }
        sc.skipSpaces()
        guard let day = sc.number(maxDigits: 2) else { return false }
        sc.skipSpaces()
        guard let time = parseTime(&sc) else { return false }
        sc.skipSpaces()
        let zone = parseZone(&sc)
        sc.skipSpaces()
        guard let year = sc.number(maxDigits: 4), sc.lastDigits == 4, sc.atEnd, ymd(year, month, day, &out) else { return false }
        out.time(time)
        if let zone { out.zone(zone) }
        return true
    }

    /// Unix time, as social-listening APIs give a post's time: seconds (10 digits, a fraction
    /// allowed) or milliseconds (13 digits) since 1970-01-01 UTC: from 2001-09-09, where ten digits start,
    /// to 2200, so that no other number is taken for a date. Written in UTC (`…Z`).
    private static func parseUnixTime(_ b: UnsafeBufferPointer<UInt8>, _ out: inout Output) -> Bool {
        let whole = b.firstIndex { $0 < 0x30 || $0 > 0x39 } ?? b.count
        guard whole == 10 || whole == 13, b[0] != 0x30 else { return false }
        if whole < b.count {
            guard whole == 10, b[whole] == UInt8(ascii: "."), whole + 1 < b.count,
                  b[(whole + 1)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        }
        let value = b[..<whole].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let seconds = whole == 13 ? value / 1000 : value
        let (year, month, day) = ExcelDate.civil(seconds / 86_400)
        guard ymd(year, month, day, &out) else { return false }
        let time = seconds % 86_400
        out.time((time / 3600, time / 60 % 60, time % 60))
        out.zone(.utc)
        return true
    }

    /// The month (1–12) whose English name or abbreviation starts with the letters of `r`.
    private static func month(_ r: Range<Int>, _ sc: Scanner) -> Int? {
        guard r.count >= 3 else { return nil }
        let key = (sc.b[r.lowerBound] | 0x20, sc.b[r.lowerBound + 1] | 0x20, sc.b[r.lowerBound + 2] | 0x20)
        return months.firstIndex { $0 == key }.map { $0 + 1 }
    }

    private static func parseNumeric(_ sc: inout Scanner, monthFirst: Bool, _ out: inout Output) -> Bool {
        guard let a = sc.number(maxDigits: 4) else { return false }
        let aDigits = sc.lastDigits
        guard let sep = sc.peek, sep == UInt8(ascii: ".") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") else { return false }
        sc.pos += 1
        guard let b = sc.number(maxDigits: 2) else { return false }
        guard sc.eat(sep), let c = sc.number(maxDigits: 4) else { return false }
        let cDigits = sc.lastDigits
        if aDigits == 4 {
            guard ymd(a, b, c, &out) else { return false }
        } else if cDigits == 4 || (cDigits == 2 && aDigits <= 2 && sep != UInt8(ascii: "-")) {
            // A year of two digits (`06.12.26`, Excel's short date in Turkish, Russian, Kazakh and Serbian) is 20xx.
            let year = cDigits == 4 ? c : 2000 + c
            guard monthFirst ? ymd(year, a, b, &out) : ymd(year, b, a, &out) else { return false }
        } else {
            return false
        }
        if sep == UInt8(ascii: ".") { _ = sc.eat(UInt8(ascii: ".")) }  // Serbian "21.11.2026."
        skipYearWord(&sc)
        if sc.atEnd { return true }
        guard sc.eat(UInt8(ascii: "T")) || sc.eat(UInt8(ascii: " ")) else { return false }
        sc.skipSpaces()
        guard var time = parseTime(&sc) else { return false }
        sc.skipSpaces()
        if let pm = parseMeridiem(&sc) {
            // A 12-hour clock: 12 AM is midnight, 12 PM noon.
            guard (1...12).contains(time.h) else { return false }
            time.h = time.h % 12 + (pm ? 12 : 0)
            sc.skipSpaces()
        }
        out.time(time)
        if sc.atEnd { return true }
        guard let zone = parseZone(&sc) else { return false }
        out.zone(zone)
        sc.skipSpaces()
        return sc.atEnd
    }

    /// The abbreviation of "year" written after one (`6.12.2026 г.`, Russian `год`; `6.12.2026 ж.`, Kazakh
    /// `жыл`), with the spaces before it: passed over when a space or the end follows it, else nothing is read.
    private static func skipYearWord(_ sc: inout Scanner) {
        let save = sc.pos
        sc.skipSpaces()
        // `г` is D0 B3, `ж` D0 B6.
        guard sc.eat(0xD0), sc.eat(0xB3) || sc.eat(0xB6) else { sc.pos = save; return }
        _ = sc.eat(UInt8(ascii: "."))
        if !sc.atEnd, sc.peek != 0x20 { sc.pos = save }
    }

    private static func parseTime(_ sc: inout Scanner) -> (h: Int, m: Int, s: Int)? {
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
        return (h, m, sec)
    }

    /// `AM` or `PM` (any case, `a.m.` and `p.m.` too) after a time: true for PM; nil, with nothing
    /// read, for anything else.
    private static func parseMeridiem(_ sc: inout Scanner) -> Bool? {
        let save = sc.pos
        guard let c = sc.peek, (c | 0x20) == 0x61 || (c | 0x20) == 0x70 else { return nil }
        sc.pos += 1
        _ = sc.eat(UInt8(ascii: "."))
        guard let m = sc.peek, (m | 0x20) == 0x6D else { sc.pos = save; return nil }
        sc.pos += 1
        _ = sc.eat(UInt8(ascii: "."))
        if let next = sc.peek, (next | 0x20) >= 0x61, (next | 0x20) <= 0x7A { sc.pos = save; return nil }
        return (c | 0x20) == 0x70
    }

    /// A zone: `Z`, `UTC`, `GMT` or `UT`, or a sign with hours and minutes (`+03:00`, `+0300`, `-05`).
    private enum Zone { case utc, offset(sign: UInt8, hours: Int, minutes: Int) }

    private static func parseZone(_ sc: inout Scanner) -> Zone? {
        let save = sc.pos
        let name = sc.letters()
        if sc.matches(name, "Z") || sc.matches(name, "UTC") || sc.matches(name, "GMT") || sc.matches(name, "UT") { return .utc }
        sc.pos = save
        guard let sign = sc.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        sc.pos += 1
        guard let h = sc.number(maxDigits: 2) else { return nil }
        var hh = h, mm = 0
        if sc.lastDigits == 4 || h > 24 { return nil }
        if sc.eat(UInt8(ascii: ":")) { guard let m = sc.number(maxDigits: 2) else { return nil }; mm = m } else if let m = sc.number(maxDigits: 2) { mm = m }
        if hh > 14 || mm > 59 { return nil }
        if sc.lastDigits == 0 { hh = h }
        return .offset(sign: sign, hours: hh, minutes: mm)
    }

    /// Writes `YYYY-MM-DD` when the day exists.
    private static func ymd(_ y: Int, _ m: Int, _ d: Int, _ out: inout Output) -> Bool {
        guard (1900...2200).contains(y), (1...12).contains(m), d >= 1 else { return false }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = switch m { case 2: leap ? 29 : 28; case 4, 6, 9, 11: 30; default: 31 }
        guard d <= days else { return false }
        out.digits(y, 4); out.byte(UInt8(ascii: "-")); out.digits(m, 2); out.byte(UInt8(ascii: "-")); out.digits(d, 2)
        return true
    }

    /// The normalized date being written, in a buffer long enough for the longest form.
    private struct Output {
        static let capacity = 32
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0
        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

        mutating func byte(_ b: UInt8) { buffer[count] = b; count += 1 }
        /// `v` in decimal, zero-padded to at least `width` digits.
        mutating func digits(_ v: Int, _ width: Int) {
            var n = 1, p = 10
            while v >= p, n < 18 { n += 1; p *= 10 }
            n = max(n, width)
            var x = v
            for k in stride(from: count + n - 1, through: count, by: -1) { buffer[k] = UInt8(0x30 + x % 10); x /= 10 }
            count += n
        }
        mutating func time(_ t: (h: Int, m: Int, s: Int)) {
            byte(UInt8(ascii: "T")); digits(t.h, 2); byte(UInt8(ascii: ":")); digits(t.m, 2); byte(UInt8(ascii: ":")); digits(t.s, 2)
        }
        mutating func zone(_ z: Zone) {
            switch z {
            case .utc: byte(UInt8(ascii: "Z"))
            case let .offset(sign, hours, minutes): byte(sign); digits(hours, 2); byte(UInt8(ascii: ":")); digits(minutes, 2)
            }
        }
        var string: String { String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self) }
    }

    private struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        var pos = 0
        var lastDigits = 0
        init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }
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
        /// The ASCII letters from here, as a range of `b`.
        mutating func letters() -> Range<Int> {
            let start = pos
            while pos < b.count, (b[pos] | 0x20) >= 0x61, (b[pos] | 0x20) <= 0x7A { pos += 1 }
            return start..<pos
        }
        /// True when the bytes of `r` are exactly `s` (case-sensitive).
        func matches(_ r: Range<Int>, _ s: StaticString) -> Bool {
            guard r.count == s.utf8CodeUnitCount else { return false }
            let p = s.utf8Start
            for k in 0..<r.count where b[r.lowerBound + k] != p[k] { return false }
            return true
        }
    }
}

extension String {
    /// Trims the scalars of `chars` from both ends. Called for every field of every row:
    /// no set is built, and a field with nothing to trim is returned as it is.
    ///
    /// With only ASCII in `chars` (every call but the header's BOM) it looks at bytes: an
    /// ASCII byte in UTF-8 is always a whole scalar, so trimming bytes is trimming scalars.
    func trimmingCharactersInSet(_ chars: String) -> String {
        let set = chars.utf8
        if set.allSatisfy({ $0 < 0x80 }) {
            let u = utf8
            guard let first = u.first, let last = u.last, set.contains(first) || set.contains(last) else { return self }
            var lo = u.startIndex, hi = u.endIndex
            while lo < hi, set.contains(u[lo]) { lo = u.index(after: lo) }
            while hi > lo, set.contains(u[u.index(before: hi)]) { hi = u.index(before: hi) }
            // Through the scalar view: slicing the string itself would round to `Character`s.
            return String(unicodeScalars[lo..<hi])
        }
        let trim = chars.unicodeScalars
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, trim.contains(f) { scalars.removeFirst() }
        while let l = scalars.last, trim.contains(l) { scalars.removeLast() }
        return scalars.startIndex == startIndex && scalars.endIndex == endIndex ? self : String(scalars)
    }
}
