import VerbatimCore

/// The `sentiment` stage: lexicon-and-rules sentiment for each record, and
/// the rating/text disagreement flag.
public struct SentimentStage: RecordStage {
    /// The name under which a pipeline file selects it (`stages: - use: sentiment`).
    public static let stageName = "sentiment"
    public var name: String { Self.stageName }
    public let scorer: SentimentScorer
    let hashtags: HashtagSplitter

    public init(scorer: SentimentScorer) {
        self.scorer = scorer
        self.hashtags = HashtagSplitter(lexicons: scorer.lexicons)
    }

    public func process(_ record: inout FeedbackRecord) {
        let language = record.scoringLanguage
        record.tokens = hashtags.split(record.tokens, language: language)
        scorer.mark(&record.tokens, language: language)
        let result = scorer.score(&record.tokens, language: language, themeKeywords: &record.themeKeywords)
        record.sentiment = result
        record.ratingDisagrees = Self.disagrees(rating: record.ratings.primary, result: result, threshold: scorer.rules.disagreementScore)
    }

    /// A high rating (CSAT 4–5, NPS 9–10: `SurveyRating`) with a clearly negative text, or a low one (CSAT 1–2,
    /// NPS 0–6) with a clearly positive one.
    static func disagrees(rating: SurveyRating.Score?, result: SentimentResult, threshold: Double) -> Bool {
        guard let band = rating?.band else { return false }
        return (band == .high && result.score <= -threshold) || (band == .low && result.score >= threshold)
    }
}
