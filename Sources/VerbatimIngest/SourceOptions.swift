import VerbatimCore

/// How to read one source file, from the pipeline file's `sources:` entry (or defaults).
public struct SourceOptions: Sendable, Hashable {
    /// Field delimiter; nil sniffs it from the first lines.
    public var delimiter: UInt8?
    /// Encoding; nil detects it.
    public var encoding: TextEncoding?
    /// Language of every record in the source, overriding identification.
    public var language: Language?
    /// Explicit column names per field (CSV) — they win over aliases.
    public var columns: [RecordField: String]
    /// XML record element (local name), nil to detect.
    public var xmlRecord: String?
    /// XML field paths relative to the record (`agent/name`, `@id`).
    public var xmlFields: [RecordField: String]
    /// A record longer than this is rejected (bounded memory).
    public var maxRecordBytes: Int
    /// `maxRecordBytes` unless a pipeline's `max_record_bytes:` says otherwise; also the longest line
    /// `classify` and `learn` take as one text.
    public static let defaultMaxRecordBytes = 4 << 20
    /// The sheet of a workbook to read (default: the first); of an HTML page, the table (`table 2`;
    /// default: the one with the most rows).
    public var sheet: String?
    /// The scale of the rating column (`rating_scale: csat` or `nps`); nil: its header or its answers say
    /// (`RatingColumnScale`).
    public var ratingScale: SurveyRating.Scale?
    /// Whether the date column writes the day or the month first (`date_order:`); nil: its answers say,
    /// else day first (`DateOrder`).
    public var dateOrder: DateOrder?
    /// The zone times written with a zone are counted in (`time_zone:`); nil: as written (`LocalTimeZone`).
    public var timeZone: LocalTimeZone?
    /// The company's own accounts and its staff's, whose posts are set aside (`own_accounts:`, at the top
    /// and in the source's rule: both lists apply; `OwnAccounts`).
    public var ownAccounts = OwnAccounts()

    public init(
        delimiter: UInt8? = nil, encoding: TextEncoding? = nil, language: Language? = nil,
        columns: [RecordField: String] = [:], xmlRecord: String? = nil, xmlFields: [RecordField: String] = [:],
        maxRecordBytes: Int = SourceOptions.defaultMaxRecordBytes, sheet: String? = nil, ratingScale: SurveyRating.Scale? = nil,
        dateOrder: DateOrder? = nil
    ) {
        self.dateOrder = dateOrder
        self.sheet = sheet
        self.ratingScale = ratingScale
        self.delimiter = delimiter
        self.encoding = encoding
        self.language = language
        self.columns = columns
        self.xmlRecord = xmlRecord
        self.xmlFields = xmlFields
        self.maxRecordBytes = maxRecordBytes
    }
}

