import VerbatimAnalysis
import VerbatimCore
import VerbatimText

/// What a stage declares about itself: its name in `stages:`, its kind, the
/// kinds it needs before it, its typed options with defaults and ranges, and
/// how to build it. Pipeline parsing and validation (`PipelineConfiguration`),
/// `verbatim validate`, the run (`StageRegistry.build`) and `RecordAnalyzer`
/// (used by `classify`) all work from these declarations (`StageRegistry.entries`,
/// one file per stage beside this one); after parsing, a stage is known by its
/// descriptor, never by its name again.
public struct StageDescriptor: Sendable {
    /// What a stage does in the pipeline; two enabled stages may not share a kind.
    public enum Kind: String, Sendable, Hashable {
        case normalize, language, employeeMentions = "employee_mentions", sentiment, themes
    }

    /// The name used in `stages: - use: …` (the stage type's `stageName`).
    public let name: String
    public let kind: Kind
    /// Kinds that must be enabled before it.
    public let requires: [Kind]
    /// Options it accepts besides `use` and `enabled`.
    public let options: [StageOption]
    /// One line for `verbatim validate` and the docs.
    public let summary: String
    /// The Swift type that implements it (for the registry test).
    public let typeName: String
    /// It needs the pipeline's `roster:` (and a roster needs a stage that uses it).
    public let usesRoster: Bool
    /// Builds the stage with its configured rules.
    let make: @Sendable (StageBuildContext, SentimentRules) -> any RecordStage
}

/// One typed option of a stage: a number in a range, kept in the stage's `SentimentRules`.
public struct StageOption: Sendable {
    public let key: String
    public let summary: String
    public let range: ClosedRange<Double>
    private let keyPath: WritableKeyPath<SentimentRules, Double> & Sendable
    /// Setting it means the pipeline chose the label thresholds: a learned layer's calibrated ones no longer apply.
    private let setsThresholds: Bool

    init(_ key: String, _ keyPath: WritableKeyPath<SentimentRules, Double> & Sendable, in range: ClosedRange<Double>, setsThresholds: Bool = false, _ summary: String) {
        self.key = key
        self.keyPath = keyPath
        self.range = range
        self.setsThresholds = setsThresholds
        self.summary = summary
    }

    /// The value when the pipeline does not set it.
    public var defaultValue: Double { value(in: SentimentRules()) }

    /// Its value in a stage's rules.
    public func value(in rules: SentimentRules) -> Double { rules[keyPath: keyPath] }

    func apply(_ value: Double, to rules: inout SentimentRules) {
        rules[keyPath: keyPath] = value
        if setsThresholds { rules.useCalibratedThresholds = false }
    }
}

/// What building a stage may use.
struct StageBuildContext {
    let text: TextResources
    let lexicons: LexiconSet
    /// `lexicons` compiled once, for the sentiment and themes stages to share.
    let compiled: CompiledLexicons
    /// Compiled when the pipeline sets a `roster:` (validation guarantees it for a stage that uses it).
    let roster: RosterMatcher?
    /// The rules of the enabled sentiment stage: the themes stage scores its segments with them too.
    let sentimentRules: SentimentRules
    /// Whether sentiment results carry their evidence (`SentimentScorer.explains`): a run writes it
    /// into `records.csv` and the themes stage reads it; `classify` without `--explain` prints neither.
    var explains = true
    /// Whether a themes stage is built too: the sentiment stage then keeps the theme keywords its aspect
    /// cues looked up, for the themes stage to take over (`FeedbackRecord.themeKeywords`).
    var keepsThemeKeywords = false
}
