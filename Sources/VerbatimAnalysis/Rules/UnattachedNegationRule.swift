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
        guard text.constants.unattachedNegationValence != 0 else { return }
        for k in text.tokens.indices where !text.usedNegator[k] {
            let role = text.roles[k]
            switch role {
            case .negatorBefore, .negatorAfter: text.addUnattachedNegation(at: k, named: text.word(of: role), .negationAlone)
            case .negatedVerb: text.addUnattachedNegation(at: k, named: "-" + text.word(of: role), .negatedVerb)
            default: break
            }
        }
        text.hits.sort { $0.start < $1.start }
        text.updateCoverage()
    }
}
