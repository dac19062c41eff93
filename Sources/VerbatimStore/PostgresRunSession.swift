import Foundation
import PostgresNIO
import VerbatimCore

/// One run's open transaction on a PostgreSQL store, holding the run lock
/// (a transaction-level advisory lock, released by commit or rollback).
/// The same writes as `RunSession`, statement by statement; the records a
/// run wrote are noted in a temporary table, so that a file's earlier
/// records it no longer has can be removed.
final class PostgresRunSession: RunTransaction {
    let runId: Int64
    let store: PostgresHistoryStore
    let db: PostgresConnectionBox
    private var open = true

    init(store: PostgresHistoryStore, db: PostgresConnectionBox, info: RunInfo) throws(StoreError) {
        self.store = store
        self.db = db
        try db.execute("CREATE TEMP TABLE touched (id BIGINT PRIMARY KEY) ON COMMIT DROP", "starting the run")
        try db.execute("CREATE TEMP TABLE touched_rated (id BIGINT PRIMARY KEY) ON COMMIT DROP", "starting the run")
        runId = try Self.start(db, info: info)
    }

    deinit { if open { rollback() } }

    static func start(_ db: PostgresConnectionBox, info: RunInfo) throws(StoreError) -> Int64 {
        let r = try db.query("""
            INSERT INTO runs (started_at, status, mode, pipeline, as_of, input, config_sha256, lexicon_sha256, tool_version)
            VALUES (\(RunSession.timestamp(info.startedAt)), 'running', \(info.mode.rawValue), \(info.pipeline), \(info.asOf), \(info.input),
                    \(info.configSHA256), \(info.lexiconSHA256), \(info.toolVersion))
            RETURNING id
            """, "starting the run")
        return try int64(r, db, "starting the run")
    }

    static func finish(_ db: PostgresConnectionBox, runId: Int64, totals: RunTotals, error: String?) throws(StoreError) {
        try db.query("""
            UPDATE runs SET finished_at = \(RunSession.timestamp(Date())), status = \(totals.status.rawValue),
                            files_read = \(totals.filesRead), files_skipped = \(totals.filesSkipped), files_rejected = \(totals.filesRejected),
                            records_accepted = \(totals.recordsAccepted), records_rejected = \(totals.recordsRejected),
                            duration_seconds = \(totals.durationSeconds), error = \(error)
            WHERE id = \(runId)
            """, "finishing the run")
    }

    static func int64(_ r: PostgresQueryResult, _ db: PostgresConnectionBox, _ operation: String) throws(StoreError) -> Int64 {
        do {
            guard let v = try r.int64() else { throw StoreError.failed(path: db.location, operation: operation, reason: "no row returned") }
            return v
        } catch let e as StoreError { throw e } catch { throw .failed(path: db.location, operation: operation, reason: "\(error)") }
    }

    func priorProcessing(sha256: String) throws(StoreError) -> PriorFile? {
        let r = try db.query("""
            SELECT f.path, f.processed_run_id, r.as_of FROM files f JOIN runs r ON r.id = f.processed_run_id
            WHERE f.sha256 = \(sha256) AND f.status IN ('processed', 'rejected') ORDER BY f.processed_run_id DESC, f.id DESC LIMIT 1
            """, "looking up earlier files")
        guard let row = r.rows.first?.makeRandomAccess() else { return nil }
        do { return PriorFile(path: try row[0].decode(String.self), runId: try row[1].decode(Int64.self), asOf: try row[2].decode(String.self)) } catch {
            throw .failed(path: db.location, operation: "looking up earlier files", reason: "\(error)")
        }
    }

    func noteSkipped(_ file: FileEntry) throws(StoreError) {
        try db.query("""
            INSERT INTO files (path, name, size, sha256, format, encoding, status, first_run_id, last_run_id)
            VALUES (\(file.path), \(file.name), \(file.size), \(file.sha256), \(file.format), \(file.encoding), 'skipped', \(runId), \(runId))
            ON CONFLICT (path, sha256) DO UPDATE SET name = excluded.name, last_run_id = excluded.last_run_id
            """, "recording a skipped file")
    }

