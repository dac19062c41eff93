import VerbatimCore

/// The `normalize` stage: cleans the text and splits it into tokens.
public struct TextNormalizationStage: RecordStage {
    /// The name under which a pipeline file selects it (`stages: - use: normalize`).
    public static let stageName = "normalize"
    public var name: String { Self.stageName }

    public init() {}

    public func process(_ record: inout FeedbackRecord) {
        record.normalizedText = TextCleaner.clean(record.text)
        record.tokens = Tokenizer.tokenize(record.normalizedText)
    }
}
