import Foundation
import VerbatimCore

/// One input as a reader sees it: what to call it, the name whose extension hints at its
/// format, and how to open its bytes (again, for readers that read twice).
public struct InputSource: Sendable {
    /// The name in reports and rejects: `daily.csv.gz`, `archive.zip!inner.csv`.
    public var name: String
    /// The name its format is guessed from: `daily.csv` for `daily.csv.gz`.
    public var fileName: String
    /// The plain file on disk, when the input is one (a workbook needs random access).
    public var url: URL?
    /// Opens the input's bytes from the start.
    public var open: @Sendable () throws(IngestError) -> any ByteSource

    public init(name: String, fileName: String, url: URL?, open: @escaping @Sendable () throws(IngestError) -> any ByteSource) {
        self.name = name
        self.fileName = fileName
        self.url = url
        self.open = open
    }

    /// A plain file.
    public static func file(_ url: URL, name: String) -> InputSource {
        InputSource(name: name, fileName: url.lastPathComponent, url: url) { () throws(IngestError) -> any ByteSource in
            try FileByteSource(url: url, name: name)
        }
    }

    /// The first `count` bytes (fewer when the input is shorter).
    func head(_ count: Int = FormatSniffer.headSize) throws(IngestError) -> [UInt8] {
        try open().read(upTo: count)
    }
}

/// Reads one input into records and rejects: CSV, XML, JSON and workbook readers alike.
///
/// A reader calls `emit` for every record and reject in input order, and returns the
/// summary. A problem with the whole input sets the summary's `fileError` and emits one
/// whole-file reject; the rows emitted before it stand (an XML file that stops being
/// well-formed keeps the records before the error). The event is handed over (`consuming`): the
/// run moves its record into a batch rather than copying it.
public protocol RecordReader: Sendable {
    func read(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary
}

extension FileReadSummary {
    /// A summary rejecting the whole input for `error` (emitting its reject).
    static func rejected(_ input: InputSource, format: String, _ error: IngestError, line: Int = 1, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        var summary = FileReadSummary(file: input.name, format: format)
        summary.fileError = error.description
        emit(.reject(Reject(provenance: Provenance(file: input.name, line: line), reason: error.description, wholeFile: true)))
        return summary
    }
}

extension InputSource {
    /// The plain file's path, for readers in files that do not import Foundation.
    var filePath: String? { url?.path }
}
