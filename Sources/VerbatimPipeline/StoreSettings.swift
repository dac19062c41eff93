import Foundation

/// The pipeline's `store:` key: where the history store is and how long a
/// run waits for another one to release it.
///
/// ```yaml
/// store: var/verbatim.sqlite          # the default; `none` runs without history
/// store: {path: /srv/verbatim/history.sqlite, lock_timeout_seconds: 900}
/// ```
public struct StoreSettings: Sendable, Hashable {
    /// The SQLite file (resolved against the working directory).
    public var path: URL
    /// Seconds a run waits for another run holding the store before it gives up.
    public var lockTimeout: Double

    /// The default store, relative to the folder `verbatim` runs in.
    public static let defaultPath = "var/verbatim.sqlite"
    public static let defaultLockTimeout = 600.0

    public init(path: URL, lockTimeout: Double = StoreSettings.defaultLockTimeout) {
        self.path = path
        self.lockTimeout = lockTimeout
    }
}
