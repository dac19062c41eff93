import VerbatimCore

/// Finds customer-service themes in tokenized text and gives each the
/// polarity of the clause it stands in ("polite but slow" → courtesy
/// positive, wait_time negative). A clause without sentiment words takes
/// the record's label.
public struct ThemeTagger: Sendable {
    public let lexicons: LexiconSet
    public let rules: SentimentRules

    public init(lexicons: LexiconSet, rules: SentimentRules = SentimentRules()) {
        self.lexicons = lexicons
        self.rules = rules
    }

    public func tag(_ tokens: [Token], language: Language, sentiment: SentimentResult?) -> [ThemeMention] {
        guard let lex = lexicons.languages[language], lex.themes.count > 0 else { return [] }
        var found: [String: (score: Double, keyword: String, order: Int)] = [:]
        var i = 0
        var order = 0
        while i < tokens.count {
            guard tokens[i].kind == .word, let m = lex.themes.longestMatch(in: tokens, at: i) else { i += 1; continue }
            let clause = tokens[i].clause
            let clauseScore = sentiment.flatMap { clause < $0.clauseScores.count ? $0.clauseScores[clause] : nil } ?? 0
            let score = clauseScore != 0 ? clauseScore : (sentiment?.score ?? 0)
            for theme in m.term.payload.split(separator: "|").map(String.init) where theme != "none" {
                if let prev = found[theme] {
                    found[theme] = (prev.score + score, prev.keyword, prev.order)
                } else {
                    found[theme] = (score, m.term.text, order); order += 1
                }
            }
            i += m.length
        }
        return found.sorted { $0.value.order < $1.value.order }.map { theme, v in
            ThemeMention(theme: theme, polarity: rules.label(v.score), keyword: v.keyword, score: v.score)
        }
    }
}
