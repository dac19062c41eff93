import VerbatimXML

// No Foundation here: this file reads libxml2 events (see XMLRecordReader.swift).

/// The rows of one table of an HTML page, streamed: each row's cells as text in column order, with
/// the row's number in its table (as a spreadsheet numbers it when Excel opens the page).
///
/// Web applications' "export to Excel" writes such a page and names it `.xls`. A cell's text is
/// what a browser shows: the text of everything inside it, white space collapsed, `<br>` and the
/// blocks inside it (`<p>`, `<div>`, `<li>`, a nested table's rows) as line breaks, `&nbsp;`
/// as a space; `<script>` and `<style>` are left out. `colspan` leaves the columns it spans
/// empty, as a spreadsheet leaves a merged cell's; `rowspan` gives its value to each row it spans
/// (a date or an agent written once for a group of rows belongs to each of them). Excel's own
/// HTML gives a number's value in `x:num` beside the text it shows (`x:num="4.5"` for `4,5`):
/// the value is read, as the other workbooks' readers read a cell's value.
///
/// The tables are numbered in the order they start (`table 1`, `table 2`, …; a table inside
/// another's cell has its own number), and each row belongs to the nearest table around it.
/// Cells written straight inside a table or its `<thead>`, `<tbody>` or `<tfoot>`, with no `<tr>` (a
/// hand-made export's header row), make the row a browser shows them in: it ends where the next `<tr>`
/// or section starts, or the table or section ends.
struct HTMLTableRowStream {
    let reader: XMLEventReader
    /// The number of the table to read (from 1), or nil for a walk that only counts the rows.
    let wanted: Int?
    /// Rows with a filled cell, per table, as far as the walk has gone.
    private(set) var rowCounts: [Int] = []
    /// Whether the wanted table has started.
    private(set) var found = false
    static let maxRows = SheetLimits.maxRows, maxColumns = SheetLimits.maxColumns, maxTextBytes = SheetLimits.maxCellBytes

    /// What an open element is, for what its end closes.
    private enum Open { case table(Int), row(implied: Bool), section, cell, ignored, block, other }
    private var open: [Open] = []
    /// The tables open now, innermost last (their numbers, from 0).
    private var tables: [Int] = []
    private var done = false
    /// The wanted table's row being read, and the element depth of the cell being read.
    private var inRow = false, cellOpen = false
    /// Rows of each open table so far (numbered rows, filled or not), innermost last.
    private var rowNumbers: [Int] = []
    private var line = 0
    private var cells: [String] = []
    private var column = 0, cellColumn = 0, span = 1, rowSpan = 1
    /// Columns that a cell above still covers (`rowspan`): the rows it covers from the current one,
    /// its value, and the row it stands in.
    private var covered: [Int: (rows: Int, value: String, row: Int)] = [:]
    private var text: [UInt8] = []
    /// `x:num` of the cell being read.
    private var value: String?
    /// Inside `<script>` or `<style>`: how many are open.
    private var ignored = 0
    /// Whether the row being counted (in a walk that counts) has a filled cell.
    private var rowFilled: [Bool] = []

    init(reader: XMLEventReader, table: Int?) {
        self.reader = reader
        wanted = table
    }

    /// The next row of the wanted table, or nil at its end (or at the page's end, in a walk that counts).
    mutating func next() -> (line: Int, cells: [String])? {
        while !done, let event = reader.next() {
            switch event {
            case let .start(name, _, attributes, _, _):
                if let row = start(name, attributes) { return row }
            case .end:
                if let row = end() { return row }
            case let .text(t):
                guard ignored == 0 else { continue }
                if cellOpen { add(t) } else if !rowFilled.isEmpty, !tables.isEmpty, !isBlank(t) { rowFilled[rowFilled.count - 1] = true }
            }
        }
        done = true
        return nil
    }

    /// Returns the implied row that the element ends, if it ends one with text.
    private mutating func start(_ name: String, _ attributes: [(name: String, value: String)]) -> (line: Int, cells: [String])? {
        switch name {
        case "table":
            let number = rowCounts.count
            rowCounts.append(0)
            tables.append(number)
            rowNumbers.append(0)
            if number + 1 == wanted { found = true }
            open.append(.table(number))
            if cellOpen { breakLine() }
        case "tr" where !tables.isEmpty:
            let implied = endImpliedRow()
            beginRow(implied: false)
            return implied
        case "thead", "tbody", "tfoot":
            guard !tables.isEmpty else { open.append(.other); return nil }
            let implied = endImpliedRow()
            open.append(.section)
            return implied
        case "td", "th":
            if let around = open.last, isTableOrSection(around) { beginRow(implied: true) }
            open.append(.cell)
            if isWanted, inRow, !cellOpen {
                cellOpen = true
                while covered[column] != nil, column < Self.maxColumns { column += 1 }
                cellColumn = column
                span = number(attributes, "colspan")
                rowSpan = number(attributes, "rowspan")
                value = attributes.first { $0.name == "x:num" }?.value
                if value?.isEmpty == true { value = nil }
                text = []
            } else if cellOpen {
                add(" ")
            }
        case "script", "style", "template", "noscript":
            open.append(.ignored)
            ignored += 1
        case "br":
            open.append(.other)
            if cellOpen { breakLine() }
        case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "blockquote":
            open.append(.block)
            if cellOpen { breakLine() }
        default:
            open.append(.other)
        }
        return nil
    }

