import VerbatimAnalysis

extension ThemeStage {
    static let descriptor = StageDescriptor(
        name: stageName, kind: .themes, requires: [.normalize, .language, .sentiment], options: [],
        summary: "customer-service themes with the polarity of their clause",
        typeName: String(describing: Self.self), usesRoster: false,
        make: { context, _ in ThemeStage(tagger: ThemeTagger(lexicons: context.lexicons, rules: context.sentimentRules, compiled: context.compiled)) })
}
