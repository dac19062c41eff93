/// An earlier processing of a file with the same content, the reason a
/// nightly run skips it.
public struct PriorFile: Sendable, Hashable {
    /// Where the file was when it was processed.
    public var path: String
    /// The store's id of the last run that processed it.
    public var runId: Int64
    /// That run's "today".
    public var asOf: String
}
