import VerbatimCore

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
    /// Records and rated responses by channel; those without one have no row.
    public var byChannel: [String: PeriodCounts] = [:]

    public init(current: DayRange, previous: DayRange) {
        self.current = current
        self.previous = previous
    }
}

extension TrendCounts {
    /// Counts one record in the whole, its employee's and its channel's cells.
    mutating func addRecord(_ label: SentimentLabel, score: Double, ratings: SurveyRating.Ratings, current: Bool, employee: String?, channel: String?) {
        total.add(label, score: score, ratings: ratings, current: current)
        if let employee { byEmployee[employee, default: PeriodCounts()].add(label, score: score, ratings: ratings, current: current) }
        if let channel { byChannel[channel, default: PeriodCounts()].add(label, score: score, ratings: ratings, current: current) }
    }

    /// Counts the ratings of a record or of a response without text, in the whole, its employee's and its channel's cells.
    mutating func addRatings(_ ratings: SurveyRating.Ratings, current: Bool, employee: String?, channel: String?) {
        total.add(ratings: ratings, current: current)
        if let employee { byEmployee[employee, default: PeriodCounts()].add(ratings: ratings, current: current) }
        if let channel { byChannel[channel, default: PeriodCounts()].add(ratings: ratings, current: current) }
    }
}
