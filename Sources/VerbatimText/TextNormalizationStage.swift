import VerbatimCore

/// The `normalize` stage: cleans the text and splits it into tokens.
public struct TextNormalizationStage: RecordStage {
    public let name = "normalize"

    public init() {}

    public func process(_ record: inout FeedbackRecord) {
        record.normalizedText = TextCleaner.clean(record.text)
        record.tokens = Tokenizer.tokenize(record.normalizedText)
    }
}
