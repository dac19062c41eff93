import VerbatimAnalysis
import VerbatimCore
import VerbatimText

/// The text stages (normalize → language → sentiment → themes) over single
/// texts, outside a pipeline run: what `verbatim classify` and the
/// accuracy tests use.
public struct RecordAnalyzer: Sendable {
    let stages: [any RecordStage]

    public init(resources: LoadedResources, rules: SentimentRules = SentimentRules()) {
        stages = StageRegistry.build(StageRegistry.defaultOrder, text: resources.text, lexicons: resources.lexicons, rules: rules)
    }

    /// Analyses one text; `language` declares it instead of identifying it.
    public func analyze(_ text: String, language: Language? = nil, id: String = "-") -> FeedbackRecord {
        var record = FeedbackRecord(id: id, provenance: Provenance(file: "-", line: 0), text: text, declaredLanguage: language)
        for stage in stages { stage.process(&record) }
        return record
    }
}