    func writeFile(_ file: FileEntry, spool: URL) throws(StoreError) -> FileWriteCounts {
        let operation = "writing the records of \(file.name)"
        let status = file.rejectedWhole ? "rejected" : "processed"
        let fileId = try Self.int64(try db.query("""
            INSERT INTO files (path, name, size, sha256, format, encoding, status, records_read, records_accepted, records_rejected,
                               first_run_id, last_run_id, processed_run_id)
            VALUES (\(file.path), \(file.name), \(file.size), \(file.sha256), \(file.format), \(file.encoding), \(status),
                    \(file.read), \(file.accepted), \(file.rejected), \(runId), \(runId), \(runId))
            ON CONFLICT (path, sha256) DO UPDATE SET
              name = excluded.name, size = excluded.size, format = excluded.format, encoding = excluded.encoding,
              status = excluded.status, records_read = excluded.records_read, records_accepted = excluded.records_accepted,
              records_rejected = excluded.records_rejected, last_run_id = excluded.last_run_id,
              processed_run_id = excluded.processed_run_id
            RETURNING id
            """, operation), db, operation)
        var counts = FileWriteCounts()
        if file.rejectedWhole { return counts }
        // As `RecordWriter.mayReplaceRated`: a source without rated responses costs no statement per record.
        var mayReplaceRated = try Self.hasRated(source: file.source, db, operation)
        // Streamed from the spool, a chunk at a time (`entry` returns nil only for a damaged line).
        do {
            try RecordSpool.forEachLine(inFile: spool) { line in
                switch RecordSpool.entry(line) {
                case let .record(r)?:
                    try write(r, source: file.source, fileId: fileId, counts: &counts, operation)
                    if mayReplaceRated {
                        try db.query("DELETE FROM rated_responses WHERE source = \(file.source) AND record_id = \(r.recordId)", operation)
                    }
                case let .rated(r)?:
                    try write(r, source: file.source, fileId: fileId, operation)
                    counts.ratedWithoutText += 1
                    mayReplaceRated = true
                case nil:
                    break
                }
            }
        } catch let e as StoreError { throw e } catch { throw .failed(path: db.location, operation: operation, reason: "\(error)") }
        let removed = try db.query("""
            DELETE FROM records WHERE file_id IN (SELECT id FROM files WHERE path = \(file.path)) AND id NOT IN (SELECT id FROM touched)
            """, operation)
        let removedRated = try db.query("""
            DELETE FROM rated_responses WHERE file_id IN (SELECT id FROM files WHERE path = \(file.path)) AND id NOT IN (SELECT id FROM touched_rated)
            """, operation)
        counts.removed = (removed.metadata.rows ?? 0) + (removedRated.metadata.rows ?? 0)
        return counts
    }

    private static func hasRated(source: String, _ db: PostgresConnectionBox, _ operation: String) throws(StoreError) -> Bool {
        let r = try db.query("SELECT COUNT(*)::bigint FROM (SELECT 1 FROM rated_responses WHERE source = \(source) LIMIT 1) x", operation)
        return try int64(r, db, operation) > 0
    }

    /// Inserts or updates one rated response without text, notes it as written, and removes the record its key had
    /// (its themes go with it: `ON DELETE CASCADE`).
    private func write(_ r: StoredRating, source: String, fileId: Int64, _ operation: String) throws(StoreError) {
        let result = try db.query("""
            INSERT INTO rated_responses (source, record_id, file_id, line, date, day, employee, channel, csat, nps)
            VALUES (\(source), \(r.recordId), \(fileId), \(r.line), \(r.date), \(r.day), \(r.employee), \(r.channel),
                    \(r.ratings.csat), \(r.ratings.nps))
            ON CONFLICT (source, record_id) DO UPDATE SET
              file_id = excluded.file_id, line = excluded.line, date = excluded.date, day = excluded.day,
              employee = excluded.employee, channel = excluded.channel, csat = excluded.csat, nps = excluded.nps
            RETURNING id
            """, operation)
        let id = try Self.int64(result, db, operation)
        try db.query("INSERT INTO touched_rated (id) VALUES (\(id)) ON CONFLICT DO NOTHING", operation)
        try db.query("DELETE FROM records WHERE source = \(source) AND record_id = \(r.recordId)", operation)
    }

