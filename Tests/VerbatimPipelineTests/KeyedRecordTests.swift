import Foundation
import Testing
import VerbatimCore
import VerbatimReports
@testable import VerbatimPipeline

/// The facts of a keyed record, as a run spools them (length-prefixed bytes) and as a partial carries
/// them (`K` lines): each form gives back the facts the record had, and damage is found, not read as facts.
@Suite("Keyed records: the spooled facts and the partial's lines")
struct KeyedRecordTests {
    /// A record with every field a fact keeps: missing values, two themes, TABs, newlines and backslashes
    /// in its text, and a text longer than a sample keeps.
    static func record(text: String, rating: Double? = 4.5, employee: String? = "Ayşe\tYılmaz") -> FeedbackRecord {
        var r = FeedbackRecord(id: "S-1\\x", provenance: Provenance(file: "svc_2026-11-20.csv", line: 7), date: nil, employee: employee,
                               channel: "Telefon", ratings: SurveyRating.Ratings(rating.map(SurveyRating.Score.init(inferring:))), text: text)
        r.normalizedText = text
        r.employeeMention = employee == nil ? nil : "Ayşe Hanım'a"
        r.language = .tr
        let evidence = Evidence(term: "bekle*", baseValence: -1, finalValence: -1.5, rules: [.caps], clause: 0)
        r.sentiment = SentimentResult(score: -0.123456789, label: .negative, evidence: [evidence], clauseScores: [-0.1])
        r.themes = [ThemeMention(theme: "wait", polarity: .negative, keyword: "bekle", score: -0.5),
                    ThemeMention(theme: "courtesy", polarity: .positive, keyword: "kibar", score: 1.0 / 3)]
        r.ratingDisagrees = true
        return r
    }

    static func spooled(_ r: FeedbackRecord, rowBytes: Int = 42) throws -> ArraySlice<UInt8> {
        var out: [UInt8] = []
        KeyedRecord.appendBinary(r, evidence: RecordRowFormatter.evidenceString(r), rowBytes: rowBytes, to: &out)
        var length = SpoolBytesReader(out[...])
        #expect(try length.count() == UInt32(out.count - 4))
        return out[4...]
    }

    @Test(arguments: [
        ("Çok uzun bekledim\tama\nkibar\\dı", 4.5 as Double?, "Ayşe\tYılmaz" as String?),
        (String(repeating: "bekledim 👍🏽 ", count: 80), nil, nil),
    ])
    func spooledFactsReadBackAsTheRecordsOwn(text: String, rating: Double?, employee: String?) throws {
        let r = Self.record(text: text, rating: rating, employee: employee)
        let k = try #require(KeyedRecord.read(binary: try Self.spooled(r)))
        #expect(k.rowBytes == 42)
        #expect(k.facts == RecordFacts(r), "the facts a run keeps for the record, its text cut as a sample cuts it")
        #expect(k.facts.sample.text == VerbatimSample.cut(text))
        #expect(KeyedRecord.id(binary: try Self.spooled(r)) == "S-1\\x")
    }

    /// Spooled facts → a partial's line → spooled facts: the same facts (a text that a sample cuts is cut
    /// in the line, and reads back the same).
    @Test func aPartialsLineCarriesTheSameFacts() throws {
        let r = Self.record(text: String(repeating: "çok kötü ", count: 100))
        let line = try #require(KeyedRecord.line(binary: try Self.spooled(r)))
        #expect(!line.contains(UInt8(ascii: "\n")), "one line per record")
        let back = try #require(KeyedRecord.binary(line: line[...]))
        let k = try #require(KeyedRecord.read(binary: back[4...]))
        #expect(k.facts == RecordFacts(r))
        #expect(k.facts.sample.text.count == VerbatimSample.maxTextLength + 1, "600 characters and the ellipsis")
        #expect(KeyedRecord.line(binary: back[4...]) == line)
    }

    @Test func damagedFactsAreNotRead() throws {
        let whole = try Self.spooled(Self.record(text: "kibar"))
        #expect(KeyedRecord.read(binary: whole) != nil)
        #expect(KeyedRecord.read(binary: whole.dropLast()) == nil, "cut off")
        #expect(KeyedRecord.read(binary: whole + [0, 0, 0, 0]) == nil, "bytes after its last field")
    }

    /// The spool of a file's facts: records one after the other; a spool cut inside a record is damaged.
    @Test func theFactsSpoolIsReadRecordByRecord() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-keyed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes: [UInt8] = []
        for k in 0..<3 { KeyedRecord.appendBinary(Self.record(text: "metin \(k)"), evidence: "", rowBytes: 10 + k, to: &bytes) }
        let url = folder.appendingPathComponent("facts")
        try Data(bytes).write(to: url)
        var rows: [Int] = []
        try KeyedFactsReader.forEach(of: url) { rows.append(KeyedRecord.read(binary: $0)!.rowBytes) }
        #expect(rows == [10, 11, 12])
        try Data(bytes.dropLast(3)).write(to: url)
        #expect(throws: PartialError.damaged(path: url.path, line: 3, reason: "a record's facts are cut off")) {
            try KeyedFactsReader.forEach(of: url) { _ in }
        }
    }

    /// Records that straddle the reader's 64 KB reads come back whole and in order.
    @Test func aFactsSpoolOfManyReadsIsReadWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-keyed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes: [UInt8] = []
        let n = 3_000
        for k in 0..<n {
            let text = String(repeating: "жақсы қызмет ", count: 1 + k % 40) + "\(k)"
            KeyedRecord.appendBinary(Self.record(text: text), evidence: "", rowBytes: 1 + k, to: &bytes)
        }
        #expect(bytes.count > 4 * (1 << 16), "the spool spans several reads")
        let url = folder.appendingPathComponent("facts")
        try Data(bytes).write(to: url)
        var rows: [Int] = []
        try KeyedFactsReader.forEach(of: url) { rows.append(KeyedRecord.read(binary: $0)!.rowBytes) }
        #expect(rows == Array(1...n))
    }
}
