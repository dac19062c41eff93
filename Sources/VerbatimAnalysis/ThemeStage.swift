import VerbatimCore

/// The `themes` stage: tags customer-service themes with per-clause polarity.
public struct ThemeStage: RecordStage {
    /// The name under which a pipeline file selects it (`stages: - use: themes`).
    public static let stageName = "themes"
    public var name: String { Self.stageName }
    public let tagger: ThemeTagger

    public init(tagger: ThemeTagger) { self.tagger = tagger }

    public func process(_ record: inout FeedbackRecord) {
        tagger.mark(&record.tokens, language: record.scoringLanguage)
        record.themes = tagger.tag(record.tokens, language: record.scoringLanguage, sentiment: record.sentiment, keywords: record.themeKeywords)
    }
}
