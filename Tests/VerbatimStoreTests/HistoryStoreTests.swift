import Foundation
import GRDB
import Testing
import VerbatimCore
@testable import VerbatimStore

/// The history store on its own: migrations, idempotent writes, overlapping
/// exports, replacement, rollback, locking and trend counts. Every test uses
/// its own temporary folder.
@Suite("History store")
struct HistoryStoreTests {
    /// A temporary folder with a store path in it.
    struct Scratch {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-store-\(UUID().uuidString)")
        var store: URL { dir.appendingPathComponent("var/history.sqlite") }
        func remove() { try? FileManager.default.removeItem(at: dir) }
    }

    static func info(_ mode: RunInfo.Mode = .nightly, asOf: String = "2026-11-21") -> RunInfo {
        RunInfo(mode: mode, pipeline: "test", asOf: asOf, input: "/exports", configSHA256: "c", lexiconSHA256: "l", toolVersion: "0.1.0")
    }

    static func file(_ name: String, sha: String, folder: String = "/exports") -> FileEntry {
        var f = FileEntry(path: "\(folder)/\(name)", name: name, size: 100, sha256: sha, format: "csv", encoding: "utf-8")
        f.read = 3
        f.accepted = 3
        return f
    }

    static func record(_ id: String, day: String, employee: String? = "Ayşe", label: SentimentLabel = .positive,
                       themes: [String: SentimentLabel] = [:]) -> StoredRecord {
        StoredRecord(recordId: id, line: 2, date: day + "T09:00:00+03:00", employee: employee, language: "tr", label: label,
                     score: label == .positive ? 0.5 : label == .negative ? -0.5 : 0, themes: themes)
    }

    /// Runs one committed run that writes `files`.
    @discardableResult
    static func commitRun(_ store: HistoryStore, _ files: [(FileEntry, [StoredRecord])], mode: RunInfo.Mode = .nightly) throws -> [FileWriteCounts] {
        let session = try store.beginRun(info(mode))
        let counts = try files.map { try session.writeFile($0.0, records: $0.1) }
        try session.commit(RunTotals(status: .completed))
        return counts
    }

    @Test func aNewStoreIsCreatedWithItsFolderAndMigrated() throws {
        let s = Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        let look = try store.inspect()
        #expect(look.integrity == "ok")
        #expect(look.migrations == HistoryStore.schemaVersions)
        #expect(look.migrations == ["v1", "v2", "v3", "v4"])
        // Opening again applies nothing and keeps the data.
        try Self.commitRun(store, [(Self.file("a.csv", sha: "1"), [Self.record("A-1", day: "2026-11-20")])])
        let again = try HistoryStore.open(at: s.store)
        #expect(try again.inspect().records == 1)
    }

