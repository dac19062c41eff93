import VerbatimCore

/// "Cannot help but": two negations that cancel, so the term stands as written. After a verb negated
/// inside the word (`negation.tsv`, kind `cannot-help`): `hayran kalmamak elde değil` ("one cannot help
/// admiring"), `memnun kalmamak mümkün değil`, `мақтамай тұра алмаймын` ("I cannot stay without praising"),
/// `талархахгүй байхын аргагүй` ("there is no way not to thank"); the suffix's negation is undone, and the
/// frame scores nothing of its own (`imkansız`, `мүмкін емес` are complaints elsewhere). Before a term
/// (kind `cannot-help-before`): `не могу не поблагодарить` ("I cannot not thank"), `ne mogu a da ne
/// pohvalim`; the frame's last word (`не`, `ne`) negates nothing and is no complaint on its own.
/// The term finder gives the frame's last word its own role (`Role.cannotHelpFrame`), which no negation rule
/// reads. Runs after `AffixNegationRule`, whose negation it undoes.
struct CannotHelpRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .cannotHelp = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Operatöre hayran kalmamak elde değil"),
            .init(language: .tr, text: "Bu ilgiden memnun kalmamak mümkün değil"),
            .init(language: .tr, text: "Bu kadar bekletilince sinirlenmemek elde değil"),
            .init(language: .kk, text: "Операторды мақтамай тұра алмаймын"),
            .init(language: .mn, text: "Ажилтанд талархахгүй байхын аргагүй"),
            .init(language: .sr, text: "Ne mogu a da ne pohvalim operaterku"),
            .init(language: .kk, text: "Не могу не поблагодарить оператора"),
            .init(language: .mn, text: "Не могу не отметить вежливость сотрудника"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Operatörden memnun kalmadım"),
            .init(language: .tr, text: "Size ulaşmak mümkün değil"),
            .init(language: .tr, text: "İade mümkün değil dediler"),
            .init(language: .kk, text: "Оператор мақтамады"),
            .init(language: .sr, text: "Ne mogu da pohvalim operaterku"),
            .init(language: .kk, text: "Не могу дозвониться до оператора"),
        ])

    func apply(to text: inout ScoredText) {
        for h in text.hits.indices where text.hits[h].affixNegation != nil { cancelAffix(of: h, in: &text) }
        // A frame's role already keeps it from negating: what is left is to show it, on the term after it. Most
        // texts have no negation word before anything, as their words' kinds say, and so no frame.
        guard text.explains, text.wordKinds & (TermAutomaton.Kind.negatorsBefore.bit | TermAutomaton.Kind.loanNegatorsBefore.bit) != 0 else { return }
        for k in text.roles.indices {
            guard case .cannotHelpFrame = text.roles[k], let h = text.firstTerm(after: k) else { continue }
            let frame = text.word(of: text.roles[k])
            text.note(h, .cannotHelp(frame))
        }
    }

    /// Undoes the negation inside hit `h`'s word when "cannot help" follows it (`hayran kalmamak elde değil`).
    private func cancelAffix(of h: Int, in text: inout ScoredText) {
        let k = text.hits[h].start + text.hits[h].length
        guard k < text.tokens.count, case .cannotHelp = text.roles[k] else { return }
        // `AffixNegationRule`, the only rule before this one, negated the valence once: it was the base.
        text.hits[h].valence = text.hits[h].base
        text.hits[h].negations -= 1
        guard text.explains, let m = text.hits[h].rules.firstIndex(where: { if case .affixNegation = $0 { true } else { false } }),
              case let .affixNegation(affix) = text.hits[h].rules[m]
        else { return }
        let frame = text.word(of: text.roles[k])
        text.hits[h].rules[m] = .cannotHelp(affix + " " + frame)
    }
}
