/// One optional value per record field, in eleven stored properties, so filling one per record
/// allocates nothing (a dictionary would hash and allocate per row). What a reader hands
/// `RecordAssembler`: `FieldValues` (strings, from the XML, JSON and spreadsheet readers) or
/// `FieldBytes` (UTF-8 bytes, from the CSV reader).
struct RecordFieldValues<Value> {
    var id: Value?
    var date: Value?
    var employee: Value?
    var channel: Value?
    var rating: Value?
    var nps: Value?
    var text: Value?
    var language: Value?
    var link: Value?
    var languageHint: Value?
    var author: Value?

    subscript(field: RecordField) -> Value? {
        get {
            switch field {
            case .id: id
            case .date: date
            case .employee: employee
            case .channel: channel
            case .rating: rating
            case .nps: nps
            case .text: text
            case .language: language
            case .link: link
            case .languageHint: languageHint
            case .author: author
            }
        }
        set {
            switch field {
            case .id: id = newValue
            case .date: date = newValue
            case .employee: employee = newValue
            case .channel: channel = newValue
            case .rating: rating = newValue
            case .nps: nps = newValue
            case .text: text = newValue
            case .language: language = newValue
            case .link: link = newValue
            case .languageHint: languageHint = newValue
            case .author: author = newValue
            }
        }
    }
}

/// The raw values of one row or element, by record field, as strings.
typealias FieldValues = RecordFieldValues<String>
