import VerbatimCore

/// The counts of one cell in the current period and in the one before it.
public struct PeriodCounts: Sendable, Hashable {
    public var current = SentimentTally()
    public var previous = SentimentTally()

    public init(current: SentimentTally = SentimentTally(), previous: SentimentTally = SentimentTally()) {
        self.current = current
        self.previous = previous
    }
}
