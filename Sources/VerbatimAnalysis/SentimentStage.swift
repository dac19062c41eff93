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
        record.tokens = hashtags.split(record.tokens, language: record.language)
        let result = scorer.score(record.tokens, language: record.language)
        record.sentiment = result
        record.ratingDisagrees = Self.disagrees(rating: record.rating, result: result, threshold: scorer.rules.disagreementScore)
    }

    /// A 4–5 (or 9–10 on NPS) rating with a clearly negative text, or a 1–2 (0–6 on NPS) with a clearly positive one.
    static func disagrees(rating: Double?, result: SentimentResult, threshold: Double) -> Bool {
        guard let r = rating else { return false }
        let nps = r > 5
        let high = nps ? r >= 9 : r >= 4
        let low = nps ? r <= 6 : r <= 2
        return (high && result.score <= -threshold) || (low && result.score >= threshold)
    }
}
