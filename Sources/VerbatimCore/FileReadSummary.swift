/// What reading one file produced, for the run's manifest and summary.
public struct FileReadSummary: Sendable, Hashable {
    public var file: String
    public var format: String
    public var encoding: String
    public var delimiter: String?
    public var read = 0
    public var accepted = 0
    public var rejected = 0
    /// Set when the whole file was rejected.
    public var fileError: String?

    public init(file: String, format: String, encoding: String = "", delimiter: String? = nil) {
        self.file = file
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
    }
}
