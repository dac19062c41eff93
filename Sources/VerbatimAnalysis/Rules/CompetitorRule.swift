import VerbatimCore

/// Praise of another company is a complaint about this one: `Rakip firma çok daha iyi` ("the competitor is
/// much better"), `Diğer operatörde internet çok hızlı`, `Konkurencija je mnogo bolja`, `Басқа оператор
/// жақсырақ`, `У конкурентов дешевле`. In a part of the text (between commas, in one clause) that names
/// another company (`competitor.tsv`, kind `names`), each positive term turns negative, and `--explain`
/// shows `competitor(rakip*)`. Where the other company is the standard of a comparison, the praise is
/// this company's: the name after a `than-before` word (`bolji od konkurencije`, `лучше, чем у конкурентов`)
/// or ending with a `than-ending` (`rakiplerden çok daha iyi`), or another word with such an ending before
/// a `than-after` word in the part (`diğer markalarda 1200 TL olan süpürgeden daha kullanışlı`). A complaint
/// about another company is left as it is (`Rakip firma da kötü`, "the competitor is bad too", says little
/// about this one), and so is praise already turned (sarcasm, an irony mark).
///
/// A name that is also a contact-centre agent's title (kind `operator`: `diğer operatör`, `басқа оператор`,
/// `drugi operater`, "the other operator") names a company only in a part with words of leaving for it
/// (kind `switch`: `Başka operatöre geçtim`, `Prešao sam kod drugog operatera`, `Перешёл к другому
/// оператору`): `Diğer operatör çok kibardı` praises the other agent. Leaving is a complaint (a hit of
/// `switchValence` on the switch words, `geçtim -2 [competitor(başka operatör*)]`, unless an entry of the
/// lexicon already scores them), and the praise after it, up to a contrast word, is the other company's:
/// `Başka operatöre geçtim, çok memnunum` ("I switched to another operator, very happy").
struct CompetitorRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .competitor = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Rakip firma çok daha iyi, bir daha sizden almam"),
            .init(language: .tr, text: "Diğer operatörde internet çok hızlı"),
            .init(language: .sr, text: "Konkurencija je mnogo bolja"),
            .init(language: .kk, text: "Басқа банк әлдеқайда жақсы"),
            .init(language: .mn, text: "Өөр банк илүү сайн"),
            .init(language: .kk, text: "У конкурентов дешевле и удобнее"),
            .init(language: .tr, text: "Başka operatöre geçtim, çok memnunum"),
            .init(language: .tr, text: "Rakip firmaya geçeceğim artık"),
            .init(language: .sr, text: "Prešao sam kod drugog operatera, mnogo sam zadovoljniji"),
            .init(language: .kk, text: "Басқа операторға ауыстым. Өте ризамын"),
            .init(language: .kk, text: "Перешёл к другому оператору, очень доволен"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Rakiplerden çok daha iyi"),
            .init(language: .tr, text: "Diğer markalarda 1200 TL olan süpürgeden daha kullanışlı"),
            .init(language: .tr, text: "Rakip firma da kötü"),
            .init(language: .tr, text: "Kargo çok hızlı geldi"),
            .init(language: .sr, text: "Mnogo bolji od konkurencije"),
            .init(language: .kk, text: "Лучше, чем у конкурентов"),
            .init(language: .tr, text: "Diğer operatör çok kibardı ve sorunumu çözdü"),
            .init(language: .kk, text: "Басқа оператор өте сыпайы болды"),
            .init(language: .mn, text: "Өөр оператор руу шилжүүлсэн, тэр маш эелдэг байсан"),
            .init(language: .sr, text: "Drugi operater je bio mnogo ljubazniji"),
            .init(language: .tr, text: "Rakip firmaya geçmeyi düşündüm ama temsilciniz çok yardımcı oldu"),
        ])

    func apply(to text: inout ScoredText) {
        guard Self.mayNameOne(text) else { return }
        // Where praise is another company's: the parts that name one (but the name), and after a switch,
        // the rest of the text up to a contrast word.
        var others: [(range: Range<Int>, name: Range<Int>, text: String)] = []
        var switched = false
        for part in text.tokens.parts() {
            guard let found = Self.competitor(in: part, text) else { continue }
            others.append((part, found.name, found.text))
            if !switched, let leaving = found.leaving {
                switched = true
                Self.addSwitch(leaving, name: (found.name, found.text), &text)
                let rest = part.upperBound..<Self.nextContrast(after: part.upperBound, text.tokens)
                if !rest.isEmpty { others.append((rest, rest.lowerBound..<rest.lowerBound, found.text)) }
            }
        }
        guard !others.isEmpty else { return }
        for h in text.hits.indices where text.hits[h].valence > 0 && !text.hits[h].rules.contains(where: Self.isTurned) {
            let start = text.hits[h].start
            guard let other = others.first(where: { $0.range.contains(start) }), !other.name.contains(start) else { continue }
            text.turnAround(h, .competitor(other.text))
        }
    }

    /// A switch to another company is a complaint: a hit of `switchValence` on the switch words, unless a
    /// hit (an entry of the lexicon: `başka operatöre geç*`) already covers them or the name.
    private static func addSwitch(_ leaving: Range<Int>, name: (name: Range<Int>, text: String), _ text: inout ScoredText) {
        let v = text.constants.switchValence
        guard v != 0, !text.hits.contains(where: { h in
            let covers = h.start..<(h.start + h.length)
            return covers.overlaps(leaving) || covers.overlaps(name.name)
        }) else { return }
        let written = text.explains ? text.lex.competitorSwitches.longestMatch(in: text.tokens, at: leaving.lowerBound)?.text : nil
        var hit = SentimentScorer.Hit(start: leaving.lowerBound, length: leaving.count, valence: v, base: v, named: written, rules: [],
                                      clause: text.tokens[leaving.lowerBound].clause, negatable: false)
        if text.explains { hit.mark(.competitor(name.text)) }
        text.hits.append(hit)
        text.hits.sort { $0.start < $1.start }
        text.updateCoverage()
    }

    /// The first contrast word at or after token `i` (`ama`: `Başka operatöre geçtim ama geri döndüm`), or the
    /// end of the text.
    private static func nextContrast(after i: Int, _ tokens: TokenList) -> Int {
        var k = i
        while k < tokens.count, tokens[k].kind != .contrast { k += 1 }
        return k
    }

    /// Whether the text names another company: most have no word that may start a name, as their kinds say
    /// (`ScoredText.wordKinds`), and the first words of most names are common (`diğer`, `басқа`, `өөр`):
    /// those are looked up before the text's parts are made.
    private static func mayNameOne(_ text: ScoredText) -> Bool {
        let bits = TermAutomaton.Kind.competitorNames.bit | TermAutomaton.Kind.competitorOperators.bit
        guard text.wordKinds & bits != 0 else { return false }
        let tokens = text.tokens, automaton = text.lexicon.automaton, lex = text.lex
        return tokens.indices.contains { j in
            guard tokens[j].kind == .word else { return false }
            let kinds = automaton.kinds(of: tokens, j)
            return kinds & TermAutomaton.Kind.competitorNames.bit != 0 && lex.competitorNames.longestMatch(in: tokens, at: j) != nil
                || kinds & TermAutomaton.Kind.competitorOperators.bit != 0 && lex.competitorOperators.longestMatch(in: tokens, at: j) != nil
        }
    }

    /// Praise already meant as its opposite.
    private static func isTurned(_ mark: RuleMark) -> Bool {
        switch mark {
        case .sarcasm, .irony: true
        default: false
        }
    }

    /// The first name of another company in `part` that is not the standard of a comparison, unless the
    /// part has a standard elsewhere (`süpürgeden daha`), with the words of leaving for it (`switch`) when the
    /// part has them. A name that is also an agent's title (`operator`) names a company only beside those.
    private static func competitor(in part: Range<Int>, _ text: ScoredText)
        -> (name: Range<Int>, text: String, leaving: Range<Int>?)? {
        let plain = firstName(in: part, text.lex.competitorNames, text)
        guard let found = plain ?? firstName(in: part, text.lex.competitorOperators, text), !hasStandard(in: part, text) else { return nil }
        let leaving = switchWords(in: part, outside: found.range, text)
        // An agent's title without words of leaving is the other agent.
        if plain == nil, leaving == nil { return nil }
        return (found.range, found.text, leaving)
    }

    /// The first name of `names` in `part`; none when a name of the part is the standard of a comparison.
    private static func firstName(in part: Range<Int>, _ names: TermIndex<Bool>, _ text: ScoredText) -> (range: Range<Int>, text: String)? {
        var found: (range: Range<Int>, text: String)?
        for j in part where text.tokens[j].kind == .word {
            guard let m = names.longestMatch(in: text.tokens, at: j) else { continue }
            if isStandard(j..<(j + m.length), in: part, text) { return nil }
            if found == nil { found = (j..<(j + m.length), m.text) }
        }
        return found
    }

    /// The first words of leaving for another company (`switch`: `geçtim`, `prešao sam`) in `part`, outside the name.
    private static func switchWords(in part: Range<Int>, outside name: Range<Int>, _ text: ScoredText) -> Range<Int>? {
        guard text.wordKinds & TermAutomaton.Kind.competitorSwitches.bit != 0 else { return nil }
        for j in part where text.tokens[j].kind == .word && !name.contains(j) {
            if let m = text.lex.competitorSwitches.longestMatch(in: text.tokens, at: j) { return j..<(j + m.length) }
        }
        return nil
    }

    /// Whether the name at `name` is the standard of a comparison: a `than-before` word ends right before it,
    /// or its last word has a `than-ending`.
    private static func isStandard(_ name: Range<Int>, in part: Range<Int>, _ text: ScoredText) -> Bool {
        if endsAsStandard(name.upperBound - 1, text) { return true }
        var k = name.lowerBound, words = 0
        while k > part.lowerBound, words < maxStandardWords {
            k -= 1
            guard text.tokens[k].kind == .word else { continue }
            words += 1
            if let m = text.lex.competitorStandardsBefore.longestMatch(in: text.tokens, at: k), k + m.length == name.lowerBound { return true }
        }
        return false
    }

    /// Whether a word of the part with a `than-ending` stands right before a `than-after` word
    /// (`süpürgeden daha`): the part compares with that word.
    private static func hasStandard(in part: Range<Int>, _ text: ScoredText) -> Bool {
        let tokens = text.tokens
        for j in part where tokens[j].kind == .word && text.lex.competitorComparatives.longestMatch(in: tokens, at: j) != nil {
            var k = j - 1
            while k >= part.lowerBound, tokens[k].kind != .word { k -= 1 }
            if k >= part.lowerBound, endsAsStandard(k, text) { return true }
        }
        return false
    }

    private static func endsAsStandard(_ k: Int, _ text: ScoredText) -> Bool {
        let endings = text.lex.competitorStandardEndingList
        return !endings.endings.isEmpty && text.tokens.withForm(k) { endings.ending(ofUTF8: $0) } != nil
    }

    /// The most words a `than-before` entry has (`za razliku od`).
    private static let maxStandardWords = 3
}
