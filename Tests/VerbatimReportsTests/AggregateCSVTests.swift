import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimReports

@Suite("employees.csv, themes.csv, employee_themes.csv, channels.csv")
struct AggregateCSVTests {
    func report(_ records: [FeedbackRecord]) -> RunReport {
        var agg = RunAggregate()
        for r in records { agg.add(r) }
        return RunReport(pipelineName: "t", asOf: "2026-11-21", toolVersion: "0", aggregate: agg, files: [], rejectedRecords: 0,
                         minResponses: 2, positiveThreshold: 0.05, negativeThreshold: -0.05,
                         themeNames: [("courtesy", ["en": "Courtesy"])])
    }

    @Test func everyTallyFieldOfTheSchemaIsAColumn() throws {
        let jsonNames = TallyFields.json(SentimentTally()).map(\.0)
        let expanded = jsonNames.flatMap { $0.hasSuffix("_ci95") ? [$0 + "_low", $0 + "_high"] : [$0] }
        #expect(TallyFields.csvHeader == expanded)
        #expect(TallyFields.csv(SentimentTally()).count == TallyFields.csvHeader.count)
        let schema = try String(contentsOf: RepoPaths.root.appendingPathComponent("docs/summary-schema.md"), encoding: .utf8)
        for name in jsonNames { #expect(schema.contains("`\(name)`"), "docs/summary-schema.md does not describe \(name)") }
    }

    /// One row per channel, most responses first (then by name), records without one as `(none)`;
    /// the HTML and Markdown reports list them in the same order.
    @Test func channelsAreListedByResponses() {
        let r = report([
            scoredRecord("1", employee: "A", text: "a", score: 0.5, channel: "Telefon"),
            scoredRecord("2", employee: "A", text: "b", score: -0.5, line: 3, channel: "Çet"),
            scoredRecord("3", employee: "A", text: "c", score: -0.5, line: 4, channel: "Telefon"),
            scoredRecord("4", employee: "A", text: "d", score: 0.5, line: 5, channel: nil),
            scoredRecord("5", employee: "A", text: "e", score: 0.5, line: 6, channel: "Email"),
        ])
        let lines = AggregateCSVWriter.channels(r).components(separatedBy: "\r\n")
        #expect(lines[0] == "\u{FEFF}" + AggregateCSVWriter.channelHeader.joined(separator: ","))
        #expect(lines.dropFirst().map { $0.components(separatedBy: ",").prefix(2).joined(separator: ",") }
                == ["Telefon,2", "(none),1", "Email,1", "Çet,1", ""])
        #expect(lines[1].hasPrefix("Telefon,2,1,0,1,0.5000,"))
        let md = MarkdownReportWriter.render(r)
        #expect(md.contains("## Channels\n\n- Telefon: 2 (1 positive, 1 negative) · CSAT 100% (2 ratings)\n- (no channel): 1 (1 positive, 0 negative)"))
        let html = HTMLReportWriter.render(r)
        #expect(html.contains("<section id=\"channels\">"))
        #expect(html.range(of: ">Telefon<")!.lowerBound < html.range(of: ">Email<")!.lowerBound)
        // Exports without a channel column: channels.csv has its one row, the pages no table.
        let none = report([scoredRecord("1", employee: "A", text: "a", score: 0.5, channel: nil)])
        #expect(AggregateCSVWriter.channels(none).components(separatedBy: "\r\n")[1].hasPrefix("(none),1,"))
        #expect(!MarkdownReportWriter.render(none).contains("## Channels") && !HTMLReportWriter.render(none).contains("id=\"channels\""))
    }

    @Test func rowsFollowTheScorecardAndAreNeutralised() {
        let r = report([
            scoredRecord("1", employee: "=HYPERLINK(\"x\")", text: "a", score: 0.5),
            scoredRecord("2", employee: "Ayşe Yılmaz", text: "b", score: 0.5, line: 3),
            scoredRecord("3", employee: "Ayşe Yılmaz", text: "c", score: -0.5, line: 4),
            scoredRecord("4", employee: nil, text: "d", score: 0.5, line: 5),
        ])
        let employees = AggregateCSVWriter.employees(r)
        let lines = employees.components(separatedBy: "\r\n")
        #expect(lines[0] == "\u{FEFF}" + AggregateCSVWriter.employeeHeader.joined(separator: ","))
        #expect(lines[1].hasPrefix("Ayşe Yılmaz,1,,2,1,0,1,0.5000,"))
        #expect(lines.contains { $0.hasPrefix("(unassigned),,no employee named,1,") })
        #expect(lines.contains { $0.hasPrefix("\"'=HYPERLINK(\"\"x\"\")\",,too few responses,1,") })
        #expect(lines.count == 5, "header, three employees, final CRLF")
        let themes = AggregateCSVWriter.themes(r).components(separatedBy: "\r\n")
        #expect(themes[1].hasPrefix("courtesy,Courtesy,4,3,0,1,"))
        let cells = AggregateCSVWriter.employeeThemes(r).components(separatedBy: "\r\n")
        #expect(cells.count == 5)
        #expect(cells.contains { $0.hasPrefix("Ayşe Yılmaz,courtesy,2,1,0,1,") })
    }
}