    /// Starts a row of the innermost table: a `<tr>`, or the row a browser makes for cells with none.
    private mutating func beginRow(implied: Bool) {
        open.append(.row(implied: implied))
        rowNumbers[rowNumbers.count - 1] += 1
        rowFilled.append(false)
        if isWanted {
            inRow = true
            line = min(rowNumbers[rowNumbers.count - 1], Self.maxRows)
            cells = []
            column = 0
        } else if cellOpen {
            breakLine()
        }
    }

    /// Ends the implied row open in the innermost table, if its cells are all closed: it has no end tag,
    /// and ends with the next row or section, or with the element around it.
    private mutating func endImpliedRow() -> (line: Int, cells: [String])? {
        guard case .row(implied: true)? = open.last else { return nil }
        open.removeLast()
        return endRow()
    }

    private mutating func end() -> (line: Int, cells: [String])? {
        // An element ending while an implied row is open is the one around that row, which ends it.
        let implied = endImpliedRow()
        guard let closed = open.popLast() else { return implied }
        switch closed {
        case .ignored:
            ignored -= 1
        case .block:
            if cellOpen { breakLine() }
        case .cell where cellOpen && open.last.map(isRow) == true && isWanted:
            cellOpen = false
            let value = cellText()
            SheetCells.put(value, at: cellColumn, in: &cells)
            let next = min(cellColumn + span, Self.maxColumns)
            if rowSpan > 1 { for k in cellColumn..<next { covered[k] = (rowSpan, k == cellColumn ? value : "", line) } }
            column = next
        case .row:
            return endRow()
        case let .table(number):
            tables.removeLast()
            rowNumbers.removeLast()
            if number + 1 == wanted { done = true }
        default:
            break
        }
        return implied
    }

    /// Ends the row of the innermost table: its cells, when it is a row of the table read and has text.
    private mutating func endRow() -> (line: Int, cells: [String])? {
        let filled = rowFilled.popLast() ?? false
        if isWanted, inRow {
            inRow = false
            for (k, c) in covered {
                if c.row != line { SheetCells.put(c.value, at: k, in: &cells) }
                covered[k] = c.rows > 1 ? (c.rows - 1, c.value, c.row) : nil
            }
            cells = SheetCells.withoutTrailingEmpties(cells)
            if line >= Self.maxRows { done = true }
            if !cells.isEmpty {
                rowCounts[tables[tables.count - 1]] += 1
                return (line, cells)
            }
        } else if filled, let table = tables.last {
            rowCounts[table] += 1
        }
        if cellOpen { breakLine() }
        return nil
    }

    /// Whether the innermost open table is the one read.
    private var isWanted: Bool { tables.last.map { $0 + 1 == wanted } ?? false }

    private func isRow(_ o: Open) -> Bool { if case .row = o { true } else { false } }

    private func isTableOrSection(_ o: Open) -> Bool {
        switch o {
        case .table, .section: true
        default: false
        }
    }

    private func number(_ attributes: [(name: String, value: String)], _ key: String) -> Int {
        guard let raw = attributes.first(where: { $0.name == key })?.value, let n = Int(raw.filter { $0 != " " }) else { return 1 }
        return max(1, min(n, Self.maxColumns))
    }

    /// Appends text of the cell: white space (with `&nbsp;`) as one space, as a browser shows it.
    private mutating func add(_ t: String) {
        for b in t.utf8 where text.count < Self.maxTextBytes {
            text.append(b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C ? 0x20 : b)
        }
    }

    /// A line break inside the cell (`<br>`, a block's edge).
    private mutating func breakLine() {
        if text.count < Self.maxTextBytes { text.append(0x0A) }
    }

    /// The cell's value (`x:num`), or its text with white space collapsed and each line trimmed,
    /// empty lines dropped.
    private func cellText() -> String {
        if let value { return value }
        let shown = String(decoding: text, as: UTF8.self).replacing("\u{A0}", with: " ")
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: " ").joined(separator: " ")
        }
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    private func isBlank(_ t: String) -> Bool {
        t.unicodeScalars.allSatisfy { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{A0}" }
    }
}
