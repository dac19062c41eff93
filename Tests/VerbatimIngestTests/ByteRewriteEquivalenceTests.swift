import Testing
@testable import VerbatimIngest

/// The byte-level rewrites of the readers' hot paths (issue 8) against the
/// code they replaced (`LegacyParsers.swift`), on generated inputs: same
/// dates, same ratings, same rows with the same lines and problems, however
/// the bytes are split into chunks.
@Suite("Byte rewrites read as before")
struct ByteRewriteEquivalenceTests {
    /// A deterministic generator (xorshift), so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
    }

    static let dateAtoms = ["2026", "21", "11", "1", "09", "14", "00", "250", "0300", "+05:00", "-", ".", "/", ":", " ", "\t", "T", "Z",
                            "Sat", ",", "Nov", "nov", "NOVEMBER", "GMT", "UTC", "UT", "+", "29", "02", "2024", "1900", "31", "x", "é", "\u{301}"]

    @Test func datesNormalizeAsBefore() {
        var g = Generator(state: 0x9E37_79B9_7F4A_7C15)
        let known = ["21.11.2026", "21.11.2026.", "21.11.2026 09:14", "21.11.2026. 10:15", "2026-11-21T09:14:00.250+0300",
                     "Sat, 21 Nov 2026 10:02:00 +0300", "21 Nov 2026 10:02:00 GMT", " 2026-11-21 ", "29.02.2024", "29.02.2026",
                     "2026-11-21T09:14:00+15:00", "2026-11-21T09:14:00+0960", "Sat 21 Nov 2026", "21 Nov 2026 10:02 XYZ"]
        var inputs = known
        for _ in 0..<20_000 { inputs.append((0..<(1 + g.int(9))).map { _ in g.pick(Self.dateAtoms) }.joined()) }
        for s in inputs {
            let now = DateNormalizer.normalize(s), before = LegacyDateNormalizer.normalize(s)
            // Read since 2026-12-05 where the legacy parser read nothing: digits alone (a compact date, an Excel serial day).
            let digitsAlone = s.trimmingCharactersInSet(" \t").allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
            #expect(now == before || (before == nil && digitsAlone), "\(s.debugDescription)")
        }
    }

    @Test func ratingsParseAsBefore() {
        var g = Generator(state: 0x2545_F491_4F6C_DD1D)
        let atoms = ["4", "5", "10", "0", ",", ".", "/", " ", "\t", "9", "-", "+", "e", "1", "inf", "nan", "x", "٣", "\u{301}", "\r\n", "0x1p3"]
        var inputs = ["4", "4,5", "4.5", "4/5", "9 / 10", " 7 ", "", "/5", "11", "-1", String(repeating: "1", count: 70)]
        for _ in 0..<20_000 { inputs.append((0..<(1 + g.int(6))).map { _ in g.pick(atoms) }.joined()) }
        for s in inputs {
            let now = RatingParser.parse(s), before = LegacyRatingParser.parse(s)
            if before != nil || now == nil {
                #expect(now == before || (now?.isNaN == true && before?.isNaN == true), "\(s.debugDescription)")
            } else {
                // Read since 2026-12-05 where the legacy parser read nothing: a choice with its label ("4 x").
                var cut = s.trimmingCharactersInSet(" \t")
                if let slash = cut.firstIndex(of: "/") { cut = String(cut[..<slash]).trimmingCharactersInSet(" \t") }
                #expect(RatingParser.labelled(cut) == now || RatingParser.stars(cut) == now, "\(s.debugDescription)")
            }
        }
    }

    @Test func trimmingAsBefore() {
        var g = Generator(state: 0x5851_F42D_4C95_7F2D)
        let atoms = [" ", "\t", "\r", "\n", "\r\n", "a", "ş", "\u{301}", "\u{FEFF}", "😊", "\u{1F3FD}", "x y"]
        for _ in 0..<20_000 {
            let s = (0..<g.int(7)).map { _ in g.pick(atoms) }.joined()
            for set in [" \t", " \t\r\n", " ", " \t\u{FEFF}"] {
                let now = s.trimmingCharactersInSet(set), before = s.legacyTrimmingCharactersInSet(set)
                #expect(Array(now.unicodeScalars) == Array(before.unicodeScalars), "\(s.debugDescription) trimming \(set.debugDescription)")
            }
        }
    }

    @Test func replacementCharacterFoundAsBefore() {
        var g = Generator(state: 0x1234_5678_9ABC_DEF1)
        let atoms = ["a", "ş", "\u{FFFD}", "\u{FE0F}", "❤️", "\u{F000}", "xxxxxxx", "😊", " "]
        for _ in 0..<20_000 {
            let s = (0..<g.int(12)).map { _ in g.pick(atoms) }.joined()
            #expect(RecordAssembler.containsReplacementCharacter(s) == s.unicodeScalars.contains("\u{FFFD}"), "\(s.debugDescription)")
        }
    }

    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var g = Generator(state: 0x5851_F42D_4C95_7F2D)
        // Lead bytes at every boundary of table 3-7, continuation bytes, ASCII.
        let atoms: [UInt8] = [0x41, 0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xA0, 0x9F, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
                              0xF0, 0x90, 0x8F, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF, 0xBD, 0xBB]
        var inputs: [[UInt8]] = [[], Array("aynı şey, 👍🏽 ok".utf8), [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0x80], [0xF0, 0x9F, 0x98]]
        for _ in 0..<50_000 {
            // Mostly ASCII runs long enough for the eight-byte path, with odd bytes among them.
            var b: [UInt8] = []
            for _ in 0..<g.int(24) { b += g.int(3) == 0 ? [g.pick(atoms)] : Array(repeating: 0x61, count: g.int(10)) }
            inputs.append(b)
        }
        for b in inputs {
            let mine = b.withUnsafeBufferPointer { UTF8Validator.isValid($0) }
            #expect(mine == (String(validating: b, as: UTF8.self) != nil), "\(b)")
        }
    }

    @Test func codePagesTranscodeByteForByteAsTheirTables() {
        for (encoding, table) in [(TextEncoding.windows1250, CodePageTables.windows1250), (.windows1251, CodePageTables.windows1251),
                                  (.windows1254, CodePageTables.windows1254)] {
            let all = (0...255).map(UInt8.init)
            var expected: [UInt8] = []
            for b in all {
                let u = b < 0x80 ? UInt32(b) : table[Int(b) - 0x80]
                if u == 0xFFFD { expected.append(UTF8Transcoder.invalidMarker) } else { expected += Array(String(UnicodeScalar(u)!).utf8) }
            }
            var t = UTF8Transcoder(encoding: encoding)
            var out: [UInt8] = []
            all.withUnsafeBufferPointer { t.transcode($0, into: &out, final: true) }
            #expect(out == expected, "\(encoding)")
        }
    }

    struct Seen: Equatable, CustomStringConvertible {
        var fields: [[UInt8]]
        var line: Int
        var problem: RowProblem?
        var description: String { "line \(line) \(problem.map { "\($0)" } ?? "ok") \(fields.map { String(decoding: $0, as: UTF8.self) })" }
    }

    @Test func rowsSplitAsBefore() {
        var g = Generator(state: 0xD1B5_4A32_D192_ED03)
        let atoms: [[UInt8]] = [[0x61], [0x62, 0x63], [0x2C], [0x3B], [0x22], [0x22, 0x22], [0x0A], [0x0D], [0x0D, 0x0A], [0x20], [0x09],
                                [0xC3, 0xA7], [0xFF], [0x00], Array("hello world".utf8), [0x7C]]
        for round in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<g.int(60) { bytes += g.pick(atoms) }
            let delimiter: UInt8 = g.pick([0x2C, 0x3B, 0x09, 0x7C])
            let limit = g.pick([4, 10, 25, 1 << 20])
            let chunk = 1 + g.int(7)
            var now: [Seen] = [], before: [Seen] = []
            var p = CSVRowParser(delimiter: delimiter, maxRecordBytes: limit)
            var q = LegacyCSVRowParser(delimiter: delimiter, maxRecordBytes: limit)
            var i = 0
            while i < bytes.count {
                let end = min(bytes.count, i + chunk)
                bytes[i..<end].withUnsafeBufferPointer { b in
                    p.feed(b) { now.append(Seen(fields: $0.fields.map(Array.init), line: $0.line, problem: $0.problem)) }
                    q.feed(b) { before.append(Seen(fields: $0.fields, line: $0.line, problem: $0.problem)) }
                }
                i = end
            }
            p.finish { now.append(Seen(fields: $0.fields.map(Array.init), line: $0.line, problem: $0.problem)) }
            q.finish { before.append(Seen(fields: $0.fields, line: $0.line, problem: $0.problem)) }
            #expect(now == before, "round \(round): \(bytes) delimiter \(delimiter) limit \(limit) chunk \(chunk)")
            #expect(p.line == q.line)
            if now != before { return }
        }
    }
}
