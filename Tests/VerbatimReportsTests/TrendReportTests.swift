import Testing
import VerbatimCore
@testable import VerbatimReports

/// The statistics behind "this period against the previous one".
@Suite("Trend statistics")
struct TrendReportTests {
    static func tally(_ positive: Int, _ neutral: Int, _ negative: Int) -> SentimentTally {
        var t = SentimentTally()
        for _ in 0..<positive { t.add(label: .positive, score: 0.5, ratings: .none, disagrees: false) }
        for _ in 0..<neutral { t.add(label: .neutral, score: 0, ratings: .none, disagrees: false) }
        for _ in 0..<negative { t.add(label: .negative, score: -0.5, ratings: .none, disagrees: false) }
        return t
    }

    @Test func aLargeDropIsOutsideTheIntervalAndASmallOneIsNot() {
        let big = TrendReport.change(Self.tally(10, 5, 35), Self.tally(35, 5, 10))
        #expect(abs(big.net - -1.0) < 1e-9 && big.significant && big.high < 0)
        let small = TrendReport.change(Self.tally(22, 5, 23), Self.tally(25, 5, 20))
        #expect(abs(small.net - -0.12) < 1e-9 && !small.significant && small.low < 0 && small.high > 0)
    }

    @Test func perfectPeriodsAreNotTakenAsCertain() {
        // 3 positive against 3 negative: a change of -2, but on 3 records each the interval is wide.
        let c = TrendReport.change(Self.tally(0, 0, 3), Self.tally(3, 0, 0))
        #expect(c.net == -2 && c.high - c.low > 1)
    }

    /// A report of the week to 2026-11-21 against the week before, on these counts.
    static func weekly(
        minResponses: Int, total: (SentimentTally, SentimentTally), employees: [String: (SentimentTally, SentimentTally)],
        themes: [String: (SentimentTally, SentimentTally)]
    ) -> TrendReport {
        TrendReport(periodDays: 7, current: .init(from: "2026-11-15", to: "2026-11-21"), previous: .init(from: "2026-11-08", to: "2026-11-14"),
                    minResponses: minResponses, total: total, employees: employees, themes: themes)
    }

    @Test func rowsSayWhyAChangeIsMissingOrNotJudged() {
        let report = Self.weekly(
            minResponses: 5, total: (Self.tally(20, 0, 5), Self.tally(10, 0, 10)),
            employees: ["Ana": (Self.tally(3, 0, 0), Self.tally(0, 0, 0)), "Bora": (Self.tally(0, 0, 0), Self.tally(2, 0, 0)),
                        "Cem": (Self.tally(2, 0, 1), Self.tally(9, 0, 1)), "Deniz": (Self.tally(0, 0, 20), Self.tally(20, 0, 0))],
            themes: [:])
        #expect(report.employees.map(\.key) == ["Ana", "Bora", "Cem", "Deniz"])
        #expect(report.employees.map(\.note) == ["new this period", "none this period", "too few responses", nil])
        #expect(report.employees[2].change?.significant == false, "too few responses are never judged significant")
        #expect(report.employees[3].change?.significant == true)
        let empty = Self.weekly(minResponses: 5, total: (Self.tally(5, 0, 0), SentimentTally()),
                                employees: ["Ana": (Self.tally(5, 0, 0), SentimentTally())], themes: [:])
        #expect(!empty.hasBothPeriods && empty.employees.isEmpty)
    }

    static func ratings(csat: [Double] = [], nps: [Double] = []) -> SentimentTally {
        var t = SentimentTally()
        for v in csat { t.add(ratings: SurveyRating.Ratings(csat: v)) }
        for v in nps { t.add(ratings: SurveyRating.Ratings(nps: v)) }
        return t
    }

