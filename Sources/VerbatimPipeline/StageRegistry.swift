import VerbatimAnalysis
import VerbatimCore
import VerbatimText

/// Every stage a pipeline file can name, what it needs before it, and how
/// to build it. Adding a stage means adding an entry here (a test checks
/// that every `RecordStage` type is registered).
public enum StageRegistry {
    /// One registered stage.
    public struct Entry: Sendable {
        /// The name used in `stages: - use: …`.
        public var name: String
        /// What it does in the pipeline; two enabled stages may not share a kind.
        public var kind: String
        /// Kinds that must run before it.
        public var requires: [String]
        /// Option keys it accepts besides `use` and `enabled`.
        public var optionKeys: [String]
        /// The Swift type that implements it (for the registry test).
        public var typeName: String
        /// One-line description for `verbatim validate` and docs.
        public var summary: String
    }

    static let ruleKeys = ["positive_threshold", "negative_threshold", "negated_positive_scalar", "negated_negative_scalar",
                           "contrast_before_weight", "contrast_after_weight"]

    public static let entries: [Entry] = [
        Entry(name: "normalize", kind: "normalize", requires: [], optionKeys: [], typeName: "TextNormalizationStage",
              summary: "cleans text (NFC, markup, entities, zero-width) and tokenizes it"),
        Entry(name: "language", kind: "language", requires: ["normalize"], optionKeys: [], typeName: "LanguageIdentificationStage",
              summary: "identifies tr/kk/mn/sr/ru/und, folds words per language, marks clauses"),
        Entry(name: "employee_mentions", kind: "employee_mentions", requires: ["normalize", "language"], optionKeys: [],
              typeName: "EmployeeMentionStage",
              summary: "attributes records without an employee to the roster employee their text names"),
        Entry(name: "sentiment", kind: "sentiment", requires: ["normalize", "language"], optionKeys: ruleKeys, typeName: "SentimentStage",
              summary: "lexicon-and-rules sentiment with evidence"),
        Entry(name: "themes", kind: "themes", requires: ["normalize", "language", "sentiment"], optionKeys: [], typeName: "ThemeStage",
              summary: "customer-service themes with the polarity of their clause"),
    ]

    public static let defaultOrder = ["normalize", "language", "sentiment", "themes"]
    /// The default order when the pipeline sets a `roster:`.
    public static let defaultOrderWithRoster = ["normalize", "language", "employee_mentions", "sentiment", "themes"]
    public static var names: [String] { entries.map(\.name) }
    static var allOptionKeys: [String] { Array(Set(entries.flatMap(\.optionKeys))).sorted() }

    public static func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// Builds the enabled stages of a configuration from loaded resources.
    static func build(_ config: PipelineConfiguration, text: TextResources, lexicons: LexiconSet, roster: RosterMatcher? = nil) -> [any RecordStage] {
        let rules = config.sentimentRules
        return config.stages.filter(\.enabled).map { s -> any RecordStage in
            switch s.use {
            case "normalize": return TextNormalizationStage()
            case "language": return LanguageIdentificationStage(resources: text)
            case "employee_mentions":
                guard let roster else { fatalError("employee_mentions without a roster: PipelineConfiguration.checkRosterStage lets none through") }
                return EmployeeMentionStage(matcher: roster)
            case "sentiment": return SentimentStage(scorer: SentimentScorer(lexicons: lexicons, rules: s.rules))
            case "themes": return ThemeStage(tagger: ThemeTagger(lexicons: lexicons, rules: rules))
            default: fatalError("stage '\(s.use)' is registered but not built: add it to StageRegistry.build")
            }
        }
    }
}