    @Test func aStoreOfTheFirstSchemaIsMigratedAndKeepsItsData() throws {
        let s = Scratch()
        defer { s.remove() }
        try FileManager.default.createDirectory(at: s.store.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            // A store as the first release left it: "v1" only, with the index on themes by name, and ratings
            // without their scale (written here as that release wrote them: today's writer needs v3's column).
            let q = try DatabaseQueue(path: s.store.path)
            try HistoryStore.migrator.migrate(q, upTo: "v1")
            try q.write { db in
                try db.execute(sql: """
                    INSERT INTO runs (id, started_at, status, mode, pipeline, as_of, input, config_sha256, lexicon_sha256, tool_version)
                    VALUES (1, '2026-11-21T01:00:00Z', 'completed', 'nightly', 'test', '2026-11-21', '/exports', 'c', 'l', '0.1.0');
                    INSERT INTO files (id, path, name, size, sha256, format, encoding, status, records_read, records_accepted,
                                       first_run_id, last_run_id, processed_run_id)
                    VALUES (1, '/exports/a.csv', 'a.csv', 100, '1', 'csv', 'utf-8', 'processed', 3, 3, 1, 1, 1);
                    INSERT INTO records (id, source, record_id, file_id, line, date, day, employee, language, label, score, rating) VALUES
                      (1, 'a', 'A-1', 1, 2, '2026-11-20T09:00:00+03:00', '2026-11-20', 'Ayşe', 'tr', 'positive', 0.5, 4),
                      (2, 'a', 'A-2', 1, 3, '2026-11-21T09:00:00+03:00', '2026-11-21', 'Ayşe', 'tr', 'negative', -0.5, 9),
                      (3, 'a', 'A-3', 1, 4, '2026-11-21T09:00:00+03:00', '2026-11-21', 'Ayşe', 'tr', 'neutral', 0, NULL);
                    INSERT INTO record_themes (record_id, theme, polarity) VALUES (1, 'courtesy', 'positive'), (2, 'wait_time', 'negative');
                    """)
            }
            #expect(try q.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name = 'record_themes_by_theme'") } == 1)
        }
        let store = try HistoryStore.open(at: s.store)
        let look = try store.inspect()
        #expect(look.integrity == "ok" && look.migrations == ["v1", "v2", "v3", "v4"])
        #expect(look.records == 3 && look.themeMentions == 2)
        let indexes = try store.queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name = 'record_themes_by_theme'") }
        #expect(indexes == 0, "v2 drops the index on themes by name")
        // v3: the stored ratings move to the CSAT or NPS column by the value rule they were counted with.
        let moved = try store.queue.read { try Row.fetchAll($0, sql: "SELECT record_id, csat, nps FROM records ORDER BY record_id") }
        func show(_ v: Double?) -> String { v.map { "\($0)" } ?? "-" }
        #expect(moved.map { "\($0[0] as String):\(show($0[1])):\(show($0[2]))" } == ["A-1:4.0:-", "A-2:-:9.0", "A-3:-:-"])
        let columns = try store.queue.read { try Row.fetchAll($0, sql: "PRAGMA table_info(records)").map { $0["name"] as String } }
        #expect(!columns.contains("rating"), "the one rating column is gone: \(columns)")
        // And the migrated store takes the next run, with both ratings of a survey that asks both.
        var b1 = Self.record("B-1", day: "2026-11-21", themes: ["courtesy": .negative])
        b1.ratings = SurveyRating.Ratings(csat: 2, nps: 4)
        try Self.commitRun(store, [(Self.file("b.csv", sha: "2"), [b1])])
        #expect(try store.inspect().themeMentions == 3)
        let b = try store.queue.read { try Row.fetchOne($0, sql: "SELECT csat, nps FROM records WHERE record_id = 'B-1'") }
        #expect(b?[0] as Double? == 2 && b?[1] as Double? == 4, "an NPS column's 4 is stored as NPS, beside the CSAT")
    }

