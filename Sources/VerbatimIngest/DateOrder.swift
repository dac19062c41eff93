/// Whether a date column writes the day or the month before the year's other number: `21/11/2026`
/// (the day first, as Turkish, Kazakh, Mongolian, Serbian and Russian write it) or `11/21/2026`
/// (the month first, as US tools such as SurveyMonkey write it).
///
/// Read day first alone, a US column's 21 November was rejected ("there is no month 21") with its
/// comment, and its 5 November was silently read as 11 May. So the order is decided once per
/// column (`DateOrder.decide`): the pipeline's `date_order:`, else its first answers (a first number
/// above 12 says day first, a second above 12 month first; 12-hour times with AM or PM, which these
/// countries do not write, say month first when no number decides), else day first.
public enum DateOrder: String, Sendable, Hashable, CaseIterable {
    case dayFirst = "day_first"
    case monthFirst = "month_first"

    /// A column's order, with why (for the manifest).
    public struct Decision: Sendable, Hashable {
        public var order: DateOrder
        public var reason: String

        /// What the manifest says: "month first (11/21/2026): its first answers include '11/21/2026 08:31:12 AM'".
        public var description: String {
            "\(order == .monthFirst ? "month first (11/21/2026)" : "day first (21/11/2026)"): \(reason)"
        }
    }

    /// The order of a column whose first answers are `answers`; nil when nothing says otherwise than day
    /// first, the default (so the manifest names only a column read differently, or one the pipeline set).
    static func decide(explicit: DateOrder?, answers: [String]) -> Decision? {
        if let explicit { return Decision(order: explicit, reason: "date_order: \(explicit.rawValue) in the pipeline file") }
        var dayFirst: String?, monthFirst: String?, twelveHour: String?
        for answer in answers {
            guard let (a, b) = leadingDayAndMonth(answer) else { continue }
            if a > 12, b <= 12 { dayFirst = dayFirst ?? answer }
            if b > 12, a <= 12 { monthFirst = monthFirst ?? answer }
            if twelveHour == nil, endsWithMeridiem(answer) { twelveHour = answer }
        }
        switch (dayFirst, monthFirst) {
        case (nil, let m?): return Decision(order: .monthFirst, reason: "its first answers include '\(m)', whose second number is past 12")
        case (nil, nil):
            guard let t = twelveHour else { return nil }
            return Decision(order: .monthFirst, reason: "its first answers have 12-hour times ('\(t)'), as US tools write dates")
        default: return nil
        }
    }

    /// The two numbers of `7/11/2026` (one or two digits each, then a four-digit year, separated by `.`,
    /// `/` or `-`) at the start of `s`, spaces before them passed over; nil for anything else. On bytes:
    /// a Swift `Regex` here cost 28 million instructions a file, compiled at each call.
    static func leadingDayAndMonth(_ s: String) -> (Int, Int)? {
        let b = Array(s.utf8)
        var i = 0
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        func number(maxDigits: Int) -> (value: Int, digits: Int) {
            var v = 0, n = 0
            while i < b.count, n < maxDigits, b[i] >= 0x30, b[i] <= 0x39 { v = v * 10 + Int(b[i] - 0x30); i += 1; n += 1 }
            return (v, n)
        }
        func separator() -> Bool {
            guard i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "/") || b[i] == UInt8(ascii: "-") else { return false }
            i += 1
            return true
        }
        let first = number(maxDigits: 2)
        guard first.digits > 0, separator() else { return nil }
        let second = number(maxDigits: 2)
        guard second.digits > 0, separator(), number(maxDigits: 4).digits == 4 else { return nil }
        return (first.value, second.value)
    }

    /// Whether `s` ends with a 12-hour clock's `AM` or `PM` after a digit (`8:31:12 AM`, `1:00 p.m.`).
    static func endsWithMeridiem(_ s: String) -> Bool {
        var b = Array(s.utf8)
        while let last = b.last, last == 0x20 || last == 0x09 || last == UInt8(ascii: ".") { b.removeLast() }
        guard b.count >= 3, b[b.count - 1] | 0x20 == UInt8(ascii: "m") else { return false }
        b.removeLast()
        if b.last == UInt8(ascii: ".") { b.removeLast() }
        guard let ap = b.popLast(), ap | 0x20 == UInt8(ascii: "a") || ap | 0x20 == UInt8(ascii: "p") else { return false }
        while let last = b.last, last == 0x20 { b.removeLast() }
        guard let digit = b.last else { return false }
        return digit >= 0x30 && digit <= 0x39
    }
}
