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
    private let contextual: ContextualStages

    public init(resources: LoadedResources, rules: SentimentRules = SentimentRules(),
                producing kinds: Set<StageDescriptor.Kind> = Set(StageRegistry.defaultOrder.map(\.kind)), explaining: Bool = true) {
        stages = StageRegistry.build(StageRegistry.defaultOrder(producing: kinds), text: resources.text, lexicons: resources.lexicons, rules: rules,
                                     explains: explaining || kinds.contains(.themes))
        contextual = ContextualStages(stages, timed: false)
    }

    /// The stages that ran, in order (for tests).
    var stageNames: [String] { stages.map(\.name) }

    /// Analyses one text; `language` declares it instead of identifying it.
    public func analyze(_ text: String, language: Language? = nil, id: String = "-") -> FeedbackRecord {
        var record = FeedbackRecord(id: id, provenance: Provenance(file: "-", line: 0), text: text, declaredLanguage: language)
        for stage in stages { stage.process(&record) }
        return record
    }

    /// Analyses texts read together (the next lines of one input) and hands each result to `body`, in
    /// order. Unless `language` declares them, those the identifier leaves undetermined take the language
    /// most texts are in, counting these and, at half weight per call back, those counted into `context`
    /// before (`LanguageContext`).
    public func analyze(_ texts: [String], language: Language? = nil, context: inout LanguageContext, _ body: (FeedbackRecord) -> Void) {
        var nanos = [UInt64](repeating: 0, count: stages.count)
        var records: [FeedbackRecord] = []
        records.reserveCapacity(texts.count)
        var waiting: [Int] = []
        for text in texts {
            records.append(FeedbackRecord(id: "-", provenance: Provenance(file: "-", line: 0), text: text, declaredLanguage: language))
            if contextual.head(&records[records.count - 1], nanos: &nanos) { waiting.append(records.count - 1) }
        }
        for k in records.indices { context.add(records[k].language) }
        if !waiting.isEmpty {
            let dominant = context.dominant
            for k in waiting { contextual.settle(&records[k], context: dominant, nanos: &nanos) }
        }
        context.age()
        for k in records.indices { body(records[k]) }
    }

    /// `analyze(_:language:context:_:)`, its results in an array.
    public func analyze(_ texts: [String], language: Language? = nil, context: inout LanguageContext) -> [FeedbackRecord] {
        var records: [FeedbackRecord] = []
        analyze(texts, language: language, context: &context) { records.append($0) }
        return records
    }
}
