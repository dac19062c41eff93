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

        /// The theme and its polarity, as outputs write them.
        public var tag: ThemeTag { ThemeTag(theme: theme, polarity: polarity) }
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

extension RecordFacts {
    /// Facts read back from a partial.
    public init(sample: VerbatimSample, disagrees: Bool, themes: [Theme]) {
        self.sample = sample
        self.disagrees = disagrees
        self.themes = themes
    }
}

extension VerbatimSample {
    /// A sample read back from a partial, field by field.
    public init(
        recordId: String, file: String, line: Int, date: String?, employee: String?, employeeMention: String?, channel: String?,
        language: String, ratings: SurveyRating.Ratings, label: SentimentLabel, score: Double, text: String, evidence: String, themes: [String]
    ) {
        self.recordId = recordId
        self.file = file
        self.line = line
        self.date = date
        self.employee = employee
        self.employeeMention = employeeMention
        self.channel = channel
        self.language = language
        self.ratings = ratings
        self.label = label
        self.score = score
        self.text = text
        self.evidence = evidence
        self.themes = themes
    }
}
