import Foundation
import GRDB
import VerbatimCore

/// One run's open transaction on the history store, holding its write lock.
///
/// Made by `HistoryStore.beginRun`. The runner asks which files were
/// processed before, writes each file's records, reads the trend counts
/// (which already include this run's records) and finally commits, or
/// rolls back on any failure. Use it from one thread.
public final class RunSession {
    /// The store's id of this run (`runs.id`).
    public let runId: Int64
    let store: HistoryStore
    let info: RunInfo
    private var open = true
    /// The ids of the records this run inserted (a range or two, not a million ids; see
    /// `RecordWriter`). With `temp.touched` (the records this run updated) they are the
    /// records this run wrote.
    private var inserted = IdRanges()

    init(store: HistoryStore, runId: Int64, info: RunInfo) {
        self.store = store
        self.runId = runId
        self.info = info
    }

    deinit { if open { rollback() } }

    /// The last processing of a file with this content (at any path), if any. A file rejected whole
    /// counts too: the same bytes would be rejected again, and re-reading them every night would
    /// replace the day's report with one that holds only that reject (`--reprocess` reads it again).
    public func priorProcessing(sha256: String) throws(StoreError) -> PriorFile? {
        try access("looking up earlier files") { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT f.path, f.processed_run_id, r.as_of FROM files f JOIN runs r ON r.id = f.processed_run_id
                WHERE f.sha256 = ? AND f.status IN ('processed', 'rejected') ORDER BY f.processed_run_id DESC, f.id DESC LIMIT 1
                """, arguments: [sha256]) else { return nil }
            return PriorFile(path: row[0], runId: row[1], asOf: row[2])
        }
    }

    /// Notes that this run saw `file` and skipped it (its content was processed before).
    public func noteSkipped(_ file: FileEntry) throws(StoreError) {
        try access("recording a skipped file") { db in
            try db.execute(sql: """
                INSERT INTO files (path, name, size, sha256, format, encoding, status, first_run_id, last_run_id)
                VALUES (?, ?, ?, ?, ?, ?, 'skipped', ?, ?)
                ON CONFLICT (path, sha256) DO UPDATE SET name = excluded.name, last_run_id = excluded.last_run_id
                """, arguments: [file.path, file.name, file.size, file.sha256, file.format, file.encoding, runId, runId])
        }
    }

    /// Writes what reading `file` gave: its row in `files`, and its records,
    /// which replace what earlier versions of the same path had given.
    ///
    /// A record already in the store (same source and id, from any file) is
    /// updated in place, so an export that repeats records never counts
    /// them twice. Records that an earlier version of this path had and
    /// this one lacks are removed, unless another file of this run wrote
    /// them. A file rejected whole is recorded, and its path keeps the
    /// records it gave before (a broken re-export does not erase history).
    /// `records` is iterated once, so it can stream.
    @discardableResult
    public func writeFile(_ file: FileEntry, records: some Sequence<StoredRecord>) throws(StoreError) -> FileWriteCounts {
        try writeFile(file) { writer, _ in
            for r in records { try writer.write(r) }
        }
    }

    /// A rated response, after which the file's records may replace one (`RecordWriter.mayReplaceRated`).
    private static func write(_ r: StoredRating, rated: inout RatedResponseWriter, records: inout RecordWriter) throws {
        try rated.write(r)
        records.mayReplaceRated = true
    }

    /// `writeFile(_:records:)` for records spooled in `RecordSpool`'s line format at `spool`,
    /// read in chunks and bound to the statements straight from the bytes.
    /// A missing or unreadable spool gives no records, like an empty one.
    @discardableResult
    public func writeFile(_ file: FileEntry, spool: URL) throws(StoreError) -> FileWriteCounts {
        try writeFile(file) { writer, rated in
            try RecordSpool.forEachLine(inFile: spool) { line in
                // The bytes bound in place where they can be; else the line read as either kind (a damaged one skipped).
                if let row = SpoolRow.make(line) {
                    try writer.write(row)
                } else {
                    switch RecordSpool.entry(line) {
                    case let .record(r)?: try writer.write(r)
                    case let .rated(r)?: try Self.write(r, rated: &rated, records: &writer)
                    case nil: break
                    }
                }
            }
        }
    }

    /// The file's row, then `body` with writers for its records and its rated responses, then the removal of what the
    /// path no longer has.
    private func writeFile(_ file: FileEntry, _ body: (inout RecordWriter, inout RatedResponseWriter) throws -> Void) throws(StoreError) -> FileWriteCounts {
        try access("writing the records of \(file.name)") { db in
            let fileId = try Int64.fetchOne(db, sql: """
                INSERT INTO files (path, name, size, sha256, format, encoding, status, records_read, records_accepted, records_rejected,
                                   first_run_id, last_run_id, processed_run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (path, sha256) DO UPDATE SET
                  name = excluded.name, size = excluded.size, format = excluded.format, encoding = excluded.encoding,
                  status = excluded.status, records_read = excluded.records_read, records_accepted = excluded.records_accepted,
                  records_rejected = excluded.records_rejected, last_run_id = excluded.last_run_id,
                  processed_run_id = excluded.processed_run_id
                RETURNING id
                """, arguments: [file.path, file.name, file.size, file.sha256, file.format, file.encoding,
                                 file.rejectedWhole ? "rejected" : "processed", file.read, file.accepted, file.rejected,
                                 runId, runId, runId])!
            if file.rejectedWhole { return FileWriteCounts() }

            // The CHECK constraints on `label` and `polarity` (`IN (...)` lists) build a
            // temporary index on every execution, which cost more than the insert itself.
            // Values written here are `SentimentLabel`s (checked when read back from a spool)
            // and always pass them, so the writer's statements are compiled without them
            // (the schema keeps them for any other writer).
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
            var writer = try RecordWriter(db, source: file.source, fileId: fileId, insertedBefore: inserted)
            var rated = try RatedResponseWriter(db, source: file.source, fileId: fileId)
            try body(&writer, &rated)
            var counts = writer.counts
            counts.ratedWithoutText = rated.written
            // Records of earlier versions of this path that this run did not write. (Records this run
            // inserted from other files carry those files' ids: only this file's new ones can match.)
            // Their themes first: references are not enforced on this connection, so nothing cascades (`HistoryStore.open`).
            let gone = """
                FROM records
                WHERE file_id IN (SELECT id FROM files WHERE path = ?) AND id NOT IN (SELECT id FROM temp.touched)
                  AND id NOT BETWEEN ? AND ?
                """
            let arguments: StatementArguments = [file.path, writer.firstNew ?? 1, writer.firstNew == nil ? 0 : writer.lastNew]
            try db.execute(sql: "DELETE FROM record_themes WHERE record_id IN (SELECT id \(gone))", arguments: arguments)
            try db.execute(sql: "DELETE \(gone)", arguments: arguments)
            counts.removed = db.changesCount
            // Rated responses of earlier versions of this path that this run did not write.
            try db.execute(sql: "DELETE FROM rated_responses WHERE file_id IN (SELECT id FROM files WHERE path = ?) AND id NOT IN (SELECT id FROM temp.touched_rated)",
                           arguments: [file.path])
            counts.removed += db.changesCount
            if let first = writer.firstNew { inserted.insert(first...writer.lastNew) }
            return counts
        }
    }

    /// Counts per employee, theme and channel in two periods, this run's records included, with their CSAT and NPS
    /// (and those of the rated responses without text: in the whole and their employee's, as in a run's own tallies).
    ///
    /// The rows of both periods are added up here, by key and period, not by `GROUP BY`: SQLite
    /// would first sort them all, in a sorter that takes as much memory again as the page cache before
    /// it spills (it made a run's peak grow from 120 to 160 MB between 100,000 and a million records).
    /// Here memory grows with the number of employees and themes only. Scores add up in fixed point,
    /// as in the run's own tallies.
    public func trendCounts(current: DayRange, previous: DayRange) throws(StoreError) -> TrendCounts {
        try access("reading trends") { db in
            var out = TrendCounts(current: current, previous: previous)
            // Only rows inside the two periods can count: `day BETWEEN ?5 AND ?6` lets SQLite
            // read them through `records_by_day` instead of scanning every record the store holds.
            let period = "CASE WHEN day BETWEEN ?1 AND ?2 THEN 1 WHEN day BETWEEN ?3 AND ?4 THEN 0 END"
            let records = try BulkStatement(db, sql: """
                SELECT \(period) AS period, label, score, employee, csat, nps, channel FROM records WHERE day BETWEEN ?5 AND ?6 AND period IS NOT NULL
                """)
            let themes = try BulkStatement(db, sql: """
                SELECT \(period.replacingOccurrences(of: "day", with: "r.day")) AS period, t.polarity, r.score, t.theme, r.csat, r.nps
                FROM record_themes t JOIN records r ON r.id = t.record_id WHERE r.day BETWEEN ?5 AND ?6 AND period IS NOT NULL
                """)
            let rated = try BulkStatement(db, sql: """
                SELECT \(period) AS period, employee, csat, nps, channel FROM rated_responses WHERE day BETWEEN ?5 AND ?6 AND period IS NOT NULL
                """)
            for s in [records, themes, rated] {
                s.bind(1, current.from); s.bind(2, current.to); s.bind(3, previous.from); s.bind(4, previous.to)
                s.bind(5, min(current.from, previous.from)); s.bind(6, max(current.to, previous.to))
            }
            try Self.forEachCount(records) { label, score, ratings, isCurrent, employee in
                out.addRecord(label, score: score, ratings: ratings, current: isCurrent, employee: employee, channel: records.string(6))
            }
            try Self.forEachCount(themes) { polarity, score, ratings, isCurrent, theme in
                if let theme { out.byTheme[theme, default: PeriodCounts()].add(polarity, score: score, ratings: ratings, current: isCurrent) }
            }
            defer { rated.reset() }
            while try rated.step() {
                out.addRatings(SurveyRating.Ratings(csat: rated.optionalDouble(2), nps: rated.optionalDouble(3)), current: rated.int64(0) == 1,
                               employee: rated.string(1), channel: rated.string(4))
            }
            return out
        }
    }

    /// Steps a trend query (period, label, score, key, CSAT, NPS) and calls `body` with each row.
    private static func forEachCount(_ s: BulkStatement, _ body: (SentimentLabel, Double, SurveyRating.Ratings, Bool, String?) -> Void) throws {
        defer { s.reset() }
        while try s.step() {
            // Labels are checked when they are written (`SentimentLabel`), so every row has one.
            guard let label = s.bytes(1).flatMap(SentimentLabel.init(bytes:)) else { continue }
            body(label, s.double(2), SurveyRating.Ratings(csat: s.optionalDouble(4), nps: s.optionalDouble(5)), s.int64(0) == 1, s.string(3))
        }
    }

    /// Records how the run ended and commits everything it wrote.
    public func commit(_ totals: RunTotals) throws(StoreError) {
        try access("committing the run") { db in
            do {
                try Self.finish(db, runId: runId, totals: totals, error: nil)
                try db.commit()
            } catch {
                try? db.rollback()
                throw error
            }
        }
        open = false
    }

    /// Drops everything this run wrote and releases the lock.
    public func rollback() {
        guard open else { return }
        open = false
        try? store.queue.writeWithoutTransaction { db in
            if db.isInsideTransaction { try db.rollback() }
        }
    }

    /// Runs `body` inside the open transaction, turning errors into `StoreError`.
    private func access<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        guard open else { preconditionFailure("RunSession used after commit or rollback") }
        do {
            return try store.queue.writeWithoutTransaction { db in try body(db) }
        } catch {
            throw HistoryStore.storeError(error, path: store.url.path, operation: operation, lockTimeout: store.lockTimeout)
        }
    }

    /// Inserts the `runs` row of a starting run and resets the run's scratch table.
    static func start(_ db: Database, info: RunInfo) throws -> Int64 {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS touched (id INTEGER PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM temp.touched")
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS touched_rated (id INTEGER PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM temp.touched_rated")
        try db.execute(sql: """
            INSERT INTO runs (started_at, status, mode, pipeline, as_of, input, config_sha256, lexicon_sha256, tool_version)
            VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [timestamp(info.startedAt), info.mode.rawValue, info.pipeline, info.asOf, info.input,
                             info.configSHA256, info.lexiconSHA256, info.toolVersion])
        return db.lastInsertedRowID
    }

    /// Fills in how a run ended.
    static func finish(_ db: Database, runId: Int64, totals: RunTotals, error: String?) throws {
        try db.execute(sql: """
            UPDATE runs SET finished_at = ?, status = ?, files_read = ?, files_skipped = ?, files_rejected = ?,
                            records_accepted = ?, records_rejected = ?, duration_seconds = ?, error = ?
            WHERE id = ?
            """, arguments: [timestamp(Date()), totals.status.rawValue, totals.filesRead, totals.filesSkipped, totals.filesRejected,
                             totals.recordsAccepted, totals.recordsRejected, totals.durationSeconds, error, runId])
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }
}
