import VerbatimCore

/// What the store keeps of one accepted record: enough for trends and for
/// recognising the record when an export repeats it, not its text.
public struct StoredRecord: Sendable, Hashable {
    /// The export's own id (or the reader's stable hash of file and position).
    public var recordId: String
    /// Line (CSV) or element line (XML) in the file it came from.
    public var line: Int
    /// Date as in `records.csv` (ISO 8601, with time when known).
    public var date: String?
    public var employee: String?
    public var channel: String?
    /// Identified language code (`tr`, `kk`, `mn`, `sr`, `ru`, `und`).
    public var language: String
    public var label: SentimentLabel
    /// Compound score, −1…1.
    public var score: Double
    /// The survey ratings, each on its scale: the store's `csat` and `nps` columns.
    public var ratings: SurveyRating.Ratings
    /// Theme id → the polarity of the clause it stands in.
    public var themes: [String: SentimentLabel]

    public init(
        recordId: String, line: Int, date: String? = nil, employee: String? = nil, channel: String? = nil,
        language: String, label: SentimentLabel, score: Double, ratings: SurveyRating.Ratings = .none, themes: [String: SentimentLabel] = [:]
    ) {
        self.recordId = recordId
        self.line = line
        self.date = date
        self.employee = employee
        self.channel = channel
        self.language = language
        self.label = label
        self.score = score
        self.ratings = ratings
        self.themes = themes
    }

    /// The local day of `date` (`YYYY-MM-DD`), or nil when the record has no usable date.
    public var day: String? { Self.day(of: date) }

    /// The local day (`YYYY-MM-DD`) of a stored date, or nil when it has no usable one.
    static func day(of date: String?) -> String? {
        guard var date else { return nil }
        return date.withUTF8 { dayPrefix($0).map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The first ten bytes of a date when they are `YYYY-MM-DD` (digits and dashes).
    static func dayPrefix(_ date: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard date.count >= 10 else { return nil }
        for k in 0..<10 {
            let b = date[k]
            if k == 4 || k == 7 { guard b == UInt8(ascii: "-") else { return nil } } else { guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil } }
        }
        return UnsafeBufferPointer(rebasing: date[..<10])
    }
}
