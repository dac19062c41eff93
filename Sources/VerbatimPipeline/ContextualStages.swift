import Dispatch
import VerbatimCore
import VerbatimText

/// Text stages split at the language stage, so that a text the identifier leaves undetermined can wait
/// for the language of the texts read with it (`LanguageContext`) before the stages after it run.
///
/// `head` runs a record through the language stage and, unless it waits, through the rest. Once the
/// texts read together are counted, `settle` gives each waiting record the context's language (or
/// none) and runs the language stage again and the rest. The run (`RecordBatch`, per file) and
/// `RecordAnalyzer` (the lines of `classify`) both go through it.
struct ContextualStages: Sendable {
    let stages: [any RecordStage]
    /// The place of the language stage in `stages`; nil: there is none, and no record waits.
    private let language: Int?
    /// Whether each stage's time is added up (a run reports it; `classify` does not).
    private let timed: Bool

    init(_ stages: [any RecordStage], timed: Bool = true) {
        self.stages = stages
        self.timed = timed
        language = stages.firstIndex { $0 is LanguageIdentificationStage }
    }

    /// Runs the stages over a record; true when it stopped after the language stage to wait for its
    /// context (undetermined, and declared by nothing): the caller then counts the others and `settle`s it.
    func head(_ record: inout FeedbackRecord, nanos: inout [UInt64]) -> Bool {
        guard let language else {
            run(stages.indices, on: &record, nanos: &nanos)
            return false
        }
        run(0..<(language + 1), on: &record, nanos: &nanos)
        if Self.waits(record) { return true }
        run((language + 1)..<stages.count, on: &record, nanos: &nanos)
        return false
    }

    /// Whether a record that went through `head` is waiting for its context: undetermined, or in a
    /// language that a scored one borrows from (Russian, which a Kazakh file's lexicon reads), and
    /// declared by nothing.
    static func waits(_ record: FeedbackRecord) -> Bool {
        // Most records are in a scored language: one look at a short list, nothing more.
        !Language.scored.contains(record.language) && (record.language == .und || record.language.isBorrowed)
            && record.declaredLanguage == nil && record.contextLanguage == nil
    }

    /// Finishes a waiting record: with a `context`, the language stage runs again, and gives an
    /// undetermined record that language, or reads a borrowed one's words with its lexicon
    /// (`FeedbackRecord.scoringLanguage`); with none, it stays as it was. Then the stages after the
    /// language stage run.
    func settle(_ record: inout FeedbackRecord, context: Language?, nanos: inout [UInt64]) {
        guard let language else { return }
        if let context {
            record.contextLanguage = context
            run(language..<(language + 1), on: &record, nanos: &nanos)
        }
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
