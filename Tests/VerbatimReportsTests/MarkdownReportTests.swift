import Testing
import VerbatimCore
@testable import VerbatimReports

/// `report.md`, the one-page summary: the survey figures beside the text's.
@Suite("report.md")
struct MarkdownReportTests {
    static func report(_ records: [FeedbackRecord], rated: [RatedResponse] = []) -> RunReport {
        var agg = RunAggregate()
        for r in records { agg.add(r) }
        for r in rated { agg.add(r) }
        return RunReport(pipelineName: "t", asOf: "2026-11-21", toolVersion: "0", aggregate: agg, files: [], rejectedRecords: 0,
                         minResponses: 1, positiveThreshold: 0.05, negativeThreshold: -0.05, themeNames: [])
    }

    static func record(_ id: String, _ employee: String, csat: Double? = nil, nps: Double? = nil, score: Double) -> FeedbackRecord {
        var r = scoredRecord(id, employee: employee, text: "metin", score: score)
        r.ratings = SurveyRating.Ratings(csat: csat, nps: nps)
        return r
    }

    @Test func csatAndNPSShowInTheHeadlineAndPerEmployee() {
        let records = [
            Self.record("1", "Ana", csat: 5, nps: 10, score: 0.8), Self.record("2", "Ana", csat: 2, nps: 3, score: -0.6),
            Self.record("3", "Ana", csat: 4, nps: 9, score: 0.5), Self.record("4", "Berk", csat: 1, score: -0.7),
        ]
        let rated = [RatedResponse(id: "5", provenance: Provenance(file: "s.csv", line: 6), date: nil, employee: "Berk", channel: nil,
                                   ratings: SurveyRating.Ratings(nps: 6))]
        let md = MarkdownReportWriter.render(Self.report(records, rated: rated))
        // CSAT 5, 2, 4, 1: 2 of 4 satisfied; NPS 10, 3, 9 and the rating without text's 6: 2 promoters, 2 detractors.
        #expect(md.contains(" · net sentiment 0.00 · CSAT 50% (4 ratings) · NPS 0 (4 ratings)\n"), "\(md.prefix(400))")
        #expect(md.contains("| Positive share (95% CI) | CSAT (ratings) | NPS (ratings) |"))
        #expect(md.contains("| Ana | 3 |") && md.contains("| 67% (3) | +33 (3) |"), "Ana: 2 of 3 satisfied, 2 promoters and 1 detractor of 3")
        #expect(md.contains("| Berk | 1 |") && md.contains("| 0% (1) | -100 (1) |"), "Berk's rating without text counts in his NPS")
        #expect(md.contains("CSAT: % of ratings 4–5 on 1–5. NPS: % of 9–10 minus % of 0–6 on 0–10."))
        #expect(!md.contains("pointing against"), "no comment disagrees with its rating here")
        var disagreeing = Self.record("6", "Ana", csat: 5, score: -0.9)
        disagreeing.ratingDisagrees = true
        #expect(MarkdownReportWriter.render(Self.report(records + [disagreeing])).contains(" · 1 comment pointing against its rating\n"))
    }

    /// A file whose items are partly no customer's feedback (a Telegram group's service lines and own
    /// answers) says so where its counts are shown, so that `read` is accounted for in each report.
    @Test func itemsSetAsideAreSaidInEachReport() throws {
        var file = FileReadSummary(file: "telegram.json", format: "json", encoding: "utf-8")
        (file.read, file.accepted) = (7, 2)
        file.countSetAside(.ownMessage, 3)
        file.countSetAside(.serviceLine, 2)
        var report = Self.report([Self.record("1", "Ana", score: 0.8)])
        #expect(!MarkdownReportWriter.render(report).contains("set aside"))
        report.files = [file]
        #expect(MarkdownReportWriter.render(report).contains(" · 5 set aside as no customer's feedback ("))
        let html = try htmlReport([Self.record("1", "Ana", score: 0.8)], files: [file], locale: .kk)
        #expect(html.contains("telegram.json<div class=\"note\">5 жазба бөлініп қойылды: клиент пікірі емес"))
        let json = SummaryJSONWriter.render(report)
        #expect(json.contains("\"rejected\": 0,\n      \"set_aside\": 5,"), "\(json.suffix(400))")
        #expect(file.notFeedback.map(\.what) == [.serviceLine, .ownMessage], "in NotFeedback's order, whatever came first")
    }

    /// A file the run did not read (a name it cannot open, a PDF) is listed where the figures are read, with
    /// why, in `report.md` and `report.html`; a run that read every file says nothing of it.
    @Test func filesNotReadAreListedWithWhy() throws {
        let notRead = [
            FileNotRead(name: "anket_\u{FFFD}.csv", reason: "its name is not UTF-8 ('anket_\\xFD.csv', …): rename it in UTF-8"),
            FileNotRead(name: "notes.pdf", reason: "a PDF document, not an export"),
        ]
        var report = Self.report([Self.record("1", "Ana", score: 0.8)])
        let before = MarkdownReportWriter.render(report)
        #expect(!before.contains("not read"), "nothing is said when every file was read")
        report.filesNotRead = notRead
        let md = MarkdownReportWriter.render(report)
        #expect(md.contains(" · 2 files not read (listed below)\n"), "\(md.prefix(300))")
        #expect(md.contains("\n## Files not read\n\n- `anket_\u{FFFD}.csv`: its name is not UTF-8 ('anket_\\xFD.csv', …): rename it in UTF-8\n"
                            + "- `notes.pdf`: a PDF document, not an export\n"))
        let html = try htmlReport([Self.record("1", "Ana", score: 0.8)], notRead: notRead, locale: .tr)
        #expect(html.contains("<tr><td>notes.pdf<div class=\"note\">Okunmadı: a PDF document, not an export</div></td>"))
        #expect(html.contains("anket_\u{FFFD}.csv<div class=\"note\">Okunmadı: its name is not UTF-8 (&#39;anket_\\xFD.csv&#39;, …)"), "escaped as HTML")
    }

    @Test func aRunWithoutRatingsHasNoSurveyColumns() {
        var r = scoredRecord("1", employee: "Ana", text: "metin", score: 0.8)
        r.ratings = .none
        let md = MarkdownReportWriter.render(Self.report([r]))
        #expect(!md.contains("CSAT") && !md.contains("NPS"))
        #expect(md.contains("| Positive share (95% CI) |\n|---:|"))
    }
}
