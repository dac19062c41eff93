import VerbatimCore

/// Why a whole file could not be read. Row-level problems are `RowProblem`s.
public enum IngestError: Error, Sendable, Hashable {
    /// A workbook saved with a password (`.xls`, `.xlsx`, `.ods`): why it is not read, and what to do.
    static let passwordProtected = IngestError.badWorkbook(reason: "it is password-protected (encrypted): save a copy without a password")

    /// The file could not be opened or read.
    case unreadableFile(path: String, reason: String)
    /// A line of the header alias file is malformed.
    case badAliasFile(path: String, line: Int, reason: String)
    /// No column or element could be recognised as the feedback text.
    case noTextColumn(headers: [String])
    /// A column named in the pipeline file's `columns:` is not in the file.
    case mappedColumnMissing(field: String, column: String, headers: [String])
    /// The file has no header line (empty, or only a byte-order mark).
    case emptyFile
    /// A `.txt` file that does not look delimited.
    case notDelimited
    /// The file is not text at all (an image, a workbook, an archive).
    case notText(looksLike: String)
    /// An HTML page under an export's name with no table of data in it.
    case htmlPage
    /// libxml2 could not parse the file.
    case malformedXML(message: String, line: Int, column: Int)
    /// No repeating record element was found in an XML file.
    case noXMLRecords(root: String)
    /// A gzip stream or ZIP archive is damaged or cut off.
    case damagedArchive(path: String, reason: String)
    /// An archive or one of its entries was refused (size, ratio, count: a decompression bomb?).
    case archiveLimit(path: String, reason: String)
    /// A workbook (`.xlsx`, `.xls`, `.ods`) whose parts are missing or damaged, or that cannot be read.
    case badWorkbook(reason: String)
    /// The sheet named in the pipeline file is not in the workbook.
    case sheetMissing(sheet: String, available: [String])
    /// A workbook's first sheet has no text column, and the workbook has other sheets.
    case noTextColumnInFirstSheet(sheet: String, headers: [String], others: [String])
    /// The table read of an HTML page (the one with the most rows) has no text column, and the page has others.
    case noTextColumnInTable(table: String, headers: [String], others: [String])
    /// A JSON export whose structure breaks off (not one bad record: the file itself).
    case badJSON(message: String, line: Int)
    /// A kind of file that Verbatim reads only on its own, found inside an archive (a workbook in a ZIP).
    case nestedUnsupported(looksLike: String)
}

extension IngestError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unreadableFile(path, reason): "cannot read \(path): \(reason)"
        case let .badAliasFile(path, line, reason): "\(path) line \(line): \(reason)"
        case let .noTextColumn(headers):
            "no feedback text column found; headers seen: \(headers.map { "'\($0)'" }.joined(separator: ", ")). Name the column in the pipeline file (sources: - match: … columns: {text: …}) or add its name to lexicons/headers.tsv"
        case let .mappedColumnMissing(field, column, headers):
            "the pipeline maps \(field) to column '\(column)', which is not in the file; headers seen: \(headers.map { "'\($0)'" }.joined(separator: ", "))"
        case .emptyFile: "the file is empty (no header line)"
        case .notDelimited: "not a delimited text file (no ',', ';', tab or '|' found consistently in the first lines)"
        case let .notText(looksLike): "not a text export: the file looks like \(looksLike)"
        case .htmlPage: "an HTML page with no table of data in it, not a spreadsheet (web applications' \"export to Excel\" save their table as such a page, named .xls): check that the export finished, or open it in a browser to see what it holds"
        case let .malformedXML(message, line, column): "malformed XML at line \(line), column \(column): \(message)"
        case let .noXMLRecords(root): "no repeating record element found under <\(root)>; set `record:` for this source in the pipeline file"
        case let .damagedArchive(path, reason): "\(path): \(reason)"
        case let .archiveLimit(path, reason): "\(path) was not read: \(reason)"
        case let .badWorkbook(reason): "not a readable spreadsheet: \(reason)"
        case let .sheetMissing(sheet, available):
            "the pipeline names sheet '\(sheet)', which is not in the workbook; sheets: \(available.map { "'\($0)'" }.joined(separator: ", "))"
        case let .noTextColumnInFirstSheet(sheet, headers, others):
            "the first sheet, '\(sheet)', has no feedback text column (headers seen: \(headers.map { "'\($0)'" }.joined(separator: ", "))); the workbook also has \(others.map { "'\($0)'" }.joined(separator: ", ")): name the sheet to read in the pipeline file (sources: - match: … sheet: …)"
        case let .noTextColumnInTable(table, headers, others):
            "the table with the most rows, '\(table)', has no feedback text column (headers seen: \(headers.map { "'\($0)'" }.joined(separator: ", "))); the page also has \(others.map { "'\($0)'" }.joined(separator: ", ")): name the table to read in the pipeline file (sources: - match: … sheet: table 2)"
        case let .badJSON(message, line): "the JSON breaks off at line \(line): \(message)"
        case let .nestedUnsupported(looksLike): "\(looksLike) inside an archive is not read: unpack it and put it in the export folder"
        }
    }
}

