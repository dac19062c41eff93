import VerbatimCore

/// Counts for one cell of an aggregate (an employee, a theme, a day, …).
///
/// A value that can be merged: the tally of a whole run is the sum of the
/// tallies of its files, in any order.
public struct SentimentTally: Sendable, Hashable {
    public var n = 0
    public var positive = 0
    public var neutral = 0
    public var negative = 0
    public var scoreSum = 0.0
    /// Ratings on a 1–5 scale (CSAT) and on 0–10 (NPS), kept apart.
    public var csatCount = 0
    public var csatSum = 0.0
    public var csatSatisfied = 0
    public var npsCount = 0
    public var npsSum = 0.0
    public var npsPromoters = 0
    public var npsDetractors = 0
    /// Records whose rating and text disagree strongly.
    public var disagreements = 0

    public init() {}

    public mutating func add(label: SentimentLabel, score: Double, rating: Double?, disagrees: Bool) {
        n += 1
        switch label {
        case .positive: positive += 1
        case .neutral: neutral += 1
        case .negative: negative += 1
        }
        scoreSum += score
        if let r = rating {
            if r > 5 || r == 0 {
                npsCount += 1; npsSum += r
                if r >= 9 { npsPromoters += 1 } else if r <= 6 { npsDetractors += 1 }
            } else {
                csatCount += 1; csatSum += r
                if r >= 4 { csatSatisfied += 1 }
            }
        }
        if disagrees { disagreements += 1 }
    }

    public mutating func merge(_ o: SentimentTally) {
        n += o.n; positive += o.positive; neutral += o.neutral; negative += o.negative; scoreSum += o.scoreSum
        csatCount += o.csatCount; csatSum += o.csatSum; csatSatisfied += o.csatSatisfied
        npsCount += o.npsCount; npsSum += o.npsSum; npsPromoters += o.npsPromoters; npsDetractors += o.npsDetractors
        disagreements += o.disagreements
    }

    public var positiveShare: Double { n == 0 ? 0 : Double(positive) / Double(n) }
    public var negativeShare: Double { n == 0 ? 0 : Double(negative) / Double(n) }
    public var neutralShare: Double { n == 0 ? 0 : Double(neutral) / Double(n) }
    /// (positive − negative) / n, in −1…1.
    public var netSentiment: Double { n == 0 ? 0 : Double(positive - negative) / Double(n) }
    public var meanScore: Double { n == 0 ? 0 : scoreSum / Double(n) }
    public var csatPercent: Double? { csatCount == 0 ? nil : Double(csatSatisfied) / Double(csatCount) * 100 }
    public var meanCSAT: Double? { csatCount == 0 ? nil : csatSum / Double(csatCount) }
    public var nps: Double? { npsCount == 0 ? nil : Double(npsPromoters - npsDetractors) / Double(npsCount) * 100 }

    /// 95% Wilson score interval for a share of `k` in `n`.
    public static func wilson(_ k: Int, _ n: Int, z: Double = 1.959964) -> (low: Double, high: Double) {
        guard n > 0 else { return (0, 0) }
        let p = Double(k) / Double(n), nn = Double(n)
        let denom = 1 + z * z / nn
        let center = (p + z * z / (2 * nn)) / denom
        let half = z * ((p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()) / denom
        return (max(0, center - half), min(1, center + half))
    }

    public var positiveInterval: (low: Double, high: Double) { Self.wilson(positive, n) }
    public var negativeInterval: (low: Double, high: Double) { Self.wilson(negative, n) }
}
