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

extension PeriodCounts {
    /// Counts one record (or theme mention) of the current period, or of the previous one.
    mutating func add(_ label: SentimentLabel, score: Double, current isCurrent: Bool) {
        if isCurrent {
            current.add(label: label, score: score, ratings: .none, disagrees: false)
        } else {
            previous.add(label: label, score: score, ratings: .none, disagrees: false)
        }
    }
}
