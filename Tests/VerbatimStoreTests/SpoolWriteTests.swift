import Foundation
import Testing
import VerbatimCore
@testable import VerbatimStore

/// Writing a file's records from its spool (`writeFile(_:spool:)`, which binds
/// values straight from the spool's bytes) must leave the store exactly as
/// writing the same records as `StoredRecord`s does, with the same counts:
/// new records, updates, duplicates within a file and across files, removals,
/// themes replaced, escapes and missing values.
@Suite("History store from spools")
struct SpoolWriteTests {
    typealias T = HistoryStoreTests

    static func feedback(_ id: String, line: Int, date: String?, employee: String? = "Ayşe", channel: String? = nil,
                         rating: Double? = nil, label: SentimentLabel = .positive, score: Double = 0.35714285714285715,
                         themes: [(String, SentimentLabel)] = []) -> FeedbackRecord {
        var r = FeedbackRecord(id: id, provenance: Provenance(file: "f.csv", line: line), date: date, employee: employee, channel: channel,
                               ratings: SurveyRating.Ratings(rating.map(SurveyRating.Score.init(inferring:))), text: "x")
        r.language = .tr
        r.sentiment = SentimentResult(score: score, label: label, evidence: [], clauseScores: [])
        r.themes = themes.map { ThemeMention(theme: $0.0, polarity: $0.1, keyword: "k") }
        return r
    }

    /// The runs: each a list of files, each file a list of records.
    static let runs: [[(String, String, [FeedbackRecord])]] = [
        [("tr_anket_2026-11-20.csv", "s1", [
            feedback("TR-1", line: 2, date: "2026-11-20T09:00:00+03:00", themes: [("wait_time", .negative), ("courtesy", .positive)]),
            feedback("TR-2", line: 3, date: "21.11.2026", employee: nil, channel: "Phone\tline", rating: 4.5, label: .negative, score: -0.5),
            feedback("TR-1", line: 4, date: "2026-11-20", employee: "\u{301}Ay\\şe\nY", themes: [("billing", .neutral), ("billing", .negative)]),
            feedback("\\N", line: 5, date: nil, employee: "", label: .neutral, score: 0),
         ]),
         ("tr_anket_2026-11-21.csv", "s2", [
            feedback("TR-2", line: 2, date: "2026-11-21", rating: 10),
            feedback("TR-3", line: 3, date: "2026-11-21T10:00:00Z", themes: [("app", .positive)]),
         ])],
        [("tr_anket_2026-11-20.csv", "s1b", [
            feedback("TR-1", line: 2, date: "2026-11-20T09:00:00+03:00", themes: [("courtesy", .positive), ("billing", .neutral), ("billing", .negative)]),
            feedback("TR-4", line: 3, date: "2026-11-22", rating: 0),
         ]),
         ("tr_anket_2026-11-22.csv", "s3", [
            feedback("TR-4", line: 2, date: "2026-11-22", rating: 0),
            feedback("TR-3", line: 3, date: "2026-11-21T10:00:00Z", themes: [("app", .positive)]),
         ])],
    ]

    /// Runs `runs` into a new store, writing each file either way; returns the counts and the store's contents.
    func history(fromSpools: Bool) throws -> ([FileWriteCounts], String) {
        let s = T.Scratch()
        defer { s.remove() }
        try FileManager.default.createDirectory(at: s.dir, withIntermediateDirectories: true)
        let store = try HistoryStore.open(at: s.store)
        var counts: [FileWriteCounts] = []
        for (n, run) in Self.runs.enumerated() {
            let session = try store.beginRun(T.info(.reprocess))
            for (k, (name, sha, records)) in run.enumerated() {
                var bytes: [UInt8] = []
                for r in records { RecordSpool.append(r, to: &bytes) }
                let file = T.file(name, sha: sha)
                if fromSpools {
                    let url = s.dir.appendingPathComponent("\(n)-\(k).store")
                    try Data(bytes).write(to: url)
                    counts.append(try session.writeFile(file, spool: url))
                } else {
                    let parsed = bytes.withUnsafeBufferPointer { b in
                        b.split(separator: UInt8(ascii: "\n")).compactMap { RecordSpool.parse(UnsafeBufferPointer(rebasing: $0)) }
                    }
                    #expect(parsed.count == records.count)
                    counts.append(try session.writeFile(file, records: parsed))
                }
            }
            try session.commit(RunTotals(status: .completed))
        }
        return (counts, try store.canonicalContents())
    }

