import VerbatimText

extension TextNormalizationStage {
    static let descriptor = StageDescriptor(
        name: stageName, kind: .normalize, requires: [], options: [],
        summary: "cleans text (NFC, markup, entities, zero-width) and tokenizes it",
        typeName: String(describing: Self.self), usesRoster: false,
        make: { _, _ in TextNormalizationStage() })
}
