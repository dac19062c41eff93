import Testing
import VerbatimCore
@testable import VerbatimReports

/// The one definition of CSAT and NPS bands (`SurveyRating`) and its users.
@Suite("Survey ratings")
struct SurveyRatingTests {
    @Test(arguments: [
        // Below 1 is on no 1–5 scale: 0.5 is an NPS 0.5, not a CSAT under its lowest star (the CSV fuzzer's `.5`).
        (0.0, SurveyRating.Scale.nps, SurveyRating.Band.low), (0.5, .nps, .low), (0.99, .nps, .low), (6, .nps, .low), (5.5, .nps, .low), (7, .nps, .middle), (8, .nps, .middle),
        (9, .nps, .high), (10, .nps, .high),
        (1, .csat, .low), (2, .csat, .low), (2.5, .csat, .middle), (3, .csat, .middle), (4, .csat, .high), (5, .csat, .high),
    ])
    func aRatingWithoutAColumnScaleIsReadByItsValue(rating: Double, scale: SurveyRating.Scale, band: SurveyRating.Band) {
        let got = SurveyRating.Score(inferring: rating)
        #expect(got.isOnScale, "every rating read by its value is on the scale it is read on")
        #expect(got.scale == scale && got.band == band, "rating \(rating)")
    }

    /// On a column's scale, the same value is in the band of that scale: an NPS column's 3 is a
    /// detractor, a CSAT column's 3 is neither; 0 and 6–10 are off the CSAT scale.
    @Test func aColumnsScaleDecidesTheBand() {
        #expect(SurveyRating.Score(3, scale: .nps).band == .low && SurveyRating.Score(3, scale: .csat).band == .middle)
        #expect(SurveyRating.Score(5, scale: .nps).band == .low && SurveyRating.Score(5, scale: .csat).band == .high)
        #expect(!SurveyRating.Score(8, scale: .csat).isOnScale && !SurveyRating.Score(0, scale: .csat).isOnScale)
        #expect(SurveyRating.Score(0, scale: .nps).isOnScale && !SurveyRating.Score(11, scale: .nps).isOnScale)
        var t = SentimentTally()
        for r in [10.0, 9, 8, 3, 2, 4] { t.add(rating: SurveyRating.Score(r, scale: .nps)) }
        #expect(t.npsCount == 6 && t.csatCount == 0 && abs(t.nps! - (-100.0 / 6)) < 1e-9)
    }

    /// The text partials and spools carry a rating in: "4/5", "9/10", "4.5/5"; anything else is not one.
    @Test func aScoreReadsBackFromItsText() {
        for s in [SurveyRating.Score(4, scale: .csat), SurveyRating.Score(9, scale: .nps), SurveyRating.Score(4.5, scale: .csat),
                  SurveyRating.Score(3, scale: .nps), SurveyRating.Score(0, scale: .nps)] {
            #expect(SurveyRating.Score(text: s.text) == s, "\(s.text)")
        }
        #expect(SurveyRating.Score(4, scale: .nps).text == "4/10" && SurveyRating.Score(4.5, scale: .csat).text == "4.5/5")
        for bad in ["4", "4/7", "/5", "x/5", "4/5/5", ""] { #expect(SurveyRating.Score(text: bad) == nil, "\(bad)") }
    }

    @Test func npsIsPromotersMinusDetractorsInPercent() {
        // 3 promoters, 1 passive, 2 detractors (one of them a 0): (3 − 2) / 6 = +16.7.
        var t = SentimentTally()
        for r in [10.0, 9, 9, 7, 6, 0] { t.add(label: .neutral, score: 0, ratings: SurveyRating.Ratings(SurveyRating.Score(inferring: r)), disagrees: false) }
        #expect(t.npsCount == 6 && t.npsPromoters == 3 && t.npsDetractors == 2 && t.csatCount == 0)
        #expect(abs(t.nps! - 100.0 / 6) < 1e-9)
        #expect(SurveyRating.netPromoterScore(promoters: 0, detractors: 0, of: 0) == nil)
        #expect(SurveyRating.netPromoterScore(promoters: 0, detractors: 4, of: 4) == -100)
    }

    @Test func csatCountsFourAndFiveAsSatisfied() {
        var t = SentimentTally()
        for r in [5.0, 4, 3, 2, 1] { t.add(label: .neutral, score: 0, ratings: SurveyRating.Ratings(SurveyRating.Score(inferring: r)), disagrees: false) }
        #expect(t.csatCount == 5 && t.csatSatisfied == 2 && t.npsCount == 0)
        #expect(t.csatPercent == 40)
    }
}
