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

    @Test func rowsSayWhyAChangeIsMissingOrNotJudged() {
        let report = TrendReport(
            periodDays: 7, current: .init(from: "2026-11-15", to: "2026-11-21"), previous: .init(from: "2026-11-08", to: "2026-11-14"),
            minResponses: 5, total: (Self.tally(20, 0, 5), Self.tally(10, 0, 10)),
            employees: ["Ana": (Self.tally(3, 0, 0), Self.tally(0, 0, 0)), "Bora": (Self.tally(0, 0, 0), Self.tally(2, 0, 0)),
                        "Cem": (Self.tally(2, 0, 1), Self.tally(9, 0, 1)), "Deniz": (Self.tally(0, 0, 20), Self.tally(20, 0, 0))],
            themes: [:])
        #expect(report.employees.map(\.key) == ["Ana", "Bora", "Cem", "Deniz"])
        #expect(report.employees.map(\.note) == ["new this period", "none this period", "too few responses", nil])
        #expect(report.employees[2].change?.significant == false, "too few responses are never judged significant")
        #expect(report.employees[3].change?.significant == true)
        let empty = TrendReport(periodDays: 7, current: report.current, previous: report.previous, minResponses: 5,
                                total: (Self.tally(5, 0, 0), SentimentTally()), employees: ["Ana": (Self.tally(5, 0, 0), SentimentTally())], themes: [:])
        #expect(!empty.hasBothPeriods && empty.employees.isEmpty)
    }
}
