import Foundation
import VerbatimCore
import VerbatimXML

/// Reads OpenDocument spreadsheets (`.ods`, as LibreOffice Calc saves them; Turkey's Pardus and
/// many public offices use it): a ZIP whose `content.xml` holds the sheets, streamed through
/// libxml2 as it is inflated (`ODSRowStream`), as `.xlsx` parts are.
///
/// The first sheet is read, or the one the pipeline names (`sheet:`), through the same header
/// logic and row validation as the other workbooks (`TableRecordBuilder.readSheet`); a reject's
/// line is the sheet's row number. Zip bombs and path tricks are refused by `ArchiveLimits`.
public struct ODSRecordReader: RecordReader {
    public let options: SourceOptions
    public let aliases: HeaderAliases
    public let limits: ArchiveLimits

    public init(options: SourceOptions, aliases: HeaderAliases, limits: ArchiveLimits = ArchiveLimits()) {
        self.options = options
        self.aliases = aliases
        self.limits = limits
    }

    /// The `mimetype` entry of an OpenDocument spreadsheet.
    static let mediaType = "application/vnd.oasis.opendocument.spreadsheet"

    public func read(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        guard let url = input.url else { return .rejected(input, format: "ods", .nestedUnsupported(looksLike: "an OpenDocument spreadsheet (.ods)"), emit: emit) }
        var stream: ODSRowStream
        let source: ZipEntryByteSource
        let archive: ZipArchive
        do throws(IngestError) {
            archive = try checkedArchive(url, name: input.name)
            (stream, source) = try content(archive, name: input.name, sheet: SheetChoice(options.sheet))
        } catch {
            return .rejected(input, format: "ods", error, emit: emit)
        }
        return TableRecordBuilder.readSheet(
            input, format: "ods", encoding: "utf-8", options: options, aliases: aliases,
            // The sheets after the one read are known only once it is read: for a first sheet without a
            // text column, content.xml is walked again for their names.
            sheets: (try? sheetNames(archive, name: input.name)) ?? [], label: stream.sheet.map { "sheet '\($0)'" }, emit: emit,
            check: { () throws(IngestError) in
                try TableRecordBuilder.checkStreamedSheet(bytes: source.failure, xml: stream.reader.error, part: "its content.xml",
                                                          sheet: stream.sheet, wanted: options.sheet, names: stream.sheetNames)
            },
            rows: { stream.next() })
    }

    /// The archive, refused when it lists too many entries or an entry that leaves it, or has no `content.xml`.
    private func checkedArchive(_ url: URL, name: String) throws(IngestError) -> ZipArchive {
        let archive = try ZipArchive(url: url, name: name, limits: limits, as: .workbook)
        for entry in archive.entries {
            if let trick = ArchiveLimits.pathTrick(entry.path) { throw .archiveLimit(path: name, reason: trick) }
        }
        guard archive.entry("content.xml") != nil else { throw .badWorkbook(reason: "it has no content.xml (is it an OpenDocument spreadsheet?)") }
        if try isEncrypted(archive, name: name) { throw .passwordProtected }
        return archive
    }

    /// Whether the spreadsheet was saved with a password: its manifest gives its parts' encryption
    /// (`<manifest:encryption-data>`), and `content.xml` is then ciphertext, not XML.
    private func isEncrypted(_ archive: ZipArchive, name: String) throws(IngestError) -> Bool {
        guard let entry = archive.entry("META-INF/manifest.xml") else { return false }
        let manifest = try ZipEntryByteSource(archive: archive, entry: entry, name: "\(name)!META-INF/manifest.xml", limits: limits)
            .read(upTo: Self.maxManifestBytes)
        return manifest.firstRange(of: Array("encryption-data".utf8)) != nil
    }

    /// How much of the manifest is read (it lists the parts; a few KB).
    static let maxManifestBytes = 1 << 20

    /// The rows of `content.xml`, inflated as they are read.
    private func content(_ archive: ZipArchive, name: String, sheet: SheetChoice) throws(IngestError) -> (ODSRowStream, ZipEntryByteSource) {
        guard let entry = archive.entry("content.xml") else { throw .badWorkbook(reason: "it has no content.xml (is it an OpenDocument spreadsheet?)") }
        let source = ZipEntryByteSource(archive: archive, entry: entry, name: "\(name)!content.xml", limits: limits)
        guard let reader = XMLEventReader(source: source, name: "content.xml") else { throw .badWorkbook(reason: "cannot read its content.xml") }
        return (ODSRowStream(reader: reader, sheet: sheet), source)
    }

    /// Every sheet's name, in order: a walk of `content.xml` that reads no cell.
    private func sheetNames(_ archive: ZipArchive, name: String) throws(IngestError) -> [String] {
        var (stream, _) = try content(archive, name: name, sheet: .none)
        while stream.next() != nil {}
        return stream.sheetNames
    }
}
