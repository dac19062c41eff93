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
            guard let m = answer.prefixMatch(of: /\s*(\d{1,2})[.\/-](\d{1,2})[.\/-]\d{4}/), let a = Int(m.1), let b = Int(m.2) else { continue }
            if a > 12, b <= 12 { dayFirst = dayFirst ?? answer }
            if b > 12, a <= 12 { monthFirst = monthFirst ?? answer }
            if twelveHour == nil, answer.contains(/\d\s*[AaPp]\.?[Mm]\.?\s*$/) { twelveHour = answer }
        }
        switch (dayFirst, monthFirst) {
        case (nil, let m?): return Decision(order: .monthFirst, reason: "its first answers include '\(m)', whose second number is past 12")
        case (nil, nil):
            guard let t = twelveHour else { return nil }
            return Decision(order: .monthFirst, reason: "its first answers have 12-hour times ('\(t)'), as US tools write dates")
        default: return nil
        }
    }
}
