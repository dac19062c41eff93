import VerbatimCore

/// An unreal condition says that what it supposes did not happen: `Daha hızlı olsaydı`, "had it been
/// faster" (it was not fast); `Da je bilo brže`; `Тез болғанда`; `Хурдан байсан бол`; `Если бы было быстрее`.
/// Praise in the condition is negated (`hızlı +2 [counterfactual(-saydı)] → -1.48`), and so is a complaint
/// negated inside the condition's own verb, which is praise by then (`Keşke bu kadar bekletmeseydiniz`, "I
/// wish you had not kept me waiting": they did). A complaint in it is left as it is: the condition may
/// negate it in a word the rules do not join to it (`Keşke bu fikir heba edilmeseydi`, "had the idea not
/// been wasted"). Where the condition is, `counterfactual.tsv` says, within one part of the text (between
/// commas, in one clause): after a word that starts it at the start of its part (`da je bilo`, `если бы`:
/// kind `starts`), the rest of the part; after a wish (`keşke`, kind `wish`), the words up to the verb
/// that ends the condition (kinds `ending`, `ends`, and `wish-ending`, which ends one only after a wish:
/// `-sa` of `Keşke kargo daha hızlı olsa`), not past a punctuation mark or a contrast word (no such verb:
/// no condition, `görsen keşke iyiki varsın`); else the word that ends it (`-saydı`, `байсан бол`: kinds `ending` and `ends`) and
/// the words before it, as far as a negation word reaches. What would have followed
/// (`memnun olurdum`, "I would have been satisfied") is an entry of its own. A word with the ending that
/// supposes something else is listed as `except` (`bilseydim`, "had I known": `Bu kadar güzel olduğunu
/// bilseydim daha önce alırdım` is praise).
struct CounterfactualRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .counterfactual = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Daha hızlı olsaydı memnun olurdum"),
            .init(language: .tr, text: "Keşke bu kadar bekletmeseydiniz"),
            .init(language: .tr, text: "Keşke kargo daha hızlı olsa"),
            .init(language: .tr, text: "Personel biraz daha güler yüzlü olsaydı memnun kalırdım"),
            .init(language: .sr, text: "Da je bilo brže, bio bih zadovoljan"),
            .init(language: .kk, text: "Тез болғанда жақсы болар еді"),
            .init(language: .mn, text: "Хурдан байсан бол сайн байх байсан"),
            .init(language: .kk, text: "Если бы доставка была быстрее, было бы хорошо"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Kargo hızlı geldi, memnun kaldım"),
            .init(language: .tr, text: "Bu kadar güzel olduğunu bilseydim daha önce alırdım"),
            .init(language: .tr, text: "Ürün güzel, keşke daha önce alsaydım"),
            .init(language: .tr, text: "Ürün çok güzel ve kaliteli, keşke daha önce alsaydım"),
            .init(language: .tr, text: "Keşke bu fikir böyle bir senaryo ile heba edilmeseydi"),
            .init(language: .tr, text: "Keşke forum açılsa da tartışmalar orada yapılsa, yorumları okumak dert oldu"),
            .init(language: .tr, text: "Yazdıklarımı görsen keşke, iyi ki varsın"),
            .init(language: .sr, text: "Mislim da je bilo brzo i dobro"),
            .init(language: .sr, text: "Dostava je bila brza"),
            .init(language: .kk, text: "Жеткізу тез болды, рахмет"),
        ])

    func apply(to text: inout ScoredText) {
        guard Self.mayHaveCondition(text) else { return }
        for part in text.tokens.parts() {
            guard let (condition, word) = condition(in: part, text) else { continue }
            for h in text.hits.indices where condition.contains(text.hits[h].start) && text.hits[h].kind == .term && text.hits[h].valence > 0 {
                text.hits[h].valence = text.constants.negated(text.hits[h].valence)
                text.hits[h].negations += 1
                text.note(h, .counterfactual(word))
            }
        }
    }

    /// Whether a word of the text marks a condition: most texts have none, as the kinds of their words say
    /// (`ScoredText.wordKinds`). A word whose kinds say a term may start there is looked up (the first words
    /// of `болса ғой`, `байсан бол`, `da je bilo` are common words), and one that starts a condition counts
    /// only where a part starts.
    private static func mayHaveCondition(_ text: ScoredText) -> Bool {
        typealias Kind = TermAutomaton.Kind
        if text.wordKinds & Kind.conditionEnding != 0 { return true }
        let ends = Kind.counterfactualEnds.bit | Kind.counterfactualWishes.bit, starts = Kind.counterfactualStarts.bit
        guard text.wordKinds & (ends | starts) != 0 else { return false }
        let tokens = text.tokens, automaton = text.lexicon.automaton, lex = text.lex
        return tokens.indices.contains { j in
            guard tokens[j].kind == .word else { return false }
            let kinds = automaton.kinds(of: tokens, j)
            if kinds & ends != 0,
               lex.counterfactualEnds.longestMatch(in: tokens, at: j) != nil || lex.counterfactualWishes.longestMatch(in: tokens, at: j) != nil {
                return true
            }
            return kinds & starts != 0 && tokens.isFirstWordOfPart(j) && lex.counterfactualStarts.longestMatch(in: tokens, at: j) != nil
        }
    }

    /// The condition in `part`, and what marks it as its data file writes it.
    private func condition(in part: Range<Int>, _ text: ScoredText) -> (Range<Int>, String)? {
        let lex = text.lex
        guard let first = part.first(where: { text.tokens[$0].kind == .word }) else { return nil }
        if let m = lex.counterfactualStarts.longestMatch(in: text.tokens, at: first) {
            return ((first + m.length)..<part.upperBound, m.text)
        }
        for j in part where text.tokens[j].kind == .word {
            if let m = lex.counterfactualWishes.longestMatch(in: text.tokens, at: j) {
                let start = j + m.length
                guard let end = end(after: start, in: part, text) else { return nil }
                return (start..<end, m.text)
            }
        }
        for j in part where text.tokens[j].kind == .word {
            if let m = lex.counterfactualEnds.longestMatch(in: text.tokens, at: j) { return (text.tokens.reach(before: j, in: part, words: text.constants.window)..<(j + m.length), m.text) }
            if let e = Self.ending(of: j, text) { return (text.tokens.reach(before: j, in: part, words: text.constants.window)..<(j + 1), "-" + lex.counterfactualEndings[e]) }
        }
        return nil
    }

    /// Where the first word that ends a condition at or after `start` in `part` ends, before any punctuation.
    private func end(after start: Int, in part: Range<Int>, _ text: ScoredText) -> Int? {
        for j in start..<part.upperBound {
            if Self.stops(at: j, text) { return nil }
            guard text.tokens[j].kind == .word else { continue }
            if let m = text.lex.counterfactualEnds.longestMatch(in: text.tokens, at: j) { return j + m.length }
            if Self.ending(of: j, text) != nil || Self.wishEnding(of: j, text) { return j + 1 }
        }
        return nil
    }

    /// Whether word `j` ends with an ending that ends a condition after a wish (`Keşke kargo daha hızlı olsa`).
    private static func wishEnding(of j: Int, _ text: ScoredText) -> Bool {
        let lex = text.lex
        return !lex.counterfactualWishEndings.isEmpty && text.tokens.withForm(j) { lex.counterfactualWishEndingList.ending(ofUTF8: $0) } != nil
    }

    /// Whether a wish's reach ends at token `j`: a punctuation mark, or a contrast word.
    private static func stops(at j: Int, _ text: ScoredText) -> Bool {
        text.tokens[j].kind == .punctuation || text.tokens[j].kind == .contrast
    }

    /// The ending of an unreal condition that word `j` ends with (its position in the list), unless the
    /// word is an exception (`bilseydim`).
    private static func ending(of j: Int, _ text: ScoredText) -> Int? {
        guard let k = text.lexicon.automaton.conditionEnding(of: text.tokens, at: j), case let .unreal(e) = text.lex.conditionEnding(k),
              text.lex.counterfactualExceptions.longestMatch(in: text.tokens, at: j) == nil
        else { return nil }
        return e
    }
}
