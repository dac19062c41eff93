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
    private let contextual: ContextualStages
    var stages: [any RecordStage] { contextual.stages }

    public init(resources: LoadedResources, rules: SentimentRules = SentimentRules(),
                producing kinds: Set<StageDescriptor.Kind> = Set(StageRegistry.defaultOrder.map(\.kind)), explaining: Bool = true) {
        let stages = StageRegistry.build(StageRegistry.defaultOrder(producing: kinds), text: resources.text, lexicons: resources.lexicons,
                                         rules: rules, explains: explaining || kinds.contains(.themes))
        contextual = ContextualStages(stages, timed: false)
    }

    /// The stages that ran, in order (for tests).
    var stageNames: [String] { stages.map(\.name) }

    /// Analyses one text; `language` declares it instead of identifying it.
    public func analyze(_ text: String, language: Language? = nil, id: String = "-") -> FeedbackRecord {
        var record = FeedbackRecord(id: id, provenance: Provenance(file: "-", line: 0), text: text, declaredLanguage: language)
        var nanos = [UInt64](repeating: 0, count: stages.count)
        // Alone, a text has no context: one that waits for it is finished without.
        if contextual.head(&record, nanos: &nanos) { contextual.settle(&record, context: nil, nanos: &nanos) }
        return record
    }

    /// Analyses texts read together (the next lines of one input) and hands each result to `body` with
    /// its place in `texts`, as soon as it is final: a text that waits for its context comes after the
    /// others. Unless `language` declares them, those the identifier leaves undetermined take the language
    /// most texts are in, counting these and, at half weight per call back, those counted into `context`
    /// before (`LanguageContext`). Only the waiting records are kept, so memory follows them, not `texts`.
    public func analyze(_ texts: [String], language: Language? = nil, context: inout LanguageContext, _ body: (Int, FeedbackRecord) -> Void) {
        var nanos = [UInt64](repeating: 0, count: stages.count)
        var waiting: [(place: Int, record: FeedbackRecord)] = []
        for (place, text) in texts.enumerated() {
            var record = FeedbackRecord(id: "-", provenance: Provenance(file: "-", line: 0), text: text, declaredLanguage: language)
            if contextual.head(&record, nanos: &nanos) {
                waiting.append((place, record))
            } else {
                context.add(record.language)
                body(place, record)
            }
        }
        if !waiting.isEmpty {
            let dominant = context.dominant
            for k in waiting.indices {
                contextual.settle(&waiting[k].record, context: dominant, nanos: &nanos)
                body(waiting[k].place, waiting[k].record)
            }
        }
        context.age()
    }

    /// `analyze(_:language:context:_:)`, its results in an array, in the order of `texts`.
    public func analyze(_ texts: [String], language: Language? = nil, context: inout LanguageContext) -> [FeedbackRecord] {
        var records = [FeedbackRecord?](repeating: nil, count: texts.count)
        analyze(texts, language: language, context: &context) { records[$0] = $1 }
        return records.map { $0! }
    }
}
