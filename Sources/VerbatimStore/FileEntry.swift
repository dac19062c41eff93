/// One input file as the store records it: where it was, its content hash,
/// and what reading it gave.
public struct FileEntry: Sendable, Hashable {
    /// Absolute path of the file when it was read.
    public var path: String
    /// Path relative to the input folder (as in `records.csv`).
    public var name: String
    public var size: Int64
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    /// `csv` or `xml`.
    public var format: String
    /// The encoding it was read in (`utf-8`, `windows-1254`, …).
    public var encoding: String
    public var read = 0
    public var accepted = 0
    public var rejected = 0
    /// True when the whole file was rejected (for example XML that is not well-formed).
    public var rejectedWhole = false

    public init(path: String, name: String, size: Int64, sha256: String, format: String = "", encoding: String = "") {
        self.path = path
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.format = format
        self.encoding = encoding
    }

    /// The source its records are keyed by (see `SourceKey`).
    public var source: String { SourceKey.of(name) }
}
