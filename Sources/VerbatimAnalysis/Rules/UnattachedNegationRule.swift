import VerbatimCore

/// Negation with nothing to negate (`интернет жоқ`, `ne javljaju se`, `gelmedi`): in customer feedback,
/// saying that something did not happen or is not there is a complaint. Each negator that
/// `NegationWordRule` left unused scores `unattachedNegationValence` (0 turns the rule off).
struct UnattachedNegationRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { mark == .negationAlone || mark == .negatedVerb }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Telefonlarıma bakmadılar"),
            .init(language: .kk, text: "Оператор телефонды алмады"),
            .init(language: .sr, text: "Paket još nije isporučen"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Kargo geldi"),
            .init(language: .tr, text: "Personel kibar değil"),
        ])

    func apply(to text: inout ScoredText) {
        let v = text.constants.unattachedNegationValence
        guard v != 0 else { return }
        for k in text.tokens.indices where !text.usedNegator[k] {
            let clause = text.tokens[k].clause
            let role = text.roles[k]
            switch role {
            case .negatorBefore, .negatorAfter:
                text.hits.append(.init(start: k, length: 1, valence: v, base: v, named: text.word(of: role), rules: [.negationAlone], clause: clause, kind: .unattachedNegation))
            case .negatedVerb:
                text.hits.append(.init(start: k, length: 1, valence: v, base: v, named: "-" + text.word(of: role), rules: [.negatedVerb], clause: clause, kind: .unattachedNegation))
            default: break
            }
        }
        text.hits.sort { $0.start < $1.start }
        text.updateCoverage()
    }
}