    @Test func surveyFiguresMoveInPointsOnTheirOwnCounts() throws {
        // CSAT: 8 of 10 satisfied before, 3 of 10 now; NPS: 6 promoters and 2 detractors of 10 before, 2 and 6 now.
        let before = Self.ratings(csat: [5, 5, 5, 5, 4, 4, 4, 4, 2, 1], nps: [10, 10, 10, 9, 9, 9, 8, 7, 3, 0])
        let now = Self.ratings(csat: [5, 4, 4, 3, 3, 2, 2, 1, 1, 1], nps: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
        let csat = try #require(TrendReport.ratingChange(.csat, now, before, minResponses: 5))
        #expect(csat.previous == 80 && csat.current == 30 && csat.previousCount == 10 && csat.currentCount == 10)
        #expect(abs(csat.change.net - -50) < 1e-9 && csat.change.significant && csat.change.high < 0)
        let nps = try #require(TrendReport.ratingChange(.nps, now, before, minResponses: 5))
        #expect(nps.previous == 40 && nps.current == -40 && abs(nps.change.net - -80) < 1e-9)
        // The same move on fewer ratings than min_responses is shown but never judged.
        #expect(TrendReport.ratingChange(.csat, now, before, minResponses: 11)?.change.significant == false)
        #expect(TrendReport.ratingChange(.csat, now, SentimentTally(), minResponses: 5) == nil, "no CSAT before: no change")
    }

    @Test func intervalsAreCutAtWhatAChangeCanBe() throws {
        let c = TrendReport.change(Self.tally(0, 0, 3), Self.tally(3, 0, 0))
        #expect(c.low == -2 && c.high < 0)
        let csat = try #require(TrendReport.ratingChange(.csat, Self.ratings(csat: [1, 1]), Self.ratings(csat: [5, 5]), minResponses: 1))
        #expect(csat.change.net == -100 && csat.change.low == -100 && csat.change.high > -100)
    }

    @Test func anEmployeeWithRatingsAloneHasSurveyFiguresAndNoSentimentChange() {
        let report = Self.weekly(
            minResponses: 2, total: (Self.tally(2, 0, 0), Self.tally(2, 0, 0)),
            employees: ["Ana": (Self.ratings(csat: [5, 4]), Self.ratings(csat: [1, 1]))], themes: [:])
        #expect(report.employees.first?.change == nil && report.employees.first?.hasRecords == false)
        #expect(report.employees.first?.note == "ratings only")
        #expect(report.employees.first?.csat?.change.net == 100)
        #expect(report.hasRatingChanges)
    }

    @Test func notableChangesAreTheSignificantOnesFallsFirst() {
        let report = Self.weekly(
            minResponses: 5, total: (Self.tally(20, 0, 20), Self.tally(20, 0, 20)),
            employees: ["Ana": (Self.tally(20, 0, 0), Self.tally(0, 0, 20)), "Bora": (Self.tally(0, 0, 20), Self.tally(20, 0, 0)),
                        "Cem": (Self.tally(11, 0, 9), Self.tally(10, 0, 10)), "Deniz": (Self.tally(0, 0, 3), Self.tally(3, 0, 0))],
            themes: ["billing": (Self.tally(0, 0, 12), Self.tally(12, 0, 0))])
        let notable = report.notableChanges
        #expect(notable.map(\.subject) == [.employee("Bora"), .theme("billing"), .employee("Ana")],
                "falls first; a small move (Cem) and one on too few responses (Deniz) are not notable")
        #expect(notable.map(\.isFall) == [true, true, false])
        #expect(notable.first?.previous == 1 && notable.first?.current == -1 && notable.first?.figure == .net)
        // The whole's CSAT fell from 6 of 6 satisfied to none, its net sentiment did not move.
        var now = Self.tally(20, 0, 20), before = Self.tally(20, 0, 20)
        for v in [1.0, 1, 1, 1, 1, 2] { now.add(ratings: SurveyRating.Ratings(csat: v)) }
        for v in [5.0, 5, 5, 5, 5, 4] { before.add(ratings: SurveyRating.Ratings(csat: v)) }
        var ratings = report
        ratings.total = TrendReport.row("", now, before, minResponses: 5)
        #expect(ratings.notableChanges.first?.subject == .all && ratings.notableChanges.first?.figure == .rating(.csat))
        #expect(ratings.notableChanges.first?.previous == 100 && ratings.notableChanges.first?.current == 0)
    }

    /// A survey whose customers skipped the comment last week still has a CSAT to compare.
    @Test func ratingsAloneInAPeriodAreEnoughForTrends() {
        let report = Self.weekly(
            minResponses: 2, total: (Self.tally(2, 0, 0), Self.ratings(csat: [5, 5, 4])),
            employees: ["Ana": (Self.tally(2, 0, 0), Self.ratings(csat: [5, 5, 4]))], themes: [:])
        #expect(report.hasBothPeriods && report.employees.count == 1)
        #expect(report.total.change == nil, "no sentiment before: no sentiment change")
        #expect(report.total.csat == nil, "no CSAT now: no CSAT change")
        let none = Self.weekly(minResponses: 2, total: (Self.tally(2, 0, 0), SentimentTally()), employees: [:], themes: [:])
        #expect(!none.hasBothPeriods)
    }
}