    /// Inserts or updates one record (the same source and id is the same record), replaces its themes, notes it as written.
    private func write(_ r: StoredRecord, source: String, fileId: Int64, counts: inout FileWriteCounts, _ operation: String) throws(StoreError) {
        let result = try db.query("""
            INSERT INTO records (source, record_id, file_id, line, date, day, employee, channel, language, label, score, csat, nps)
            VALUES (\(source), \(r.recordId), \(fileId), \(r.line), \(r.date), \(r.day), \(r.employee), \(r.channel), \(r.language),
                    \(r.label.rawValue), \(r.score), \(r.ratings.csat), \(r.ratings.nps))
            ON CONFLICT (source, record_id) DO UPDATE SET
              file_id = excluded.file_id, line = excluded.line, date = excluded.date, day = excluded.day, employee = excluded.employee,
              channel = excluded.channel, language = excluded.language, label = excluded.label, score = excluded.score, csat = excluded.csat,
              nps = excluded.nps
            RETURNING id, (xmax = 0) AS inserted, EXISTS (SELECT 1 FROM touched t WHERE t.id = records.id) AS touched
            """, operation)
        let id: Int64, inserted: Bool, touched: Bool
        do {
            guard let row = result.rows.first?.makeRandomAccess() else { throw StoreError.failed(path: db.location, operation: operation, reason: "no row") }
            id = try row[0].decode(Int64.self)
            inserted = try row[1].decode(Bool.self)
            touched = try row[2].decode(Bool.self)
        } catch let e as StoreError { throw e } catch { throw .failed(path: db.location, operation: operation, reason: "\(error)") }
        if inserted { counts.new += 1 } else if touched { counts.duplicates += 1 } else { counts.updated += 1 }
        try db.query("INSERT INTO touched (id) VALUES (\(id)) ON CONFLICT DO NOTHING", operation)
        if !inserted { try db.query("DELETE FROM record_themes WHERE record_id = \(id)", operation) }
        for (theme, polarity) in r.themes.sorted(by: { $0.key < $1.key }) {
            try db.query("INSERT INTO record_themes (record_id, theme, polarity) VALUES (\(id), \(theme), \(polarity.rawValue))", operation)
        }
    }

    func trendCounts(current: DayRange, previous: DayRange) throws(StoreError) -> TrendCounts {
        var out = TrendCounts(current: current, previous: previous)
        let (cf, ct, pf, pt) = (current.from, current.to, previous.from, previous.to)
        let (lo, hi) = (min(cf, pf), max(ct, pt))
        func add(_ row: PostgresRandomAccessRow, at k: Int, into cell: inout PeriodCounts) throws {
            let c = SentimentTally(n: Int(try row[k + 1].decode(Int64.self)), positive: Int(try row[k + 2].decode(Int64.self)),
                                    neutral: Int(try row[k + 3].decode(Int64.self)), negative: Int(try row[k + 4].decode(Int64.self)),
                                    scoreSum: try row[k + 5].decode(Double.self))
            if try row[k].decode(Int64.self) == 1 { cell.current = c } else { cell.previous = c }
        }
        let operation = "reading trends"
        do {
            for row in try db.query("""
                SELECT p, COUNT(*)::bigint, COUNT(*) FILTER (WHERE label = 'positive')::bigint, COUNT(*) FILTER (WHERE label = 'neutral')::bigint,
                       COUNT(*) FILTER (WHERE label = 'negative')::bigint, COALESCE(SUM(score), 0)::float8
                FROM (SELECT *, CASE WHEN day BETWEEN \(cf) AND \(ct) THEN 1::bigint WHEN day BETWEEN \(pf) AND \(pt) THEN 0::bigint END AS p
                      FROM records WHERE day BETWEEN \(lo) AND \(hi)) x WHERE p IS NOT NULL GROUP BY p
                """, operation).rows {
                try add(row.makeRandomAccess(), at: 0, into: &out.total)
            }
            // Employees and channels in one pass: a grouping set each (`GROUPING(employee)` is 1 on the channels' rows).
            for row in try db.query("""
                SELECT employee, channel, GROUPING(employee)::bigint, p, COUNT(*)::bigint, COUNT(*) FILTER (WHERE label = 'positive')::bigint,
                       COUNT(*) FILTER (WHERE label = 'neutral')::bigint, COUNT(*) FILTER (WHERE label = 'negative')::bigint, COALESCE(SUM(score), 0)::float8
                FROM (SELECT *, CASE WHEN day BETWEEN \(cf) AND \(ct) THEN 1::bigint WHEN day BETWEEN \(pf) AND \(pt) THEN 0::bigint END AS p
                      FROM records WHERE day BETWEEN \(lo) AND \(hi)) x WHERE p IS NOT NULL
                GROUP BY GROUPING SETS ((employee, p), (channel, p))
                """, operation).rows {
                let r = row.makeRandomAccess()
                if try r[2].decode(Int64.self) == 0 {
                    if let employee = try r[0].decode(String?.self) { try add(r, at: 3, into: &out.byEmployee[employee, default: PeriodCounts()]) }
                } else if let channel = try r[1].decode(String?.self) {
                    try add(r, at: 3, into: &out.byChannel[channel, default: PeriodCounts()])
                }
            }
            for row in try db.query("""
                SELECT theme, p, COUNT(*)::bigint, COUNT(*) FILTER (WHERE polarity = 'positive')::bigint,
                       COUNT(*) FILTER (WHERE polarity = 'neutral')::bigint, COUNT(*) FILTER (WHERE polarity = 'negative')::bigint, COALESCE(SUM(score), 0)::float8
                FROM (SELECT t.theme, t.polarity, r.score,
                             CASE WHEN r.day BETWEEN \(cf) AND \(ct) THEN 1::bigint WHEN r.day BETWEEN \(pf) AND \(pt) THEN 0::bigint END AS p
                      FROM record_themes t JOIN records r ON r.id = t.record_id WHERE r.day BETWEEN \(lo) AND \(hi)) x
                WHERE p IS NOT NULL GROUP BY theme, p
                """, operation).rows {
                let r = row.makeRandomAccess()
                try add(r, at: 1, into: &out.byTheme[try r[0].decode(String.self), default: PeriodCounts()])
            }
            try addRatings(into: &out, cf, ct, pf, pt, lo, hi, operation)
        } catch let e as StoreError { throw e } catch { throw .failed(path: db.location, operation: operation, reason: "\(error)") }
        return out
    }

