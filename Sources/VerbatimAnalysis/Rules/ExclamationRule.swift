import VerbatimCore

/// `!` emphasises the whole text: each one, up to `maxExclamations`, adds `exclamationIncrement` to
/// the strength of the summed score (VADER's amplifier), and `--explain` lists it as its own line. The
/// `!` of an irony mark (`(!)`, `IronyMarkRule`) do not count.
struct ExclamationRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .emphasis = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Harika hizmet!!"),
            .init(language: .sr, text: "Užasna usluga!"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Harika hizmet."),
            .init(language: .tr, text: "Kargo nerede!"),
            .init(language: .tr, text: "Harika hizmet (!)"),
        ])

    func apply(to text: inout ScoredText) {
        var bangs = 0
        for i in text.tokens.indices where text.tokens.isPunctuation(at: i, 0x21) {
            if !IronyMarkRule.isInsideMark(text.tokens, i) { bangs += 1 }
        }
        text.exclamations = min(bangs, text.constants.maxExclamations)
    }

    /// What `bangs` exclamation marks add to a summed score (nothing to a score of 0).
    static func emphasis(of sum: Double, bangs: Int, _ constants: SentimentRules) -> Double {
        guard bangs > 0, sum != 0 else { return 0 }
        return (sum > 0 ? 1 : -1) * Double(bangs) * constants.exclamationIncrement
    }
}
