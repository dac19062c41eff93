import Foundation
import VerbatimCore
import VerbatimStore

/// A file's records and rated responses without text for the history store, spooled to disk while files are
/// processed in parallel, then streamed back when the run writes the store
/// (`RunSession.writeFile(_:spool:)`), so a file's records are never all in
/// memory. The line format is `RecordSpool`'s.
struct StoreRowSpool {
    private var file: SpoolFile
    var url: URL { file.url }

    init(url: URL) { file = SpoolFile(url: url) }

    mutating func append(_ r: FeedbackRecord) {
        file.append { RecordSpool.append(r, to: &$0) }
    }

    mutating func append(_ r: RatedResponse) {
        file.append { RecordSpool.append(r, to: &$0) }
    }

    mutating func close() throws(RunError) { try file.close() }

    /// The records of a spool file, in the order they were appended (all in memory: for tests and tools).
    static func read(_ url: URL) -> [StoredRecord] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return [UInt8](data).withUnsafeBufferPointer { bytes in
            bytes.split(separator: UInt8(ascii: "\n")).compactMap { RecordSpool.parse(UnsafeBufferPointer(rebasing: $0)) }
        }
    }
}
