import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimReports

/// `report.html` built from records in memory, with the repository's strings file.
func htmlReport(_ records: [FeedbackRecord], files: [FileReadSummary] = [], notRead: [FileNotRead] = [], locale: ReportLocale = .en) throws -> String {
    let text = try String(contentsOf: RepoPaths.lexicons.appendingPathComponent("report_strings.tsv"), encoding: .utf8)
    let (strings, issues) = ReportStrings.parse(text, file: "report_strings.tsv")
    #expect(issues.filter(\.isError).isEmpty, "\(issues)")
    var agg = RunAggregate()
    for r in records { agg.add(r) }
    let names: [(id: String, names: [String: String])] = [
        ("courtesy", ["en": "Courtesy", "tr": "Nezaket"]), ("wait_time", ["en": "Wait time", "tr": "Bekleme süresi"]),
    ]
    var report = RunReport(pipelineName: "test", asOf: "2026-11-21", toolVersion: "0.1.0", aggregate: agg, files: files,
                           rejectedRecords: 1, minResponses: 1, positiveThreshold: 0.05, negativeThreshold: -0.05,
                           themeNames: names, locale: locale, strings: strings)
    report.filesNotRead = notRead
    return HTMLReportWriter.render(report)
}

func scoredRecord(_ id: String, employee: String?, text: String, score: Double, file: String = "survey.csv", line: Int = 2,
                  channel: String? = "Telefon", date: String = "2026-11-21") -> FeedbackRecord {
    var r = FeedbackRecord(id: id, provenance: Provenance(file: file, line: line), date: date, employee: employee,
                           channel: channel, ratings: SurveyRating.Ratings(csat: 4), text: text)
    let label: SentimentLabel = score > 0.05 ? .positive : score < -0.05 ? .negative : .neutral
    r.sentiment = SentimentResult(score: score, label: label,
                                  evidence: [Evidence(term: "kibar*", baseValence: 2, finalValence: 2, rules: [], clause: 0)],
                                  clauseScores: [score])
    r.themes = [ThemeMention(theme: "courtesy", polarity: label, keyword: "kibar", score: score)]
    return r
}

@Suite("report.html")
struct HTMLReportTests {
    static let attacks = [
        "<script>alert(1)</script>", "\" onmouseover=\"alert(1)", "' onfocus='alert(2)", "</textarea><img src=x onerror=alert(3)>",
    ]

    @Test func untrustedTextIsEscapedEverywhere() throws {
        var records: [FeedbackRecord] = []
        for (k, attack) in Self.attacks.enumerated() {
            records.append(scoredRecord("id\(attack)", employee: attack, text: "Çok kibar \(attack)", score: k % 2 == 0 ? 0.8 : -0.6,
                                        file: "\(attack).csv", line: k + 2, channel: attack, date: "2026-11-2\(k)"))
        }
        var f = FileReadSummary(file: "<b>bad</b>.xml", format: "xml", encoding: "utf-8")
        f.fileError = "malformed XML <script>alert(4)</script>"
        let html = try htmlReport(records, files: [f])
        // The page's own script is the only one, and no attribute was injected.
        #expect(html.components(separatedBy: "<script").count == 2)
        for attack in Self.attacks + ["<b>bad</b>", "<script>alert(4)"] {
            #expect(!html.contains(attack), "\(attack) appears unescaped")
        }
        #expect(!html.contains("onmouseover=\""))
        #expect(!html.contains("<img"), "an injected element")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot; onmouseover=&quot;alert(1)"))
        #expect(html.contains("&#39; onfocus=&#39;alert(2)"))
    }

