/// Which sheet of a streamed workbook (`.ods`, XML Spreadsheet 2003) is read: the first, the one the
/// pipeline names (`sheet:`), or none, when a walk only lists the sheets' names.
enum SheetChoice: Sendable, Equatable {
    case first
    case named(String)
    case none

    init(_ name: String?) { self = name.map(SheetChoice.named) ?? .first }

    /// Whether the sheet called `name`, the `number`th of the workbook (from 1), is the one read.
    func takes(_ name: String, number: Int) -> Bool {
        switch self {
        case .first: number == 1
        case let .named(wanted): name == wanted
        case .none: false
        }
    }
}

/// What a worksheet holds at most, as Excel and Calc allow it: a sheet read from a file is cut there.
enum SheetLimits {
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    /// The longest text read from one cell (Excel's and Calc's limit is 32,767 characters).
    static let maxCellBytes = 1 << 20
}
