/// The outcome of looking at the first bytes of a file.
public struct DetectedEncoding: Sendable, Hashable {
    public var encoding: TextEncoding
    /// Bytes of byte-order mark to skip.
    public var bomLength: Int
    /// How it was decided, for the manifest (`BOM`, `valid UTF-8`, `declared`, `guessed from letters`).
    public var how: String
}
