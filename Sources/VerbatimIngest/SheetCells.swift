/// A worksheet row's cells as the streamed readers build them (`.xlsx` parts, XML Spreadsheet 2003,
/// HTML tables): a cell placed at its column, the ones before it empty, and a row's trailing empty
/// cells dropped.
enum SheetCells {
    /// Puts `value` at `column` of `cells`, adding empty cells before it; a column outside the sheet
    /// (`SheetLimits.maxColumns`) is not read.
    static func put(_ value: String, at column: Int, in cells: inout [String]) {
        guard column >= 0, column < SheetLimits.maxColumns else { return }
        while cells.count <= column { cells.append("") }
        cells[column] = value
    }

    /// `cells` without their trailing empty cells.
    static func withoutTrailingEmpties(_ cells: [String]) -> [String] {
        var cells = cells
        while cells.last?.isEmpty == true { cells.removeLast() }
        return cells
    }
}
