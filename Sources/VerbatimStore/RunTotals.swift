/// What the store records about a run when it commits.
public struct RunTotals: Sendable, Hashable {
    /// How the run ended.
    public enum Status: String, Sendable, Hashable {
        case completed
        /// Completed, with rows or files rejected.
        case completedWithRejects = "completed_with_rejects"
        /// Every file had been processed before; nothing was read.
        case nothingNew = "nothing_new"
        /// Stopped with an error; nothing of it was kept but this line.
        case failed
    }

    public var status: Status
    public var filesRead = 0
    public var filesSkipped = 0
    public var filesRejected = 0
    public var recordsAccepted = 0
    public var recordsRejected = 0
    public var durationSeconds = 0.0

    public init(status: Status) { self.status = status }
}
