import Foundation
import VerbatimStore

/// The pipeline's `trends:` key: the length of the periods compared
/// ("the last 7 days against the 7 before", `trends: {period_days: 7}`).
public struct TrendSettings: Sendable, Hashable {
    public var periodDays = 7

    public init(periodDays: Int = 7) { self.periodDays = periodDays }

    /// The current period (the `periodDays` days ending on `asOf`, inclusive)
    /// and the one before it.
    public func periods(asOf: String) -> (current: DayRange, previous: DayRange) {
        func day(_ offset: Int) -> String { Self.add(days: -offset, to: asOf) }
        return (DayRange(from: day(periodDays - 1), to: asOf), DayRange(from: day(2 * periodDays - 1), to: day(periodDays)))
    }

    /// `YYYY-MM-DD` plus a number of days (calendar arithmetic in UTC, so no
    /// daylight-saving day is ever 23 or 25 hours).
    static func add(days: Int, to date: String) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let p = date.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, let d = cal.date(from: DateComponents(year: p[0], month: p[1], day: p[2])),
              let r = cal.date(byAdding: .day, value: days, to: d) else { return date }
        let c = cal.dateComponents([.year, .month, .day], from: r)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
