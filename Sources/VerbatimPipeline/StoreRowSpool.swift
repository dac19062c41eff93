import Foundation
import VerbatimCore
import VerbatimStore

/// A file's records for the history store, spooled to disk while files are
/// processed in parallel, then streamed back when the run writes the store
/// (`RunSession.writeFile(_:spool:)`), so a file's records are never all in
/// memory. The line format is `RecordSpool`'s.
struct StoreRowSpool {
    let url: URL
    private var buffer: [UInt8] = []
    private var handle: FileHandle?

    init(url: URL) {
        self.url = url
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try? FileHandle(forWritingTo: url)
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    static let flushSize = 1 << 16

    mutating func append(_ r: FeedbackRecord) {
        RecordSpool.append(r, to: &buffer)
        if buffer.count > Self.flushSize { flush() }
    }

    mutating func close() {
        flush()
        try? handle?.close()
        handle = nil
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        try? handle?.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// The records of a spool file, in the order they were appended (all in memory: for tests and tools).
    static func read(_ url: URL) -> [StoredRecord] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return [UInt8](data).withUnsafeBufferPointer { bytes in
            bytes.split(separator: UInt8(ascii: "\n")).compactMap { RecordSpool.parse(UnsafeBufferPointer(rebasing: $0)) }
        }
    }
}
