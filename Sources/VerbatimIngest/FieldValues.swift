/// The raw values of one row or element, by record field: what a reader
/// hands `RecordAssembler`. Seven stored optionals, so filling one per
/// record allocates nothing (a dictionary would hash and allocate per row).
struct FieldValues {
    var id: String?
    var date: String?
    var employee: String?
    var channel: String?
    var rating: String?
    var text: String?
    var language: String?

    subscript(field: RecordField) -> String? {
        get {
            switch field {
            case .id: id
            case .date: date
            case .employee: employee
            case .channel: channel
            case .rating: rating
            case .text: text
            case .language: language
            }
        }
        set {
            switch field {
            case .id: id = newValue
            case .date: date = newValue
            case .employee: employee = newValue
            case .channel: channel = newValue
            case .rating: rating = newValue
            case .text: text = newValue
            case .language: language = newValue
            }
        }
    }
}
