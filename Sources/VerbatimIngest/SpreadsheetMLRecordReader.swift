import VerbatimCore
import VerbatimXML

/// Reads Excel 2003 XML spreadsheets (SpreadsheetML, "XML Spreadsheet 2003"), which older reporting
/// and banking systems still export as `.xml`: recognised by their namespace, they are read as a
/// worksheet (`SpreadsheetMLRowStream`), not as a feed of `<Row>` elements, with the header logic
/// and row validation of the other workbooks (`TableRecordBuilder.readSheet`); a reject's line is
/// the sheet's row number. Streamed through libxml2, plain or gzipped.
public struct SpreadsheetMLRecordReader: RecordReader {
    public let options: SourceOptions
    public let aliases: HeaderAliases

    public init(options: SourceOptions, aliases: HeaderAliases) {
        self.options = options
        self.aliases = aliases
    }

    /// The namespace of SpreadsheetML 2003.
    static let namespace = "urn:schemas-microsoft-com:office:spreadsheet"
    static let format = "xml-spreadsheet"

    public func read(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        let bytes: any ByteSource
        do { bytes = try input.open() } catch { return .rejected(input, format: Self.format, error, emit: emit) }
        guard let reader = XMLEventReader(source: bytes, name: input.name) else {
            return .rejected(input, format: Self.format, .unreadableFile(path: input.name, reason: "cannot open"), emit: emit)
        }
        var stream = SpreadsheetMLRowStream(reader: reader, sheet: SheetChoice(options.sheet))
        return TableRecordBuilder.readSheet(
            input, format: Self.format, encoding: "utf-8", options: options, aliases: aliases,
            sheets: (try? sheetNames(input)) ?? [], label: stream.sheet.map { "sheet '\($0)'" }, emit: emit,
            check: { () throws(IngestError) in
                try TableRecordBuilder.checkStreamedSheet(bytes: bytes.failure, xml: stream.reader.error, part: "its XML",
                                                          sheet: stream.sheet, wanted: options.sheet, names: stream.sheetNames)
            },
            rows: { stream.next() })
    }

    /// Every sheet's name, in order: a second walk of the file that reads no cell.
    private func sheetNames(_ input: InputSource) throws(IngestError) -> [String] {
        guard let reader = XMLEventReader(source: try input.open(), name: input.name) else { return [] }
        var stream = SpreadsheetMLRowStream(reader: reader, sheet: .none)
        while stream.next() != nil {}
        return stream.sheetNames
    }
}
