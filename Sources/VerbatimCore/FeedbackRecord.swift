/// One piece of customer feedback as it moves through the pipeline.
///
/// Readers fill the fields that come from the export (`id` … `text`); each
/// stage then adds its own part (`language`, `tokens`, `sentiment`,
/// `themes`). A record is a value: stages receive it `inout` and never
/// share it.
public struct FeedbackRecord: Sendable {
    /// The export's own id, or a stable hash of file name and position.
    public var id: String
    /// Where the record came from.
    public var provenance: Provenance
    /// Date (and time when known) in ISO 8601: `2026-11-21` or `2026-11-21T09:14:00+03:00`.
    public var date: String?
    /// Employee (agent) the feedback is about, when the export names one
    /// (or, with a roster, when the text does: see `employeeMention`).
    public var employee: String?
    /// The words of the text that named `employee` (`Ayşe Hanım'a`), when the
    /// `employee_mentions` stage attributed the record from its text; nil when
    /// the employee came from the export.
    public var employeeMention: String?
    /// Contact channel (phone, chat, Twitter, …) as written in the export.
    public var channel: String?
    /// Survey ratings as given, each on its column's scale (CSAT 1–5, NPS 0–10, or both); never mixed into the text score.
    public var ratings: SurveyRating.Ratings
    /// The feedback text as read from the export (entities decoded).
    public var text: String
    /// Language declared by the source (pipeline file or a language column).
    public var declaredLanguage: Language?
    /// The language of the texts around this one (`LanguageContext.dominant`), which the language stage
    /// gives the text when its own words leave it undetermined (with confidence 0); nil: none is known.
    public var contextLanguage: Language?

    /// The text after normalization, for reports and matching.
    public var normalizedText: String = ""
    /// Tokens of `normalizedText`, produced by the text stage.
    public var tokens = TokenList()
    /// Identified language and how sure the identifier is (0…1); 0 for a language declared by nothing
    /// and taken from the context (`contextLanguage`).
    public var language: Language = .und
    public var languageConfidence: Double = 0
    /// Where `language` came from: the source declared it, the identifier found it in the text, or the
    /// text said too little and took its context's (`contextLanguage`).
    public enum LanguageSource: String, Sendable {
        case declared, identified, context
    }

    public var languageSource: LanguageSource {
        if declaredLanguage != nil { return .declared }
        return contextLanguage != nil && language == contextLanguage ? .context : .identified
    }

    /// The language whose lexicon reads the text: its own when it is scored. A text in a language that
    /// scored ones borrow from (Russian) is read by a borrowing one's lexicon, which holds the borrowed
    /// words (`Language.borrowings`): its context's, when that one borrows it (a Kazakh or Mongolian
    /// file), else the first that does (Kazakh; Kazakh and Mongolian read Russian alike).
    public var scoringLanguage: Language {
        guard !Language.scored.contains(language) else { return language }
        if let context = contextLanguage, Language.borrowings[context]?.contains(language) == true { return context }
        return Language.scored.first { Language.borrowings[$0]?.contains(language) == true } ?? language
    }

    /// Sentiment, when the sentiment stage ran.
    public var sentiment: SentimentResult?
    /// Themes found in the text, each with the polarity of its clause.
    public var themes: [ThemeMention] = []
    /// The theme keywords of `themes.tsv` in `tokens`, when the sentiment stage found them (for the aspect
    /// cues it weighed), so that the themes stage does not look every word up for them again; nil when it
    /// did not look, and let go with the tokens.
    public var themeKeywords: [ThemeKeyword]?
    /// True when the survey rating and the text score point strongly in opposite directions.
    public var ratingDisagrees = false

    public init(
        id: String, provenance: Provenance, date: String? = nil, employee: String? = nil,
        channel: String? = nil, ratings: SurveyRating.Ratings = .none, text: String, declaredLanguage: Language? = nil
    ) {
        self.id = id
        self.provenance = provenance
        self.date = date
        self.employee = employee
        self.channel = channel
        self.ratings = ratings
        self.text = text
        self.declaredLanguage = declaredLanguage
    }
}

/// Where a record or a reject came from: file name, line (CSV) or record
/// index (XML), and a column when the reader knows it.
public struct Provenance: Sendable, Hashable, Codable {
    /// File name relative to the input folder.
    public var file: String
    /// 1-based line of the record's first line (CSV) or the XML line of its element.
    public var line: Int
    /// 1-based column (XML errors), when known.
    public var column: Int?

    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
}
