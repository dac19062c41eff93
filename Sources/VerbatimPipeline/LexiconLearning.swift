import Foundation
import VerbatimAnalysis
import VerbatimCore
import VerbatimText

/// `verbatim learn` as a library call: reads labelled inputs twice (the
/// learner's two passes), prepares each text as a run would (normalize,
/// declared language, hashtags), and returns the learned layer with the text
/// of its file.
public struct LexiconLearning {
    public let language: Language
    public let inputs: [LabelledInput]
    public let ratings: RatingLabels
    public let options: LexiconLearner.Options
    /// The hand-written data (and user lexicons) to learn on top of; learned layers are not loaded.
    let resources: LoadedResources

    public init(language: Language, inputs: [LabelledInput], ratings: RatingLabels, options: LexiconLearner.Options, resources: LoadedResources) {
        self.language = language
        self.inputs = inputs
        self.ratings = ratings
        self.options = options
        self.resources = resources
    }

    /// Progress: the pass (1 or 2) and the texts read in it.
    public typealias Progress = (_ pass: Int, _ texts: Int) -> Void

    /// Learns the layer. Rows that the inputs set aside are returned with it.
    public func run(progress: Progress = { _, _ in }) throws -> (LearnedLayer, LabelledInput.SetAside) {
        let scorer = SentimentScorer(lexicons: resources.lexicons)
        var learner = LexiconLearner(language: language, scorer: scorer, options: options)
        let prepare = TextPreparation(resources: resources, language: language)
        var setAside = LabelledInput.SetAside()
        var count = 0
        for input in inputs {
            let aside = try input.forEach(aliases: resources.aliases, ratings: ratings) { label, text in
                learner.observeCandidate(prepare.tokens(text), label: label)
                count += 1
                if count % 1000 == 0 { progress(1, count) }
            }
            setAside.unrated += aside.unrated
            setAside.withoutText += aside.withoutText
            setAside.notFeedback += aside.notFeedback
            setAside.rejected += aside.rejected
            setAside.encodings += aside.encodings
        }
        learner.selectCandidates()
        count = 0
        for input in inputs {
            _ = try input.forEach(aliases: resources.aliases, ratings: ratings) { label, text in
                try learner.observe(prepare.tokens(text), label: label)
                count += 1
                if count % 1000 == 0 { progress(2, count) }
            }
        }
        return (try learner.fit(), setAside)
    }

    /// The text of the layer's file: `header` lines (where it came from), the fit's figures, the entries.
    public static func render(_ layer: LearnedLayer, header: [String]) -> String {
        LearnedLayerFile.render(header: header + layer.report, thresholds: layer.thresholds, entries: layer.entries)
    }
}

/// The text stages a record goes through before sentiment, for one declared language.
struct TextPreparation {
    let normalize = TextNormalizationStage()
    let identify: LanguageIdentificationStage
    let hashtags: HashtagSplitter
    let language: Language

    init(resources: LoadedResources, language: Language) {
        identify = LanguageIdentificationStage(resources: resources.text)
        hashtags = HashtagSplitter(lexicons: resources.lexicons)
        self.language = language
    }

    func tokens(_ text: String) -> TokenList {
        var record = FeedbackRecord(id: "-", provenance: Provenance(file: "-", line: 0), text: text, declaredLanguage: language)
        normalize.process(&record)
        identify.process(&record)
        return hashtags.split(record.tokens, language: language)
    }
}
