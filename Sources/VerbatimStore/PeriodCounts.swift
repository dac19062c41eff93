/// The counts of one cell in the current period and in the one before it.
public struct PeriodCounts: Sendable, Hashable {
    public var current = SentimentCounts()
    public var previous = SentimentCounts()

    public init(current: SentimentCounts = SentimentCounts(), previous: SentimentCounts = SentimentCounts()) {
        self.current = current
        self.previous = previous
    }
}
