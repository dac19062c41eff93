import Foundation
import VerbatimCore

/// Reads a ZIP archive of exports entry by entry (through libzip, nothing unpacked
/// to disk), each entry as its own file named `archive.zip!inner.csv`, with the reader its
/// content asks for. The archive's summary adds its entries up and lists each in `members`.
///
/// Refused before reading: more than `ArchiveLimits.maxEntries` entries, an entry whose
/// declared size or compression ratio is past the limits, an entry whose path climbs out
/// of the archive. Skipped with a reason: folders' entries, macOS resource forks
/// (`__MACOSX/`), hidden and lock files, symbolic links, entries that are not exports.
/// Rejected with a reason: archives, gzip streams and workbooks inside the archive (unpack
/// them first). A workbook sent as `.zip` is read as the workbook it is.
struct ZipArchiveReader: RecordReader {
    let inputs: InputReader

    func read(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        guard let url = input.url else { return .rejected(input, format: "zip", .nestedUnsupported(looksLike: "a ZIP archive"), emit: emit) }
        let archive: ZipArchive
        do { archive = try ZipArchive(url: url, name: input.name, limits: inputs.limits, as: .archive) } catch {
            return .rejected(input, format: "zip", error, emit: emit)
        }
        let entries = archive.entries
        switch OfficePackage(paths: Set(entries.map(\.path)), mimetype: mimetype(archive, name: input.name)) {
        case .workbook?:
            return XLSXRecordReader(options: inputs.options(input.fileName), aliases: inputs.aliases, limits: inputs.limits).read(input, emit: emit)
        case .openDocumentSpreadsheet?:
            return ODSRecordReader(options: inputs.options(input.fileName), aliases: inputs.aliases, limits: inputs.limits).read(input, emit: emit)
        case .binaryWorkbook?:
            return .rejected(input, format: "xlsb", .badWorkbook(reason: "it is an Excel binary workbook (.xlsb), which Verbatim does not read: open it in Excel and save it as .xlsx or CSV"), emit: emit)
        case let .document(what)?:
            var skipped = FileReadSummary(file: input.name, format: "unsupported")
            skipped.skipReason = what
            return skipped
        case nil:
            break
        }
        var summary = FileReadSummary(file: input.name, format: "zip")
        for entry in entries.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) where !entry.isDirectory {
            let member = readMember(entry, of: archive, in: input, emit: emit)
            summary.read += member.read
            summary.accepted += member.accepted
            summary.rated += member.rated
            summary.rejected += member.rejected
            for c in member.notFeedback { summary.countSetAside(c.what, c.count) }
            summary.members.append(member)
        }
        return summary
    }

    /// The media type an OpenDocument file's `mimetype` entry names, or nil (no such entry, or not text).
    private func mimetype(_ archive: ZipArchive, name: String) -> String? {
        guard let entry = archive.entry("mimetype"), entry.uncompressedSize <= 256 else { return nil }
        let bytes = try? ZipEntryByteSource(archive: archive, entry: entry, name: name + "!mimetype", limits: inputs.limits).read(upTo: 256)
        return bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    /// One entry: skipped, refused, or read by the reader of its kind.
    func readMember(_ entry: ZipArchive.Entry, of archive: ZipArchive, in input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        let name = input.name + "!" + entry.path
        let leaf = String(entry.path.split(separator: "/").last ?? Substring(entry.path))
        let limits = inputs.limits
        let source = InputSource(name: name, fileName: leaf, url: nil) { () throws(IngestError) -> any ByteSource in
            ZipEntryByteSource(archive: archive, entry: entry, name: name, limits: limits)
        }
        func skipped(_ reason: String) -> FileReadSummary {
            var s = FileReadSummary(file: name, format: "unsupported")
            s.skipReason = reason
            return s
        }
        if entry.path.hasPrefix("__MACOSX/") { return skipped("macOS resource data, not an export") }
        if let reason = FormatSniffer.skipReason(fileName: leaf) { return skipped(reason) }
        if entry.isSymlink { return skipped("a symbolic link inside the archive; links are not followed") }
        if let trick = ArchiveLimits.pathTrick(entry.path) { return .rejected(source, format: "unknown", .archiveLimit(path: name, reason: trick), emit: emit) }
        if let refusal = limits.refusal(of: entry) { return .rejected(source, format: "unknown", .archiveLimit(path: name, reason: refusal), emit: emit) }
        let head: [UInt8]
        do { head = try source.head() } catch { return .rejected(source, format: "unknown", error, emit: emit) }
        let kind = FormatSniffer.kind(head: head, fileName: leaf)
        switch kind {
        case .xml:
            return XMLRecordReader(options: inputs.options(leaf), aliases: inputs.aliases).read(source, emit: emit)
        case .delimited, .json, .spreadsheetML, .htmlPage:
            return inputs.read(source, kind: kind, emit: emit)
        case .workbook, .openDocument, .zip, .gzip, .legacyExcel:
            let what = switch kind {
            case .zip: "a ZIP archive"
            case .gzip: "a gzip stream"
            case .legacyExcel: "a legacy Excel workbook (.xls)"
            case .openDocument: "an OpenDocument spreadsheet (.ods)"
            default: "an Excel workbook"
            }
            return .rejected(source, format: kind.format, .nestedUnsupported(looksLike: what), emit: emit)
        case let .unsupported(reason):
            return skipped(reason)
        }
    }
}
