/// An inclusive range of local days, `YYYY-MM-DD` … `YYYY-MM-DD`.
///
/// Records are placed in a day by the date part of their own timestamp
/// (`2026-11-21T09:14:00+03:00` is on 2026-11-21), as in the reports.
public struct DayRange: Sendable, Hashable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}