/// Why one row or record was rejected while the rest of its file was kept.
public enum RowProblem: Sendable, Hashable, CustomStringConvertible {
    /// The row has a different number of fields than the header.
    case wrongFieldCount(got: Int, expected: Int)
    /// The text column is empty.
    case emptyText
    /// A JSON record none of whose keys names the feedback text (nor a rating): its keys, as written.
    case noTextKey(keys: [String])
    /// The date cannot be read.
    case badDate(String)
    /// The rating is not a number from 0 to 10.
    case badRating(String)
    /// A rating outside the scale its column has (`RatingColumnScale`): an `8` under "CSAT".
    case ratingOffScale(String, RatingColumnScale)
    /// The bytes are not valid in the file's encoding.
    case invalidEncoding(TextEncoding)
    /// A quoted field is never closed.
    case unterminatedQuote
    /// The record is larger than the configured limit.
    case tooLong(limit: Int)
    /// The record has more fields than any export has columns.
    case tooManyFields(limit: Int)
    /// A field holds NUL bytes (a damaged or padded export).
    case nulBytes
    /// A JSON record (an NDJSON line, an array element) that is not valid JSON or not an object.
    case badJSON(String)

    public var description: String {
        switch self {
        case let .wrongFieldCount(got, expected): "\(got) fields, header has \(expected)"
        case .emptyText: "empty feedback text"
        case let .noTextKey(keys):
            "no key of the record names the feedback text (keys: \(RowProblem.list(keys))); name it in the pipeline's sources: columns: {text: …}, a dotted path for a nested key"
        case let .badDate(d):
            DateNormalizer.problem(d).map { "no such date '\(d)': \($0)" }
                ?? "unreadable date '\(d)' (expected e.g. 21.11.2026, 21.11.2026 09:14, 2026-11-21 or 21 Kasım 2026)"
        case let .badRating(r): "rating '\(r)' is not a number from 0 to 10 nor a choice listed in lexicons/rating_choices.tsv"
        case let .ratingOffScale(r, column):
            "rating '\(r)' is outside the column's scale, \(column.description); if the column is on the other scale, set rating_scale: in the pipeline's sources"
        case let .invalidEncoding(e): "bytes that are not valid \(e.rawValue)"
        case .unterminatedQuote: "a quoted field is never closed (missing \")"
        case let .tooLong(limit): "record longer than \(limit) bytes"
        case let .tooManyFields(limit): "more than \(limit) fields"
        case .nulBytes: "the row holds NUL bytes (a damaged or padded export?)"
        case let .badJSON(message): "not a JSON object: \(message)"
        }
    }

    /// The first keys of a record, quoted, and how many more there are.
    static func list(_ keys: [String], limit: Int = 8) -> String {
        let shown = keys.prefix(limit).map { "'\($0)'" }.joined(separator: ", ")
        return keys.count > limit ? shown + " and \(keys.count - limit) more" : shown
    }
}
