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
