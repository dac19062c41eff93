import Foundation
import VerbatimCore

/// One delimited file's rows as records and rejects, as `CSVRowParser` gives them: the first rows wait until
/// the header is decided (`TableHeader`: survey layouts with several header rows, the text column chosen by
/// content), then each data row is checked field by field and assembled (`RecordAssembler`).
///
/// A row of the wrong width, with a parse problem, NUL bytes or bytes not valid in the file's encoding is
/// rejected alone, for its first bad column; a header that cannot be read stops the file (`fileFailure`),
/// and the caller stops feeding rows.
struct CSVRecordRows {
    let options: SourceOptions
    let aliases: HeaderAliases
    let delimiter: UInt8
    let encoding: TextEncoding
    /// Whether the file's first line is Excel's `sep=` hint, which is no row.
    let skipsFirstLine: Bool
    private(set) var summary: FileReadSummary
    /// The error that stops the file, and its line; no row is handled after it.
    private(set) var fileFailure: (IngestError, Int)?
    private var assembler: RecordAssembler
    private var header: Columns?
    /// The first rows, until the header is decided.
    private var pending: [CSVRowParser.Row] = []
    /// The header rows as a report repeats them on every page, and a report's summary rows: both skipped.
    private var repeated = RepeatedHeader([])
    private var summaryRows: SummaryRows?
    /// The data row's number in the file (for the assembler's records without an id).
    private var position = 0

    /// Where the mapped fields stand, once the header is decided.
    private struct Columns {
        var count: Int
        /// 1-based column numbers, for the columns of a reject.
        var numbers: [RecordField: Int]
        /// The mapped columns in column order, so a row with two bad fields is always rejected for the first.
        var ordered: [(field: RecordField, index: Int)]
        /// Fields spread over one column per option (`ColumnMapping.optionColumns`).
        var options: [(field: RecordField, indices: [Int])]
    }

    init(options: SourceOptions, aliases: HeaderAliases, delimiter: UInt8, encoding: TextEncoding, skipsFirstLine: Bool, summary: FileReadSummary) {
        self.options = options
        self.aliases = aliases
        self.delimiter = delimiter
        self.encoding = encoding
        self.skipsFirstLine = skipsFirstLine
        self.summary = summary
        var assemblerOptions = SourceOptions(
            delimiter: options.delimiter, encoding: encoding, language: options.language, columns: options.columns,
            xmlRecord: nil, xmlFields: [:], maxRecordBytes: options.maxRecordBytes)
        assemblerOptions.timeZone = options.timeZone
        assemblerOptions.ownAccounts = options.ownAccounts
        assembler = RecordAssembler(file: summary.file, options: assemblerOptions, months: aliases.months, ratingChoices: aliases.ratingChoices,
                                    channelNames: aliases.channelNames)
    }

    /// Whether the header was decided (a file whose rows never decide one is empty).
    var hasHeader: Bool { header != nil }

    /// The layout notes of the rows skipped as a repeated header, and as a summary row.
    var repeatedHeaderNote: String? { repeated.note }
    var summaryRowsNote: String? { summaryRows?.note }

    /// One row of the file: held until the header is decided, then read.
    mutating func handle(_ row: CSVRowParser.Row, emit: (consuming ReadEvent) -> Void) {
        if fileFailure != nil { return }
        if skipsFirstLine, row.line == 1 { return }  // the `sep=` line
        guard header != nil else {
            if pending.isEmpty, let problem = row.problem {
                fileFailure = (.unreadableFile(path: summary.file, reason: "header: \(problem)"), row.line)
                return
            }
            pending.append(row)
            if pending.count >= TableHeader.sampleRows { resolveHeader(emit: emit) }
            return
        }
        dataRow(row, emit: emit)
    }

    /// At the end of the file: the rows held for the header, when the file has fewer than it waits for.
    mutating func finish(emit: (consuming ReadEvent) -> Void) {
        if fileFailure == nil, header == nil, !pending.isEmpty { resolveHeader(emit: emit) }
    }

