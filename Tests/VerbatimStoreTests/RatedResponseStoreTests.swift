import Foundation
import GRDB
import Testing
import VerbatimCore
@testable import VerbatimStore

/// Survey responses with a rating and no text in the history store
/// (`rated_responses`): written from spools beside the records, one key
/// with the records (a response moves between the two tables with its
/// latest export), removed with the file version that gave them, in the
/// trends' CSAT and NPS, and listed with the rated records in
/// `survey_responses`.
@Suite("History store: rated responses without text")
struct RatedResponseStoreTests {
    typealias T = HistoryStoreTests

    static func rated(_ id: String, line: Int = 2, day: String, employee: String? = "Ayşe", csat: Double? = nil, nps: Double? = nil) -> RatedResponse {
        RatedResponse(id: id, provenance: Provenance(file: "f.csv", line: line), date: day + "T09:00:00+03:00", employee: employee,
                      channel: "Phone", ratings: SurveyRating.Ratings(csat: csat, nps: nps))
    }

    static func commented(_ id: String, line: Int = 2, day: String, employee: String? = "Ayşe", csat: Double? = nil,
                          label: SentimentLabel = .negative, themes: [String] = []) -> FeedbackRecord {
        var r = FeedbackRecord(id: id, provenance: Provenance(file: "f.csv", line: line), date: day + "T09:00:00+03:00", employee: employee,
                               channel: "Phone", ratings: SurveyRating.Ratings(csat: csat), text: "x")
        r.language = .tr
        r.sentiment = SentimentResult(score: label == .negative ? -0.5 : 0.5, label: label, evidence: [], clauseScores: [])
        r.themes = themes.map { ThemeMention(theme: $0, polarity: label, keyword: "k") }
        return r
    }

    enum Line { case record(FeedbackRecord), rated(RatedResponse) }

    /// One committed run writing each file from a spool of `lines`.
    @discardableResult
    static func run(_ store: HistoryStore, _ s: T.Scratch, _ files: [(String, String, [Line])]) throws -> [FileWriteCounts] {
        try FileManager.default.createDirectory(at: s.dir, withIntermediateDirectories: true)
        let session = try store.beginRun(T.info(.reprocess))
        var counts: [FileWriteCounts] = []
        for (name, sha, lines) in files {
            var bytes: [UInt8] = []
            for l in lines {
                switch l {
                case let .record(r): RecordSpool.append(r, to: &bytes)
                case let .rated(r): RecordSpool.append(r, to: &bytes)
                }
            }
            let url = s.dir.appendingPathComponent("\(UUID().uuidString).store")
            try Data(bytes).write(to: url)
            counts.append(try session.writeFile(T.file(name, sha: sha), spool: url))
        }
        try session.commit(RunTotals(status: .completed))
        return counts
    }

    static func keys(_ store: HistoryStore, _ table: String) throws -> [String] {
        try store.queue.read { try String.fetchAll($0, sql: "SELECT record_id FROM \(table) ORDER BY record_id") }
    }

