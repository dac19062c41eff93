import Testing
import VerbatimCore
@testable import VerbatimAnalysis

/// The rating/text disagreement flag reads ratings with `SurveyRating`'s bands.
@Suite("Rating and text disagreement")
struct RatingDisagreementTests {
    static func result(_ score: Double) -> SentimentResult {
        SentimentResult(score: score, label: score > 0 ? .positive : score < 0 ? .negative : .neutral, evidence: [], clauseScores: [])
    }

    @Test(arguments: [
        // (rating, text score, disagrees): high bands with a negative text, low bands with a positive one.
        (5.0, -0.6, true), (4, -0.6, true), (10, -0.6, true), (9, -0.6, true),
        (1, 0.6, true), (2, 0.6, true), (0, 0.6, true), (6, 0.6, true),
        // middle bands, agreeing texts, and scores inside the threshold never disagree.
        (3, -0.6, false), (3, 0.6, false), (7, -0.6, false), (8, 0.6, false),
        (5, 0.6, false), (0, -0.6, false), (10, -0.2, false), (1, 0.2, false),
    ])
    func disagreesOnlyAcrossBands(rating: Double, score: Double, disagrees: Bool) {
        #expect(SentimentStage.disagrees(rating: SurveyRating.Score(inferring: rating), result: Self.result(score), threshold: 0.5) == disagrees,
                "rating \(rating), score \(score)")
    }

    /// An NPS column's 4 is a detractor: with a positive text it disagrees, where a CSAT 4 agrees.
    @Test func theColumnsScaleDecidesTheBand() {
        #expect(SentimentStage.disagrees(rating: SurveyRating.Score(4, scale: .nps), result: Self.result(0.6), threshold: 0.5))
        #expect(!SentimentStage.disagrees(rating: SurveyRating.Score(4, scale: .csat), result: Self.result(0.6), threshold: 0.5))
    }

    @Test func noRatingNeverDisagrees() {
        #expect(!SentimentStage.disagrees(rating: nil, result: Self.result(-1), threshold: 0.5))
    }
}
