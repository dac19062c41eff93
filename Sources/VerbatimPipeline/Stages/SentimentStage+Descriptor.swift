import VerbatimAnalysis

extension SentimentStage {
    /// The rule constants a pipeline may set (`SentimentRules` documents each one).
    static let options: [StageOption] = [
        StageOption("positive_threshold", \.positiveThreshold, in: 0...1, setsThresholds: true,
                    "compound score at or above which a text is positive (replaces a learned layer's calibration)"),
        StageOption("negative_threshold", \.negativeThreshold, in: -1...0, setsThresholds: true,
                    "compound score at or below which a text is negative (replaces a learned layer's calibration)"),
        StageOption("negated_positive_scalar", \.negatedPositiveScalar, in: -1...0, "what a negated positive word keeps, sign flipped"),
        StageOption("negated_negative_scalar", \.negatedNegativeScalar, in: -1...0, "what a negated negative word keeps, sign flipped"),
        StageOption("contrast_before_weight", \.contrastBeforeWeight, in: 0...1, "weight of the clause before a contrast word"),
        StageOption("contrast_after_weight", \.contrastAfterWeight, in: 1...3, "weight of the clause after a contrast word"),
        StageOption("condition_weight", \.conditionWeight, in: 0...1,
                    "weight of what a real condition or a question that asks when supposes ('if you have a problem', 'when will it be fixed?')"),
    ]

    static let descriptor = StageDescriptor(
        name: stageName, kind: .sentiment, requires: [.normalize, .language], options: options,
        summary: "lexicon-and-rules sentiment with evidence",
        typeName: String(describing: Self.self), usesRoster: false,
        make: { context, rules in
            SentimentStage(scorer: SentimentScorer(lexicons: context.lexicons, rules: rules, compiled: context.compiled, explains: context.explains,
                                                   keepsThemeKeywords: context.keepsThemeKeywords))
        })
}