    @Test func spoolsAndRecordsGiveTheSameStore() throws {
        let (spoolCounts, spoolContents) = try history(fromSpools: true)
        let (recordCounts, recordContents) = try history(fromSpools: false)
        #expect(spoolCounts == recordCounts)
        #expect(spoolContents == recordContents)
        #expect(spoolContents.contains("\tbilling:negative,courtesy:positive\n"), "a theme named twice keeps its last polarity")
        #expect(!spoolContents.contains("wait_time"), "themes are replaced, not added to")
        #expect(recordCounts[0] == { var c = FileWriteCounts(); c.new = 3; c.duplicates = 1; return c }())
        #expect(recordCounts[1].duplicates == 1 && recordCounts[1].new == 1)
    }

    @Test func damagedThemePairsAreLeftOutAlikeFromBytesAndFromParsedLines() throws {
        // Empty pieces, a pair with a third part, an unknown polarity, an empty theme, a theme named twice.
        let themes = "\u{1E}\u{1E}a\u{1F}positive\u{1F}x\u{1E}b\u{1F}bad\u{1E}\u{1F}negative\u{1E}c\u{1F}\u{1F}neutral"
            + "\u{1E}d\u{1F}negative\u{1E}d\u{1F}positive\u{1E}"
        let line = Array("Z-1\t2\t2026-11-20\t\\N\t\\N\ttr\tpositive\t0.5\t\\N\t\(themes)".utf8)
        #expect(line.withUnsafeBufferPointer { SpoolRow.make($0) } != nil, "the line is bound from its bytes")
        let parsed = try #require(line.withUnsafeBufferPointer { RecordSpool.parse($0) })
        #expect(parsed.themes == ["c": .neutral, "d": .positive])
        let s = T.Scratch()
        defer { s.remove() }
        try FileManager.default.createDirectory(at: s.dir, withIntermediateDirectories: true)
        let spool = s.dir.appendingPathComponent("z.store")
        try Data(line + [UInt8(ascii: "\n")]).write(to: spool)
        let store = try HistoryStore.open(at: s.store)
        let session = try store.beginRun(T.info(.reprocess))
        try session.writeFile(T.file("z.csv", sha: "z"), spool: spool)
        try session.commit(RunTotals(status: .completed))
        #expect(try store.canonicalContents().contains("\tc:neutral,d:positive\n"))
    }

    /// `ThemeRowWriter` puts a record's themes in by `batch` rows to a statement: a record with more themes
    /// than two statements hold, one named twice across two statements, keeps every theme and the last polarity.
    @Test func moreThemesThanAStatementHoldsAreAllWritten() throws {
        let count = ThemeRowWriter.batch * 2 + 1
        let names = (0..<count).map { String(format: "theme_%02d", $0) }
        let polarities: [SentimentLabel] = [.positive, .neutral, .negative]
        var themes = names.enumerated().map { ($0.element, polarities[$0.offset % 3]) }
        // The last theme (positive: `count - 1` is a multiple of 3) also comes first, negative: the last statement's
        // polarity is the one kept.
        themes.insert((names[count - 1], .negative), at: 0)
        var bytes: [UInt8] = []
        RecordSpool.append(Self.feedback("M-1", line: 2, date: "2026-11-20", themes: themes), to: &bytes)
        let s = T.Scratch()
        defer { s.remove() }
        try FileManager.default.createDirectory(at: s.dir, withIntermediateDirectories: true)
        let spool = s.dir.appendingPathComponent("m.store")
        try Data(bytes).write(to: spool)
        let store = try HistoryStore.open(at: s.store)
        let session = try store.beginRun(T.info(.reprocess))
        try session.writeFile(T.file("m.csv", sha: "m"), spool: spool)
        try session.commit(RunTotals(status: .completed))
        let expected = names.enumerated().map { "\($0.element):\(polarities[$0.offset % 3].rawValue)" }.joined(separator: ",")
        #expect(try store.canonicalContents().contains("\t\(expected)\n"))
    }

    @Test func theSpoolKeepsValuesThroughEscapes() {
        var bytes: [UInt8] = []
        RecordSpool.append(Self.feedback("A\tB", line: 7, date: nil, employee: "x\\y\r\nz", channel: "\\N"), to: &bytes)
        let line = bytes.dropLast()
        let r = line.withUnsafeBufferPointer { RecordSpool.parse($0) }
        #expect(r?.recordId == "A\tB" && r?.employee == "x\\y\r\nz" && r?.channel == "\\N" && r?.date == nil && r?.line == 7)
        #expect(line.withUnsafeBufferPointer { SpoolRow.make($0) } == nil, "a line with escapes goes through `parse`")
    }

    @Test func idRangesMergeAndFind() {
        var r = IdRanges()
        r.insert(10...20)
        r.insert(31...40)
        r.insert(21...30)
        r.insert(1...3)
        #expect(r.ranges == [1...3, 10...40])
        #expect(r.contains(10) && r.contains(40) && r.contains(2) && !r.contains(4) && !r.contains(41) && !r.contains(0))
    }
}