    /// Decides the header from the rows held, then reads the data rows among them.
    private mutating func resolveHeader(emit: (consuming ReadEvent) -> Void) {
        let rows = pending.map { r in
            (0..<r.count).map { String(decoding: r.bytes[r.range($0)], as: UTF8.self).trimmingCharactersInSet(RepeatedHeader.trimmed) }
        }
        let decided: TableHeader
        do {
            decided = try TableHeader.resolve(rows, explicit: options.columns, aliases: aliases, ratingScale: options.ratingScale, dateOrder: options.dateOrder)
        } catch {
            fileFailure = (error, pending.first?.line ?? 1)
            return
        }
        decided.describe(into: &summary)
        assembler.ratingScale = decided.ratings.rating
        assembler.npsScale = decided.ratings.nps
        assembler.monthFirst = decided.dateOrder?.order == .monthFirst
        let mapping = decided.mapping
        header = Columns(
            count: rows[decided.titleRows].count, numbers: mapping.columns.mapValues { $0 + 1 },
            ordered: mapping.columns.sorted { $0.value < $1.value }.map { (field: $0.key, index: $0.value) },
            options: mapping.optionColumns.sorted { $0.key.rawValue < $1.key.rawValue }.map { (field: $0.key, indices: $0.value) })
        repeated = RepeatedHeader(Array(rows[decided.titleRows..<min(decided.rows, rows.count)]))
        summaryRows = SummaryRows(aliases: aliases, mapping: mapping)
        let rest = pending.dropFirst(decided.rows)
        pending = []
        for row in rest { dataRow(row, emit: emit) }
    }

    /// A row after the header: skipped (a repeated header, an empty or a summary row), rejected, or assembled.
    private mutating func dataRow(_ row: CSVRowParser.Row, emit: (consuming ReadEvent) -> Void) {
        guard let header else { return }
        if repeated.skips(row) { return }
        position += 1
        // A row of empty fields (Excel's line for an empty formatted row) holds nothing, as an empty line does.
        if row.problem == nil, (0..<row.count).allSatisfy({ SummaryRows.isBlank(row.bytes[row.range($0)]) }) { return }
        if summaryRows?.skips(row) == true { return }
        summary.read += 1
        let problem = row.problem ?? (row.count != header.count ? RowProblem.wrongFieldCount(got: row.count, expected: header.count) : nil)
        if let problem {
            summary.rejected += 1
            emit(.reject(Reject(provenance: Provenance(file: summary.file, line: row.line), reason: problem.description, raw: rawRow(row))))
            return
        }
        let event = assembled(row, header)
        summary.count(event)
        emit(event)
    }

    /// The mapped fields as byte ranges of the row, checked in column order (a row with two bad fields is
    /// rejected for the first), then assembled; strings are made only when the record is. The text's UTF-8
    /// is checked when its string is made (`RecordAssembler`), or here when a later column is bad, so its
    /// bytes are read once on the usual path.
    private mutating func assembled(_ row: CSVRowParser.Row, _ header: Columns) -> ReadEvent {
        row.bytes.withUnsafeBufferPointer { all in
            func reject(_ problem: RowProblem, _ index: Int) -> ReadEvent {
                .reject(Reject(provenance: Provenance(file: summary.file, line: row.line, column: index + 1), reason: problem.description, raw: rawRow(row)))
            }
            var fields = FieldBytes()
            var textIndex: Int?
            for (field, index) in header.ordered where index < row.count {
                let bytes = UnsafeBufferPointer(rebasing: all[row.range(index)])
                var problem: RowProblem? = CSVRecordReader.containsNUL(bytes) ? .nulBytes : nil
                if problem == nil, field != .text, !UTF8Validator.isValid(bytes) { problem = .invalidEncoding(encoding) }
                if let problem {
                    if let t = textIndex, let text = fields.text, !UTF8Validator.isValid(text) { return reject(.invalidEncoding(encoding), t) }
                    return reject(problem, index)
                }
                if field == .text { textIndex = index }
                fields[field] = bytes
            }
            // A choice question's other option columns, when its first is empty: the one the row fills.
            for (field, indices) in header.options where fields[field].map({ FieldBytes.trimmed($0, FieldBytes.isSpaceOrTab).isEmpty }) ?? true {
                for index in indices where index < row.count {
                    let bytes = UnsafeBufferPointer(rebasing: all[row.range(index)])
                    guard !FieldBytes.trimmed(bytes, FieldBytes.isSpaceOrTab).isEmpty else { continue }
                    if CSVRecordReader.containsNUL(bytes) { return reject(.nulBytes, index) }
                    if !UTF8Validator.isValid(bytes) { return reject(.invalidEncoding(encoding), index) }
                    fields[field] = bytes
                    break
                }
            }
            return assembler.assemble(fields, line: row.line, position: position, columns: header.numbers, raw: rawRow(row))
        }
    }

    private func rawRow(_ row: CSVRowParser.Row) -> String { CSVRecordReader.rawRow(row, delimiter: delimiter) }
}
