import VerbatimCore

/// Negation inside the word: a negative suffix after a stem (`beğenmedim` under `beğen*`, Kazakh
/// `ұнамады` under `ұна*`, Mongolian `-гүй`) or a negative prefix (Serbian `neprofesionalan`). The term
/// finder records the affix on the hit (`Hit.affixNegation`); this rule negates the valence.
struct AffixNegationRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .affixNegation = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Ürünü hiç beğenmedim"),
            .init(language: .tr, text: "Siparişimi teslim etmediler"),
            .init(language: .kk, text: "Қызмет маған ұнамады"),
            .init(language: .sr, text: "Pakovanje je nebezbedno"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Ürünü çok beğendim"),
            .init(language: .kk, text: "Қызмет маған ұнады"),
            .init(language: .sr, text: "Pakovanje je bezbedno"),
        ])

    func apply(to text: inout ScoredText) {
        for h in text.hits.indices {
            guard let affix = text.hits[h].affixNegation else { continue }
            text.hits[h].valence = text.constants.negated(text.hits[h].valence)
            text.hits[h].negations += 1
            text.note(h, .affixNegation(affix))
        }
    }
}
