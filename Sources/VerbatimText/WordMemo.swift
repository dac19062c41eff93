import VerbatimCore

/// What the text stages work out for a word from its letters alone, remembered per thread, so that a
/// word is folded and looked up once per thread rather than once per occurrence: the tokenizer's forms,
/// the language identifier's letter classes and cue weights, and the word's forms for its language.
///
/// Feedback repeats its words, and each of these answers is a function of the word's bytes alone (and of
/// the linguistic data, which a process loads once): a remembered answer is the answer, so outputs do not
/// change. It is a `WordTable` per thread: bounded (16,384 words, a few megabytes,
/// touched only as entries fill) whatever the input.
final class WordMemo {
    /// What is remembered of one word. Each part is filled by the stage that needs it.
    struct Entry: WordTableEntry {
        /// The word as written.
        var key: String
        /// The tokenizer's forms (`WordFolder.forms(of:for: .und, alternative: true)`), when `hasForms`.
        var hasForms = false
        var form = ""
        var alternative: String?
        var squeezed = false
        /// Whether `form` is the word's own bytes: its token's form is then its surface's span.
        var formIsSurface = false
        /// With the forms: the languages for which the word folds as default lower-casing does
        /// (`Token.keepsFormsIn`).
        var keepsFormsIn: UInt8 = 0
        /// The identifier's reading: letter classes and the cue weights of every language that reads the
        /// word's script, for the lookup form `cueForm` and elongation `cueElongated`, read from the cue
        /// tables numbered `cueTables` (`LanguageIdentifier.CueTables.id`; 0: none yet).
        var cueTables: UInt32 = 0
        var cueElongated = false
        var classes: LanguageIdentifier.LetterClass = []
        var cueForm = ""
        /// Whether `cueForm` was the tokenizer's form (`Token.formIsTokenizers`): a token that still
        /// has the tokenizer's form then reads the cues without comparing forms.
        var cueFromTokenizers = false
        var cues = TextResources.CueWeights()
        /// The forms for one language (`foldedFor`): whether the tokenizer's stand (`keeps`), else the
        /// language's form and, when `foldedElongated`, its alternative.
        var foldedFor: Language?
        var foldedElongated = false
        var keeps = false
        var languageForm = ""
        var languageAlternative: String?

        init(key: String) { self.key = key }
    }

    let words = WordTable<Entry>()

    /// This thread's memo.
    static var current: WordMemo { local.value }
    private static let local = ThreadLocal { WordMemo() }

    /// The entry of the word of `bytes`, read and updated in place (good until the next call).
    @inline(__always)
    func entry(_ bytes: UnsafeBufferPointer<UInt8>, surface: @autoclosure () -> String) -> UnsafeMutablePointer<Entry> {
        words.entry(bytes, word: surface())
    }

    /// The entry of the word of `bytes`, found through the slot the tokenizer wrote into its token
    /// (`Token.memoSlot`) when that slot still holds it (the same thread, and no word took its place
    /// since), else looked up by its bytes.
    @inline(__always)
    func entry(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int32, surface: @autoclosure () -> String) -> UnsafeMutablePointer<Entry> {
        words.entry(at: slot, bytes) ?? words.entry(bytes, word: surface())
    }
}
