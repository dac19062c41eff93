import Foundation

/// Why the history store could not be used.
///
/// Every message names the store file and says what to do, for the
/// operator reading a cron mail: the store is an SQLite file
/// (`store:` in the pipeline, `--store PATH`).
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another run held the store for longer than the lock timeout.
    case locked(path: String, waitedSeconds: Double)
    /// The file could not be created or opened (a folder that cannot be
    /// made, no permission, or a file that is not an SQLite database).
    case cannotOpen(path: String, reason: String)
    /// The store was last written by a newer Verbatim, whose schema this
    /// version does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// SQLite found the file damaged.
    case corrupt(path: String, reason: String)
    /// Any other database failure (disk full, I/O error) while reading or writing.
    case failed(path: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case let .locked(path, waited):
            "history store '\(path)' is in use by another run (waited \(Self.seconds(waited))); nothing was written. "
                + "Run again when the other run has finished, or raise `store: {lock_timeout_seconds: …}` in the pipeline"
        case let .cannotOpen(path, reason):
            "cannot open the history store '\(path)': \(reason). Check the path (`store:` in the pipeline or --store) "
                + "and its permissions, or run with --no-store"
        case let .newerSchema(path, unknown):
            "history store '\(path)' was written by a newer Verbatim (schema \(unknown.joined(separator: ", "))); "
                + "run that version, or point `store:` at another file"
        case let .corrupt(path, reason):
            "history store '\(path)' is damaged (\(reason)); nothing was written. Restore it from a backup, "
                + "or move it aside and re-process the exports with --reprocess to rebuild it"
        case let .failed(path, operation, reason):
            "history store '\(path)': \(operation) failed: \(reason); nothing was written"
        }
    }

    static func seconds(_ s: Double) -> String {
        s < 10 ? String(format: "%.1f s", s) : "\(Int(s.rounded())) s"
    }
}
