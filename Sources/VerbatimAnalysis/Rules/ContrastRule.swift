import VerbatimCore

/// Contrast (`ama`, `бірақ`, `гэхдээ`, `ali`): the clause that a contrast conjunction starts weighs
/// `contrastAfterWeight`, the clause before it `contrastBeforeWeight` (VADER's "but"). A contrast word
/// at the start of a sentence ("…. Ama …") still contrasts with the sentence before. A contrast word
/// right before a consolation word ("but at least": `ama en azından`, `ali bar`, `но хотя бы`;
/// `consolation.tsv`) is turned around: the clause it starts is the consolation (`contrastBeforeWeight`,
/// `concession(en azından)`), the clause before the point (`contrastAfterWeight`, `main clause(…)`).
struct ContrastRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool {
        switch mark {
        case .contrastAfter, .contrastBefore: true
        default: false
        }
    }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Kargo hızlıydı ama ürün kötü"),
            .init(language: .kk, text: "Жеткізу жылдам, бірақ тауар нашар"),
            .init(language: .sr, text: "Dostava je brza, ali proizvod je loš"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Kargo hızlıydı ve ürün güzel"),
            .init(language: .tr, text: "Ürün kötü ama en azından kargo hızlı"),
            .init(language: .sr, text: "Nisam zadovoljan, ali bar su ljubazni"),
        ])

    func apply(to text: inout ScoredText) {
        // Per clause, the contrast words that start it (an array by clause number, not a dictionary: a
        // dictionary hashed the clause for every hit; every hit stands in a token's clause).
        var clauses = 0, contrasts = false
        var firstConsolation: Int?  // the first contrast word with a consolation after it
        for i in text.tokens.indices {
            clauses = max(clauses, text.tokens[i].clause + 1)
            if text.tokens[i].kind == .contrast {
                contrasts = true
                if firstConsolation == nil, consolation(after: i, text) != nil { firstConsolation = i }
            }
        }
        guard contrasts else { return }
        // A clause that a contrast word and a consolation word start ("ama (yine de) en azından") is a
        // consolation; the other contrast clauses are contrasts. Made only for a text with a consolation.
        var yieldAt: [String?] = []
        if let first = firstConsolation {
            yieldAt = [String?](filled: nil, count: clauses + 1)
            for i in first..<text.tokens.count where text.tokens[i].kind == .contrast {  // by index: no token copies
                if let consolation = consolation(after: i, text) { yieldAt[text.tokens[i].clause] = consolation }
            }
        }
        var contrastAt = [String?](filled: nil, count: clauses + 1)
        for i in text.tokens.indices where text.tokens[i].kind == .contrast && (yieldAt.isEmpty || yieldAt[text.tokens[i].clause] == nil) {
            let clause = text.tokens[i].clause
            // The words are written into the marks only: without them, the clause is all that counts.
            contrastAt[clause] = text.explains ? (contrastAt[clause].map { $0 + " " } ?? "") + text.tokens.surface(i).lowercased() : ""
        }
        let c = text.constants
        for h in text.hits.indices {
            let clause = text.hits[h].clause
            if let word = contrastAt[clause] {
                text.weigh(h, c.contrastAfterWeight, .contrastAfter(word))
            } else if let word = contrastAt[clause + 1] {
                text.weigh(h, c.contrastBeforeWeight, .contrastBefore(word))
            } else if yieldAt.isEmpty {
                continue
            } else if let word = yieldAt[clause] {
                text.weigh(h, c.contrastBeforeWeight, .concession(word))
            } else if let word = yieldAt[clause + 1] {
                text.weigh(h, c.contrastAfterWeight, .mainClause(word))
            }
        }
    }

    /// The consolation word right after the contrast word at `i` ("but at least"), as its entry reads.
    private func consolation(after i: Int, _ text: ScoredText) -> String? {
        let next = i + 1
        guard next < text.tokens.count, text.tokens[next].kind == .word,
              let c = text.lex.consolations.longestMatch(in: text.tokens, at: next) else { return nil }
        return c.text
    }
}

extension SentimentScorer.Hit {
    /// Weighs the hit by its clause's weight (contrast or concession), once; a weight it has already (a
    /// real condition's) stays a factor.
    mutating func weigh(_ w: Double, _ mark: RuleMark?) {
        weighted = true
        if let mark { self.mark(mark) }
        weight *= w
        if w != 1 { valence *= w }
    }
}
