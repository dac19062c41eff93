import VerbatimCore

/// A rating written in the text says what the customer thinks: `3/10`, `10/10`, `4/5`, `9,5 / 10`; stars,
/// a number before a `stars` word of the language's `ratings.tsv` (`5 yıldız`, `3 жұлдыз`); points out of
/// 10, a number before a `points` word (`0 puan`, `2 балл`); a scale, an `out-of` word and a score
/// (`10 üzerinden 8`). It scores by where it stands on its scale, read with the survey definitions
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
            .init(language: .tr, text: "Filme 10 üzerinden 3 veriyorum"),
            .init(language: .kk, text: "5 жұлдыздан 1 беремін"),
            .init(language: .sr, text: "Dali su mi 1 od 5 zvezdica"),
            .init(language: .tr, text: "Bu hizmete 0 puan veriyorum"),
            .init(language: .kk, text: "Қызмет көрсетуге 2 балл"),
            .init(language: .tr, text: "Kargo zamanında gelseydi 5 yıldız verirdim"),
            .init(language: .sr, text: "Da je stiglo na vreme, dao bih 5 zvezdica"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Siparişim 12/10/2026 tarihinde geldi ama kutu ezikti"),
            .init(language: .tr, text: "7/24 destek hattı harika"),
            .init(language: .sr, text: "Stiglo je 15/11, super"),
            .init(language: .tr, text: "Otel 7 yıldız gibi"),
            .init(language: .tr, text: "Yüz üzerinden 80 aldım"),
            .init(language: .tr, text: "Alışverişten 250 puan kazandım"),
            .init(language: .tr, text: "Uygulamaya 4 puan veriyorum"),
            .init(language: .tr, text: "Filmin 9.3 puanı çok abartılı"),
        ])

    func apply(to text: inout ScoredText) {
        guard text.constants.ratingValence != 0 else { return }
        let tokens = text.tokens
        var added = false
        var i = 0
        while i + 1 < tokens.count {
            // Most texts hold no number, and most numbers no rating: the kinds are read before any bytes.
            guard tokens[i].kind == .number,
                  // A scale before a score is read first: `5 жұлдыздан 1` is one star out of five, not five stars.
                  let rating = Self.rating(in: tokens, at: i) ?? Self.outOf(in: tokens, at: i, text.lexicon) ?? Self.scoreOf(in: tokens, at: i, text.lexicon)
                    ?? Self.stars(in: tokens, at: i, text.lexicon) ?? Self.points(in: tokens, at: i, text.lexicon)
            else {
                i += 1
                continue
            }
            let v = round2(text.constants.ratingValence(rating.score, on: rating.scale))
            // The text is made only for the evidence, which names the rating as written (`3/10`, `5 yıldız*`).
            let written = text.explains ? rating.written(tokens, i) : nil
            var hit = SentimentScorer.Hit(start: i, length: rating.length, valence: v, base: v, named: written, rules: [.rating],
                                          clause: tokens[i].clause, negatable: false)
            if v > 0, let would = Self.would(beside: i..<(i + rating.length), in: tokens, text.lexicon) {
                hit.valence = text.constants.negated(v)
                hit.negations = 1
                hit.mark(.counterfactual(would))
            }
            text.hits.append(hit)
            added = true
            i += rating.length
        }
        guard added else { return }
        text.hits.sort { $0.start < $1.start }
        text.updateCoverage()
    }

    /// The rating that tokens `i`, `i + 1`, `i + 2` write (`number / number`): its score and its scale (out of 5 or 10).
    static func rating(in tokens: TokenList, at i: Int) -> Rating? {
        guard i + 2 < tokens.count, tokens[i].kind == .number, tokens[i + 1].kind == .punctuation, tokens[i + 2].kind == .number,
              tokens.formEquals(i + 1, "/"), !continuesDate(tokens, before: i), !continuesDate(tokens, after: i + 2),
              let a = value(tokens, i), let b = value(tokens, i + 2)
        else { return nil }
        if let scale = SurveyRating.Scale(top: b), a <= b, a >= scale.lowest { return Rating(score: a, scale: scale, length: 3, form: .slash) }
        // Out of ten the score may come last (`10/7`).
        if a == SurveyRating.Scale.nps.highest { return Rating(score: b, scale: .nps, length: 3, form: .slash) }
        return nil
    }

    /// A star rating: the number at `i` (0 to 5) before a `stars` word of the language's `ratings.tsv`.
    static func stars(in tokens: TokenList, at i: Int, _ lexicon: LexiconRef) -> Rating? {
        guard i + 1 < tokens.count, tokens[i].kind == .number, tokens[i + 1].kind == .word, !continuesDate(tokens, before: i),
              let n = value(tokens, i), n <= SurveyRating.Scale.csat.highest, let m = lexicon.lex.starWords.longestMatch(in: tokens, at: i + 1)
        else { return nil }
        return Rating(score: n, scale: .csat, length: 1 + m.length, form: .counted(m.text))
    }

    /// Points: a whole number at `i` before a `points` word of the language's `ratings.tsv` (`0 puan`,
    /// `10 балл`), read out of 10. Points may be out of 5 as well, so a number that reads differently on the
    /// two scales (3 to 5: 4 is good out of 5, poor out of 10) is no rating; the rest read alike or exist
    /// only out of 10. A number with decimals is an average (`9.3 puanı çok abartılı`), not a customer's mark.
    static func points(in tokens: TokenList, at i: Int, _ lexicon: LexiconRef) -> Rating? {
        guard i + 1 < tokens.count, tokens[i].kind == .number, tokens[i + 1].kind == .word, !continuesDate(tokens, before: i),
              let n = value(tokens, i), n == n.rounded(), !ambiguousPoints.contains(n),
              let m = lexicon.lex.pointWords.longestMatch(in: tokens, at: i + 1)
        else { return nil }
        return Rating(score: n, scale: .nps, length: 1 + m.length, form: .counted(m.text))
    }

    /// The `would` entry of the language's `ratings.tsv` right after or right before the rating at `rating`
    /// (`5 yıldız verirdim`, `dao bih 5 zvezdica`): a rating the customer would have given, had something been
    /// otherwise. Such high marks are not given, and are negated as praise in an unreal condition is.
    static func would(beside rating: Range<Int>, in tokens: TokenList, _ lexicon: LexiconRef) -> String? {
        let words = lexicon.lex.wouldWords
        guard words.count > 0 else { return nil }
        if rating.upperBound < tokens.count, tokens[rating.upperBound].kind == .word,
           let m = words.longestMatch(in: tokens, at: rating.upperBound) {
            return m.text
        }
        // An entry before the rating ends where it starts: it starts a few words back.
        var j = rating.lowerBound, seen = 0
        while j > 0, seen < maxWouldWords {
            j -= 1
            guard tokens[j].kind == .word else { break }
            seen += 1
            if let m = words.longestMatch(in: tokens, at: j), j + m.length == rating.lowerBound { return m.text }
        }
        return nil
    }

    /// The most words a `would` entry before a rating has (`я бы поставил`).
    private static let maxWouldWords = 3

    /// Points that rate differently out of 5 and out of 10.
    private static let ambiguousPoints: ClosedRange<Double> = 3...5

    /// A scale (5 or 10) at `i`, an `out-of` word of the language's `ratings.tsv`, and a score no higher
    /// than the scale: `10 üzerinden 8`.
    static func outOf(in tokens: TokenList, at i: Int, _ lexicon: LexiconRef) -> Rating? {
        guard i + 2 < tokens.count, tokens[i].kind == .number, tokens[i + 1].kind == .word, !continuesDate(tokens, before: i),
              let top = value(tokens, i), let scale = SurveyRating.Scale(top: top), let m = lexicon.lex.outOfWords.longestMatch(in: tokens, at: i + 1)
        else { return nil }
        let s = i + 1 + m.length
        guard s < tokens.count, tokens[s].kind == .number, !continuesDate(tokens, after: s), let score = value(tokens, s), score <= top else { return nil }
        return Rating(score: score, scale: scale, length: s + 1 - i, form: .outOf(m.text))
    }

    /// A score of a scale in stars: the number at `i`, an `of` word of the language's `ratings.tsv`, a scale
    /// (5 or 10), then a `stars` word (`1 od 5 zvezdica`, `1 из 5 звезд`: not five stars). Without the stars
    /// word the numbers may count anything (`2 od 5 puta`, two times in five).
    static func scoreOf(in tokens: TokenList, at i: Int, _ lexicon: LexiconRef) -> Rating? {
        guard i + 3 < tokens.count, tokens[i].kind == .number, tokens[i + 1].kind == .word, !continuesDate(tokens, before: i),
              let score = value(tokens, i), let of = lexicon.lex.ofWords.longestMatch(in: tokens, at: i + 1)
        else { return nil }
        let s = i + 1 + of.length
        guard s + 1 < tokens.count, tokens[s].kind == .number, tokens[s + 1].kind == .word, let top = value(tokens, s),
              let scale = SurveyRating.Scale(top: top), score <= top, let star = lexicon.lex.starWords.longestMatch(in: tokens, at: s + 1)
        else { return nil }
        return Rating(score: score, scale: scale, length: s + 1 + star.length - i, form: .scoreOf(of.text, scaleAt: s - i, star.text))
    }

    /// A rating found in the tokens: its score and scale, how many tokens it covers, and how it is written.
    struct Rating {
        /// `3/10`; `5 yıldız`, `0 puan` (a number and a `stars` or a `points` entry); `10 üzerinden 8` (an
        /// `out-of` entry); `1 od 5 zvezdica` (an `of` entry and a `stars` entry).
        enum Form { case slash, counted(String), outOf(String), scoreOf(String, scaleAt: Int, String) }

        var score: Double
        var scale: SurveyRating.Scale
        var length: Int
        var form: Form

        /// The rating as the evidence names it, starting at token `i`, its numbers as written and the
        /// entry of `ratings.tsv` as it reads: `3/10`, `5 yıldız*`, `10 üzerinden 8`.
        func written(_ tokens: TokenList, _ i: Int) -> String {
            switch form {
            case .slash: tokens.form(i) + "/" + tokens.form(i + 2)
            case let .counted(entry): tokens.form(i) + " " + entry
            case let .outOf(entry): tokens.form(i) + " " + entry + " " + tokens.form(i + length - 1)
            case let .scoreOf(of, scale, stars): tokens.form(i) + " " + of + " " + tokens.form(i + scale) + " " + stars
            }
        }
    }

    /// Number token `i`'s value from 0 to 10 (`4`, `10`, `9,5`, `7.5`: at most two digits, then one decimal
    /// digit after a dot or a comma); nil otherwise (`1.000`, `12`, `2026`).
    private static func value(_ tokens: TokenList, _ i: Int) -> Double? {
        tokens.withForm(i) { b -> Double? in
            guard (1...4).contains(b.count), isDigit(b[0]) else { return nil }
            var whole = Int(b[0] - 0x30), k = 1
            if k < b.count, isDigit(b[k]) { whole = whole * 10 + Int(b[k] - 0x30); k += 1 }
            var v = Double(whole)
            if k < b.count {
                guard b[k] == 0x2E || b[k] == 0x2C, k + 2 == b.count, isDigit(b[k + 1]) else { return nil }
                v += Double(b[k + 1] - 0x30) / 10
            }
            return v <= 10 ? v : nil
        }
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Whether the number at `i` is preceded by `number /` or `number .` (a date's earlier part).
    private static func continuesDate(_ tokens: TokenList, before i: Int) -> Bool {
        i >= 2 && tokens[i - 1].kind == .punctuation && (tokens.formEquals(i - 1, "/") || tokens.formEquals(i - 1, ".")) && tokens[i - 2].kind == .number
    }

    /// Whether the number at `i` is followed by `/ number` (a date's later part).
    private static func continuesDate(_ tokens: TokenList, after i: Int) -> Bool {
        i + 2 < tokens.count && tokens[i + 1].kind == .punctuation && tokens.formEquals(i + 1, "/") && tokens[i + 2].kind == .number
    }
}
