import Foundation
import PostgresNIO

/// The history store on a shared PostgreSQL server (`store:
/// postgresql://user@host:5432/database`), for teams whose runs happen on
/// several machines: the same schema as the SQLite store (`HistoryStore`),
/// versioned migrations, skip-by-hash, upserts, trends, and one transaction
/// per run. Concurrent runs are serialised by a transaction-level advisory
/// lock, waited for up to the lock timeout (then `StoreError.locked`, exit 75).
///
/// Each run opens its own connection, so a waiting run never blocks the
/// connection another run is using.
public final class PostgresHistoryStore: @unchecked Sendable {
    public let url: URL
    public let lockTimeout: Double
    public let location: String

    /// The advisory-lock key all Verbatim runs share (any 64-bit constant; this one spells "verbatim").
    static let lockKey: Int64 = 0x7665_7262_6174_696D
    /// The key that serialises schema migrations.
    static let migrationLockKey: Int64 = lockKey ^ 1

    init(url: URL, lockTimeout: Double) {
        self.url = url
        self.lockTimeout = lockTimeout
        location = HistoryBackends.describe(url)
    }

    /// Connects and applies the migrations this version knows, refusing a store written by a newer version.
    public static func open(url: URL, lockTimeout: Double = 600) throws(StoreError) -> PostgresHistoryStore {
        let store = PostgresHistoryStore(url: url, lockTimeout: lockTimeout)
        let db = try store.connect()
        defer { db.close() }
        try store.migrate(db)
        return store
    }

    func connect() throws(StoreError) -> PostgresConnectionBox { try PostgresConnectionBox.connect(url, location: location) }

    /// Integrity and size of the store, like `HistoryStore.inspect`.
    public func inspect() throws(StoreError) -> StoreInspection {
        let db = try connect()
        defer { db.close() }
        var out = StoreInspection(integrity: "ok", migrations: try appliedMigrations(db))
        func count(_ table: String) throws(StoreError) -> Int {
            do { return Int(try db.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*)::bigint FROM \(table)"), "counting").int64() ?? 0) } catch {
                throw .failed(path: location, operation: "inspecting", reason: "\(error)")
            }
        }
        out.runs = try count("runs")
        out.files = try count("files")
        out.records = try count("records")
        out.themeMentions = try count("record_themes")
        out.ratedWithoutText = try count("rated_responses")
        return out
    }
}

extension PostgresHistoryStore: HistoryBackend {
    public func begin(_ info: RunInfo, onWait: (Double) -> Void) throws(StoreError) -> any RunTransaction {
        let db = try connect()
        do {
            try db.execute("BEGIN", "starting the run")
            try waitForLock(db, onWait: onWait)
            return try PostgresRunSession(store: self, db: db, info: info)
        } catch {
            _ = try? db.execute("ROLLBACK", "releasing the lock")
            db.close()
            throw error
        }
    }

    /// Takes the run lock inside the open transaction, polling until `lockTimeout` has passed.
    private func waitForLock(_ db: PostgresConnectionBox, onWait: (Double) -> Void) throws(StoreError) {
        let started = Date()
        var told = false
        while true {
            let got: Bool
            do {
                let rows = try db.query("SELECT pg_try_advisory_xact_lock(\(Self.lockKey))", "taking the run lock")
                got = try rows.rows.first?.makeRandomAccess()[0].decode(Bool.self) ?? false
            } catch let e as StoreError { throw e } catch { throw .failed(path: location, operation: "taking the run lock", reason: "\(error)") }
            if got { return }
            if !told { onWait(lockTimeout); told = true }
            let waited = Date().timeIntervalSince(started)
            if waited >= lockTimeout { throw .locked(path: location, waitedSeconds: waited) }
            Thread.sleep(forTimeInterval: min(0.2, max(0.01, lockTimeout - waited)))
        }
    }

    public func logFailedRun(_ info: RunInfo, totals: RunTotals, error message: String) {
        guard let db = try? connect() else { return }
        defer { db.close() }
        guard let id = try? PostgresRunSession.start(db, info: info) else { return }
        try? PostgresRunSession.finish(db, runId: id, totals: totals, error: message)
    }

    public func processedContents(among sha256s: [String]) throws(StoreError) -> Set<String> {
        let db = try connect()
        defer { db.close() }
        var seen = Set<String>()
        for sha in Set(sha256s) where !sha.isEmpty {
            let r = try db.query("""
                SELECT 1::bigint FROM files WHERE sha256 = \(sha) AND status IN ('processed', 'rejected')
                AND processed_run_id IS NOT NULL LIMIT 1
                """, "looking up earlier files")
            if !r.rows.isEmpty { seen.insert(sha) }
        }
        return seen
    }

    public func canonicalContents() throws(StoreError) -> String {
        let db = try connect()
        defer { db.close() }
        var out = "# files: path, name, size, sha256, format, encoding, status, read, accepted, rejected\n"
        let files = try db.query("""
            SELECT path, name, size::text, sha256, format, encoding, status, records_read::text, records_accepted::text,
                   records_rejected::text FROM files ORDER BY path, sha256
            """, "reading")
        out += try Self.lines(files)
        out += "# records: source, record_id, file, line, date, day, employee, channel, language, label, score, csat, nps, themes\n"
        let records = try db.query("""
            SELECT r.source, r.record_id, f.path, r.line::text, r.date, r.day, r.employee, r.channel, r.language, r.label,
                   r.score::text, r.csat::text, r.nps::text,
                   (SELECT string_agg(theme || ':' || polarity, ',' ORDER BY theme) FROM record_themes WHERE record_id = r.id)
            FROM records r JOIN files f ON f.id = r.file_id ORDER BY r.source, r.record_id
            """, "reading")
        out += try Self.lines(records)
        out += HistoryStore.ratedHeader
        let rated = try db.query("""
            SELECT r.source, r.record_id, f.path, r.line::text, r.date, r.day, r.employee, r.channel, r.csat::text, r.nps::text
            FROM rated_responses r JOIN files f ON f.id = r.file_id ORDER BY r.source, r.record_id
            """, "reading")
        out += try Self.lines(rated)
        return out
    }

    /// Rows of text columns as TAB-separated lines, `∅` for NULL.
    static func lines(_ result: PostgresQueryResult) throws(StoreError) -> String {
        var out = ""
        do {
            for row in result.rows {
                var cells: [String] = []
                for cell in row { cells.append(try cell.decode(String?.self) ?? "∅") }
                out += cells.joined(separator: "\t") + "\n"
            }
        } catch { throw .failed(path: "postgresql", operation: "reading", reason: "\(error)") }
        return out
    }
}
