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
    @discardableResult
    public func writeFile(_ file: FileEntry, records: [StoredRecord]) throws(StoreError) -> FileWriteCounts {
        try access("writing the records of \(file.name)") { db in
            var counts = FileWriteCounts()
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
            if file.rejectedWhole { return counts }

            let source = file.source
            // The record's row, if any, and whether an earlier file of this run already wrote it.
            let find = try db.cachedStatement(sql: """
                SELECT r.id, t.id IS NOT NULL FROM records r LEFT JOIN temp.touched t ON t.id = r.id
                WHERE r.source = ? AND r.record_id = ?
                """)
            let update = try db.cachedStatement(sql: """
                UPDATE records SET file_id = ?, line = ?, date = ?, day = ?, employee = ?, channel = ?, language = ?,
                                   label = ?, score = ?, rating = ?
                WHERE id = ?
                """)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO records (source, record_id, file_id, line, date, day, employee, channel, language, label, score, rating)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let clearThemes = try db.cachedStatement(sql: "DELETE FROM record_themes WHERE record_id = ?")
            let addTheme = try db.cachedStatement(sql: "INSERT OR REPLACE INTO record_themes (record_id, theme, polarity) VALUES (?, ?, ?)")
            let touch = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.touched (id) VALUES (?)")

            for r in records {
                let id: Int64
                if let existing = try Row.fetchOne(find, arguments: [source, r.recordId]) {
                    id = existing[0]
                    if existing[1] as Bool { counts.duplicates += 1 } else { counts.updated += 1 }
                    try update.execute(arguments: [fileId, r.line, r.date, r.day, r.employee, r.channel, r.language,
                                                   r.label.rawValue, r.score, r.rating, id])
                    try clearThemes.execute(arguments: [id])
                } else {
                    try insert.execute(arguments: [source, r.recordId, fileId, r.line, r.date, r.day, r.employee, r.channel,
                                                   r.language, r.label.rawValue, r.score, r.rating])
                    id = db.lastInsertedRowID
                    counts.new += 1
                }
                try touch.execute(arguments: [id])
                for theme in r.themes.keys.sorted() {
                    try addTheme.execute(arguments: [id, theme, r.themes[theme]!.rawValue])
                }
            }
            try db.execute(sql: """
                DELETE FROM records
                WHERE file_id IN (SELECT id FROM files WHERE path = ?) AND id NOT IN (SELECT id FROM temp.touched)
                """, arguments: [file.path])
            counts.removed = db.changesCount
            return counts
        }
    }

    /// Counts per employee and per theme in two periods, this run's records included.
    public func trendCounts(current: DayRange, previous: DayRange) throws(StoreError) -> TrendCounts {
        try access("reading trends") { db in
            var out = TrendCounts(current: current, previous: previous)
            let period = "CASE WHEN day BETWEEN :cf AND :ct THEN 1 WHEN day BETWEEN :pf AND :pt THEN 0 END"
            let args: StatementArguments = ["cf": current.from, "ct": current.to, "pf": previous.from, "pt": previous.to]
            func add(_ row: Row, into cell: inout PeriodCounts) {
                let c = SentimentCounts(n: row["n"], positive: row["pos"], neutral: row["neu"], negative: row["neg"], scoreSum: row["score"])
                if row["period"] as Int == 1 { cell.current = c } else { cell.previous = c }
            }
            let counts = """
                COUNT(*) AS n, SUM(label = 'positive') AS pos, SUM(label = 'neutral') AS neu,
                SUM(label = 'negative') AS neg, TOTAL(score) AS score
                """
            for row in try Row.fetchAll(db, sql: """
                SELECT \(period) AS period, \(counts) FROM records WHERE period IS NOT NULL GROUP BY period
                """, arguments: args) {
                add(row, into: &out.total)
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT employee, \(period) AS period, \(counts)
                FROM records WHERE period IS NOT NULL AND employee IS NOT NULL GROUP BY employee, period
                """, arguments: args) {
                add(row, into: &out.byEmployee[row["employee"], default: PeriodCounts()])
            }
            let themePeriod = period.replacingOccurrences(of: "day", with: "r.day")
            for row in try Row.fetchAll(db, sql: """
                SELECT t.theme AS theme, \(themePeriod) AS period, COUNT(*) AS n, SUM(t.polarity = 'positive') AS pos,
                       SUM(t.polarity = 'neutral') AS neu, SUM(t.polarity = 'negative') AS neg, TOTAL(r.score) AS score
                FROM record_themes t JOIN records r ON r.id = t.record_id
                WHERE period IS NOT NULL GROUP BY t.theme, period
                """, arguments: args) {
                add(row, into: &out.byTheme[row["theme"], default: PeriodCounts()])
            }
            return out
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
