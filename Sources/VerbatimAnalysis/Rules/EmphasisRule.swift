import VerbatimCore

/// Emphasis written into a term's words: capitals in mixed-case text (`BERBAT`) add
/// `capsIncrement` to its strength, an elongated word (`süperrrr`) `elongationIncrement`.
struct EmphasisRule: SentimentRule {
    static func marks(_ applied: String) -> Bool { applied == "caps" || applied == "elongation" }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Kargo BERBAT geldi"),
            .init(language: .tr, text: "Hizmet süperrrr"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Kargo berbat geldi"),
            .init(language: .tr, text: "KARGO BERBAT GELDİ"),
        ])

    func apply(to text: inout ScoredText) {
        let c = text.constants
        for h in text.hits.indices {
            let words = text.tokens[text.hits[h].start..<(text.hits[h].start + text.hits[h].length)]
            if words.contains(where: { $0.emphasis.contains(.allCaps) }) {
                add(c.capsIncrement, "caps", to: &text.hits[h])
            }
            if words.contains(where: { $0.emphasis.contains(.elongated) }) {
                add(c.elongationIncrement, "elongation", to: &text.hits[h])
            }
        }
    }

    private func add(_ increment: Double, _ mark: String, to hit: inout SentimentScorer.Hit) {
        hit.valence += (hit.valence >= 0 ? 1 : -1) * increment
        hit.boost += increment
        hit.rules.append(mark)
    }
}
