import Foundation
import GRDB

/// The history of every run: an SQLite file (through GRDB) holding the
/// runs, the files they read and the records they accepted, from which
/// nightly runs skip files they have seen and reports draw their trends.
///
/// `open(at:lockTimeout:)` creates the file and applies the schema
/// migrations; `beginRun(_:onWait:)` takes the store's write lock for one
/// run and returns the `RunSession` through which that run reads and
/// writes. Everything a run changes is one transaction: it is there after
/// `RunSession.commit`, and not at all after `rollback`, an error, or the
/// process being killed. A second run waits for the lock up to
/// `lockTimeout` seconds, then fails with `StoreError.locked`.
public final class HistoryStore: Sendable {
    /// The SQLite file.
    public let url: URL
    /// Seconds a run waits for another run to release the store.
    public let lockTimeout: Double
    let queue: DatabaseQueue

    /// The page cache of the store's connection, in KiB: a bound on the store's share of a run's
    /// memory, whatever the size of the store or of the run.
    static let cacheKiB = 8 * 1024

    /// Opens (creating when missing, with its folder) and migrates the store at `url`.
    public static func open(at url: URL, lockTimeout: Double = 600) throws(StoreError) -> HistoryStore {
        let path = url.path
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: path, reason: "its folder cannot be created (\(error.localizedDescription))")
        }
        var config = Configuration()
        config.label = "verbatim-history"
        config.busyMode = .timeout(lockTimeout)
        config.journalMode = .wal
        // The schema declares its references, but SQLite does not enforce them on this connection:
        // enforcing them makes every INSERT a statement sub-transaction with its own journal, which
        // took a quarter of the time of writing a run's records (1,000,000 records, 3,000,000 theme rows).
        // The writer keeps them itself (a record's themes go with it: `RunSession.writeFile`), and
        // `inspect()` reports any row whose reference is missing.
        config.foreignKeysEnabled = false
        // A run's transaction spans several accesses (begin, one write per file, commit).
        config.allowsUnsafeTransactions = true
        config.prepareDatabase { db in
            // A run may write a million records in its one transaction. SQLite's default cache
            // (2 MB) then keeps evicting index pages that the next records change again, writing
            // them to the WAL over and over. 8 MB holds the pages a bulk write keeps coming back to
            // (the right edges of the tables and indexes, and a source's part of the unique index):
            // 16 and 32 MB measured no faster (a million analysed records: 7.7 s with 8 MB, 7.9 s with 16),
            // and every MB here is a MB of the run's memory. With 8 MB the store write no longer sets a
            // nightly run's peak (it filled 12 MB of 16 at 100,000 records and all of it at a million).
            try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)")
        }
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path, configuration: config) } catch {
            throw storeError(error, path: path, operation: "opening", lockTimeout: lockTimeout)
        }
        let store = HistoryStore(url: url, lockTimeout: lockTimeout, queue: queue)
        try store.migrate()
        return store
    }

    init(url: URL, lockTimeout: Double, queue: DatabaseQueue) {
        self.url = url
        self.lockTimeout = lockTimeout
        self.queue = queue
    }

    /// Applies the migrations this version knows, refusing a store written by a newer version.
    func migrate() throws(StoreError) {
        let migrator = Self.migrator
        do {
            let (superseded, complete, unknown) = try queue.read { db in
                let applied = try migrator.appliedIdentifiers(db)
                return (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db),
                        applied.subtracting(migrator.migrations).sorted())
            }
            if superseded { throw StoreError.newerSchema(path: url.path, unknownMigrations: unknown) }
            if !complete { try migrator.migrate(queue) }
        } catch let e as StoreError {
            throw e
        } catch {
            throw Self.storeError(error, path: url.path, operation: "preparing the schema", lockTimeout: lockTimeout)
        }
    }

    /// Takes the store's write lock for one run and records the run's start.
    ///
    /// When another run holds the lock, `onWait` is called once (to tell the
    /// operator) and the call waits up to `lockTimeout` seconds.
    public func beginRun(_ info: RunInfo, onWait: (Double) -> Void = { _ in }) throws(StoreError) -> RunSession {
        let waitMillis = Int(lockTimeout * 1000)
        let started = Date()
        do {
            let runId = try queue.writeWithoutTransaction { db -> Int64 in
                try db.execute(sql: "PRAGMA busy_timeout = 0")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = \(waitMillis)") }
                do {
                    try db.beginTransaction(.immediate)
                } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY {
                    onWait(lockTimeout)
                    try db.execute(sql: "PRAGMA busy_timeout = \(waitMillis)")
                    try db.beginTransaction(.immediate)
                }
                do {
                    return try RunSession.start(db, info: info)
                } catch {
                    try? db.rollback()
                    throw error
                }
            }
            return RunSession(store: self, runId: runId, info: info)
        } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
            throw .locked(path: url.path, waitedSeconds: Date().timeIntervalSince(started))
        } catch {
            throw Self.storeError(error, path: url.path, operation: "starting the run", lockTimeout: lockTimeout)
        }
    }

    /// Records a run that failed (best effort, in its own small transaction,
    /// after the run's own changes were rolled back).
    public func logFailedRun(_ info: RunInfo, totals: RunTotals, error message: String) {
        try? queue.write { db in
            let id = try RunSession.start(db, info: info)
            try RunSession.finish(db, runId: id, totals: totals, error: message)
        }
    }

    /// Integrity and size of the store.
    public func inspect() throws(StoreError) -> StoreInspection {
        do {
            return try queue.read { db in
                var integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
                let dangling = try Row.fetchAll(db, sql: "SELECT \"table\", parent, COUNT(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2 ORDER BY 1, 2")
                if !dangling.isEmpty {
                    let found = dangling.map { "\($0["n"] as Int) rows of \($0["table"] as String) refer to missing \($0["parent"] as String)" }
                    integrity = ((integrity == "ok" ? [] : [integrity]) + found).joined(separator: "; ")
                }
                var out = StoreInspection(integrity: integrity, migrations: try Self.migrator.appliedMigrations(db))
                out.runs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0
                out.files = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files") ?? 0
                out.records = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") ?? 0
                out.themeMentions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record_themes") ?? 0
                out.ratedWithoutText = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rated_responses") ?? 0
                return out
            }
        } catch {
            throw Self.storeError(error, path: url.path, operation: "inspecting", lockTimeout: lockTimeout)
        }
    }

    /// The store's data as text, without run bookkeeping (run ids and times):
    /// every record with its themes and file, and every file. Two stores
    /// that hold the same history give the same text.
    public func canonicalContents() throws(StoreError) -> String {
        do {
            return try queue.read { db in
                var out = "# files: path, name, size, sha256, format, encoding, status, read, accepted, rejected\n"
                let files = try Row.fetchAll(db, sql: """
                    SELECT path, name, size, sha256, format, encoding, status, records_read, records_accepted, records_rejected
                    FROM files ORDER BY path, sha256
                    """)
                for r in files { out += (0..<r.count).map { "\(r[$0] ?? "∅")" }.joined(separator: "\t") + "\n" }
                out += "# records: source, record_id, file, line, date, day, employee, channel, language, label, score, csat, nps, themes\n"
                let records = try Row.fetchAll(db, sql: """
                    SELECT r.source, r.record_id, f.path, r.line, r.date, r.day, r.employee, r.channel, r.language, r.label,
                           r.score, r.csat, r.nps,
                           (SELECT group_concat(theme || ':' || polarity, ',') FROM
                              (SELECT theme, polarity FROM record_themes WHERE record_id = r.id ORDER BY theme))
                    FROM records r JOIN files f ON f.id = r.file_id ORDER BY r.source, r.record_id
                    """)
                for r in records { out += (0..<r.count).map { "\(r[$0] ?? "∅")" }.joined(separator: "\t") + "\n" }
                out += Self.ratedHeader
                let rated = try Row.fetchAll(db, sql: """
                    SELECT r.source, r.record_id, f.path, r.line, r.date, r.day, r.employee, r.channel, r.csat, r.nps
                    FROM rated_responses r JOIN files f ON f.id = r.file_id ORDER BY r.source, r.record_id
                    """)
                for r in rated { out += (0..<r.count).map { "\(r[$0] ?? "∅")" }.joined(separator: "\t") + "\n" }
                return out
            }
        } catch {
            throw Self.storeError(error, path: url.path, operation: "reading", lockTimeout: lockTimeout)
        }
    }

    /// The heading of `canonicalContents`' rated responses without text (both backends).
    static let ratedHeader = "# rated responses without text: source, record_id, file, line, date, day, employee, channel, csat, nps\n"

    /// Turns a GRDB error into a `StoreError` an operator can act on.
    static func storeError(_ error: any Error, path: String, operation: String, lockTimeout: Double) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let e = error as? DatabaseError else {
            return .failed(path: path, operation: operation, reason: "\(error)")
        }
        let reason = e.message ?? "\(e.resultCode)"
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path, waitedSeconds: lockTimeout)
        case .SQLITE_NOTADB: return .cannotOpen(path: path, reason: "the file is not an SQLite database")
        case .SQLITE_CORRUPT: return .corrupt(path: path, reason: reason)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH: return .cannotOpen(path: path, reason: reason)
        case .SQLITE_FULL: return .failed(path: path, operation: operation, reason: "the disk is full")
        default: return .failed(path: path, operation: operation, reason: reason)
        }
    }
}
