import VerbatimCore

/// A question says that what it asks about has not happened, or is in doubt: `Param ne zaman iade
/// edilecek?` ("when will my money be refunded?") is no refund, `Param iade edildi mi?` ("was my money
/// refunded?") neither, and `Интернет қашан жақсы болады?`, `Kada će biti rešen moj problem?`, `Когда будет
/// хорошая связь?`, `Асуудал шийдэгдсэн үү?`, `Da li je problem rešen?`, `Bu mu kaliteli hizmet?` ("is this
/// quality service?") praise nothing. The words that make a question are `condition.tsv`'s: where a `?`
/// follows a word that asks when (kind `asks-when`) in its sentence, at most `maxWords` words later and with
/// no comma between, the praise between them is asked about; where a word asks whether (kind `asks-whether`,
/// a particle), the praise of its whole clause is, from the clause's start (a comma or the sentence's, at
/// most `maxWords` words back) to the `?` (at most `maxWords` words on). What is asked about weighs, as what
/// a real condition supposes does, `SentimentRules.conditionWeight` (0 by default), and the evidence shows the
/// word (`iade edil* +1.5 [question(ne zaman)] → 0`). A complaint in the question stays (`Bu rezalet ne zaman
/// bitecek?`), and so does praise before the word that asks when, in a sentence without `?` (`Ne zaman
/// arasam hemen yardımcı oluyorlar`, "whenever I call they help at once"), and in a question that answers
/// itself (kind `rhetorical`: `Harika değil mi?`, "great, isn't it?"; `Bundan güzeli olabilir mi?`, "could
/// there be a better one?").
struct QuestionRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .question = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Param ne zaman iade edilecek?"),
            .init(language: .kk, text: "Интернет қашан жақсы болады?"),
            .init(language: .mn, text: "Мөнгөө хэзээ буцааж өгөх вэ?"),
            .init(language: .sr, text: "Kada će biti rešen moj problem?"),
            .init(language: .kk, text: "Когда будет хорошая связь?"),
            .init(language: .tr, text: "Param iade edildi mi?"),
            .init(language: .tr, text: "Bu mu kaliteli hizmet?"),
            .init(language: .kk, text: "Ақшам қайтарылды ма?"),
            .init(language: .mn, text: "Асуудал шийдэгдсэн үү?"),
            .init(language: .sr, text: "Da li je moj problem rešen?"),
            .init(language: .kk, text: "Хорошая ли у вас связь?"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Ne zaman arasam hemen yardımcı oluyorlar"),
            .init(language: .tr, text: "Bu rezalet ne zaman bitecek?"),
            .init(language: .tr, text: "Harika bir hizmet, ne zaman tekrar açılacak?"),
            .init(language: .tr, text: "Harika değil mi?"),
            .init(language: .tr, text: "Bundan daha güzel bir telefon olabilir mi?"),
            .init(language: .tr, text: "Çok memnunum, tekrar alır mıyım?"),
            .init(language: .sr, text: "Odlična usluga, zar ne?"),
        ])

    func apply(to text: inout ScoredText) {
        let weight = text.constants.conditionWeight
        // Most texts have no word that makes a question (as their words' kinds say), and most questions hold no praise.
        guard weight != 1, text.wordKinds & TermAutomaton.Kind.questionWords.bit != 0,
              text.hits.contains(where: { $0.kind == .term && $0.valence > 0 }),
              text.tokens.indices.contains(where: { Self.asks(text.tokens, $0) }) else { return }
        for (asked, word) in Self.askedAbout(text) {
            for h in text.hits.indices where asked.contains(text.hits[h].start) && text.hits[h].kind == .term && text.hits[h].valence > 0
                && !text.hits[h].rules.contains(where: ConditionRule.isSaidOtherwise) {
                text.suppose(h, weight, .question(word))
            }
        }
    }

    /// What each question asks about (the tokens whose praise it doubts), with the word that asks as its data
    /// file writes it; not the questions that answer themselves.
    private static func askedAbout(_ text: ScoredText) -> [(Range<Int>, String)] {
        let tokens = text.tokens
        var found: [(asked: Range<Int>, word: String)] = []
        var rhetorical: Set<Int> = []  // the `?` of each question that answers itself
        var j = 0
        while j < tokens.count {
            guard tokens[j].kind == .word, text.lexicon.automaton.kinds(of: tokens, j) & TermAutomaton.Kind.questionWords.bit != 0,
                  let m = text.lex.questionWords.longestMatch(in: tokens, at: j) else { j += 1; continue }
            let after = j + m.length
            guard let mark = questionMark(tokens, after: after, sentence: tokens[j].sentence) else { j = after; continue }
            switch m.payload {
            case .asksWhen: found.append((after..<mark, m.text))
            case .asksWhether: found.append((clauseStart(tokens, before: j)..<mark, m.text))
            case .rhetorical: rhetorical.insert(mark)
            }
            j = m.payload == .asksWhen ? mark : after
        }
        return found.filter { !rhetorical.contains($0.asked.upperBound) }.map { ($0.asked, $0.word) }
    }

    /// The `?` that ends the question going on at `start`: in its sentence, at most `maxWords` words on,
    /// with no comma before it (`ne zaman bir filme çok güvensem …, …?` is "whenever").
    private static func questionMark(_ tokens: TokenList, after start: Int, sentence: Int) -> Int? {
        var end = start, words = 0
        while end < tokens.count, tokens[end].sentence == sentence, !asks(tokens, end), !tokens.isComma(at: end), words <= maxWords {
            if tokens[end].kind == .word { words += 1 }
            end += 1
        }
        return end < tokens.count && words <= maxWords && asks(tokens, end) ? end : nil
    }

    /// Where the clause holding token `i` starts: after a comma or the sentence's start, at most `maxWords` words back.
    private static func clauseStart(_ tokens: TokenList, before i: Int) -> Int {
        var start = i, words = 0
        while start > 0, tokens[start - 1].sentence == tokens[i].sentence, !tokens.isComma(at: start - 1), !asks(tokens, start - 1), words < maxWords {
            if tokens[start - 1].kind == .word { words += 1 }
            start -= 1
        }
        return start
    }

    /// The most words between the word that asks and the `?` (`Kada ćete mi vratiti novac?`: 4), and from a
    /// particle back to its clause's start.
    private static let maxWords = 6

    /// Whether token `i` is punctuation with a question mark (`?`, `??`, `?!`).
    private static func asks(_ tokens: TokenList, _ i: Int) -> Bool {
        tokens[i].kind == .punctuation && tokens.withForm(i) { $0.contains(0x3F) }
    }
}
