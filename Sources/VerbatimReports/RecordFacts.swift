import VerbatimCore

/// Everything `RunAggregate` takes from one record, kept so that a record
/// can be added later than it was read: a partial keeps its records this
/// way when another export of the same source may hold the same records,
/// so that `merge` can count each record once (the later file wins) and
/// still build every tally and top-verbatim list exactly.
public struct RecordFacts: Sendable, Hashable, Codable {
    /// A theme the record mentions, with its clause's polarity and score.
    public struct Theme: Sendable, Hashable, Codable {
        public var theme: String
        public var polarity: SentimentLabel
        /// The score the theme's verbatims are ranked by.
        public var score: Double

        public init(theme: String, polarity: SentimentLabel, score: Double) {
            self.theme = theme
            self.polarity = polarity
            self.score = score
        }
    }

    /// The record as the reports show it (id, file, line, date, employee, label, score, text…).
    public var sample: VerbatimSample
    /// The rating and the text disagree strongly.
    public var disagrees: Bool
    public var themes: [Theme]

    public init(_ r: FeedbackRecord) {
        sample = VerbatimSample(r)
        disagrees = r.ratingDisagrees
        themes = r.themes.map { Theme(theme: $0.theme, polarity: $0.polarity, score: $0.score) }
    }
}
