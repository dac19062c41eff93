import Testing
import VerbatimCore
@testable import VerbatimStore

/// The one writer and parser of spool fields (`SpoolLine`), used by the store's record spool and by partials.
@Suite("Spool lines")
struct SpoolLineTests {
    static let values: [String?] = ["plain", nil, "", "a\tb", "two\nlines\r\n", "back\\slash", "\\N", "\\", "\u{0301}accent first", "kötü 👎"]

    @Test func fieldsReadBackAsWritten() {
        var line: [UInt8] = []
        for (k, v) in Self.values.enumerated() {
            if k > 0 { line.append(SpoolLine.tab) }
            SpoolLine.appendField(v, to: &line)
        }
        #expect(!line.contains(SpoolLine.newline), "a line break inside a value is escaped")
        #expect(SpoolLine.fields(line) == Self.values)
    }

    @Test func escapesAreTheDocumentedOnes() {
        #expect(SpoolLine.escape(Array("a\\b\tc\nd\re".utf8)) == Array("a\\\\b\\tc\\nd\\re".utf8))
        #expect(SpoolLine.string(Array("x\\ty\\\\N".utf8)) == "x\ty\\N")
        #expect(SpoolLine.field(Array("\\N".utf8)) == nil)
        #expect(SpoolLine.field(Array("\\\\N".utf8)) == "\\N", "an escaped backslash before N is text, not a missing value")
    }

    @Test func theStoreSpoolReadsAnEscapedRecordBack() throws {
        var r = FeedbackRecord(id: "id\t1", provenance: Provenance(file: "f.csv", line: 7), date: "2026-11-21", employee: nil,
                               channel: "web\\app", ratings: SurveyRating.Ratings(csat: 4.5, nps: 4), text: "x")
        r.sentiment = SentimentResult(score: -0.25, label: .negative, evidence: [], clauseScores: [])
        r.themes = [ThemeMention(theme: "wait", polarity: .negative, keyword: "bekle")]
        var buffer: [UInt8] = []
        RecordSpool.append(r, to: &buffer)
        #expect(buffer.last == SpoolLine.newline)
        let stored = try #require(buffer.dropLast().withUnsafeBufferPointer { RecordSpool.parse($0) })
        #expect(stored.recordId == "id\t1" && stored.line == 7 && stored.employee == nil && stored.channel == "web\\app")
        #expect(stored.label == .negative && stored.score == -0.25 && stored.ratings == SurveyRating.Ratings(csat: 4.5, nps: 4) && stored.themes == ["wait": .negative])
    }
}
