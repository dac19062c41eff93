import VerbatimCore

/// Concession (`gerçi`, `iako`, `mada`): the clause a concessive conjunction
/// introduces, up to a comma or the clause end, is the concession and weighs `contrastBeforeWeight`;
/// the rest of its clause is the point and weighs `contrastAfterWeight`. A hit that `ContrastRule`
/// weighed keeps that weight.
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
        ],
        nonTriggering: [
            .init(language: .tr, text: "Pahalı ama kalitesi harika"),
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
            var end = j + c.length
            while end < tokens.count, tokens[end].clause == clause, !tokens.isComma(at: end) { end += 1 }
            if span.isEmpty { span = [String?](filled: nil, count: tokens.count) }
            let word = c.text
            for k in j..<end { span[k] = word }
            if clauses[clause] == nil { clauses[clause] = word }
            j = end
        }
        return (span, clauses)
    }
}
