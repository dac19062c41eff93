import VerbatimCore

/// Intensifiers and dampeners (`çok`, `өте`, `маш`, `veoma`; `biraz`): each within `window` words
/// before a term, in its clause, adds its scalar to the term's strength, less with distance
/// (`intensifierDecay`); one between a phrase's words (`kalitesi çok yüksek` under `kalitesi yüksek`)
/// adds its whole scalar. Emoji take none.
struct IntensifierRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool {
        switch mark {
        case .intensifier, .dampener: true
        default: false
        }
    }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Personel çok ilgiliydi"),
            .init(language: .kk, text: "Қызмет өте жақсы"),
            .init(language: .sr, text: "Usluga je veoma loša"),
            .init(language: .tr, text: "Kalitesi çok yüksek"),
            .init(language: .kk, text: "Сапасы өте жоғары"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Personel ilgiliydi"),
            .init(language: .tr, text: "Çok bekledim, sonra personel ilgilendi"),
        ])

    func apply(to text: inout ScoredText) {
        let tokens = text.tokens, c = text.constants
        for h in text.hits.indices where text.hits[h].kind != .emoji {
            let start = text.hits[h].start, clause = text.hits[h].clause
            var distance = 0
            var k = start - 1
            while k >= 0, distance < c.window, tokens[k].clause == clause, !text.covered[k] {
                if tokens[k].kind == .word { distance += 1 } else { k -= 1; continue }
                apply(k, decay: distance <= c.intensifierDecay.count ? c.intensifierDecay[distance - 1] : c.intensifierDecay.last!, to: h, &text)
                k -= 1
            }
            for k in (start + 1)..<max(start + 1, start + text.hits[h].length) { apply(k, decay: 1, to: h, &text) }
        }
    }

    /// Word `k`'s scalar, when it is an intensifier, weighed by `decay`, added to hit `h`'s strength.
    private func apply(_ k: Int, decay: Double, to h: Int, _ text: inout ScoredText) {
        guard case let .intensifier(scalar, _) = text.roles[k] else { return }
        text.hits[h].valence += (text.hits[h].valence >= 0 ? 1 : -1) * scalar * decay
        text.hits[h].boost += scalar * decay
        let word = text.explains ? text.word(of: text.roles[k]) : ""
        text.note(h, scalar > 0 ? .intensifier(word) : .dampener(word))
    }
}
