import VerbatimCore

/// Concession (`gerçi`, `iako`, `mada`): the clause a concessive conjunction
/// introduces, up to a comma or the clause end, is the concession and weighs `contrastBeforeWeight`;
/// the rest of its clause is the point and weighs `contrastAfterWeight`. A hit that `ContrastRule`
/// weighed keeps that weight.
///
/// A particle that closes the concession (`… ч` in `concessive.tsv`: Mongolian `Үйлчилгээ сайн ч үнэ нь
/// өндөр`, "the service is good, though the price is high") makes the words before it, from the clause's
/// start or the last comma, the concession; only right after a term and before a word that is no
/// negation word (not `хэн ч`, "nobody"; not `сайн ч биш`, "not good either").
struct ConcessionRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool {
        switch mark {
        case .concession, .mainClause: true
        default: false
        }
    }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Gerçi pahalı, kalitesi harika"),
            .init(language: .sr, text: "Iako je skupo, kvalitet je odličan"),
            .init(language: .mn, text: "Үйлчилгээ сайн ч үнэ нь өндөр"),
            .init(language: .mn, text: "Ажилтан эелдэг ч асуудлыг шийдэж чадаагүй"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Pahalı ama kalitesi harika"),
            .init(language: .mn, text: "Хэн ч утсаа авсангүй, муу үйлчилгээ"),
            .init(language: .mn, text: "Сайн ч биш, муу ч биш"),
            .init(language: .mn, text: "Үйлчилгээ сайн ч"),
        ])

    func apply(to text: inout ScoredText) {
        let (span, clauses) = concessions(text)
        guard !clauses.isEmpty else { return }
        let c = text.constants
        for h in text.hits.indices where !text.hits[h].weighted {
            if let word = span[text.hits[h].start] {
                text.weigh(h, c.contrastBeforeWeight, .concession(word))
            } else if let word = clauses[text.hits[h].clause] {
                text.weigh(h, c.contrastAfterWeight, .mainClause(word))
            }
        }
    }

    /// Per token, the concessive whose span covers it; per clause, its first concessive.
    /// Both are empty when the text has no concessive, as most have: nothing is made for it then.
    private func concessions(_ text: ScoredText) -> (span: [String?], clause: [Int: String]) {
        let tokens = text.tokens
        var span: [String?] = []
        var clauses: [Int: String] = [:]
        var j = 0
        while j < tokens.count {
            guard tokens[j].kind == .word, let c = text.lex.concessives.longestMatch(in: tokens, at: j) else { j += 1; continue }
            let clause = tokens[j].clause
            var (start, end) = (j, j + c.length)
            if c.payload {
                while end < tokens.count, tokens[end].clause == clause, !tokens.isComma(at: end) { end += 1 }
            } else {
                guard closes(at: j, length: c.length, text) else { j += 1; continue }
                while start > 0, tokens[start - 1].clause == clause, !tokens.isComma(at: start - 1) { start -= 1 }
            }
            if span.isEmpty { span = [String?](filled: nil, count: tokens.count) }
            let word = c.text
            for k in start..<end { span[k] = word }
            if clauses[clause] == nil { clauses[clause] = word }
            j = end
        }
        return (span, clauses)
    }

    /// Whether the closing particle at `j` closes a concession (`closes(_:at:length:termEndsBefore:isNegator:)`).
    private func closes(at j: Int, length: Int, _ text: ScoredText) -> Bool {
        Self.closes(text.tokens, at: j, length: length, termEndsBefore: text.hits.contains { $0.kind == .term && $0.start + $0.length == j }) {
            switch text.roles[$0] {
            case .negatorBefore, .negatorAfter, .loanNegatorBefore, .loanNegatorAfter: true
            default: false
            }
        }
    }

    /// Whether a closing particle of `length` words at `j` closes a concession: a term ends right before
    /// it, and a word of its clause that is no negation word follows it. (The theme tagger asks too, to cut
    /// its segments there: `AspectMatcher.segmentsAndConcession`.)
    static func closes(_ tokens: TokenList, at j: Int, length: Int, termEndsBefore: Bool, isNegator: (Int) -> Bool) -> Bool {
        let next = j + length
        guard termEndsBefore, j > 0, next < tokens.count, tokens[next].kind == .word, tokens[next].clause == tokens[j].clause else { return false }
        return !isNegator(next)
    }
}
