/// A date written with its separators (`9999-12-31`, `31.12.2026`, `05/11/2026`): never personal data,
/// though its eight digits may have a phone number's count and first digits (a Mongolian mobile is eight
/// digits from 5 to 9: `9999-12-31`, the "never expires" date of many systems, was masked as a phone).
///
/// A run of three digit groups is a date when it is a year of four digits, a month and a day (`YYYY-MM-DD`),
/// or a day, a month and a year (`DD.MM.YYYY`, day and month of one or two digits), each part after the
/// same single separator (`-`, `.` or `/`), the year 1900–2100 or 9999, the month 1–12 and the day 1–31. A
/// phone is written in other groups (`9911-2233`, `0532 123 45 67`), with spaces, or in no year
/// (`9911.12.03`).
enum DateRun {
    /// The last group of the date that starts at group `s`, or nil when the run there is no date.
    static func end(from s: Int, _ groups: [Group], _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard s + 2 < groups.count, GroupScanner.startsDigits(groups, s), GroupScanner.endsDigits(groups, s + 2) else { return nil }
        for k in s...(s + 2) where groups[k].kind != .digit || (k > s && !groups[k].connected) { return nil }
        guard let separator = separator(between: groups[s], groups[s + 1], bytes),
              separator == self.separator(between: groups[s + 1], groups[s + 2], bytes)
        else { return nil }
        let lengths = (s...(s + 2)).map { groups[$0].length }
        let yearFirst = lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2
        let yearLast = lengths[0] <= 2 && lengths[1] <= 2 && lengths[2] == 4
        guard yearFirst || yearLast else { return nil }
        let parts = (s...(s + 2)).map { value(of: groups[$0], bytes) }
        let (year, month, day) = yearFirst ? (parts[0], parts[1], parts[2]) : (parts[2], parts[1], parts[0])
        guard years.contains(year) || year == openEnded else { return nil }
        return (1...12).contains(month) && (1...31).contains(day) ? s + 2 : nil
    }

    /// The years a date is read in: a phone of eight digits written `9911.12.03` stays a phone.
    static let years = 1900...2100
    /// The year systems write for "never" (`9999-12-31`).
    static let openEnded = 9999

    /// The one separator byte between two groups (`-`, `.`, `/`), or nil when anything else is there.
    private static func separator(between a: Group, _ b: Group, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard b.start == a.end + 1 else { return nil }
        let c = bytes[a.end]
        return c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/") ? c : nil
    }

    /// A digit group's number (at most four digits here).
    private static func value(of g: Group, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var v = 0
        for i in g.start..<g.end { v = v * 10 + Int(bytes[i] - 0x30) }
        return v
    }
}
