import VerbatimCore
import VerbatimText

/// The compiled lexicons as the language identifier's vocabulary: a text too short for its letters and
/// cue words to decide takes the language whose sentiment lexicon knows most of its words.
extension CompiledLexicons: LanguageVocabulary {
    /// The terms of `language`'s sentiment lexicon (hand-written, with any user lexicon; not learned
    /// layers) found in `tokens` folded for `language`, each match counted once and the words it covers
    /// skipped, as the scorer finds them. For Russian, which has no lexicon of its own, the Russian words
    /// of `lexicons/ru/` (the first scored language that loads them), in the tokenizer's forms.
    public func knownTerms(in tokens: TokenList, language: Language, minimumLetters: Int) -> Int {
        var folded = tokens
        let index: TermIndex<Double>
        if language == .ru {
            guard let ref = Language.scored.lazy.compactMap({ self.refs[$0] }).first(where: { $0.lex.loanSentiment.count > 0 }) else { return 0 }
            index = ref.lex.loanSentiment
        } else {
            guard let ref = refs[language] else { return 0 }
            LanguageIdentificationStage.refold(&folded, for: language)
            ref.automaton.mark(&folded)
            index = ref.lex.sentiment
        }
        var terms = 0, i = 0
        while i < folded.count {
            guard folded[i].kind == .word, let m = index.longestMatch(in: folded, at: i) else { i += 1; continue }
            if Self.letters(in: folded, i..<(i + m.length)) >= minimumLetters { terms += 1 }
            i += m.length
        }
        return terms
    }

    /// The letters of the words' lookup forms (`Боллллл` has the three of `bol`).
    private static func letters(in tokens: TokenList, _ range: Range<Int>) -> Int {
        range.reduce(0) { $0 + tokens.form($1).unicodeScalars.filter(\.properties.isAlphabetic).count }
    }
}
