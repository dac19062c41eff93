import Testing
import VerbatimCore
import VerbatimPrivacy
import VerbatimTestSupport
@testable import VerbatimReports

/// `pii: mask` in the report values: every quoted text masked, the numbers and ranking untouched.
@Suite("Masking in reports")
struct ReportMaskingTests {
    static let masker = MaskingRules.load(directory: RepoPaths.lexicons.appendingPathComponent("pii")).0.masker

    static func report(_ records: [FeedbackRecord], files: [FileReadSummary] = []) -> RunReport {
        var agg = RunAggregate()
        for r in records { agg.add(r) }
        return RunReport(pipelineName: "t", asOf: "2026-11-21", toolVersion: "0", aggregate: agg, files: files, rejectedRecords: 0,
                         minResponses: 1, positiveThreshold: 0.05, negativeThreshold: -0.05, themeNames: [])
    }

    @Test func everyQuotedTextIsMaskedAndNothingElseChanges() {
        let records = [
            scoredRecord("A-1", employee: "Ana", text: "Berbat, arayın 0532 123 45 67", score: -0.8),
            scoredRecord("A-2", employee: "Ana", text: "Harika, IBAN TR33 0006 1005 1978 6457 8413 26 doğru", score: 0.9, line: 3),
        ]
        var f = FileReadSummary(file: "x.csv", format: "csv", encoding: "utf-8")
        f.fileError = "unreadable: 'ayse@example.com'"
        let plain = Self.report(records, files: [f])
        let masked = plain.masked(by: Self.masker)
        let texts = (masked.aggregate.topVerbatims.positive + masked.aggregate.topVerbatims.negative).map(\.sample.text)
        #expect(texts == ["Harika, IBAN [iban] doğru", "Berbat, arayın [phone]"])
        #expect(masked.aggregate.topByEmployee["Ana"]!.negative.map(\.sample.text) == ["Berbat, arayın [phone]"])
        #expect(masked.aggregate.topByTheme["courtesy"]!.positive.map(\.sample.evidence) == ["kibar* +2"])
        #expect(masked.files[0].fileError == "unreadable: '[email]'")
        // Tallies, ids and ranking are the report's own.
        #expect(masked.aggregate.total == plain.aggregate.total)
        #expect(masked.aggregate.topVerbatims.negative.map(\.sample.recordId) == ["A-1"])
        let md = MarkdownReportWriter.render(masked), json = SummaryJSONWriter.render(masked)
        for leak in ["0532", "TR33", "ayse@"] { #expect(!md.contains(leak) && !json.contains(leak), "\(leak)") }
    }

    @Test func aNumberCutAtTheEndOfALongTextIsDropped() {
        let long = String(repeating: "berbat ", count: 84) + "numaram 0532 123 45 67 arayın"
        let sample = VerbatimSample(scoredRecord("L", employee: nil, text: long, score: -0.9))
        #expect(sample.text.hasSuffix("…") && sample.text.contains("0532"), "the cut falls inside the number: \(sample.text.suffix(30))")
        let masked = sample.masked(by: Self.masker).text
        #expect(!masked.contains("0532") && masked.hasSuffix("numaram …"), "\(masked.suffix(30))")
    }

    @Test func csvRowsMaskTheirFreeTextOnly() {
        let j = Reject(provenance: Provenance(file: "tr.csv", line: 7), reason: "unreadable date 'gün 0533 765 43 21'",
                       raw: "PII-7;gün 0533 765 43 21;Ayşe;Telefon;1;berbat")
        let row = RecordRowFormatter.rejectRow(j, masker: Self.masker)
        var bytes: [UInt8] = []
        CSVTableWriter.appendRow(row, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "tr.csv,7,,unreadable date 'gün [phone]',\"PII-7;gün [phone];Ayşe;Telefon;1;berbat\"\r\n")
        var r = scoredRecord("TCKN-12345678950", employee: "Ana", text: "Beni arayın: 0532 123 45 67, ayse@example.com", score: 0.5)
        r.sentiment!.evidence[0].term = "tel 0532 123 45 67"
        let cells = RecordRowFormatter.recordRow(r, masker: Self.masker)
        let column = { (name: String) in cells[RecordRowFormatter.recordHeader.firstIndex(of: name)!] }
        guard case let .text(evidence) = column("evidence"), case let .text(text) = column("text"), case let .text(id) = cells.first!
        else { Issue.record("cells"); return }
        #expect(evidence == "tel [phone] +2")
        #expect(text == "Beni arayın: [phone], [email]", "the feedback text is free text: masked")
        #expect(id == "TCKN-12345678950", "identifiers are written as read")
        guard case let .text(plain) = RecordRowFormatter.recordRow(r).last! else { Issue.record("cells"); return }
        #expect(plain == r.text, "without pii: mask, the text as read")
    }
}
