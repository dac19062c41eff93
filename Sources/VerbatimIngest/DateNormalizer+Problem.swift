import Foundation

extension DateNormalizer {
    /// Why a date written in a numeric form (`32.11.2026`, `2026-02-30`, `21/13/2026`, `9999-12-31`) was
    /// not taken, when its form is right and a number is not: a month past 12, a day its month does not
    /// have, a year outside 1900–2200. Nil for any other unreadable value, whose form is what is wrong.
    /// Only for the message of a rejected row: `normalize` stays the one parser.
    public static func problem(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let dayFirst = text.prefixMatch(of: /(\d{1,2})[.\/-](\d{1,2})[.\/-](\d{4})/)
        let yearFirst = text.prefixMatch(of: /(\d{4})[.\/-](\d{1,2})[.\/-](\d{1,2})/)
        let (y, m, d): (Int, Int, Int)
        if let r = dayFirst, let day = Int(r.1), let month = Int(r.2), let year = Int(r.3) {
            (y, m, d) = (year, month, day)
        } else if let r = yearFirst, let year = Int(r.1), let month = Int(r.2), let day = Int(r.3) {
            (y, m, d) = (year, month, day)
        } else {
            return nil
        }
        if !(1...12).contains(m) {
            return "there is no month \(m)"
                + (dayFirst != nil && (1...12).contains(d) ? " (is the month written first, as in the US? then set date_order: month_first in the pipeline's sources)" : "")
        }
        if !(1900...2200).contains(y) { return "the year \(y) is outside 1900–2200" }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = switch m { case 2: leap ? 29 : 28; case 4, 6, 9, 11: 30; default: 31 }
        if d < 1 || d > days { return "\(monthNames[m - 1]) \(y) has no day \(d) (it has \(days))" }
        return nil
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                             "November", "December"]
}