    /// The CSAT and NPS of the two periods, added to the counts the queries above set: each rated record and
    /// rated response without text in the whole, its employee and its channel, each rated record's theme mentions in their
    /// themes, rating by rating through `SentimentTally` (the bands are `SurveyRating`'s, not restated in SQL).
    private func addRatings(into out: inout TrendCounts, _ cf: String, _ ct: String, _ pf: String, _ pt: String, _ lo: String, _ hi: String,
                            _ operation: String) throws {
        func ratings(_ r: PostgresRandomAccessRow) throws -> (SurveyRating.Ratings, Bool) {
            (SurveyRating.Ratings(csat: try r[2].decode(Double?.self), nps: try r[3].decode(Double?.self)), try r[0].decode(Int64.self) == 1)
        }
        for row in try db.query("""
            SELECT p, employee, csat, nps, channel
            FROM (SELECT employee, csat, nps, channel,
                         CASE WHEN day BETWEEN \(cf) AND \(ct) THEN 1::bigint WHEN day BETWEEN \(pf) AND \(pt) THEN 0::bigint END AS p
                  FROM records WHERE day BETWEEN \(lo) AND \(hi) AND (csat IS NOT NULL OR nps IS NOT NULL)
                  UNION ALL
                  SELECT employee, csat, nps, channel,
                         CASE WHEN day BETWEEN \(cf) AND \(ct) THEN 1::bigint WHEN day BETWEEN \(pf) AND \(pt) THEN 0::bigint END
                  FROM rated_responses WHERE day BETWEEN \(lo) AND \(hi)) x
            WHERE p IS NOT NULL
            """, operation).rows {
            let r = row.makeRandomAccess()
            let (rs, isCurrent) = try ratings(r)
            out.addRatings(rs, current: isCurrent, employee: try r[1].decode(String?.self), channel: try r[4].decode(String?.self))
        }
        for row in try db.query("""
            SELECT p, theme, csat, nps
            FROM (SELECT t.theme, r.csat, r.nps,
                         CASE WHEN r.day BETWEEN \(cf) AND \(ct) THEN 1::bigint WHEN r.day BETWEEN \(pf) AND \(pt) THEN 0::bigint END AS p
                  FROM record_themes t JOIN records r ON r.id = t.record_id
                  WHERE r.day BETWEEN \(lo) AND \(hi) AND (r.csat IS NOT NULL OR r.nps IS NOT NULL)) x
            WHERE p IS NOT NULL
            """, operation).rows {
            let r = row.makeRandomAccess()
            let (rs, isCurrent) = try ratings(r)
            out.byTheme[try r[1].decode(String.self), default: PeriodCounts()].add(ratings: rs, current: isCurrent)
        }
    }

    func commit(_ totals: RunTotals) throws(StoreError) {
        do {
            try Self.finish(db, runId: runId, totals: totals, error: nil)
            try db.execute("COMMIT", "committing the run")
        } catch {
            _ = try? db.execute("ROLLBACK", "rolling back")
            open = false
            db.close()
            throw error
        }
        open = false
        db.close()
    }

    func rollback() {
        guard open else { return }
        open = false
        _ = try? db.execute("ROLLBACK", "rolling back")
        db.close()
    }
}
