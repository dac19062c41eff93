import Foundation
import VerbatimCore

/// Reads any input the run meets: sniffs its kind (`FormatSniffer`) and hands it to the
/// reader of that kind, unwrapping gzip streams and ZIP archives on the way.
///
/// This is the one place that chooses a reader; the runner asks it for every file.
public struct InputReader: Sendable {
    /// The source options for an input's name (the pipeline's `sources:` rules).
    public let options: @Sendable (String) -> SourceOptions
    public let aliases: HeaderAliases
    public var limits = ArchiveLimits()

    public init(aliases: HeaderAliases, options: @escaping @Sendable (String) -> SourceOptions) {
        self.aliases = aliases
        self.options = options
    }

    /// Reads the file at `url`, reported as `name`.
    public func read(url: URL, name: String, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        read(.file(url, name: name), emit: emit)
    }

    /// Reads `input` with the reader its content asks for.
    public func read(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        let head: [UInt8]
        do { head = try input.head() } catch {
            return .rejected(input, format: "unknown", error, emit: emit)
        }
        let kind = FormatSniffer.kind(head: head, fileName: input.fileName)
        return read(input, kind: kind, emit: emit)
    }

    func read(_ input: InputSource, kind: InputKind, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        // `sources:` rules match the name the user sees: `daily.csv.gz`, an archive entry's own name.
        let options = options(String(input.name.split(separator: "!").last ?? Substring(input.name)))
        switch kind {
        case .delimited: return CSVRecordReader(options: options, aliases: aliases).read(input, emit: emit)
        case .xml: return XMLRecordReader(options: options, aliases: aliases).read(input, emit: emit)
        case .json: return JSONRecordReader(options: options, aliases: aliases).read(input, emit: emit)
        case .workbook: return XLSXRecordReader(options: options, aliases: aliases, limits: limits).read(input, emit: emit)
        case .openDocument: return ODSRecordReader(options: options, aliases: aliases, limits: limits).read(input, emit: emit)
        case .spreadsheetML: return SpreadsheetMLRecordReader(options: options, aliases: aliases).read(input, emit: emit)
        case .htmlPage: return HTMLTableRecordReader(options: options, aliases: aliases).read(input, emit: emit)
        case .zip: return ZipArchiveReader(inputs: self).read(input, emit: emit)
        case .gzip: return readGzip(input, emit: emit)
        case .legacyExcel: return XLSRecordReader(options: options, aliases: aliases).read(input, emit: emit)
        case let .unsupported(reason):
            var summary = FileReadSummary(file: input.name, format: "unsupported")
            summary.skipReason = reason
            return summary
        }
    }

    /// A gzip stream: the format inside is sniffed from the decompressed bytes, and named
    /// by the file name without `.gz` (`daily.csv.gz` reads as `daily.csv`).
    func readGzip(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        let innerName = FormatSniffer.fileExtension(input.fileName) == "gz" || FormatSniffer.fileExtension(input.fileName) == "tgz"
            ? String(input.fileName.dropLast(FormatSniffer.fileExtension(input.fileName).count + 1)) : input.fileName
        let outer = input.open
        let name = input.name
        let inner = InputSource(name: input.name, fileName: innerName, url: nil) { () throws(IngestError) -> any ByteSource in
            try GzipByteSource(try outer(), name: name)
        }
        let head: [UInt8]
        do { head = try inner.head() } catch { return .rejected(input, format: "gzip", error, emit: emit) }
        let kind = FormatSniffer.kind(head: head, fileName: innerName)
        switch kind {
        case .delimited, .xml, .json, .spreadsheetML, .htmlPage:
            var summary = read(inner, kind: kind, emit: emit)
            summary.format += "+gzip"
            return summary
        case .workbook, .openDocument, .zip, .gzip, .legacyExcel:
            return .rejected(input, format: "gzip", .nestedUnsupported(looksLike: "a \(kind.format) file"), emit: emit)
        case let .unsupported(reason):
            var summary = FileReadSummary(file: input.name, format: "gzip")
            summary.skipReason = "inside the gzip stream: \(reason)"
            return summary
        }
    }
}
