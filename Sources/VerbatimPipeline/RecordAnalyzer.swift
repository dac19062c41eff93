import VerbatimAnalysis
import VerbatimCore
import VerbatimText

/// The text stages (normalize → language → sentiment → themes) over single
/// texts, outside a pipeline run: what `verbatim classify` and the
/// accuracy tests use.
///
/// It runs only the stages that produce what its caller reads (`producing`) and what those
/// require, in the default order: `classify` without `--explain` prints no themes, so it
/// does not tag them, and no evidence, so it makes none (`explaining: false`; the themes
/// stage reads the evidence, so a caller that produces themes explains).
public struct RecordAnalyzer: Sendable {
    let stages: [any RecordStage]

    public init(resources: LoadedResources, rules: SentimentRules = SentimentRules(),
                producing kinds: Set<StageDescriptor.Kind> = Set(StageRegistry.defaultOrder.map(\.kind)), explaining: Bool = true) {
        stages = StageRegistry.build(StageRegistry.defaultOrder(producing: kinds), text: resources.text, lexicons: resources.lexicons, rules: rules,
                                     explains: explaining || kinds.contains(.themes))
    }

    /// The stages that ran, in order (for tests).
    var stageNames: [String] { stages.map(\.name) }

    /// Analyses one text; `language` declares it instead of identifying it.
    public func analyze(_ text: String, language: Language? = nil, id: String = "-") -> FeedbackRecord {
        var record = FeedbackRecord(id: id, provenance: Provenance(file: "-", line: 0), text: text, declaredLanguage: language)
        for stage in stages { stage.process(&record) }
        return record
    }
}
