/// What the store holds for "this period against the previous one": the
/// counts per employee and per theme in each period.
///
/// Themes are counted by mention, with the polarity of the clause they
/// stand in (as in the run's own aggregates). Records without an employee
/// count in `total` and `byTheme` but have no row in `byEmployee`.
public struct TrendCounts: Sendable, Hashable {
    public var current: DayRange
    public var previous: DayRange
    /// Every record of each period.
    public var total = PeriodCounts()
    public var byEmployee: [String: PeriodCounts] = [:]
    public var byTheme: [String: PeriodCounts] = [:]

    public init(current: DayRange, previous: DayRange) {
        self.current = current
        self.previous = previous
    }
}
