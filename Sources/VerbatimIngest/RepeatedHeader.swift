/// The header rows of a table, known again when they come back below it: exports joined one after
/// another (`cat` of daily files, a copy-paste of two sheets) and paged reports repeat their header.
/// Such a row is neither a record (`id;yorum` read as a text "yorum") nor an error ("unreadable date
/// 'tarih'"): it is skipped, and the manifest's layout counts it. A row is a repeated header when its
/// cells, trimmed as the header's were, are those of one of the header rows (trailing empty cells aside).
struct RepeatedHeader {
    /// The header rows, trimmed, without trailing empty cells.
    private let rows: [[String]]
    /// Each header row's first cell as UTF-8: most data rows differ there, and are passed at once.
    private let firstCells: [[UInt8]]
    /// Repeated header rows skipped so far.
    private(set) var count = 0

    /// The characters trimmed from a header's cells (and from a row's, to compare them).
    static let trimmed = " \t\u{FEFF}"

    /// `headerRows`: the header's rows as read, trimmed (`TableHeader` rows after the title lines).
    init(_ headerRows: [[String]]) {
        rows = headerRows.map(SheetCells.withoutTrailingEmpties).filter { $0.count >= 2 }
        firstCells = rows.map { Array($0[0].utf8) }
    }

    /// Whether `cells` (a worksheet's row) repeat a header row; counted when they do.
    mutating func skips(_ cells: [String]) -> Bool {
        guard !rows.isEmpty, let first = cells.first.map({ Array($0.trimmingCharactersInSet(Self.trimmed).utf8) }), firstCells.contains(first) else { return false }
        return counted(cells.map { $0.trimmingCharactersInSet(Self.trimmed) })
    }

    /// Whether a CSV row repeats a header row; counted when it does. Strings are made only for a row
    /// whose first field is a header row's first cell.
    mutating func skips(_ row: CSVRowParser.Row) -> Bool {
        guard !rows.isEmpty, row.count >= 2, row.problem == nil else { return false }
        let first = Self.trim(row.bytes[row.range(0)])
        guard firstCells.contains(where: { $0.elementsEqual(first) }) else { return false }
        return counted((0..<row.count).map { String(decoding: row.bytes[row.range($0)], as: UTF8.self).trimmingCharactersInSet(Self.trimmed) })
    }

    /// What the manifest's layout says, or nil when no header row came again.
    var note: String? { count == 0 ? nil : "\(count) repeated header line\(count == 1 ? "" : "s") skipped" }

    private mutating func counted(_ cells: [String]) -> Bool {
        guard rows.contains(SheetCells.withoutTrailingEmpties(cells)) else { return false }
        count += 1
        return true
    }

    /// `bytes` without the trimmed characters at either end (a space, a tab, a byte-order mark).
    private static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var b = bytes
        while true {
            if let f = b.first, f == 0x20 || f == 0x09 { b = b.dropFirst(); continue }
            if b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3); continue }
            break
        }
        while let l = b.last, l == 0x20 || l == 0x09 { b = b.dropLast() }
        return b
    }
}
