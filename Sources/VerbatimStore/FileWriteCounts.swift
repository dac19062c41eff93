/// What writing one file's records did to the store.
public struct FileWriteCounts: Sendable, Hashable {
    /// Records the store did not hold.
    public var new = 0
    /// Records it held from an earlier run (the same file again, or an overlapping export), updated in place.
    public var updated = 0
    /// Records already written by an earlier file of this same run (same source and id), updated, not added.
    public var duplicates = 0
    /// Records and rated responses an earlier version of this file had and this one no longer has, removed.
    public var removed = 0
    /// Rated responses without text written (`rated_responses`), new or updated.
    public var ratedWithoutText = 0

    public init() {}
}