    @Test func aRatedLineIsReadBackAsItWasWrittenAndNeverAsARecord() throws {
        var bytes: [UInt8] = []
        let r = Self.rated("R\t1", line: 7, day: "2026-11-20", employee: nil, csat: 4, nps: 9)
        RecordSpool.append(r, to: &bytes)
        #expect(bytes.last == SpoolLine.newline)
        try bytes.dropLast().withUnsafeBufferPointer { b in
            #expect(RecordSpool.parse(b) == nil, "a rated response is no record: it has no label")
            #expect(SpoolRow.make(b) == nil)
            let back = try #require(RecordSpool.parseRated(b))
            #expect(back == StoredRating(recordId: "R\t1", line: 7, date: "2026-11-20T09:00:00+03:00", channel: "Phone",
                                         ratings: SurveyRating.Ratings(csat: 4, nps: 9)))
            #expect(back.day == "2026-11-20")
            #expect(RecordSpool.entry(b) == .rated(back))
        }
        var recordBytes: [UInt8] = []
        RecordSpool.append(Self.commented("C-1", day: "2026-11-20"), to: &recordBytes)
        recordBytes.dropLast().withUnsafeBufferPointer { b in
            #expect(RecordSpool.parseRated(b) == nil, "a record is no rated response")
            if case .record = RecordSpool.entry(b) {} else { Issue.record("a record's line reads as a record") }
        }
    }

    @Test func ratedResponsesAreStoredAndListedWithTheRatedRecords() throws {
        let s = T.Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        let counts = try Self.run(store, s, [("tr_anket_2026-11-20.csv", "1", [
            .rated(Self.rated("R-1", day: "2026-11-20", csat: 5)),
            .record(Self.commented("R-2", line: 3, day: "2026-11-20", csat: 1)),
            .rated(Self.rated("R-3", line: 4, day: "2026-11-20", employee: nil, nps: 3)),
            .record(Self.commented("R-4", line: 5, day: "2026-11-20")),
        ])])
        #expect(counts.first?.new == 2 && counts.first?.ratedWithoutText == 2)
        let look = try store.inspect()
        #expect(look.records == 2 && look.ratedWithoutText == 2)
        let contents = try store.canonicalContents()
        #expect(contents.contains("# rated responses without text:"))
        #expect(contents.contains("tr_anket_#.csv\tR-1\t/exports/tr_anket_2026-11-20.csv\t2\t2026-11-20T09:00:00+03:00\t2026-11-20\tAyşe\tPhone\t5.0\t∅"))
        // The view a dashboard reads: every rated response, commented or not (R-4 has no rating).
        let view = try store.queue.read { try Row.fetchAll($0, sql: "SELECT record_id, csat, nps, label FROM survey_responses ORDER BY record_id") }
        #expect(view.map { "\($0[0] as String) \($0[1] as Double? ?? -1) \($0[2] as Double? ?? -1) \($0[3] as String? ?? "-")" }
                == ["R-1 5.0 -1.0 -", "R-2 1.0 -1.0 negative", "R-3 -1.0 3.0 -"])
    }

    @Test func aResponseIsKeptAsItsLatestExportGaveIt() throws {
        let s = T.Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        try Self.run(store, s, [("tr_anket_2026-11-20.csv", "1", [
            .rated(Self.rated("R-1", day: "2026-11-20", csat: 2)),
            .record(Self.commented("R-2", day: "2026-11-20", csat: 2, themes: ["billing"])),
        ])])
        // The next export of the same survey: R-1 gained a comment, R-2 lost it.
        let counts = try Self.run(store, s, [("tr_anket_2026-11-21.csv", "2", [
            .record(Self.commented("R-1", day: "2026-11-20", csat: 2, themes: ["wait_time"])),
            .rated(Self.rated("R-2", day: "2026-11-20", csat: 2)),
        ])])
        #expect(counts.first?.ratedWithoutText == 1)
        #expect(try Self.keys(store, "records") == ["R-1"])
        #expect(try Self.keys(store, "rated_responses") == ["R-2"])
        let themes = try store.queue.read { try String.fetchAll($0, sql: "SELECT theme FROM record_themes ORDER BY theme") }
        #expect(themes == ["wait_time"], "the themes of the record that became a rated response go with it")
        // Within one run and one file, the later line wins too.
        try Self.run(store, s, [("tr_anket_2026-11-22.csv", "3", [
            .rated(Self.rated("R-1", day: "2026-11-20", csat: 3)),
            .record(Self.commented("R-3", day: "2026-11-20")),
            .rated(Self.rated("R-3", day: "2026-11-20", csat: 4)),
            .record(Self.commented("R-2", day: "2026-11-20", csat: 5)),
        ])])
        #expect(try Self.keys(store, "records") == ["R-2"])
        #expect(try Self.keys(store, "rated_responses") == ["R-1", "R-3"])
        // A source whose first rated response comes in the same file as the comment that replaces it.
        try Self.run(store, s, [("b.csv", "4", [.rated(Self.rated("B-1", day: "2026-11-20", csat: 3)), .record(Self.commented("B-1", day: "2026-11-20"))])])
        #expect(try Self.keys(store, "records") == ["B-1", "R-2"])
        #expect(try Self.keys(store, "rated_responses") == ["R-1", "R-3"])
        #expect(try store.inspect().integrity == "ok")
    }

    @Test func aChangedFileRemovesTheRatedResponsesItNoLongerHas() throws {
        let s = T.Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        try Self.run(store, s, [("a.csv", "1", [.rated(Self.rated("A-1", day: "2026-11-20", csat: 4)), .rated(Self.rated("A-2", day: "2026-11-20", csat: 5))])])
        let counts = try Self.run(store, s, [("a.csv", "2", [.rated(Self.rated("A-2", day: "2026-11-20", csat: 1))])])
        #expect(counts.first?.removed == 1)
        #expect(try Self.keys(store, "rated_responses") == ["A-2"])
        let csat = try store.queue.read { try Double.fetchOne($0, sql: "SELECT csat FROM rated_responses") }
        #expect(csat == 1, "the later version's rating replaces the earlier one")
    }

    @Test func trendsCountTheRatingsOfBothKinds() throws {
        let s = T.Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        try Self.run(store, s, [("a.csv", "1", [
            .rated(Self.rated("1", day: "2026-11-10", csat: 5)),                      // previous
            .rated(Self.rated("2", day: "2026-11-16", csat: 2, nps: 10)),             // current
            .rated(Self.rated("3", day: "2026-11-17", employee: nil, csat: 4)),       // current, no employee
            .record(Self.commented("4", day: "2026-11-18", csat: 1, themes: ["billing"])),  // current, with text
            .rated(Self.rated("5", day: "2026-11-25", csat: 1)),                      // after the periods
        ])])
        let session = try store.beginRun(T.info())
        defer { session.rollback() }
        let t = try session.trendCounts(current: DayRange(from: "2026-11-15", to: "2026-11-21"), previous: DayRange(from: "2026-11-08", to: "2026-11-14"))
        #expect(t.total.current.n == 1, "only the commented response has a label")
        #expect(t.total.current.csatCount == 3 && t.total.current.csatSatisfied == 1)
        #expect(t.total.current.npsCount == 1 && t.total.current.npsPromoters == 1)
        #expect(t.total.previous.csatCount == 1 && t.total.previous.csatPercent == 100)
        #expect(t.byEmployee["Ayşe"]?.current.csatCount == 2 && t.byEmployee["Ayşe"]?.current.n == 1)
        #expect(t.byTheme["billing"]?.current.csatCount == 1, "a theme mention counts its record's rating")
        #expect(t.byChannel["Phone"]?.current.csatCount == 3 && t.byChannel["Phone"]?.current.n == 1 && t.byChannel["Phone"]?.previous.csatCount == 1,
                "a channel counts its records and its rated responses")
    }
}
