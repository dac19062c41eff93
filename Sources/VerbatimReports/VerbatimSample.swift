import VerbatimCore

/// One piece of feedback kept for drill-down: what a manager reads when a
/// number surprises them, with the explanation of its score.
///
/// Built from a finished record; only the fields the reports show are kept,
/// and the text is cut at `maxTextLength` characters so that a bounded
/// number of samples stays small in memory whatever the exports hold.
public struct VerbatimSample: Sendable, Hashable, Codable {
    public var recordId: String
    public var file: String
    public var line: Int
    public var date: String?
    public var employee: String?
    /// The words that named the employee when the roster attributed the record.
    public var employeeMention: String?
    public var channel: String?
    public var language: String
    public var ratings: SurveyRating.Ratings
    public var label: SentimentLabel
    /// The record's compound score, −1…1.
    public var score: Double
    /// The text as cleaned by the normalize stage (markup removed), cut to `maxTextLength`.
    public var text: String
    /// The evidence string of `records.csv` (matched terms and rules).
    public var evidence: String
    /// Themes with the polarity of their clause, as `ThemeTag.text` writes them (`courtesy:positive`).
    public var themes: [String]

    /// Longer texts are cut here, with `…`.
    public static let maxTextLength = 600

    /// A record's text as a sample keeps it: cut after `maxTextLength` characters.
    public static func cut(_ text: String) -> String { RecordRowFormatter.truncated(text, to: maxTextLength) }

    /// `evidence` is the record's evidence string (`RecordRowFormatter.evidenceString`) when the caller
    /// has it already, for its row: it is made once per record.
    public init(_ r: FeedbackRecord, evidence: String? = nil) {
        recordId = r.id
        file = r.provenance.file
        line = r.provenance.line
        date = r.date
        employee = r.employee
        employeeMention = r.employeeMention
        channel = r.channel
        language = r.language.rawValue
        ratings = r.ratings
        label = r.sentiment?.label ?? .neutral
        score = r.sentiment?.score ?? 0
        let body = r.normalizedText.isEmpty ? r.text : r.normalizedText
        text = Self.cut(body)
        self.evidence = evidence ?? RecordRowFormatter.evidenceString(r)
        themes = r.themes.map(\.tag.text)
    }

    /// The fixed order among samples with the same ranking score: source file,
    /// then line, then record id, then text. Total, so a top-k list does not
    /// depend on the order in which partial results are merged.
    static func tieBreak(_ a: VerbatimSample, _ b: VerbatimSample) -> Bool {
        if let first = precedes(file: a.file, line: a.line, file: b.file, line: b.line) { return first }
        if a.recordId != b.recordId { return a.recordId < b.recordId }
        return a.text < b.text
    }

    /// The first two steps of `tieBreak`, on positions alone (so that a sample need not be built to be
    /// ranked against one): whether the first comes first, or nil when both are the same file and line.
    static func precedes(file a: String, line la: Int, file b: String, line lb: Int) -> Bool? {
        if a != b { return a < b }
        return la == lb ? nil : la < lb
    }
}
