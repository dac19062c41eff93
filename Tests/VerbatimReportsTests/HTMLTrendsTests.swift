import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimReports

/// The trends section of `report.html` and the honest small numbers of its daily chart.
@Suite("report.html trends")
struct HTMLTrendsTests {
    static func tally(_ positive: Int, _ negative: Int) -> SentimentTally {
        var t = SentimentTally()
        for _ in 0..<positive { t.add(label: .positive, score: 0.5, ratings: .none, disagrees: false) }
        for _ in 0..<negative { t.add(label: .negative, score: -0.5, ratings: .none, disagrees: false) }
        return t
    }

    static func page(trends: TrendReport?) throws -> String {
        let text = try String(contentsOf: RepoPaths.lexicons.appendingPathComponent("report_strings.tsv"), encoding: .utf8)
        let (strings, _) = ReportStrings.parse(text, file: "report_strings.tsv")
        var agg = RunAggregate()
        agg.add(scoredRecord("1", employee: "Ana", text: "kibar", score: 0.7))
        var report = RunReport(pipelineName: "t", asOf: "2026-11-21", toolVersion: "0", aggregate: agg, files: [], rejectedRecords: 0,
                               minResponses: 5, positiveThreshold: 0.05, negativeThreshold: -0.05,
                               themeNames: [("wait_time", ["en": "Wait time"])], strings: strings)
        report.trends = trends
        return HTMLReportWriter.render(report)
    }

    static func trends(previousTotal: SentimentTally) -> TrendReport {
        TrendReport(
            periodDays: 7, current: .init(from: "2026-11-15", to: "2026-11-21"), previous: .init(from: "2026-11-08", to: "2026-11-14"),
            minResponses: 5, total: (tally(20, 30), previousTotal),
            employees: ["Ana": (tally(2, 30), tally(30, 2)), "Bora": (tally(3, 0), tally(0, 2)), "Cem": (tally(4, 0), SentimentTally())],
            themes: ["wait_time": (tally(10, 10), tally(12, 8))])
    }

    @Test func noStoreNoSection() throws {
        #expect(!(try Self.page(trends: nil)).contains("id=\"trends\""))
    }

    @Test func onePeriodOnlySaysWhenTrendsWillAppear() throws {
        let html = try Self.page(trends: Self.trends(previousTotal: SentimentTally()))
        #expect(html.contains("<section id=\"trends\">"))
        #expect(html.contains("Trends appear once the history store holds responses of both periods (now 0 in the previous period, 50 in this one)."))
        #expect(!html.contains("<table id=\"trends-table\""))
    }

    @Test func bothPeriodsGiveTheChangeWithItsIntervalAndMark() throws {
        let html = try Self.page(trends: Self.trends(previousTotal: Self.tally(30, 20)))
        let section = try #require(html.range(of: "<section id=\"trends\">").map { html[$0.lowerBound...].prefix { _ in true } }.map(String.init))
        let rows = section.components(separatedBy: "<tr").dropFirst()
        let ana = try #require(rows.first { $0.contains("<td>Ana</td>") })
        #expect(ana.contains("32 → 32") && ana.contains("▼") && ana.contains("class=\"neg-t mark\""), "\(ana)")
        // Bora has 2 and 3 responses: the change rests on too few and is not shown.
        let bora = try #require(rows.first { $0.contains("<td>Bora</td>") })
        #expect(bora.contains("too few responses") && !bora.contains("▲") && !bora.contains("data-v"), "\(bora)")
        // Cem has no previous period: counted in the note, not in the table.
        #expect(!rows.contains { $0.contains("<td>Cem</td>") })
        #expect(section.contains("1 more with records in only one of the periods"))
        let wait = try #require(rows.first { $0.contains("<td>Wait time</td>") })
        #expect(wait.contains("(−") && !wait.contains("▼") && !wait.contains("▲"), "an unremarkable change has its interval and no mark: \(wait)")
    }

    @Test func daysBelowMinResponsesAreHollowAndOffTheLine() {
        let numbers = LocalizedNumbers(strings: ReportStrings(), locale: .en)
        var chart = DailyTrendChart(days: [("2026-11-19", Self.tally(6, 0)), ("2026-11-20", Self.tally(0, 1)), ("2026-11-21", Self.tally(3, 3))],
                                    recordsLabel: "records", netLabel: "net", numbers: numbers)
        chart.minResponses = 5
        chart.fewLabel = "fewer than 5 records (not on the line)"
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<circle class=\"net few\"").count - 1 == 2, "one in the legend, one for 2026-11-20")
        let line = svg.split(separator: "\n").first { $0.hasPrefix("<polyline") }
        #expect(line?.split(separator: " ").count == 4, "two points: the day with one record is not on the line: \(line ?? "")")
        #expect(svg.contains("fewer than 5 records (not on the line)"))
        chart.minResponses = 1
        #expect(!chart.svg().contains("net few"), "no hollow point and no legend entry when every day has enough")
    }
}
