import VerbatimCore

/// The language of a text's surroundings: the one that most texts of its file (in `verbatim run`) or of
/// the input read so far (in `verbatim classify`) are identified as.
///
/// A text too short or too plain for the identifier (`super film :)`, `Kashan tartylat`, `rasejana
/// propast!`) is `und`, and an undetermined text is not scored. In an export where nearly every text
/// is Serbian, such a text is nearly always Serbian too, so it takes that language (with confidence 0:
/// its own words did not say so) and is scored with its lexicon. The language stage adopts it
/// (`FeedbackRecord.contextLanguage`); the run and `classify` count what the identifier found
/// (`add`) and hand the undetermined texts the `dominant` language once their neighbours are counted.
///
/// The texts read last weigh most: after each batch of a file (each window of `classify`'s lines)
/// the counts are halved (`age`), so that where one input follows another (`cat a_sr.txt b_kk.txt |
/// verbatim classify`), the context follows within a window or two, leaving the texts in between
/// undetermined rather than giving them the language of the input before.
///
/// Only a clear majority counts: at least `minimumTexts` texts identified as a scored language, of
/// which at least `minimumShare` are in one. A file that mixes Turkish and Serbian half and half leaves
/// its undetermined texts undetermined. Texts in a language that is not scored do not count: in an
/// export of a Kazakh contact centre that is mostly Russian, Kazakh is the scored language, and its
/// lexicon reads the Russian texts (`FeedbackRecord.scoringLanguage`).
public struct LanguageContext: Sendable, Equatable {
    /// Fewer texts identified as a scored language than this say nothing about the rest.
    public static let minimumTexts = 5
    /// The share of the identified texts that one language needs to be the context.
    public static let minimumShare = 2.0 / 3.0

    /// Texts identified per scored language, in `Language.scored` order.
    private var counts = [Int](repeating: 0, count: Language.scored.count)

    public init() {}

    /// Counts one text's identified language; one that is not scored (`ru`, `und`) counts for nothing.
    public mutating func add(_ language: Language) {
        guard let k = Language.scored.firstIndex(of: language) else { return }
        counts[k] += 1
    }

    /// Halves the counts: called after each batch or window, so that the texts before it weigh half as
    /// much as those of the next one.
    public mutating func age() {
        for k in counts.indices { counts[k] /= 2 }
    }

    /// The language that undetermined texts take, or nil when no scored language has a clear majority.
    public var dominant: Language? {
        let total = counts.reduce(0, +)
        guard total >= Self.minimumTexts, let top = counts.indices.max(by: { counts[$0] < counts[$1] }) else { return nil }
        guard Double(counts[top]) >= Self.minimumShare * Double(total) else { return nil }
        return Language.scored[top]
    }
}
