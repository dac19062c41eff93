/// Counts for one cell of an aggregate (an employee, a theme, a day, …).
///
/// A value that can be merged: the tally of a whole run is the sum of the
/// tallies of its files, in any order. Every field is an integer (sums of
/// scores and ratings in fixed point), so the sum does not depend on the
/// order of adding either: shards merged in any order give the same bits.
/// The one tally type: a run's aggregate (`RunAggregate`) and the store's
/// trend counts (`TrendCounts`, labels and scores only) are both made of it.
public struct SentimentTally: Sendable, Hashable, Codable {
    public var n = 0
    public var positive = 0
    public var neutral = 0
    public var negative = 0
    /// The sum of the records' scores, in units of `scoreUnit`.
    public var scoreUnits = 0
    /// Ratings on a 1–5 scale (CSAT) and on 0–10 (NPS), kept apart (`SurveyRating` says which, and
    /// who is satisfied, a promoter or a detractor); sums in units of `ratingUnit`.
    public var csatCount = 0
    public var csatUnits = 0
    public var csatSatisfied = 0
    public var npsCount = 0
    public var npsUnits = 0
    public var npsPromoters = 0
    public var npsDetractors = 0
    /// Records whose rating and text disagree strongly.
    public var disagreements = 0

    public init() {}

    /// Every count of a tally, in one order: what a run spools of a tally and reads back
    /// (`RunAggregate.spoolBytes`). A count added to the tally is added here.
    public static let counts: [WritableKeyPath<SentimentTally, Int> & Sendable] = [
        \.n, \.positive, \.neutral, \.negative, \.scoreUnits, \.csatCount, \.csatUnits, \.csatSatisfied,
        \.npsCount, \.npsUnits, \.npsPromoters, \.npsDetractors, \.disagreements,
    ]

    /// Counts by label and a sum of scores, as the history store reads them back for a trend (no ratings).
    public init(n: Int, positive: Int = 0, neutral: Int = 0, negative: Int = 0, scoreSum: Double) {
        self.n = n
        self.positive = positive
        self.neutral = neutral
        self.negative = negative
        self.scoreSum = scoreSum
    }

    /// Scores (−1…1) are summed in billionths: a million records stay far inside `Int`.
    public static let scoreUnit = 1e-9
    /// Ratings are summed in thousandths (a rating of 4.5 adds 4,500).
    public static let ratingUnit = 1e-3

    public var scoreSum: Double {
        get { Double(scoreUnits) * Self.scoreUnit }
        set { scoreUnits = Self.units(newValue, Self.scoreUnit) }
    }
    public var csatSum: Double { Double(csatUnits) * Self.ratingUnit }
    public var npsSum: Double { Double(npsUnits) * Self.ratingUnit }

    static func units(_ value: Double, _ unit: Double) -> Int { Int((value / unit).rounded()) }

    public mutating func add(label: SentimentLabel, score: Double, ratings: SurveyRating.Ratings, disagrees: Bool) {
        n += 1
        switch label {
        case .positive: positive += 1
        case .neutral: neutral += 1
        case .negative: negative += 1
        }
        scoreUnits += Self.units(score, Self.scoreUnit)
        add(ratings: ratings)
        if disagrees { disagreements += 1 }
    }

    /// Counts a rating alone: a record's, or a response's that has no text (`RatedResponse`), which
    /// counts in CSAT or NPS and not in `n` and the labels.
    public mutating func add(ratings: SurveyRating.Ratings) {
        // Each present one in turn, without the array `scores` makes: this runs for every tally of every record.
        if let c = ratings.csat { add(rating: SurveyRating.Score(c, scale: .csat)) }
        if let n = ratings.nps { add(rating: SurveyRating.Score(n, scale: .nps)) }
    }

    /// Counts one rating alone, on its scale.
    public mutating func add(rating r: SurveyRating.Score) {
        let band = r.band
        switch r.scale {
        case .nps:
            npsCount += 1; npsUnits += Self.units(r.value, Self.ratingUnit)
            if band == .high { npsPromoters += 1 } else if band == .low { npsDetractors += 1 }
        case .csat:
            csatCount += 1; csatUnits += Self.units(r.value, Self.ratingUnit)
            if band == .high { csatSatisfied += 1 }
        }
    }

    public mutating func merge(_ o: SentimentTally) {
        n += o.n; positive += o.positive; neutral += o.neutral; negative += o.negative; scoreUnits += o.scoreUnits
        csatCount += o.csatCount; csatUnits += o.csatUnits; csatSatisfied += o.csatSatisfied
        npsCount += o.npsCount; npsUnits += o.npsUnits; npsPromoters += o.npsPromoters; npsDetractors += o.npsDetractors
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
    public var nps: Double? { SurveyRating.netPromoterScore(promoters: npsPromoters, detractors: npsDetractors, of: npsCount) }

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
