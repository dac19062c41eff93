import VerbatimXML

// No Foundation here: this file reads libxml2 events (see XMLRecordReader.swift).

/// The rows of one sheet of an OpenDocument spreadsheet (`content.xml`), streamed: each row's
/// cells as text, in column order, with the row's number (`line`, repeats counted).
///
/// A cell is read by its `office:value-type`: numbers, percentages and currencies as their
/// `office:value` (`4.5`, not the `4,50 ₺` shown), dates as `office:date-value` (`2026-11-21`,
/// `2026-11-21T09:14:00`), booleans as `TRUE`/`FALSE`, text as its paragraphs joined by line
/// breaks (spaces `<text:s>`, tabs and line breaks written out; comments left out).
/// `number-columns-repeated` and `number-rows-repeated` are expanded, except the empty cells and
/// rows Calc writes to fill a sheet to its end (`number-rows-repeated="1048553"`), which are only
/// counted; at most `maxRows` rows and `maxColumns` columns are read.
struct ODSRowStream {
    let reader: XMLEventReader
    /// The sheet to read.
    let wanted: SheetChoice
    /// The sheets' names, in order, as far as the walk has gone.
    private(set) var sheetNames: [String] = []
    /// The sheet read, once its table has started.
    private(set) var sheet: String?
    static let maxRows = SheetLimits.maxRows, maxColumns = SheetLimits.maxColumns, maxTextBytes = SheetLimits.maxCellBytes

    private var done = false
    private var line = 0
    /// Depth of the element being read at each level, when inside it.
    private var tableDepth: Int?, rowDepth: Int?, cellDepth: Int?, ignoredDepth: Int?
    private var row = Row()
    /// A row with content repeated: how many more times to give it.
    private var repeats = 0
    private var repeated: [String] = []
    private var cell = Cell()

    private struct Row {
        var cells: [String] = []
        var repeats = 1
        /// Empty cells not written yet: written only when a cell with content follows.
        var emptyCells = 0
    }

    private struct Cell {
        var repeats = 1
        var type = ""
        var value: String?
        var text: [UInt8] = []
        var paragraphs = 0
    }

    init(reader: XMLEventReader, sheet: SheetChoice) {
        self.reader = reader
        wanted = sheet
    }

    /// The next row with content, or nil at the end of the sheet.
    mutating func next() -> (line: Int, cells: [String])? {
        if repeats > 0, line < Self.maxRows {
            repeats -= 1
            line += 1
            return (line, repeated)
        }
        while !done, let event = reader.next() {
            switch event {
            case let .start(name, depth, attributes, isEmpty, _):
                start(name, depth, attributes)
                if isEmpty, let found = end(depth) { return found }
            case let .end(depth):
                if let found = end(depth) { return found }
            case let .text(t):
                guard cellDepth != nil, ignoredDepth == nil, cell.paragraphs > 0, cell.text.count < Self.maxTextBytes else { continue }
                cell.text.append(contentsOf: t.utf8.prefix(Self.maxTextBytes - cell.text.count))
            }
        }
        done = true
        return nil
    }

    private mutating func start(_ name: String, _ depth: Int, _ attributes: [(name: String, value: String)]) {
        func attribute(_ key: String) -> String? { attributes.first { $0.name == key }?.value }
        func count(_ key: String, limit: Int) -> Int { min(max(attribute(key).flatMap { Int($0) } ?? 1, 1), limit) }
        if ignoredDepth != nil { return }
        if let cellDepth, depth > cellDepth {
            switch name {
            case "annotation", "table": ignoredDepth = depth  // a comment, or a table inside the cell
            case "p", "h":
                if cell.paragraphs > 0 { cell.text.append(0x0A) }
                cell.paragraphs += 1
            case "s": cell.text.append(contentsOf: repeatElement(0x20, count: count("c", limit: 1000)))
            case "tab": cell.text.append(0x09)
            case "line-break": cell.text.append(0x0A)
            default: break
            }
            return
        }
        switch name {
        case "table" where tableDepth == nil:
            let sheetName = attribute("name") ?? ""
            sheetNames.append(sheetName)
            if sheet == nil, wanted.takes(sheetName, number: sheetNames.count) {
                sheet = sheetName
                tableDepth = depth
            }
        case "table-row" where tableDepth != nil && rowDepth == nil:
            rowDepth = depth
            row = Row(repeats: count("number-rows-repeated", limit: Self.maxRows))
        case "table-cell", "covered-table-cell":
            guard let rowDepth, depth == rowDepth + 1 else { return }
            cellDepth = depth
            let type = attribute("value-type") ?? ""
            let value: String? = switch type {
            case "float", "percentage", "currency": attribute("value")
            case "date": attribute("date-value")
            case "boolean": attribute("boolean-value").map { $0 == "true" ? "TRUE" : $0 == "false" ? "FALSE" : $0 }
            case "string": attribute("string-value")
            default: nil
            }
            cell = Cell(repeats: count("number-columns-repeated", limit: Self.maxColumns), type: type, value: value)
        default:
            break
        }
    }

    /// Closes the element at `depth`; a row with content, when it was one.
    private mutating func end(_ depth: Int) -> (line: Int, cells: [String])? {
        if let ignored = ignoredDepth {
            if depth == ignored { ignoredDepth = nil }
            return nil
        }
        if depth == cellDepth {
            cellDepth = nil
            finishCell()
        } else if depth == rowDepth {
            rowDepth = nil
            return finishRow()
        } else if depth == tableDepth {
            // The sheet is read: the rest of the document is not walked.
            tableDepth = nil
            done = true
        }
        return nil
    }

    private mutating func finishCell() {
        let text = cell.value ?? String(decoding: cell.text, as: UTF8.self)
        if text.isEmpty {
            row.emptyCells += cell.repeats
            return
        }
        let room = Self.maxColumns - row.cells.count
        guard room > row.emptyCells else { return }
        row.cells.append(contentsOf: repeatElement("", count: row.emptyCells))
        row.emptyCells = 0
        row.cells.append(contentsOf: repeatElement(text, count: min(cell.repeats, Self.maxColumns - row.cells.count)))
    }

    private mutating func finishRow() -> (line: Int, cells: [String])? {
        let first = line + 1
        line = min(line + row.repeats, Self.maxRows)
        if line >= Self.maxRows { done = true }
        guard !row.cells.isEmpty else { return nil }
        // A row with content repeated: given once per repeat.
        repeats = line - first
        repeated = row.cells
        line = first
        return (line, row.cells)
    }
}
