/// What an archive entry may be before it is refused: zip bombs and path tricks.
public struct ArchiveLimits: Sendable, Hashable {
    /// Largest size one entry may inflate to.
    public var maxEntryBytes: UInt64 = 4 << 30
    /// Largest ratio of inflated to compressed size, for entries past `ratioFloor`.
    public var maxRatio: UInt64 = 1000
    public var ratioFloor: UInt64 = 1 << 20
    /// Most entries an archive may list.
    public var maxEntries = 10_000

    public init() {}

    /// Why `entry` is refused before it is read, or nil.
    func refusal(of entry: ZipArchive.Entry) -> String? {
        if entry.uncompressedSize > maxEntryBytes {
            return "the entry declares \(entry.uncompressedSize) bytes, more than the \(maxEntryBytes) allowed"
        }
        if entry.uncompressedSize > ratioFloor, entry.uncompressedSize / max(entry.compressedSize, 1) > maxRatio {
            return "the entry expands more than \(maxRatio) times its compressed size (a decompression bomb?)"
        }
        return nil
    }

    /// Why an entry's path is refused (absolute, climbing out with `..`, a drive letter), or nil.
    static func pathTrick(_ path: String) -> String? {
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if path.hasPrefix("/") || path.hasPrefix("\\") || parts.contains("..") || (parts.first?.contains(":") ?? false) {
            return "the entry's path '\(path)' points outside the archive; it is not read"
        }
        return nil
    }
}
