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
struct CompetitorRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .competitor = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Rakip firma çok daha iyi, bir daha sizden almam"),
            .init(language: .tr, text: "Diğer operatörde internet çok hızlı"),
            .init(language: .sr, text: "Konkurencija je mnogo bolja"),
            .init(language: .kk, text: "Басқа оператор әлдеқайда жақсы"),
            .init(language: .mn, text: "Өөр оператор илүү сайн"),
            .init(language: .kk, text: "У конкурентов дешевле и удобнее"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Rakiplerden çok daha iyi"),
            .init(language: .tr, text: "Diğer markalarda 1200 TL olan süpürgeden daha kullanışlı"),
            .init(language: .tr, text: "Rakip firma da kötü"),
            .init(language: .tr, text: "Kargo çok hızlı geldi"),
            .init(language: .sr, text: "Mnogo bolji od konkurencije"),
            .init(language: .kk, text: "Лучше, чем у конкурентов"),
        ])

    func apply(to text: inout ScoredText) {
        guard Self.mayNameOne(text) else { return }
        for part in text.tokens.parts() {
            guard let name = Self.competitor(in: part, text) else { continue }
            for h in text.hits.indices where part.contains(text.hits[h].start) && !name.range.contains(text.hits[h].start)
                && text.hits[h].valence > 0 && !text.hits[h].rules.contains(where: Self.isTurned) {
                text.turnAround(h, .competitor(name.text))
            }
        }
    }

    /// Whether the text names another company: most have no word that may start a name, as their kinds say
    /// (`ScoredText.wordKinds`), and the first words of most names are common (`diğer`, `басқа`, `өөр`):
    /// those are looked up before the text's parts are made.
    private static func mayNameOne(_ text: ScoredText) -> Bool {
        let bit = TermAutomaton.Kind.competitorNames.bit
        guard text.wordKinds & bit != 0 else { return false }
        let tokens = text.tokens, automaton = text.lexicon.automaton, names = text.lex.competitorNames
        return tokens.indices.contains { j in
            tokens[j].kind == .word && automaton.kinds(of: tokens, j) & bit != 0 && names.longestMatch(in: tokens, at: j) != nil
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
    /// part has a standard elsewhere (`süpürgeden daha`).
    private static func competitor(in part: Range<Int>, _ text: ScoredText) -> (range: Range<Int>, text: String)? {
        let tokens = text.tokens, lex = text.lex
        var found: (range: Range<Int>, text: String)?
        for j in part where tokens[j].kind == .word {
            guard let m = lex.competitorNames.longestMatch(in: tokens, at: j) else { continue }
            if isStandard(j..<(j + m.length), in: part, text) { return nil }
            if found == nil { found = (j..<(j + m.length), m.text) }
        }
        guard let found, !hasStandard(in: part, text) else { return nil }
        return found
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
