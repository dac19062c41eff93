import Testing
import VerbatimCore
@testable import VerbatimReports

/// The one definition of CSAT and NPS bands (`SurveyRating`) and its users.
@Suite("Survey ratings")
struct SurveyRatingTests {
    @Test(arguments: [
        (0.0, SurveyRating.Scale.nps, SurveyRating.Band.low), (6, .nps, .low), (5.5, .nps, .low), (7, .nps, .middle), (8, .nps, .middle),
        (9, .nps, .high), (10, .nps, .high),
        (1, .csat, .low), (2, .csat, .low), (2.5, .csat, .middle), (3, .csat, .middle), (4, .csat, .high), (5, .csat, .high),
    ])
    func aRatingHasOneScaleAndBand(rating: Double, scale: SurveyRating.Scale, band: SurveyRating.Band) {
        let got = SurveyRating.classify(rating)
        #expect(got.scale == scale && got.band == band, "rating \(rating)")
    }

    @Test func npsIsPromotersMinusDetractorsInPercent() {
        // 3 promoters, 1 passive, 2 detractors (one of them a 0): (3 − 2) / 6 = +16.7.
        var t = SentimentTally()
        for r in [10.0, 9, 9, 7, 6, 0] { t.add(label: .neutral, score: 0, rating: r, disagrees: false) }
        #expect(t.npsCount == 6 && t.npsPromoters == 3 && t.npsDetractors == 2 && t.csatCount == 0)
        #expect(abs(t.nps! - 100.0 / 6) < 1e-9)
        #expect(SurveyRating.netPromoterScore(promoters: 0, detractors: 0, of: 0) == nil)
        #expect(SurveyRating.netPromoterScore(promoters: 0, detractors: 4, of: 4) == -100)
    }

    @Test func csatCountsFourAndFiveAsSatisfied() {
        var t = SentimentTally()
        for r in [5.0, 4, 3, 2, 1] { t.add(label: .neutral, score: 0, rating: r, disagrees: false) }
        #expect(t.csatCount == 5 && t.csatSatisfied == 2 && t.npsCount == 0)
        #expect(t.csatPercent == 40)
    }
}
