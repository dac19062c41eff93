import Foundation

/// A history store, whichever database holds it: the embedded SQLite file
/// (`HistoryStore`, the default) or a shared PostgreSQL server
/// (`PostgresHistoryStore`, `store: postgresql://…`). Both have the same
/// schema, migrations, skip-by-hash, upserts and trends, one transaction
/// per run, and serialise concurrent runs with the same lock timeout.
public protocol HistoryBackend: AnyObject, Sendable {
    /// Where the store is, for messages and `manifest.json` (no password).
    var location: String { get }
    /// Takes the store's write lock for one run (waiting up to the lock timeout, calling `onWait`
    /// once when another run holds it) and records the run's start.
    func begin(_ info: RunInfo, onWait: (Double) -> Void) throws(StoreError) -> any RunTransaction
    /// Records a run that failed (best effort, after its own changes were rolled back).
    func logFailedRun(_ info: RunInfo, totals: RunTotals, error message: String)
    /// Of `sha256s`, the contents an earlier run processed or rejected whole (read only, no lock).
    func processedContents(among sha256s: [String]) throws(StoreError) -> Set<String>
    /// The store's data as text, without run bookkeeping: equal for two stores with the same history.
    func canonicalContents() throws(StoreError) -> String
    /// Integrity and size (rows per table, applied migrations).
    func inspect() throws(StoreError) -> StoreInspection
}

/// One run's open transaction on a history store, holding its write lock.
public protocol RunTransaction: AnyObject {
    var runId: Int64 { get }
    func priorProcessing(sha256: String) throws(StoreError) -> PriorFile?
    func noteSkipped(_ file: FileEntry) throws(StoreError)
    /// Writes a file's row and its records, spooled in `RecordSpool`'s format (a missing spool: no records).
    func writeFile(_ file: FileEntry, spool: URL) throws(StoreError) -> FileWriteCounts
    func trendCounts(current: DayRange, previous: DayRange) throws(StoreError) -> TrendCounts
    func commit(_ totals: RunTotals) throws(StoreError)
    func rollback()
}

/// Opens the store a pipeline names: a `postgresql://` (or `postgres://`) URL, or an SQLite file.
public enum HistoryBackends {
    public static func open(_ url: URL, lockTimeout: Double) throws(StoreError) -> any HistoryBackend {
        if isPostgres(url) { return try PostgresHistoryStore.open(url: url, lockTimeout: lockTimeout) }
        return try HistoryStore.open(at: url, lockTimeout: lockTimeout)
    }

    /// True for a `postgresql://` or `postgres://` URL.
    public static func isPostgres(_ url: URL) -> Bool { ["postgresql", "postgres"].contains(url.scheme?.lowercased() ?? "") }

    /// The store named on a command line or in a pipeline file: a PostgreSQL URL as it is, else a file path relative to `cwd`.
    public static func url(_ argument: String, relativeTo cwd: URL) -> URL {
        if argument.hasPrefix("postgresql://") || argument.hasPrefix("postgres://"), let url = URL(string: argument) { return url }
        return URL(fileURLWithPath: argument, relativeTo: cwd).standardizedFileURL
    }

    /// The store's place without a password (`postgresql://verbatim@db:5432/history`, or the file's path).
    public static func describe(_ url: URL) -> String {
        guard isPostgres(url), var c = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.path }
        c.password = nil
        return c.string ?? "postgresql://"
    }
}

extension HistoryStore: HistoryBackend {
    public var location: String { url.path }

    public func begin(_ info: RunInfo, onWait: (Double) -> Void) throws(StoreError) -> any RunTransaction {
        try beginRun(info, onWait: onWait)
    }
}

extension RunSession: RunTransaction {}
