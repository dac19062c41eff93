import VerbatimCore

/// A question that asks when says that what it asks about has not happened: `Param ne zaman iade
/// edilecek?` ("when will my money be refunded?") is no refund, `Мөнгөө хэзээ буцааж өгөх вэ?` neither, and
/// `Интернет қашан жақсы болады?`, `Kada će biti rešen moj problem?`, `Когда будет хорошая связь?` praise
/// nothing. Where a `?` follows a word
/// that asks when (`condition.tsv`, kind `asks-when`) in its sentence, at most `maxWords` words later and
/// with no comma between, the praise between them weighs, as what a real condition supposes does,
/// `SentimentRules.conditionWeight` (0 by default), and the evidence shows the word (`iade edil* +1.5
/// [question(ne zaman)] → 0`). A complaint in the question stays (`Bu rezalet ne
/// zaman bitecek?`), and so does praise before the word or in a sentence without `?` (`Ne zaman arasam
/// hemen yardımcı oluyorlar`, "whenever I call they help at once").
struct QuestionRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .question = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Param ne zaman iade edilecek?"),
            .init(language: .kk, text: "Интернет қашан жақсы болады?"),
            .init(language: .mn, text: "Мөнгөө хэзээ буцааж өгөх вэ?"),
            .init(language: .sr, text: "Kada će biti rešen moj problem?"),
            .init(language: .kk, text: "Когда будет хорошая связь?"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Ne zaman arasam hemen yardımcı oluyorlar"),
            .init(language: .tr, text: "Bu rezalet ne zaman bitecek?"),
            .init(language: .tr, text: "Harika bir hizmet, ne zaman tekrar açılacak?"),
            .init(language: .tr, text: "Param iade edildi mi?"),
        ])

    func apply(to text: inout ScoredText) {
        let weight = text.constants.conditionWeight
        // Most texts have no word that asks when (as their words' kinds say), and most questions hold no praise.
        guard weight != 1, text.wordKinds & TermAutomaton.Kind.conditionWhens.bit != 0,
              text.hits.contains(where: { $0.kind == .term && $0.valence > 0 }),
              text.tokens.indices.contains(where: { Self.asks(text.tokens, $0) }) else { return }
        for (asked, word) in Self.askedWhen(text) {
            for h in text.hits.indices where asked.contains(text.hits[h].start) && text.hits[h].kind == .term && text.hits[h].valence > 0
                && !text.hits[h].rules.contains(where: ConditionRule.isSaidOtherwise) {
                text.suppose(h, weight, .question(word))
            }
        }
    }

    /// What each question that asks when asks about: the tokens from after its word to the `?` that ends its
    /// sentence, with the word as its data file writes it.
    private static func askedWhen(_ text: ScoredText) -> [(Range<Int>, String)] {
        let tokens = text.tokens
        var found: [(Range<Int>, String)] = []
        var j = 0
        while j < tokens.count {
            guard tokens[j].kind == .word, text.lexicon.automaton.kinds(of: tokens, j) & TermAutomaton.Kind.conditionWhens.bit != 0,
                  let m = text.lex.conditionWhens.longestMatch(in: tokens, at: j) else { j += 1; continue }
            let start = j + m.length
            var end = start, words = 0
            // The question is short and has no comma: `ne zaman bir filme çok güvensem …, …?` is "whenever".
            while end < tokens.count, tokens[end].sentence == tokens[j].sentence, !asks(tokens, end), !tokens.isComma(at: end), words <= maxWords {
                if tokens[end].kind == .word { words += 1 }
                end += 1
            }
            if end < tokens.count, words <= maxWords, asks(tokens, end) { found.append((start..<end, m.text)) }
            j = max(end, start)
        }
        return found
    }

    /// The most words between the word that asks and the `?` (`Kada ćete mi vratiti novac?`: 4).
    private static let maxWords = 6

    /// Whether token `i` is punctuation with a question mark (`?`, `??`, `?!`).
    private static func asks(_ tokens: TokenList, _ i: Int) -> Bool {
        tokens[i].kind == .punctuation && tokens.withForm(i) { $0.contains(0x3F) }
    }
}
