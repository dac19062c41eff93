import VerbatimCore
import VerbatimText

/// Folding used for lexicon terms: the same as for text tokens.
enum LanguageFoldingShim {
    static func fold(_ s: String, _ language: Language) -> String { LanguageFolding.fold(s, for: language) }
    static func defaultLower(_ s: String) -> String { LanguageFolding.defaultLower(s) }
}
