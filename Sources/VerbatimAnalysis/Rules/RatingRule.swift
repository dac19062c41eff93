import VerbatimCore

/// A rating written in the text (`3/10`, `10/10`, `4/5`, `9,5 / 10`, and stars: `5 yıldız`, `3 жұлдыз`,
/// a number before a word of the language's `stars.tsv`) says what the customer thinks: it scores by
/// where it stands on its scale, read with the survey definitions
/// (`SurveyRating`: NPS bands out of 10, CSAT bands out of 5). A rating in the low band (0–6 out of 10,
/// 1–2 out of 5) is negative, the lower the stronger; the high band (9–10, 4–5) is positive, the higher
/// the stronger; the middle band (7–8, 3) scores 0 and shows in the evidence as a rating that says neither.
///
/// Out of 10 the score may stand on either side (`10/7`, seven out of ten, is written so in Turkish
/// reviews): the side that is not 10 is the score. A number that continues a date (`12/10/2026`,
/// `2026/10/5`) is no rating. The rating takes no negation, intensifier or emphasis; the clause it
/// stands in weighs it (`güzel ama 4/10`), as it weighs any term.
struct RatingRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { mark == .rating }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Hizmet 3/10, bir daha gelmem"),
            .init(language: .tr, text: "Film 10/9"),
            .init(language: .sr, text: "Ocena 9,5 / 10"),
            .init(language: .kk, text: "Қосымша 5/5"),
            .init(language: .mn, text: "Үйлчилгээ 8/10"),
            .init(language: .kk, text: "Маған ұнамады, 1 жұлдыз"),
            .init(language: .tr, text: "Uygulamaya 5 yıldız veriyorum"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Siparişim 12/10/2026 tarihinde geldi ama kutu ezikti"),
            .init(language: .tr, text: "7/24 destek hattı harika"),
            .init(language: .sr, text: "Stiglo je 15/11, super"),
            .init(language: .tr, text: "Otel 7 yıldız gibi"),
        ])

    func apply(to text: inout ScoredText) {
        guard text.constants.ratingValence != 0 else { return }
        let tokens = text.tokens
        var added = false
        var i = 0
        while i + 1 < tokens.count {
            guard tokens[i].kind == .number, let rating = Self.rating(in: tokens, at: i) ?? Self.stars(in: tokens, at: i, text.lex) else { i += 1; continue }
            let v = round2(text.constants.ratingValence(rating.score, outOf: rating.scale))
            text.hits.append(.init(start: i, length: rating.length, valence: v, base: v, named: rating.written, rules: [.rating],
                                   clause: tokens[i].clause, negatable: false))
            added = true
            i += rating.length
        }
        guard added else { return }
        text.hits.sort { $0.start < $1.start }
        text.updateCoverage()
    }

    /// The rating that tokens `i`, `i + 1`, `i + 2` write (`number / number`), as its score, its scale
    /// (5 or 10) and how it is written in the evidence (`3/10`, with a dot for a decimal comma).
    static func rating(in tokens: TokenList, at i: Int) -> Rating? {
        guard i + 2 < tokens.count, tokens[i].kind == .number, tokens[i + 1].kind == .punctuation, tokens.formEquals(i + 1, "/"), tokens[i + 2].kind == .number,
              !continuesDate(tokens, before: i), !continuesDate(tokens, after: i + 2),
              let a = value(tokens.form(i)), let b = value(tokens.form(i + 2))
        else { return nil }
        let written = tokens.form(i) + "/" + tokens.form(i + 2)
        if b == 10 || b == 5, a <= b, b == 10 || a >= 1 { return Rating(score: a, scale: b, written: written, length: 3) }
        if a == 10, b <= 10 { return Rating(score: b, scale: 10, written: written, length: 3) }
        return nil
    }

    /// A star rating: the number at `i` (0 to 5) before a star word of `stars.tsv`, written `5 yıldız*`
    /// in the evidence (the number and the entry as it reads).
    static func stars(in tokens: TokenList, at i: Int, _ lex: LanguageLexicon) -> Rating? {
        guard i + 1 < tokens.count, tokens[i].kind == .number, tokens[i + 1].kind == .word, !continuesDate(tokens, before: i),
              let n = value(tokens.form(i)), n <= 5, let m = lex.starWords.longestMatch(in: tokens, at: i + 1)
        else { return nil }
        return Rating(score: n, scale: 5, written: tokens.form(i) + " " + m.text, length: 1 + m.length)
    }

    /// A rating found in the tokens: its score, scale, how the evidence writes it, and how many tokens it covers.
    struct Rating {
        var score: Double
        var scale: Double
        var written: String
        var length: Int
    }

    /// A number token's value (`4`, `9,5`, `7.5`); nil for a thousands-grouped or longer number (`1.000`).
    private static func value(_ form: String) -> Double? {
        guard form.utf8.count <= 4 else { return nil }
        let v = Double(form.replacingOccurrences(of: ",", with: "."))
        return v.flatMap { $0 >= 0 && $0 <= 10 ? $0 : nil }
    }

    /// Whether the number at `i` is preceded by `number /` or `number .` (a date's earlier part).
    private static func continuesDate(_ tokens: TokenList, before i: Int) -> Bool {
        i >= 2 && tokens[i - 1].kind == .punctuation && (tokens.formEquals(i - 1, "/") || tokens.formEquals(i - 1, ".")) && tokens[i - 2].kind == .number
    }

    /// Whether the number at `i` is followed by `/ number` (a date's later part).
    private static func continuesDate(_ tokens: TokenList, after i: Int) -> Bool {
        i + 2 < tokens.count && tokens[i + 1].kind == .punctuation && tokens.formEquals(i + 1, "/") && tokens[i + 2].kind == .number
    }
}
