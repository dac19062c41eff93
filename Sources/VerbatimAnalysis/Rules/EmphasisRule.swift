import VerbatimCore

/// Emphasis written into a term's words: capitals in mixed-case text (`BERBAT`) add
/// `capsIncrement` to its strength, an elongated word (`süperrrr`) `elongationIncrement`.
struct EmphasisRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { mark == .caps || mark == .elongation }

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
            let marks = emphasis(of: text.hits[h], in: text.tokens)
            if marks.contains(.allCaps) {
                add(c.capsIncrement, .caps, to: &text.hits[h])
            }
            if marks.contains(.elongated) {
                add(c.elongationIncrement, .elongation, to: &text.hits[h])
            }
        }
    }

    /// The emphasis of any of a hit's words.
    private func emphasis(of hit: SentimentScorer.Hit, in tokens: TokenList) -> Emphasis {
        var marks: Emphasis = []
        for k in hit.start..<(hit.start + hit.length) { marks.formUnion(tokens[k].emphasis) }
        return marks
    }

    private func add(_ increment: Double, _ mark: RuleMark, to hit: inout SentimentScorer.Hit) {
        hit.valence += (hit.valence >= 0 ? 1 : -1) * increment
        hit.boost += increment
        hit.mark(mark)
    }
}
