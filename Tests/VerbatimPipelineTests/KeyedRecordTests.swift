import Foundation
import Testing
import VerbatimCore
import VerbatimReports
import VerbatimTestSupport
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

    /// A partial's lines of many shapes: missing values, every kind of rating, no theme to three, escaped
    /// texts, rated responses without text, long texts cut.
    static func lines() throws -> [[UInt8]] {
        try spooledRecords().map { try #require(KeyedRecord.line(binary: $0[...])) }
    }

    /// The spooled facts (without their lengths) of `lines()`.
    static func spooledRecords() throws -> [[UInt8]] {
        var rng = SplitMix(state: 14)
        let texts = ["kibar", "Çok uzun bekledim, ama kibardı 👍🏽", "Жақсы қызмет", "Одлично!", "tab\there", "line\nbreak",
                     "back\\slash", String(repeating: "uzun ", count: 200), "x\u{1E}y\u{1F}z"]
        let ratings: [SurveyRating.Ratings] = [.none, SurveyRating.Ratings(SurveyRating.Score(inferring: 4)),
                                               SurveyRating.Ratings(SurveyRating.Score(inferring: 9)), SurveyRating.Ratings(csat: 2.5, nps: 10)]
        var out: [[UInt8]] = []
        for k in 0..<400 {
            var r = record(text: texts[k % texts.count], employee: k % 5 == 0 ? nil : (k % 2 == 0 ? "Ayşe" : "Ayşe\tYılmaz"))
            r.id = k % 9 == 0 ? r.id : "S-\(k)"
            r.ratings = ratings[Int.random(in: 0..<ratings.count, using: &rng)]
            r.date = k % 3 == 0 ? nil : "2026-11-2\(k % 10)"
            r.employeeMention = k % 4 == 0 ? nil : r.employeeMention
            r.channel = k % 7 == 0 ? nil : "Chat"
            r.sentiment?.label = [.positive, .neutral, .negative][k % 3]
            r.sentiment?.score = Double(Int.random(in: -10_000...10_000, using: &rng)) / 10_000
            r.ratingDisagrees = k % 2 == 0
            r.themes = Array(r.themes.prefix(k % 3)) + (k % 11 == 0 ? [ThemeMention(theme: "", polarity: .neutral, keyword: "k", score: -0.25)] : [])
            out.append(Array(try spooled(r, rowBytes: 1 + k)))
        }
        for k in 0..<40 {
            let response = RatedResponse(id: "R-\(k)", provenance: Provenance(file: "r.csv", line: k + 2), date: "2026-11-20", employee: "Emre",
                                         channel: nil, ratings: ratings[1 + k % 3])
            var bytes: [UInt8] = []
            KeyedRecord.appendBinary(response, rowBytes: k % 2 == 0 ? 0 : 30, to: &bytes)
            out.append(Array(bytes[4...]))
        }
        return out
    }

    /// A spooled record's line is copied from its bytes when its text is short enough to keep whole, and is
    /// then the line of the record read back (`read(binary:)`, `line()`), to the byte; a longer text is cut.
    @Test func aSpooledRecordsLineFromItsBytesIsTheRecordsLine() throws {
        var copied = 0
        for record in try Self.spooledRecords() {
            let line = try #require(KeyedRecord.line(binary: record[...]))
            let read = try #require(KeyedRecord.read(binary: record[...]))
            #expect(line == Array(read.line().dropLast()))
            if let facts = SpooledFacts(record[...]), facts.fields.text.count <= VerbatimSample.maxTextLength { copied += 1 }
        }
        #expect(copied > 300, "most are copied from the bytes")
        #expect(KeyedRecord.line(binary: try Self.spooled(Self.record(text: "kibar")).dropLast()) == nil, "damaged")
    }

    /// `KeyedLineFields` reads a line from its bytes only when it reads it as `parse` does, to the byte:
    /// on well-formed lines (most of them read from the bytes), on damaged ones and on random damage.
    @Test func theBytePathReadsALineAsParseDoes() throws {
        let lines = try Self.lines()
        var fromBytes = 0
        for line in lines {
            let fast = line.withUnsafeBufferPointer { KeyedLineFields($0)?.binary() }
            let slow = KeyedRecord.binaryByParsing(line: line[...])
            #expect(slow != nil)
            #expect(fast == nil || fast == slow, "\(String(decoding: line, as: UTF8.self))")
            if fast != nil { fromBytes += 1 }
            let escaped = line.contains(SpoolLine.backslash) && !line.split(separator: SpoolLine.tab).allSatisfy { $0.elementsEqual(SpoolLine.null) || !$0.contains(SpoolLine.backslash) }
            #expect(escaped == (fast == nil), "read from the bytes unless a value is escaped")
        }
        #expect(fromBytes > 100 && fromBytes < lines.count, "both ways are taken")
        // Damage: a field left out or added, a bad label, number, rating or theme, bytes that are not UTF-8.
        let good = Array(lines[1])
        let fields = good.split(separator: SpoolLine.tab, omittingEmptySubsequences: false).map(Array.init)
        func joined(_ f: [[UInt8]]) -> [UInt8] { Array(f.joined(separator: [SpoolLine.tab])) }
        var damaged: [[UInt8]] = [joined(Array(fields.dropLast())), joined(fields + [Array("x".utf8)]), good + [0xFF], [0xC3] + good]
        for (k, bad) in [(2, "7x"), (9, "negatif"), (10, "0.5.1"), (8, "4/7"), (8, "4/5 4/5"), (12, "wait\u{1F}good\u{1F}1"), (12, "a\u{1F}positive"),
                         (13, ""), (15, "-1"), (0, "\\N"), (3, "\\x")] {
            var f = fields
            f[k] = Array(bad.utf8)
            damaged.append(joined(f))
        }
        var rng = SplitMix(state: 7)
        let specials: [UInt8] = [0x09, 0x5C, 0x1E, 0x1F, 0x2E, 0x2F, 0x20, 0x30, 0x4E, 0x80, 0xC3, 0xE2, 0xFF]
        for _ in 0..<3_000 {
            var line = lines[Int.random(in: 0..<lines.count, using: &rng)]
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                line[Int.random(in: 0..<line.count, using: &rng)] = specials[Int.random(in: 0..<specials.count, using: &rng)]
            }
            damaged.append(line)
        }
        var rejected = 0
        for line in damaged {
            let fast = line.withUnsafeBufferPointer { KeyedLineFields($0)?.binary() }
            let slow = KeyedRecord.binaryByParsing(line: line[...])
            #expect(fast == nil || fast == slow, "\(Array(line))")
            if slow == nil { rejected += 1 }
        }
        #expect(rejected > 10, "the damage is damage to `parse` too")
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
