import VerbatimCore
import VerbatimXML

/// Turns the rows of a table that arrive as text (a worksheet) into records: the first rows
/// decide the header (`TableHeader`: survey layouts, aliases, the text column by content),
/// every later row is validated by `RecordAssembler`, as a CSV row is.
struct TableRecordBuilder {
    let file: String
    let options: SourceOptions
    let aliases: HeaderAliases
    private var assembler: RecordAssembler
    private(set) var header: TableHeader?
    private var pending: [(line: Int, cells: [String])] = []
    private var orderedColumns: [(field: RecordField, index: Int)] = []
    /// Fields spread over one column per option (`ColumnMapping.optionColumns`).
    private var optionColumns: [(field: RecordField, indices: [Int])] = []
    private var columnNumbers: [RecordField: Int] = [:]
    private var position = 0
    /// The header rows, to skip them where they come again below.
    private(set) var repeated = RepeatedHeader([])
    /// Summary lines ("Toplam", "Итого") under the table or between its pages, skipped and noted.
    private(set) var summaryRows: SummaryRows?
    /// Set when the header cannot be read: the file is rejected whole.
    private(set) var failure: (error: IngestError, line: Int)?

    init(file: String, options: SourceOptions, aliases: HeaderAliases) {
        self.file = file
        self.options = options
        self.aliases = aliases
        assembler = RecordAssembler(file: file, options: options, months: aliases.months, ratingChoices: aliases.ratingChoices, channelNames: aliases.channelNames)
    }

    /// One row of the table (empty rows are skipped).
    mutating func add(line: Int, cells: [String], summary: inout FileReadSummary, emit: (consuming ReadEvent) -> Void) {
        guard failure == nil, cells.contains(where: { !$0.isEmpty }) else { return }
        guard header != nil else {
            pending.append((line, cells))
            if pending.count >= TableHeader.sampleRows { resolve(summary: &summary, emit: emit) }
            return
        }
        record(line: line, cells: cells, summary: &summary, emit: emit)
    }

    /// The table ended: a short table's header is decided now.
    mutating func finish(summary: inout FileReadSummary, emit: (consuming ReadEvent) -> Void) {
        if header == nil, failure == nil, !pending.isEmpty { resolve(summary: &summary, emit: emit) }
    }

    private mutating func resolve(summary: inout FileReadSummary, emit: (consuming ReadEvent) -> Void) {
        let rows = pending.map { $0.cells.map { $0.trimmingCharactersInSet(RepeatedHeader.trimmed) } }
        do {
            let h = try TableHeader.resolve(rows, explicit: options.columns, aliases: aliases, exactWidths: false, ratingScale: options.ratingScale, dateOrder: options.dateOrder)
            header = h
            h.describe(into: &summary)
            assembler.ratingScale = h.ratings.rating
            assembler.npsScale = h.ratings.nps
            assembler.monthFirst = h.dateOrder?.order == .monthFirst
            columnNumbers = h.mapping.columns.mapValues { $0 + 1 }
            orderedColumns = h.mapping.columns.sorted { $0.value < $1.value }.map { (field: $0.key, index: $0.value) }
            optionColumns = h.mapping.optionColumns.sorted { $0.key.rawValue < $1.key.rawValue }.map { (field: $0.key, indices: $0.value) }
            repeated = RepeatedHeader(Array(rows[h.titleRows..<min(h.rows, rows.count)]))
            summaryRows = SummaryRows(aliases: aliases, mapping: h.mapping)
        } catch {
            failure = (error, pending.first?.line ?? 1)
            return
        }
        let rest = pending.dropFirst(header!.rows)
        pending = []
        for row in rest { record(line: row.line, cells: row.cells, summary: &summary, emit: emit) }
    }

