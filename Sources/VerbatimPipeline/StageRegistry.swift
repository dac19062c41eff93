import VerbatimAnalysis
import VerbatimCore
import VerbatimText

/// Every stage a pipeline file can name: the stages' own declarations
/// (`StageDescriptor`, in `Stages/`). Adding a stage means declaring its
/// descriptor and listing it here (a test checks that every `RecordStage`
/// type is registered).
public enum StageRegistry {
    public static let entries: [StageDescriptor] = [
        TextNormalizationStage.descriptor, LanguageIdentificationStage.descriptor, EmployeeMentionStage.descriptor,
        SentimentStage.descriptor, ThemeStage.descriptor,
    ]

    public static let defaultOrder: [StageDescriptor] = [
        TextNormalizationStage.descriptor, LanguageIdentificationStage.descriptor, SentimentStage.descriptor, ThemeStage.descriptor,
    ]
    /// The default order when the pipeline sets a `roster:`.
    public static let defaultOrderWithRoster: [StageDescriptor] = [
        TextNormalizationStage.descriptor, LanguageIdentificationStage.descriptor, EmployeeMentionStage.descriptor,
        SentimentStage.descriptor, ThemeStage.descriptor,
    ]
    /// The stages of the default order that produce `kinds`, with every stage they require (and so on).
    public static func defaultOrder(producing kinds: Set<StageDescriptor.Kind>) -> [StageDescriptor] {
        var needed = kinds
        for d in defaultOrder.reversed() where needed.contains(d.kind) { needed.formUnion(d.requires) }
        return defaultOrder.filter { needed.contains($0.kind) }
    }
    public static var names: [String] { entries.map(\.name) }
    static var allOptionKeys: [String] { Array(Set(entries.flatMap { $0.options.map(\.key) })).sorted() }

    public static func entry(_ name: String) -> StageDescriptor? { entries.first { $0.name == name } }

    /// Builds the enabled stages of a configuration from loaded resources.
    static func build(_ config: PipelineConfiguration, text: TextResources, lexicons: LexiconSet, roster: RosterMatcher? = nil) -> [any RecordStage] {
        let enabled = config.stages.filter(\.enabled)
        var context = StageBuildContext(text: text, lexicons: lexicons, compiled: CompiledLexicons(lexicons), roster: roster, sentimentRules: config.sentimentRules)
        context.keepsThemeKeywords = enabled.contains { $0.descriptor.kind == .themes }
        return enabled.map { $0.descriptor.make(context, $0.rules) }
    }

    /// Builds `descriptors` in order with `rules` (`RecordAnalyzer`: no pipeline file, no roster), with
    /// sentiment evidence or without (`explains`).
    static func build(_ descriptors: [StageDescriptor], text: TextResources, lexicons: LexiconSet, rules: SentimentRules,
                      explains: Bool = true) -> [any RecordStage] {
        var context = StageBuildContext(text: text, lexicons: lexicons, compiled: CompiledLexicons(lexicons), roster: nil, sentimentRules: rules)
        context.explains = explains
        context.keepsThemeKeywords = descriptors.contains { $0.kind == .themes }
        return descriptors.map { $0.make(context, rules) }
    }
}
