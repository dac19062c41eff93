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
    /// Counts one record (or theme mention), with its ratings, in the current period or in the previous one.
    mutating func add(_ label: SentimentLabel, score: Double, ratings: SurveyRating.Ratings = .none, current isCurrent: Bool) {
        if isCurrent {
            current.add(label: label, score: score, ratings: ratings, disagrees: false)
        } else {
            previous.add(label: label, score: score, ratings: ratings, disagrees: false)
        }
    }

    /// Counts the ratings of a response without text (`StoredRating`): in CSAT and NPS, not in the labels.
    mutating func add(ratings: SurveyRating.Ratings, current isCurrent: Bool) {
        if isCurrent { current.add(ratings: ratings) } else { previous.add(ratings: ratings) }
    }
}