    @Test func aStoreFromANewerVersionIsRefused() throws {
        let s = Scratch()
        defer { s.remove() }
        _ = try HistoryStore.open(at: s.store)
        let q = try DatabaseQueue(path: s.store.path)
        try q.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2-from-the-future')") }
        #expect(throws: StoreError.newerSchema(path: s.store.path, unknownMigrations: ["v2-from-the-future"])) {
            try HistoryStore.open(at: s.store)
        }
    }

    @Test func aFileThatIsNotADatabaseGetsAnActionableMessage() throws {
        let s = Scratch()
        defer { s.remove() }
        try FileManager.default.createDirectory(at: s.store.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("record_id,text\n1,hello\n".utf8).write(to: s.store)
        do {
            _ = try HistoryStore.open(at: s.store)
            Issue.record("a CSV file opened as a store")
        } catch {
            #expect(error.description.contains("not an SQLite database"))
            #expect(error.description.contains(s.store.path))
            #expect(error.description.contains("--no-store"))
        }
    }

    @Test func writingTheSameFileTwiceUpdatesAndGivesTheSameContents() throws {
        let s = Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        let f = Self.file("tr_anket_2026-11-21.csv", sha: "aaa")
        let records = [Self.record("TR-1", day: "2026-11-21", themes: ["courtesy": .positive]),
                       Self.record("TR-2", day: "2026-11-21", label: .negative, themes: ["wait_time": .negative])]
        let first = try Self.commitRun(store, [(f, records)], mode: .reprocess)
        #expect(first[0].new == 2 && first[0].updated == 0)
        let contents = try store.canonicalContents()
        let second = try Self.commitRun(store, [(f, records)], mode: .reprocess)
        #expect(second[0].new == 0 && second[0].updated == 2 && second[0].removed == 0)
        #expect(try store.canonicalContents() == contents)
        let look = try store.inspect()
        #expect(look.records == 2 && look.themeMentions == 2 && look.files == 1 && look.runs == 2)
    }

    @Test func anOverlappingExportUpdatesRecordsInsteadOfAddingThem() throws {
        let s = Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        let day1 = Self.file("tr_anket_2026-11-20.csv", sha: "d1")
        let day2 = Self.file("tr_anket_2026-11-21.csv", sha: "d2")
        try Self.commitRun(store, [(day1, [Self.record("TR-1", day: "2026-11-19"), Self.record("TR-2", day: "2026-11-20")])])
        let counts = try Self.commitRun(store, [(day2, [Self.record("TR-2", day: "2026-11-20", label: .negative),
                                                        Self.record("TR-3", day: "2026-11-21")])])
        #expect(counts[0].new == 1 && counts[0].updated == 1)
        #expect(try store.inspect().records == 3)
        // The later export's version of TR-2 is the one kept.
        let session = try store.beginRun(Self.info())
        let trend = try session.trendCounts(current: DayRange(from: "2026-11-15", to: "2026-11-21"),
                                            previous: DayRange(from: "2026-11-08", to: "2026-11-14"))
        session.rollback()
        #expect(trend.total.current == SentimentTally(n: 3, positive: 2, neutral: 0, negative: 1, scoreSum: 0.5))
    }

    @Test func twoFilesOfOneRunWithTheSameRecordCountItOnceAsADuplicate() throws {
        let s = Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        let counts = try Self.commitRun(store, [
            (Self.file("tr_anket_2026-11-20.csv", sha: "d1"), [Self.record("TR-1", day: "2026-11-19")]),
            (Self.file("tr_anket_2026-11-21.csv", sha: "d2"), [Self.record("TR-1", day: "2026-11-19"), Self.record("TR-2", day: "2026-11-21")]),
        ])
        #expect(counts[1].duplicates == 1 && counts[1].new == 1)
        #expect(try store.inspect().records == 2)
    }

    @Test func aChangedFileReplacesExactlyTheRecordsItGaveBefore() throws {
        let s = Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        try Self.commitRun(store, [
            (Self.file("a.csv", sha: "v1"), [Self.record("A-1", day: "2026-11-20"),
                                             Self.record("A-2", day: "2026-11-20", themes: ["waiting": .negative, "staff": .negative])]),
            (Self.file("b.csv", sha: "b1"), [Self.record("B-1", day: "2026-11-20", themes: ["staff": .positive])]),
        ])
        #expect(try store.inspect().themeMentions == 3)
        // a.csv now lacks A-2 and has A-3; b.csv is not part of this run and keeps its record.
        let counts = try Self.commitRun(store, [(Self.file("a.csv", sha: "v2"), [Self.record("A-1", day: "2026-11-20"), Self.record("A-3", day: "2026-11-21")])],
                                        mode: .reprocess)
        #expect(counts[0] == { var c = FileWriteCounts(); c.new = 1; c.updated = 1; c.removed = 1; return c }())
        let contents = try store.canonicalContents()
        #expect(contents.contains("\tA-1\t") && contents.contains("\tA-3\t") && contents.contains("\tB-1\t"))
        #expect(!contents.contains("\tA-2\t"))
        // A removed record's themes go with it (references are kept by the writer, not by SQLite).
        let look = try store.inspect()
        #expect(look.themeMentions == 1 && look.integrity == "ok")
    }

    @Test func inspectionReportsRowsWhoseReferenceIsMissing() throws {
        let s = Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        try Self.commitRun(store, [(Self.file("a.csv", sha: "v1"), [Self.record("A-1", day: "2026-11-20", themes: ["staff": .positive])])])
        #expect(try store.inspect().integrity == "ok")
        try store.queue.write { db in try db.execute(sql: "DELETE FROM records") }
        #expect(try store.inspect().integrity == "1 rows of record_themes refer to missing records")
    }

    @Test func aFileRejectedWholeKeepsTheRecordsItsPathGaveBefore() throws {
        let s = Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        try Self.commitRun(store, [(Self.file("a.xml", sha: "good"), [Self.record("A-1", day: "2026-11-20")])])
        var broken = Self.file("a.xml", sha: "truncated")
        broken.rejectedWhole = true
        try Self.commitRun(store, [(broken, [])], mode: .reprocess)
        #expect(try store.inspect().records == 1)
        let session = try store.beginRun(Self.info())
        defer { session.rollback() }
        #expect(try session.priorProcessing(sha256: "truncated")?.path == "/exports/a.xml",
                "the same broken bytes are not read again every night (only a changed file or --reprocess reads them)")
        #expect(try session.priorProcessing(sha256: "good")?.path == "/exports/a.xml")
    }

    @Test func aRolledBackRunLeavesNothingAndPriorLookupsSeeOnlyCommittedRuns() throws {
        let s = Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        do {
            let session = try store.beginRun(Self.info())
            try session.writeFile(Self.file("a.csv", sha: "x"), records: [Self.record("A-1", day: "2026-11-20")])
            session.rollback()
        }
        do {
            // Dropped without commit: the same.
            let session = try store.beginRun(Self.info())
            try session.writeFile(Self.file("a.csv", sha: "x"), records: [Self.record("A-1", day: "2026-11-20")])
        }
        let look = try store.inspect()
        #expect(look.runs == 0 && look.files == 0 && look.records == 0)
        try Self.commitRun(store, [(Self.file("a.csv", sha: "x"), [Self.record("A-1", day: "2026-11-20")])])
        let session = try store.beginRun(Self.info(asOf: "2026-11-22"))
        defer { session.rollback() }
        let prior = try #require(try session.priorProcessing(sha256: "x"))
        #expect(prior.asOf == "2026-11-21" && prior.path == "/exports/a.xml".replacingOccurrences(of: "xml", with: "csv"))
    }

    @Test func aSecondRunWaitsForTheLockThenFailsWithAClearMessage() throws {
        let s = Scratch()
        defer { s.remove() }
        let first = try HistoryStore.open(at: s.store)
        let holder = try first.beginRun(Self.info())
        let second = try HistoryStore.open(at: s.store, lockTimeout: 0.3)
        var told = false
        let started = Date()
        do {
            _ = try second.beginRun(Self.info()) { _ in told = true }
            Issue.record("two runs held the store at once")
        } catch {
            guard case let .locked(path, waited) = error else { Issue.record("\(error)"); return }
            #expect(path == s.store.path)
            #expect(waited >= 0.25)
            #expect(error.description.contains("in use by another run"))
        }
        #expect(told, "the operator is told that the run waits")
        #expect(Date().timeIntervalSince(started) < 5)
        try holder.commit(RunTotals(status: .completed))
        let now = try second.beginRun(Self.info())
        now.rollback()
    }

    @Test func trendCountsSplitRecordsAndThemeMentionsByPeriod() throws {
        let s = Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        try Self.commitRun(store, [(Self.file("a.csv", sha: "1"), [
            Self.record("1", day: "2026-11-10", label: .negative, themes: ["wait_time": .negative]),
            Self.record("2", day: "2026-11-14", label: .positive, themes: ["wait_time": .positive, "courtesy": .positive]),
            Self.record("3", day: "2026-11-15", label: .positive),
            Self.record("4", day: "2026-11-21", employee: nil, label: .neutral, themes: ["wait_time": .neutral]),
            Self.record("5", day: "2026-11-22", label: .negative),  // after as-of: in neither period
            Self.record("6", day: "2026-11-07", label: .negative),  // before the previous period
        ])])
        let session = try store.beginRun(Self.info())
        defer { session.rollback() }
        let t = try session.trendCounts(current: DayRange(from: "2026-11-15", to: "2026-11-21"), previous: DayRange(from: "2026-11-08", to: "2026-11-14"))
        #expect(t.total.current.n == 2 && t.total.previous.n == 2)
        #expect(t.byEmployee["Ayşe"] == PeriodCounts(current: SentimentTally(n: 1, positive: 1, scoreSum: 0.5),
                                                     previous: SentimentTally(n: 2, positive: 1, negative: 1, scoreSum: 0)))
        #expect(t.byEmployee.count == 1, "records without an employee have no employee row")
        #expect(t.byTheme["wait_time"]?.previous == SentimentTally(n: 2, positive: 1, negative: 1, scoreSum: 0))
        #expect(t.byTheme["wait_time"]?.current == SentimentTally(n: 1, neutral: 1, scoreSum: 0))
        #expect(t.byTheme["courtesy"]?.current.n == 0)
    }

    @Test(arguments: [
        ("tr_anket_2026-11-21.csv", "tr_anket_#.csv"),
        ("tr_anket_2026-11-20.csv", "tr_anket_#.csv"),
        ("2026-11-21/sr_anketa.csv", "#/sr_anketa.csv"),
        ("export_20261121_0200.xml", "export_#.xml"),
        ("survey.csv", "survey.csv"),
        ("tr_cagri_merkezi_cp1254_21.11.2026.csv", "tr_cagri_merkezi_cp#.csv"),
    ])
    func sourcesIgnoreTheDatesInFileNames(name: String, source: String) {
        #expect(SourceKey.of(name) == source)
    }

    /// The write speed is measured by `make bench` (the store-write rows), not here.
    @Test func fiveThousandRecordsAreWrittenThenUpdatedInPlace() throws {
        let s = Scratch()
        defer { s.remove() }
        let store = try HistoryStore.open(at: s.store)
        let records = (0..<5_000).map { Self.record("R-\($0)", day: "2026-11-\(10 + $0 % 12)", themes: $0 % 3 == 0 ? ["wait_time": .negative] : [:]) }
        let first = try Self.commitRun(store, [(Self.file("big.csv", sha: "big"), records)])
        #expect(first.first?.new == 5_000 && first.first?.updated == 0)
        #expect(try store.inspect().records == 5_000)
        let again = try Self.commitRun(store, [(Self.file("big.csv", sha: "big"), records)], mode: .reprocess)
        #expect(again.first?.new == 0, "re-processing the same records adds none")
        #expect(try store.inspect().records == 5_000)
    }
}
