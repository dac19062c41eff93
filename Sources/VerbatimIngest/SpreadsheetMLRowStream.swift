import VerbatimXML

// No Foundation here: this file reads libxml2 events (see XMLRecordReader.swift).

/// The rows of one worksheet of an Excel 2003 XML spreadsheet ("XML Spreadsheet 2003", SpreadsheetML:
/// `<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`), streamed: each row's cells as
/// text in column order, with the row's number (`ss:Index` where rows are skipped).
///
/// A cell's `ss:Index` places it (cells before it are empty), `ss:MergeAcross` makes the columns it
/// spans empty; its `<Data>` is read as written: numbers as they are, `DateTime` as ISO 8601
/// (`2026-11-21T09:14:00.000`), `Boolean` as `TRUE`/`FALSE`, strings with their inline formatting
/// (`<Font>`, `<B>`) dropped; comments (`<Comment>`) are left out.
struct SpreadsheetMLRowStream {
    let reader: XMLEventReader
    /// The sheet to read.
    let wanted: SheetChoice
    /// The sheets' names, in order, as far as the walk has gone.
    private(set) var sheetNames: [String] = []
    /// The sheet read, once its worksheet has started.
    private(set) var sheet: String?
    static let maxRows = SheetLimits.maxRows, maxColumns = SheetLimits.maxColumns, maxTextBytes = SheetLimits.maxCellBytes

    private var done = false
    private var line = 0
    private var sheetDepth: Int?, rowDepth: Int?, dataDepth: Int?, ignoredDepth: Int?
    private var cells: [String] = []
    /// The next cell's column, and the column of the cell open now.
    private var column = 0, cellColumn = 0
    private var type = ""
    private var text: [UInt8] = []

    init(reader: XMLEventReader, sheet: SheetChoice) {
        self.reader = reader
        wanted = sheet
    }

    /// The next row, or nil at the end of the sheet.
    mutating func next() -> (line: Int, cells: [String])? {
        while !done, let event = reader.next() {
            switch event {
            case let .start(name, depth, attributes, isEmpty, _):
                start(name, depth, attributes)
                if isEmpty, let row = end(depth) { return row }
            case let .end(depth):
                if let row = end(depth) { return row }
            case let .text(t):
                guard dataDepth != nil, ignoredDepth == nil, text.count < Self.maxTextBytes else { continue }
                text.append(contentsOf: t.utf8.prefix(Self.maxTextBytes - text.count))
            }
        }
        done = true
        return nil
    }

    private mutating func start(_ name: String, _ depth: Int, _ attributes: [(name: String, value: String)]) {
        func attribute(_ key: String) -> String? { attributes.first { $0.name == key }?.value }
        if ignoredDepth != nil { return }
        switch name {
        case "Worksheet" where sheetDepth == nil:
            let sheetName = attribute("Name") ?? ""
            sheetNames.append(sheetName)
            if sheet == nil, wanted.takes(sheetName, number: sheetNames.count) {
                sheet = sheetName
                sheetDepth = depth
            }
        case "Row" where sheetDepth != nil && rowDepth == nil:
            rowDepth = depth
            line = min(attribute("Index").flatMap { Int($0) }.map { max($0, line + 1) } ?? line + 1, Self.maxRows)
            cells = []
            column = 0
        case "Cell" where rowDepth != nil:
            if let index = attribute("Index").flatMap({ Int($0) }), index - 1 > column { column = min(index - 1, Self.maxColumns) }
            let merged = attribute("MergeAcross").flatMap { Int($0) } ?? 0
            cellColumn = column
            column = min(column + 1 + max(0, min(merged, Self.maxColumns)), Self.maxColumns)
        case "Data" where rowDepth != nil && dataDepth == nil:
            dataDepth = depth
            type = attribute("Type") ?? "String"
            text = []
        case "Comment" where rowDepth != nil:
            ignoredDepth = depth
        default:
            break
        }
    }

    private mutating func end(_ depth: Int) -> (line: Int, cells: [String])? {
        if let ignored = ignoredDepth {
            if depth == ignored { ignoredDepth = nil }
            return nil
        }
        if depth == dataDepth {
            dataDepth = nil
            let value = String(decoding: text, as: UTF8.self)
            SheetCells.put(type == "Boolean" ? (value == "1" ? "TRUE" : value == "0" ? "FALSE" : value) : value, at: cellColumn, in: &cells)
        } else if depth == rowDepth {
            rowDepth = nil
            cells = SheetCells.withoutTrailingEmpties(cells)
            if line >= Self.maxRows { done = true }
            return cells.isEmpty ? nil : (line, cells)
        } else if depth == sheetDepth {
            sheetDepth = nil
            done = true
        }
        return nil
    }
}