    @Test func thePageIsSelfContained() throws {
        let html = try htmlReport([scoredRecord("1", employee: "Ayşe Yılmaz", text: "Çok kibardı", score: 0.7)])
        for outside in ["http://", "https://", "src=", "@import", "url(", "<link", "//cdn"] {
            #expect(!html.contains(outside), "\(outside) would reach outside the file")
        }
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        for id in ["scorecard", "theme-chart", "heatmap", "trend"] { #expect(html.contains("id=\"\(id)\"")) }
    }

    @Test func theScorecardCarriesSortValuesForEveryColumn() throws {
        let html = try htmlReport([
            scoredRecord("1", employee: "Ayşe Yılmaz", text: "harika", score: 0.7),
            scoredRecord("2", employee: "Mehmet Demir", text: "kaba", score: -0.7, line: 3),
        ])
        let header = try #require(html.range(of: "<thead>").flatMap { start in html.range(of: "</thead>", range: start.upperBound..<html.endIndex).map { html[start.lowerBound..<$0.upperBound] } })
        #expect(header.components(separatedBy: "<th data-key=").count - 1 == HTMLReportWriter.scorecardColumns.count)
        let firstRow = try #require(html.range(of: "<tbody>\n<tr>").map { html[$0.upperBound...].prefix { $0 != "\n" } })
        #expect(firstRow.components(separatedBy: "data-v=").count - 1 == HTMLReportWriter.scorecardColumns.count)
        #expect(firstRow.contains("Ayşe Yılmaz"), "ranked first: the positive one")
    }

    @Test func theLocaleChangesHeadingsThemeNamesAndNumbers() throws {
        let records = [scoredRecord("1", employee: nil, text: "kibar", score: 0.7), scoredRecord("2", employee: nil, text: "kaba", score: -0.2, line: 3)]
        let tr = try htmlReport(records, locale: .tr)
        #expect(tr.contains("<html lang=\"tr\">"))
        #expect(tr.contains("Temsilci karnesi"))
        #expect(tr.contains("Nezaket"))
        #expect(!tr.contains(">Courtesy<"))
        #expect(tr.contains("%50"), "Turkish puts the percent sign first")
        #expect(tr.contains("(atanmamış)"))
        let en = try htmlReport(records)
        #expect(en.contains("Employee scorecard") && en.contains("50%") && en.contains("Courtesy"))
    }

    @Test func aContactChannelIsShownInTheLocalesWords() throws {
        // Records name their channel as channels.tsv names it (`Phone`, whatever the export wrote); the page says it in
        // its locale, in the channels table and under each verbatim. A channel without a `channel.` line is shown as named.
        let records = [scoredRecord("1", employee: nil, text: "kibar", score: 0.7, channel: "Phone"),
                       scoredRecord("2", employee: nil, text: "kaba", score: -0.2, line: 3, channel: "Telegram")]
        let mn = try htmlReport(records, locale: .mn)
        #expect(mn.contains("<tr><td>Утас</td>") && mn.contains("· Утас"))
        #expect(!mn.contains(">Phone<") && !mn.contains("· Phone"))
        #expect(mn.contains("<tr><td>Telegram</td>"))
        let en = try htmlReport(records)
        #expect(en.contains("<tr><td>Phone</td>"))
    }

    @Test func verbatimsShowTheirEvidenceOnDemand() throws {
        var r = scoredRecord("TR-1", employee: "Ayşe Yılmaz", text: "Ayşe Hanım'a teşekkürler", score: 0.8)
        r.employeeMention = "Ayşe Hanım'a"
        let html = try htmlReport([r])
        #expect(html.contains("<details class=\"verbatim positive\"><summary>"))
        #expect(html.contains("<dt>Evidence</dt><dd>kibar* +2</dd>"))
        #expect(html.contains("Ayşe Hanım&#39;a → Ayşe Yılmaz"))
    }
}

@Suite("Report strings")
struct ReportStringsTests {
    @Test func theBundledFileHasEveryKeyInEveryLocale() throws {
        let text = try String(contentsOf: RepoPaths.lexicons.appendingPathComponent("report_strings.tsv"), encoding: .utf8)
        let (strings, issues) = ReportStrings.parse(text, file: "report_strings.tsv")
        #expect(issues.isEmpty, "\(issues)")
        for key in ReportStrings.requiredKeys {
            for locale in ReportLocale.allCases { #expect(strings.text(key, locale) != key, "\(key) \(locale)") }
        }
    }

    @Test func channelLinesNameChannelsAndNeedNoOtherUse() {
        let text = "key\ten\ttr\tkk\tmn\tsr\n"
            + "channel.Phone\tPhone\tTelefon\tТелефон\tУтас\tTelefon\n"
            + "unused.key\tA\tB\tC\tD\tE\n"
        let (strings, issues) = ReportStrings.parse(text, file: "s.tsv")
        #expect(strings.channel("Phone", .mn) == "Утас" && strings.channel("Phone", .tr) == "Telefon")
        #expect(strings.channel("Viber", .mn) == "Viber", "a channel without a line is shown as named")
        let warnings = issues.filter { !$0.isError }.map(\.description)
        #expect(warnings == ["s.tsv line 3: key 'unused.key' is not used by the report"], "a channel line is no unused key")
    }

    @Test func mistakesAreNamedWithFileAndLine() {
        let text = "# comment\nkey\ten\ttr\tkk\tmn\n"
            + "title\tReport\tRapor\tЕсеп\tТайлан\n"
            + "subtitle\t{pipeline} {date}\t{pipeline}\tx {date} {pipeline}\ty {date} {pipeline}\n"
            + "title\tAgain\tTekrar\tҚайта\tДахин\n"
            + "footer\tF\t\tF\tF\n"
        let (_, issues) = ReportStrings.parse(text, file: "s.tsv")
        let messages = issues.map(\.description)
        #expect(messages.contains("s.tsv line 2: no column for locale 'sr'"))
        #expect(messages.contains { $0.hasPrefix("s.tsv line 4: 'subtitle' (tr) has placeholders") })
        #expect(messages.contains("s.tsv line 5: key 'title' is already defined on line 3"))
        #expect(messages.contains("s.tsv line 6: 'footer' has no tr text"))
        #expect(messages.contains("s.tsv: missing key 'col.rank'"))
    }
}
