import VerbatimCore

/// Learned word pairs (`a + b` in a learned layer): two adjacent words of one clause whose pair a layer
/// has add its valence on top of whatever each word scored, as a bag of words counts a pair beside its
/// words (`izlemenizi + tavsiye`, `beklediğim + gibi`). Unlike a phrase, a pair claims nothing: its words
/// keep their own terms and rules. It takes no modifiers and negates nothing.
struct PairRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { mark == .pair }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Herkese izlemenizi tavsiye ederim", withLearnedLayer: true),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Herkese izlemenizi tavsiye ederim"),
            .init(language: .tr, text: "Tavsiye. İzlemenizi", withLearnedLayer: true),
        ])

    func apply(to text: inout ScoredText) {
        guard text.lex.learnedPairs.count > 0 else { return }
        let tokens = text.tokens
        for (i, j) in Self.pairs(tokens) {
            var pair = tokens
            pair.replaceTokens(with: [tokens[i], tokens[j]])
            pair[0].kind = .word
            pair[1].kind = .word
            guard let m = text.lex.learnedPairs.longestMatch(in: pair, at: 0), m.length == 2, m.payload != 0 else { continue }
            text.hits.append(.init(start: i, length: j - i + 1, valence: m.payload, base: m.payload, rules: [.pair],
                                   clause: tokens[i].clause, unit: .pair(m.index), negatable: false))
        }
    }

    /// Positions of the pairs of a text: each word or number and the next one in its clause, over
    /// punctuation (`10/10`, `hızlı, güzel`) but not over an emoji, a link or a mention.
    static func pairs(_ tokens: TokenList) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var previous: Int?
        for k in tokens.indices {
            switch tokens[k].kind {
            case .word, .number:
                if let p = previous, tokens[p].clause == tokens[k].clause { out.append((p, k)) }
                previous = k
            case .punctuation:
                continue
            default:
                previous = nil
            }
        }
        return out
    }
}