    private mutating func record(line: Int, cells: [String], summary: inout FileReadSummary, emit: (consuming ReadEvent) -> Void) {
        if repeated.skips(cells) { return }
        position += 1
        if summaryRows?.skips(line: line, cells: cells) == true { return }
        summary.read += 1
        var values = FieldValues()
        for (field, index) in orderedColumns where index < cells.count { values[field] = cells[index] }
        // A choice question's other option columns, when its first is empty: the one the row fills.
        for (field, indices) in optionColumns where values[field]?.isEmpty ?? true {
            if let filled = indices.first(where: { $0 < cells.count && !cells[$0].isEmpty }) { values[field] = cells[filled] }
        }
        let raw = { cells.prefix(12).joined(separator: " | ") }
        let event = assembler.assemble(values, line: line, position: position, columns: columnNumbers, raw: raw())
        summary.count(event)
        emit(event)
    }
}

extension TableRecordBuilder {
    /// Reads one worksheet of a workbook (`.xlsx` or `.xls`) into records and sums the file up: its rows
    /// (`next`, nil at the end; it throws what makes the rest unreadable) as `TableRecordBuilder` takes
    /// them, then `check` (what the reader found wrong once the rows ended). A header that cannot be
    /// read, or an error, rejects the file whole, keeping the counts of the rows read before it; with
    /// `sheets` holding more than one sheet, a first sheet without a text column says which others
    /// there are (asked only then; `inPage`: the tables of an HTML page, the one read first). `label`, asked once the rows are read, is added to the layout
    /// (`sheet 'Yorumlar'`).
    static func readSheet(
        _ input: InputSource, format: String, encoding: String, options: SourceOptions, aliases: HeaderAliases,
        sheets: @autoclosure () -> [String], label: @autoclosure () -> String?, emit: (consuming ReadEvent) -> Void,
        inPage: Bool = false, check: () throws(IngestError) -> Void = {},
        rows next: () throws(IngestError) -> (line: Int, cells: [String])?
    ) -> FileReadSummary {
        var summary = FileReadSummary(file: input.name, format: format, encoding: encoding)
        var builder = TableRecordBuilder(file: input.name, options: options, aliases: aliases)
        func rejected(_ error: IngestError, line: Int = 1) -> FileReadSummary {
            var failed = FileReadSummary.rejected(input, format: format, error, line: line, emit: emit)
            failed.read = summary.read
            failed.accepted = summary.accepted
            failed.rated = summary.rated
            failed.rejected = summary.rejected
            return failed
        }
        do throws(IngestError) {
            while let row = try next() {
                builder.add(line: row.line, cells: row.cells, summary: &summary, emit: emit)
                if builder.failure != nil { break }
            }
            try check()
        } catch {
            return rejected(error)
        }
        builder.finish(summary: &summary, emit: emit)
        let layout = summary.layout
        if case (var error, let line)? = builder.failure {
            if case let .noTextColumn(headers) = error, options.sheet == nil {
                let sheets = sheets()
                if sheets.count > 1 {
                    error = inPage ? .noTextColumnInTable(table: sheets[0], headers: headers, others: Array(sheets.dropFirst()))
                        : .noTextColumnInFirstSheet(sheet: sheets[0], headers: headers, others: Array(sheets.dropFirst()))
                }
            }
            return rejected(error, line: line)
        }
        if builder.header == nil { return .rejected(input, format: format, .emptyFile, emit: emit) }
        summary.layout = [layout, builder.repeated.note, builder.summaryRows?.note, label()].compactMap { $0 }.joined(separator: "; ")
        return summary
    }
}

extension TableRecordBuilder {
    /// What the walk of a sheet streamed from XML (`.ods`, XML Spreadsheet 2003) found wrong once its
    /// rows ended: its bytes, its XML (`part` names the file or part), or no sheet (the one asked for
    /// is named with those there are).
    static func checkStreamedSheet(
        bytes: IngestError?, xml: XMLEventReader.ParseError?, part: String, sheet: String?, wanted: String?, names: [String]
    ) throws(IngestError) {
        if let bytes { throw bytes }
        if let xml { throw .badWorkbook(reason: "\(part) is damaged at line \(xml.line), column \(xml.column): \(xml.message)") }
        guard sheet == nil else { return }
        if let wanted { throw .sheetMissing(sheet: wanted, available: names) }
        throw .badWorkbook(reason: "it holds no sheet")
    }
}

