import Foundation
import VerbatimCore
import VerbatimXML

/// Reads Excel workbooks (`.xlsx`, and the data of `.xlsm`: macros are never run, only the
/// cells are read). An `.xlsx` is a ZIP of XML parts: libzip opens it (`ZipArchive`), libxml2 reads
/// each part as it is inflated (`XLSXParts`, `XLSXRowStream`).
///
/// The first sheet is read, or the one the pipeline names (`sheet:`). Its rows go through
/// the same header logic (aliases, survey layouts, the text column by content) and the
/// same row validation as a CSV's; a reject's line is the sheet's row number. Zip bombs and
/// path tricks are refused by `ArchiveLimits`, shared strings past `maxSharedStringBytes`
/// too (they are held in memory).
public struct XLSXRecordReader: RecordReader {
    public let options: SourceOptions
    public let aliases: HeaderAliases
    public let limits: ArchiveLimits
    /// Shared strings are held in memory while the sheet is read: at most this many bytes.
    public static let maxSharedStringBytes = 512 << 20

    public init(options: SourceOptions, aliases: HeaderAliases, limits: ArchiveLimits = ArchiveLimits()) {
        self.options = options
        self.aliases = aliases
        self.limits = limits
    }

    public func read(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        guard let url = input.url else { return .rejected(input, format: "xlsx", .nestedUnsupported(looksLike: "an Excel workbook"), emit: emit) }
        let sheet: OpenSheet
        do throws(IngestError) { sheet = try openSheet(url: url, name: input.name) } catch {
            return .rejected(input, format: "xlsx", error, emit: emit)
        }
        var rows = sheet.rows
        let macros = sheet.macros ? "macro-enabled workbook: data read, macros never run" : nil
        return TableRecordBuilder.readSheet(
            input, format: "xlsx", encoding: "utf-8", options: options, aliases: aliases, sheets: sheet.names,
            label: [sheet.label, macros].compactMap { $0 }.joined(separator: "; "), emit: emit,
            check: { () throws(IngestError) in
                if let e = sheet.source.failure { throw e }
                if let e = rows.reader.error { throw IngestError.badWorkbook(reason: "the sheet's XML is damaged at line \(e.line), column \(e.column): \(e.message)") }
            },
            rows: { rows.next() })
    }

    /// The chosen sheet, ready to stream.
    struct OpenSheet {
        var rows: XLSXRowStream
        var source: any ByteSource
        var macros: Bool
        var label: String
        /// Every sheet of the workbook, in order.
        var names: [String]
    }

    func openSheet(url: URL, name: String) throws(IngestError) -> OpenSheet {
        let archive = try ZipArchive(url: url, name: name, limits: limits, as: .workbook)
        var paths: Set<String> = []
        for entry in archive.entries {
            if let trick = ArchiveLimits.pathTrick(entry.path) { throw .archiveLimit(path: name, reason: trick) }
            paths.insert(entry.path)
        }
        guard paths.contains("xl/workbook.xml") else { throw .badWorkbook(reason: "it has no xl/workbook.xml (is it an Excel workbook?)") }
        let workbook = XLSXParts.workbook(try part(archive, "xl/workbook.xml", name: name).reader)
        let relationships = paths.contains("xl/_rels/workbook.xml.rels")
            ? XLSXParts.relationships(try part(archive, "xl/_rels/workbook.xml.rels", name: name).reader) : [:]
        guard !workbook.sheets.isEmpty else { throw .badWorkbook(reason: "it lists no sheets") }
        let sheet: (name: String, relationship: String)
        if let wanted = options.sheet {
            guard let s = workbook.sheets.first(where: { $0.name == wanted }) else {
                throw .sheetMissing(sheet: wanted, available: workbook.sheets.map(\.name))
            }
            sheet = s
        } else {
            sheet = workbook.sheets[0]
        }
        guard let sheetPath = relationships[sheet.relationship] ?? (paths.contains("xl/worksheets/sheet1.xml") && options.sheet == nil ? "xl/worksheets/sheet1.xml" : nil),
              paths.contains(sheetPath) else {
            throw .badWorkbook(reason: "the part of sheet '\(sheet.name)' is missing")
        }
        var shared: [String] = []
        if paths.contains("xl/sharedStrings.xml") {
            let p = try part(archive, "xl/sharedStrings.xml", name: name)
            guard let s = XLSXParts.sharedStrings(p.reader, limit: Self.maxSharedStringBytes) else {
                throw .archiveLimit(path: name, reason: "its shared strings pass \(Self.maxSharedStringBytes) bytes")
            }
            if let e = p.source.failure { throw e }
            shared = s
        }
        let dateStyles = paths.contains("xl/styles.xml") ? XLSXParts.dateStyles(try part(archive, "xl/styles.xml", name: name).reader) : []
        let data = try part(archive, sheetPath, name: name)
        return OpenSheet(rows: XLSXRowStream(reader: data.reader, shared: shared, dateStyles: dateStyles, date1904: workbook.date1904),
                         source: data.source, macros: paths.contains("xl/vbaProject.bin"),
                         label: "sheet '\(sheet.name)'\(workbook.date1904 ? ", 1904 dates" : "")", names: workbook.sheets.map(\.name))
    }

    /// An XML reader over one part of the workbook, inflated as it is read.
    func part(_ archive: ZipArchive, _ path: String, name: String) throws(IngestError) -> (reader: XMLEventReader, source: any ByteSource) {
        guard let entry = archive.entry(path) else { throw .badWorkbook(reason: "its part \(path) is missing") }
        let source = ZipEntryByteSource(archive: archive, entry: entry, name: "\(name)!\(path)", limits: limits)
        guard let reader = XMLEventReader(source: source, name: path) else { throw .badWorkbook(reason: "cannot read its part \(path)") }
        return (reader, source)
    }
}
