/// Which column (by position) holds each record field of one file.
public struct ColumnMapping: Sendable, Hashable {
    public private(set) var columns: [RecordField: Int]
    /// A field spread over one column per option (a SurveyMonkey choice question), or the text under
    /// several names: its other columns, after `columns[field]`; a row's value is the first of them that is filled.
    public private(set) var optionColumns: [RecordField: [Int]] = [:]

    public subscript(field: RecordField) -> Int? { columns[field] }

    /// Maps `headers` using explicit names first (from the pipeline file), then aliases.
    ///
    /// The first column that matches a field wins. Throws when no text column exists,
    /// or when an explicitly named column is missing, listing the headers seen.
    public init(headers: [String], explicit: [RecordField: String], aliases: HeaderAliases) throws(IngestError) {
        try self.init(headers: headers, explicit: explicit, aliases: aliases, requireText: true)
    }

    /// As `init(headers:explicit:aliases:)`; with `requireText` false, a mapping without a text
    /// column is returned (for `TableHeader` to choose one by content).
    init(headers: [String], explicit: [RecordField: String], aliases: HeaderAliases, requireText: Bool) throws(IngestError) {
        columns = [:]
        let keys = headers.map(HeaderAliases.key)
        for (field, name) in explicit.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let i = keys.firstIndex(of: HeaderAliases.key(name)) else {
                throw .mappedColumnMissing(field: field.rawValue, column: name, headers: headers)
            }
            columns[field] = i
        }
        var textColumns: [Int] = []
        for (i, header) in headers.enumerated() {
            guard let field = aliases.field(forHeader: header) else { continue }
            if field == .text, explicit[.text] == nil, !columns.values.contains(i) { textColumns.append(i) }
            guard columns[field] == nil, !columns.values.contains(i) else { continue }
            columns[field] = i
        }
        // Several columns named as the text (Meltwater's `Opening Text` and `Hit Sentence`, Brandwatch's
        // `Full Text` and `Snippet`): the first is read, and a row that leaves it empty gives the next it fills.
        if textColumns.count > 1 { optionColumns[.text] = Array(textColumns.dropFirst()) }
        guard columns[.text] != nil || !requireText else { throw .noTextColumn(headers: headers) }
    }

    /// Reads column `index` as the feedback text (chosen by its content).
    mutating func assignText(_ index: Int) { columns[.text] = index }

    /// Reads column `index` as `field` (found by another header row).
    mutating func assign(_ field: RecordField, _ index: Int) { columns[field] = index }

    /// Leaves `field` unread.
    mutating func remove(_ field: RecordField) {
        columns[field] = nil
        optionColumns[field] = nil
    }

    /// Reads `field` from the first filled of `indices`, one column per option of a choice question.
    mutating func assign(_ field: RecordField, options indices: [Int]) {
        guard let first = indices.first else { return }
        columns[field] = first
        optionColumns[field] = Array(indices.dropFirst())
    }
}
