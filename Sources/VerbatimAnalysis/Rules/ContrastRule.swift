import VerbatimCore

/// Contrast (`ama`, `бірақ`, `гэхдээ`, `ali`): the clause that a contrast conjunction starts weighs
/// `contrastAfterWeight`, the clause before it `contrastBeforeWeight` (VADER's "but"). A contrast word
/// at the start of a sentence ("…. Ama …") still contrasts with the sentence before.
struct ContrastRule: SentimentRule {
    static func marks(_ applied: String) -> Bool { applied.hasPrefix("contrast(") }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Kargo hızlıydı ama ürün kötü"),
            .init(language: .kk, text: "Жеткізу жылдам, бірақ тауар нашар"),
            .init(language: .sr, text: "Dostava je brza, ali proizvod je loš"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Kargo hızlıydı ve ürün güzel"),
        ])

    func apply(to text: inout ScoredText) {
        var contrastAt: [Int: String] = [:]
        for i in text.tokens.indices where text.tokens[i].kind == .contrast {  // by index: no token copies
            // The words are written into the marks only: without them, the clause is all that counts.
            let clause = text.tokens[i].clause
            contrastAt[clause] = text.explains ? (contrastAt[clause].map { $0 + " " } ?? "") + text.tokens[i].surface.lowercased() : ""
        }
        guard !contrastAt.isEmpty else { return }
        let c = text.constants
        for h in text.hits.indices {
            let clause = text.hits[h].clause
            if let word = contrastAt[clause] {
                text.weigh(h, c.contrastAfterWeight, "contrast(after \(word))")
            } else if let word = contrastAt[clause + 1] {
                text.weigh(h, c.contrastBeforeWeight, "contrast(before \(word))")
            }
        }
    }
}

extension SentimentScorer.Hit {
    /// Weighs the hit by its clause's weight (contrast or concession), once.
    mutating func weigh(_ w: Double, _ mark: String?) {
        weighted = true
        if let mark { rules.append(mark) }
        weight = w
        if w != 1 { valence *= w }
    }
}
