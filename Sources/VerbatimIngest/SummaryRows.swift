import Foundation

/// Summary lines under a table, or between its pages: "Toplam kayıt: 245", "Genel Toplam;;;4,2",
/// "ИТОГО", "Ukupno: 37", "Rapor tarihi: 21.11.2026". Panels, CRMs and hand-made reports write
/// them; none is a response. Read as one, such a line was rejected for its empty text (or its
/// missing fields), and the reject told the analyst nothing. A row is a summary line when its
/// text cell is empty or missing and its first filled cell starts with a label that `headers.tsv`
/// lists as `summary`. It is skipped, and the manifest's layout names its lines, so nothing
/// goes unsaid. A row with text is never one: no comment is ever dropped this way.
struct SummaryRows {
    private let aliases: HeaderAliases
    /// The text columns' indices in a row (more than one when the text has several names, `ColumnMapping.optionColumns`).
    private let textIndices: [Int]
    /// Summary lines skipped so far, the first `linesNamed` of them, and the first one's label cell.
    private(set) var count = 0
    private var named: [Int] = []
    private var firstLabel = ""

    /// Lines named in the note; more are counted.
    static let linesNamed = 5

    init(aliases: HeaderAliases, mapping: ColumnMapping) {
        self.aliases = aliases
        textIndices = mapping[.text].map { [$0] + (mapping.optionColumns[.text] ?? []) } ?? []
    }

    /// Whether `cells` (a worksheet's row, at `line`) are a summary line; noted when they are.
    mutating func skips(line: Int, cells: [String]) -> Bool {
        if textIndices.contains(where: { $0 < cells.count && !Self.isBlank(cells[$0].utf8) }) { return false }
        guard let label = cells.first(where: { !Self.isBlank($0.utf8) }) else { return false }
        return noted(line: line, label: label)
    }

    /// Whether a CSV row is a summary line; noted when it is. A string is made only for the first
    /// filled field of a row whose text field is empty.
    mutating func skips(_ row: CSVRowParser.Row) -> Bool {
        guard row.problem == nil else { return false }
        if textIndices.contains(where: { $0 < row.count && !Self.isBlank(row.bytes[row.range($0)]) }) { return false }
        guard let k = (0..<row.count).first(where: { !Self.isBlank(row.bytes[row.range($0)]) }) else { return false }
        return noted(line: row.line, label: String(decoding: row.bytes[row.range(k)], as: UTF8.self))
    }

    /// What the manifest's layout says, or nil when the table had no summary line.
    var note: String? {
        guard let first = named.first else { return nil }
        let quoted = "'\(firstLabel.count > 40 ? firstLabel.prefix(40) + "…" : Substring(firstLabel))'"
        if count == 1 { return "summary line skipped: line \(first), \(quoted)" }
        let lines = named.map(String.init).joined(separator: ", ")
        let more = count > named.count ? " and \(count - named.count) more" : ""
        return "\(count) summary lines skipped: lines \(lines)\(more) (the first \(quoted))"
    }

    private mutating func noted(line: Int, label: String) -> Bool {
        guard aliases.isSummaryLabel(label) else { return false }
        if count == 0 { firstLabel = label.trimmingCharacters(in: .whitespacesAndNewlines) }
        if named.count < Self.linesNamed { named.append(line) }
        count += 1
        return true
    }

    /// Whether a cell holds only spaces and tabs (or nothing).
    static func isBlank<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
