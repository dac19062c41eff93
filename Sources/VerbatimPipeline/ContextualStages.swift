import Dispatch
import VerbatimCore
import VerbatimText

/// Text stages split at the language stage, so that a text the identifier leaves undetermined can wait
/// for the language of the texts read with it (`LanguageContext`) before the stages after it run.
///
/// `head` runs a record through the language stage and, unless it waits
/// (`LanguageIdentificationStage.waitsForContext`: identified but not yet folded), through the rest.
/// Once the texts read together are counted, `settle` gives each waiting record the context's language
/// (or none), which the language stage finishes it with, and runs the rest. The run (`RecordBatch`, per
/// file) and `RecordAnalyzer` (`classify`) both go through it.
struct ContextualStages: Sendable {
    let stages: [any RecordStage]
    /// The place of the language stage in `stages`; nil: there is none, and no record waits.
    private let language: Int?
    private let languageStage: LanguageIdentificationStage?
    /// Whether each stage's time is added up (a run reports it; `classify` does not).
    private let timed: Bool

    init(_ stages: [any RecordStage], timed: Bool = true) {
        self.stages = stages
        self.timed = timed
        language = stages.firstIndex { $0 is LanguageIdentificationStage }
        languageStage = language.flatMap { stages[$0] as? LanguageIdentificationStage }
    }

    /// Runs the stages over a record; true when it stopped after the language stage to wait for its
    /// context: the caller then counts the others and `settle`s it.
    func head(_ record: inout FeedbackRecord, nanos: inout [UInt64]) -> Bool {
        guard let language else {
            run(stages.indices, on: &record, nanos: &nanos)
            return false
        }
        run(0..<(language + 1), on: &record, nanos: &nanos)
        if LanguageIdentificationStage.waitsForContext(record) { return true }
        run((language + 1)..<stages.count, on: &record, nanos: &nanos)
        return false
    }

    /// Finishes a waiting record: the language stage gives it `context` (nil: none is known; an
    /// undetermined text takes it, a Russian one is read by its lexicon or, failing that, Kazakh's:
    /// `FeedbackRecord.scoringLanguage`) and folds its words; then the stages after it run.
    func settle(_ record: inout FeedbackRecord, context: Language?, nanos: inout [UInt64]) {
        guard let language, let languageStage else { return }
        let t0 = timed ? DispatchTime.now().uptimeNanoseconds : 0
        languageStage.settle(&record, context: context)
        if timed { nanos[language] += DispatchTime.now().uptimeNanoseconds - t0 }
        run((language + 1)..<stages.count, on: &record, nanos: &nanos)
    }

    /// Runs `range` of the stages, adding each one's time to `nanos` (one entry per stage) when `timed`.
    private func run(_ range: Range<Int>, on record: inout FeedbackRecord, nanos: inout [UInt64]) {
        guard timed else {
            for i in range { stages[i].process(&record) }
            return
        }
        for i in range {
            let t0 = DispatchTime.now().uptimeNanoseconds
            stages[i].process(&record)
            nanos[i] += DispatchTime.now().uptimeNanoseconds - t0
        }
    }
}
