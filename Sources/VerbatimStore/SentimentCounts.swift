/// Record counts by label and the sum of their scores, for one cell of a
/// trend (an employee or a theme in one period).
public struct SentimentCounts: Sendable, Hashable {
    public var n = 0
    public var positive = 0
    public var neutral = 0
    public var negative = 0
    /// Sum of compound scores (−1…1 each).
    public var scoreSum = 0.0

    public init(n: Int = 0, positive: Int = 0, neutral: Int = 0, negative: Int = 0, scoreSum: Double = 0) {
        self.n = n
        self.positive = positive
        self.neutral = neutral
        self.negative = negative
        self.scoreSum = scoreSum
    }
}
