/// What reading one file produced, for the run's manifest and summary.
public struct FileReadSummary: Sendable, Hashable, Codable {
    public var file: String
    public var format: String
    public var encoding: String
    public var delimiter: String?
    public var read = 0
    public var accepted = 0
    /// Rows with a rating and no text (`RatedResponse`): in the ratings and in `records.csv`, not in the records.
    public var rated = 0
    public var rejected = 0
    /// Items that are no customer's feedback, by kind (in `NotFeedback`'s order): in `read`, and in
    /// none of `accepted`, `rated` and `rejected`.
    public var notFeedback: [NotFeedbackCount] = []
    /// Set when reading the file stopped for a reason (its rows before that stand), or it could not be
    /// read at all (`rejectedWhole`).
    public var fileError: String?
    /// Set when the file was not read because it is not an export (a PDF inside a gzip stream, say).
    public var skipReason: String?
    /// The export's shape when it is a known tool's (`Qualtrics: 3 header rows`).
    public var layout: String?
    /// The column read as the feedback text, and why it was chosen.
    public var textColumn: String?
    public var textColumnReason: String?
    /// The rating columns, each with the scale it is read on and why, or why it is not read.
    public var ratingColumns: [RatingColumnNote] = []
    /// How the date column writes the day and month, when not day first or when the pipeline says
    /// ("column 'End Date': month first (11/21/2026): …").
    public var dateOrder: String?
    /// The fields whose column no header names and its content showed (a date column named `Gönderim Tarihi`).
    public var columnsByContent: [ContentColumn] = []
    /// The columns of a table that no field reads (`Vaka No`, `IP Address`), as its header names them.
    public var columnsNotRead: [String] = []
    /// Whether a table has a column read as the date; nil for a file that is not a table (XML, JSON).
    public var hasDateColumn: Bool?
    /// The entries of an archive, each read as its own file (`archive.zip!inner.csv`).
    public var members: [FileReadSummary] = []

    public init(file: String, format: String, encoding: String = "", delimiter: String? = nil) {
        self.file = file
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
    }

    /// Adds `notes` (those not nil) to `layout`, each after a `; `.
    public mutating func addLayoutNotes(_ notes: String?...) {
        let all = ([layout] + notes).compactMap { $0 }
        layout = all.isEmpty ? nil : all.joined(separator: "; ")
    }

    /// Counts one row a reader emitted: accepted, rated without text, or rejected.
    public mutating func count(_ event: ReadEvent) {
        switch event {
        case .record: accepted += 1
        case .rated: rated += 1
        case .reject: rejected += 1
        case let .setAside(what): countSetAside(what)
        }
    }

    /// Counts one item set aside as no customer's feedback.
    public mutating func countSetAside(_ what: NotFeedback, _ n: Int = 1) {
        if let k = notFeedback.firstIndex(where: { $0.what == what }) {
            notFeedback[k].count += n
        } else {
            notFeedback.append(NotFeedbackCount(what: what, count: n))
            let order = NotFeedback.allCases
            notFeedback.sort { order.firstIndex(of: $0.what)! < order.firstIndex(of: $1.what)! }
        }
    }

    /// How many items were set aside as no customer's feedback.
    public var setAside: Int { notFeedback.reduce(0) { $0 + $1.count } }

    /// The file gave nothing: it has an error and not one row was read (no text column, not
    /// well-formed XML from its start, an unreadable workbook).
    public var rejectedWhole: Bool { fileError != nil && read == 0 }
}

/// What the manifest says of one rating column: its name, and the scale its answers are read on and
/// why ("NPS 0–10: its name 'NPS' (lexicons/headers.tsv)"), or why it is not read.
public struct RatingColumnNote: Sendable, Hashable, Codable {
    public var name: String
    public var scale: String

    public init(name: String, scale: String) {
        self.name = name
        self.scale = scale
    }

    /// A column that holds ratings and is left unread, with why (and how to read it).
    public static func unread(name: String, why: String) -> RatingColumnNote { RatingColumnNote(name: name, scale: unreadPrefix + why) }

    /// Whether the column's ratings are read (`unread` wrote the others).
    public var isRead: Bool { !scale.hasPrefix(Self.unreadPrefix) }

    static let unreadPrefix = "not read: "
}

extension FileReadSummary {
    /// A field whose column was found by what it holds: the field, the column's name, and why.
    public struct ContentColumn: Sendable, Hashable, Codable {
        public var field: String
        public var name: String
        public var reason: String

        public init(field: String, name: String, reason: String) {
            self.field = field
            self.name = name
            self.reason = reason
        }
    }
}
