import VerbatimCore
import VerbatimText

/// Folding used for lexicon terms: the same as for text tokens (`LanguageFolding.fold`, through the byte
/// tables: loading folds every word of every lexicon).
enum LanguageFoldingShim {
    static func fold(_ s: String, _ language: Language) -> String { WordFolder.folded(s, for: language) }
    static func defaultLower(_ s: String) -> String { LanguageFolding.defaultLower(s) }
}
