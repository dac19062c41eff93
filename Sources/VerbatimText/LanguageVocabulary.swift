import VerbatimCore

/// The words a language's lexicons know, as the language identifier's last resort: a text whose letters
/// and cue words (`langid.tsv`) are too few to decide (`Sjajan film`, `Жаксылау`: Kazakh typed
/// without its own letters) takes the language of its script whose lexicon knows most of its words.
/// The lexicons live in `VerbatimAnalysis`, which builds on this module: the pipeline hands them to the
/// language stage (`LanguageIdentificationStage(resources:vocabulary:)`).
public protocol LanguageVocabulary: Sendable {
    /// How many terms of `language`'s sentiment lexicon (for Russian: the Russian words the Kazakh and
    /// Mongolian lexicons share, `lexicons/ru/`) the words of `tokens` hold, folded for `language`, a
    /// phrase counting once; a term whose words have fewer than `minimumLetters` letters counts for
    /// none (`ok`, `top`, `ок` are written in every language).
    func knownTerms(in tokens: TokenList, language: Language, minimumLetters: Int) -> Int
}
