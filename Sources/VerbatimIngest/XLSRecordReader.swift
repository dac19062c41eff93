import VerbatimCore

/// Reads legacy Excel workbooks (`.xls`: Excel 97–2003, and Excel 5/95 and older, whose strings
/// are in the workbook's code page) through FreeXL, which turns every string into UTF-8.
///
/// The first sheet is read, or the one the pipeline names (`sheet:`), through the same header
/// logic and row validation as an `.xlsx` sheet's (`TableRecordBuilder.readSheet`); a reject's
/// line is the sheet's row number. Dates read as FreeXL writes them (`2026-11-21`,
/// `2026-11-21 09:14:00`), which the date normalizer reads. FreeXL holds the whole workbook in
/// memory (an `.xls` sheet has at most 65,536 rows), so a file larger than `maxFileBytes` is refused.
public struct XLSRecordReader: RecordReader {
    public let options: SourceOptions
    public let aliases: HeaderAliases
    /// The largest `.xls` read.
    public static let maxFileBytes = 256 << 20

    public init(options: SourceOptions, aliases: HeaderAliases) {
        self.options = options
        self.aliases = aliases
    }

    public func read(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        guard let path = input.filePath else { return .rejected(input, format: Self.format, .nestedUnsupported(looksLike: "a legacy Excel workbook (.xls)"), emit: emit) }
        let book: LegacyWorkbook
        do throws(IngestError) { book = try LegacyWorkbook(path: path, sheet: options.sheet, maxBytes: Self.maxFileBytes) } catch {
            return .rejected(input, format: Self.format, error, emit: emit)
        }
        return TableRecordBuilder.readSheet(
            input, format: Self.format, encoding: book.encoding, options: options, aliases: aliases,
            sheets: book.sheetNames, label: "sheet '\(book.sheet.name)'", emit: emit
        ) { () throws(IngestError) in try book.nextRow() }
    }

    static let format = "xls"
}
