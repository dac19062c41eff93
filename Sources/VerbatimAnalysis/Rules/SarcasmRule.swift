import VerbatimCore

/// Sarcastic praise: a sentence that opens with praise standing alone before a comma (`Harika,`,
/// `Керемет,`, `Super,`) and goes on, before the next comma, to say that something bad happened again
/// (`yine`, `тағы да`, `дахиад`, `opet`, `опять`: `<lang>/again.tsv`) means the opposite of its praise.
/// Every positive term and emoji up to that comma turns negative (`Harika, yine internet kesildi 👏`).
/// Praise with nothing bad after it (`Süper, yine çok hızlı geldi`), and a clause that does not open
/// with praise alone (`Yine internet kesildi ama teknisyen harikaydı`), are left alone.
struct SarcasmRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .sarcasm = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Harika, yine internet kesildi 👏"),
            .init(language: .kk, text: "Керемет, тағы да интернет жоқ"),
            .init(language: .sr, text: "Super, opet nema struje"),
            .init(language: .mn, text: "Гайхалтай, дахиад л интернет тасарлаа"),
            .init(language: .kk, text: "Отлично, опять не работает приложение"),
            .init(language: .sr, text: "Супер, опет не ради апликација"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Süper, yine çok hızlı geldi"),
            .init(language: .tr, text: "Yine internet kesildi ama teknisyen harikaydı"),
            .init(language: .tr, text: "Harika bir hizmet, internet kesildi ama hemen düzeldi"),
            .init(language: .tr, text: "Teşekkürler, internet kesildi"),
            .init(language: .tr, text: "Çok güzel, tekrar arayacağım"),
            .init(language: .tr, text: "Kurgu mükemmel, oyunculuk çok iyi, yine de bazı sahneler sıkıcı"),
            .init(language: .tr, text: "Harika, yine de bazı sorunlar var"),
        ])

    /// The most words the opening praise may have, the praise word included (`Harika`, `Çok güzel`,
    /// `Teşekkürler Turkcell`).
    static let openingWords = 3

    func apply(to text: inout ScoredText) {
        let tokens = text.tokens
        guard !text.lex.againWords.terms.isEmpty, let comma = firstComma(tokens), openingIsPraise(before: comma, text) else { return }
        let clause = tokens[comma].clause
        // What follows the opening: up to the next comma or the clause's end.
        var end = comma + 1
        while end < tokens.count, tokens[end].clause == clause, !tokens.isComma(at: end) { end += 1 }
        guard let again = againWord(in: (comma + 1)..<end, text) else { return }
        // A complaint there, other than an aspect entry made of the word itself, which says only that it
        // happens again (`tekrar ara*`: "Çok güzel, tekrar arayacağım"; not `opet ne radi`, a complaint).
        let complaint = text.hits.contains {
            $0.start > comma && $0.start < end && $0.valence < 0 && !($0.aspect != nil && ($0.start..<($0.start + $0.length)).contains(again.at))
        }
        guard complaint else { return }
        for h in text.hits.indices where text.hits[h].start < end && text.hits[h].clause == clause && text.hits[h].valence > 0 {
            text.hits[h].valence = -text.hits[h].valence
            text.hits[h].negations += 1
            text.note(h, .sarcasm(again.word))
        }
    }

    /// The first comma of the text, when the words before it, in the first clause, are few enough to be an opening.
    private func firstComma(_ tokens: TokenList) -> Int? {
        var words = 0
        for i in tokens.indices {
            if tokens.isComma(at: i) { return words > 0 ? i : nil }
            if tokens[i].kind == .word { words += 1 }
            if words > Self.openingWords || tokens[i].clause != tokens[0].clause { return nil }
        }
        return nil
    }

    /// Whether the words before the comma open with praise: a positive term among them, and nothing negative.
    private func openingIsPraise(before comma: Int, _ text: ScoredText) -> Bool {
        let opening = text.hits.filter { $0.start < comma }
        return !opening.isEmpty && opening.allSatisfy { $0.valence > 0 && $0.start + $0.length <= comma }
    }

    /// The first word of `range` that says "again": as its data file writes it, and where.
    private func againWord(in range: Range<Int>, _ text: ScoredText) -> (word: String, at: Int)? {
        let tokens = text.tokens
        for j in range where tokens[j].kind == .word {
            if let m = text.lex.againWords.longestMatch(in: tokens, at: j) { return (m.text, j) }
        }
        return nil
    }
}
