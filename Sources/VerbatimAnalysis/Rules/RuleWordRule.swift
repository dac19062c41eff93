import VerbatimCore

/// The learned valence of a rule word: an intensifier (the first word of a multi-word one), a negated
/// verb, a contrast word or a number (the 9 of `10/9`), added as it stands when a learned layer has the
/// exact word. It takes no modifiers and negates nothing, and the word's own rule still applies. A learned
/// stem does not count (it is about other words). Negation words get none: their rule already carries
/// them, and a learned valence on top (`ne` −1.3 from tweets, where most texts complain) made the Serbian
/// comments worse (0.814 → 0.797 binary macro-F1; README, Accuracy).
struct RuleWordRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { mark == .ruleWord }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Film 10/9, ama sonu zayıf", withLearnedLayer: true),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Film 10/9, ama sonu zayıf"),
            .init(language: .tr, text: "Film güzel", withLearnedLayer: true),
        ])

    func apply(to text: inout ScoredText) {
        text.ruleWords = positions(text)
        guard text.lex.learned.count > 0 else { return }
        for i in text.ruleWords {
            var word = text.tokens.alone(i)
            word[0].kind = .word
            guard let m = text.lex.learned.longestMatch(in: word, at: 0), !m.viaStem, m.payload != 0 else { continue }
            text.hits.append(.init(start: i, length: 1, valence: m.payload, base: m.payload, rules: [.ruleWord],
                                   clause: text.tokens[i].clause, unit: .learned(m.index), negatable: false))
        }
    }

    private func positions(_ text: ScoredText) -> [Int] {
        var found: [Int] = []
        for i in text.tokens.indices where isRuleWord(i, text) {
            // Room for a few at the first (`filter` grew the array one element at a time).
            if found.isEmpty { found.reserveCapacity(8) }
            found.append(i)
        }
        return found
    }

    private func isRuleWord(_ i: Int, _ text: ScoredText) -> Bool {
        if text.tokens[i].kind == .contrast || text.tokens[i].kind == .number { return true }
        switch text.roles[i] {
        case .intensifier, .negatedVerb: return true
        default: return false
        }
    }
}
