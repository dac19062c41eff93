import VerbatimCore

/// The irony mark: `(!)` or `(?)` right after praise says the writer means the opposite or doubts it
/// (`Teşekkürler(!)`, `çok hızlı (!) kargo`, `Harika hizmet (!)`, `brza (?) dostava`), as Turkish, Russian
/// and Serbian writers use it. The praise term that ends nearest before the mark (at most `reach` words
/// before it, with no other term between) turns negative, and
/// `--explain` shows `irony((!))`. A mark after a complaint (`Kargo gelmedi (!)`), and brackets holding
/// anything else (`Harika (2 günde geldi)`), change nothing. The `!` of the mark emphasise nothing
/// (`ExclamationRule`).
struct IronyMarkRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .irony = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Teşekkürler(!) yemek 1 saat sonra geldi"),
            .init(language: .tr, text: "Çok hızlı (!) bir kargo, 10 günde geldi"),
            .init(language: .sr, text: "Hvala (!) što ste me ostavili bez interneta"),
            .init(language: .sr, text: "Brza (?) dostava, paket stigao posle dve nedelje"),
            .init(language: .kk, text: "Рахмет (!) үш күн күттім"),
            .init(language: .mn, text: "Баярлалаа (!!) гурван өдөр хүлээлгэсэн"),
            .init(language: .tr, text: "Harika hizmet (!)"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Teşekkürler! Çok hızlı geldi"),
            .init(language: .tr, text: "Kargo gelmedi (!)"),
            .init(language: .tr, text: "Güzel bir ürün ama kargo gelmedi (!)"),
            .init(language: .tr, text: "Harika (2 günde geldi)"),
            .init(language: .sr, text: "Hvala (nadam se da će biti rešeno)"),
        ])

    /// How many words before the mark the praise may end (`Harika hizmet (!)`).
    static let reach = 2
    /// The most `!` or `?` a mark may hold (`(!!!)`).
    static let maxMarks = 3

    func apply(to text: inout ScoredText) {
        let tokens = text.tokens
        // Most texts have no `(`: one look at each token's kind and byte.
        for i in tokens.indices.dropFirst() where tokens.isPunctuation(at: i, 0x28) && tokens[i - 1].kind == .word && Self.markLength(tokens, at: i) != nil {
            flipPraise(before: i, Self.markText(tokens, at: i), &text)
        }
    }

    /// Turns negative the praise that ends nearest before the mark at `i`, within `reach` words of it and
    /// with no other term between (`Harika hizmet (!)`: `harika`).
    private func flipPraise(before i: Int, _ mark: String, _ text: inout ScoredText) {
        var end = i
        while end > 0, i - end < Self.reach, text.tokens[end - 1].kind == .word {
            let ending = text.hits.indices.filter { text.hits[$0].start + text.hits[$0].length == end }
            if !ending.isEmpty {
                for h in ending where text.hits[h].valence > 0 { text.turnAround(h, .irony(mark)) }
                return
            }
            end -= 1
        }
    }

    /// The tokens of an irony mark starting at token `i` (`(`, one to `maxMarks` of `!` or of `?`, `)`),
    /// when one starts there.
    static func markLength(_ tokens: TokenList, at i: Int) -> Int? {
        guard tokens.isPunctuation(at: i, 0x28) else { return nil }
        var j = i + 1
        let mark: UInt8 = j < tokens.count && tokens.isPunctuation(at: j, 0x3F) ? 0x3F : 0x21
        while j < tokens.count, j - i <= maxMarks, tokens.isPunctuation(at: j, mark) { j += 1 }
        guard j > i + 1, j < tokens.count, tokens.isPunctuation(at: j, 0x29) else { return nil }
        return j - i + 1
    }

    /// Whether token `i` is an irony mark's `!` (which then emphasises nothing).
    static func isInsideMark(_ tokens: TokenList, _ i: Int) -> Bool {
        var start = i
        while start > 0, i - start < maxMarks, tokens.isPunctuation(at: start, 0x21) { start -= 1 }
        guard let length = markLength(tokens, at: start) else { return false }
        return i < start + length - 1
    }

    /// The mark as written, without spaces: `(!)`, `(??)`.
    private static func markText(_ tokens: TokenList, at i: Int) -> String {
        (i..<(i + (markLength(tokens, at: i) ?? 0))).map { tokens.form($0) }.joined()
    }

}
