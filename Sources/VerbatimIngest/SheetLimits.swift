/// What a worksheet holds at most, as Excel and Calc allow it: a sheet read from a file is cut there.
enum SheetLimits {
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    /// The longest text read from one cell (Excel's and Calc's limit is 32,767 characters).
    static let maxCellBytes = 1 << 20
}
