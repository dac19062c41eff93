import Foundation

/// Live counters of a run for the progress line: the file workers add to
/// them, a timer reads them.
public final class RunProgress: @unchecked Sendable {
    /// The counters at one moment.
    public struct Snapshot: Sendable, Hashable {
        public var filesTotal = 0
        public var filesDone = 0
        public var bytesTotal: Int64 = 0
        public var bytesDone: Int64 = 0
        public var records = 0
        /// Seconds since the files started being read.
        public var elapsed = 0.0

        public init() {}
    }

    private let lock = NSLock()
    private var state = Snapshot()
    private var started: Date?

    public init() {}

    /// Called once the files to read are known (skipped ones excluded).
    func start(files: Int, bytes: Int64) {
        lock.lock(); defer { lock.unlock() }
        state.filesTotal = files
        state.bytesTotal = bytes
        started = Date()
    }

    func add(records: Int) {
        lock.lock(); state.records += records; lock.unlock()
    }

    func fileDone(bytes: Int64) {
        lock.lock(); state.filesDone += 1; state.bytesDone += bytes; lock.unlock()
    }

    public func snapshot() -> Snapshot {
        lock.lock(); defer { lock.unlock() }
        var s = state
        s.elapsed = started.map { Date().timeIntervalSince($0) } ?? 0
        return s
    }
}
