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

    /// A line's bytes are unescaped (runs between backslashes copied whole) exactly as the byte-by-byte
    /// definition does, escapes at either end and a lone backslash at the very end included.
    @Test func unescapingASliceIsTheByteByByteDefinition() {
        let pool: [UInt8] = [0x5C, 0x5C, 0x74, 0x6E, 0x72, 0x4E, 0x61, 0xC3, 0xB6, 0x09]
        var state: UInt64 = 5
        for length in 0..<400 {
            let bytes: [UInt8] = (0..<(length % 70)).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return pool[Int(state >> 33) % pool.count]
            }
            let slice = ([0x41] + bytes)[1...]
            #expect(SpoolLine.unescape(slice) == SpoolLine.unescape(bytes), "\(bytes)")
        }
        #expect(SpoolLine.unescape(Array("a\\tb\\\\c\\".utf8)[...]) == Array("a\tb\\c".utf8))
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

    /// `DecimalBytes` reads what `Int(String)` and `Double(String)` read, bit for bit, without the `String`.
    static let numberTexts = [
        "0", "7", "0012", "-3", "+3", "-", "", " 4", "4 ", "4.", ".5", "-.5", "4.5", "-0.0", "-0", "0.30000000000000004",
        "1e-05", "2.5E3", "nan", "inf", "-infinity", "9223372036854775807", "9223372036854775808", "12345678901234567890",
        "1.7976931348623157e+308", "0.000000000000000000001", "0.0000000000000000000001", "9007199254740993", "9007199254740992.5",
        "4/5", "4,5", "٤", "1_000", "0x10", "4.5.6",
    ]

    @Test func numbersReadFromBytesAsTheStandardParserReadsThem() {
        var texts = Self.numberTexts
        // Scores as the spool writes them: shortest round-trip text of a Double, some rounded to four places.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for k in 0..<20_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let v = Double(Int64(bitPattern: seed >> 11) % 2_000_000_001 - 1_000_000_000) / 1e9
            texts.append(String(k % 2 == 0 ? v : (v * 10_000).rounded() / 10_000))
            texts.append(String(Int(truncatingIfNeeded: seed >> 40)))
        }
        for t in texts {
            Array(t.utf8).withUnsafeBufferPointer { b in
                #expect(DecimalBytes.int(b) == Int(t), "int of '\(t)'")
                let fast = DecimalBytes.double(b), standard = Double(t)
                #expect(fast?.bitPattern == standard?.bitPattern || (fast?.isNaN == true && standard?.isNaN == true), "double of '\(t)'")
            }
        }
    }

    @Test func ratingsReadFromBytesAsFromText() {
        let texts = ["4/5", "9/10", "4.5/5", "4/5 9/10", "9/10 4/5", "4/5 3/5", "4/5 ", " 4/5", "4/5  9/10", "4/5 9/10 1/5", "4", "4/", "/5",
                     "4/5/5", "nan/5", "inf/10", "4/7", "0/10", "", "-1/5", "4/5\t9/10"]
        for t in texts {
            let fromBytes = Array(t.utf8).withUnsafeBufferPointer { SurveyRating.Ratings(bytes: $0) }
            #expect(fromBytes == SurveyRating.Ratings(text: t), "ratings of '\(t)'")
        }
        #expect(Array("4/5 9/10".utf8).withUnsafeBufferPointer { SurveyRating.Ratings(bytes: $0) } == SurveyRating.Ratings(csat: 4, nps: 9))
    }
}
