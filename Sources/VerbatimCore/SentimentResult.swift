/// The polarity of a record, a clause or a theme mention.
public enum SentimentLabel: String, Sendable, Hashable, Codable, CaseIterable {
    case positive, neutral, negative
}

/// A record's sentiment: compound score, label and the evidence behind them.
public struct SentimentResult: Sendable, Hashable {
    /// Compound score in −1…1.
    public var score: Double
    public var label: SentimentLabel
    /// Every matched term and rule, in text order.
    public var evidence: [Evidence]
    /// Score per clause (same −1…1 scale), used for per-theme sentiment.
    public var clauseScores: [Double]
    /// Why a record is neutral without evidence (`no lexicon hit`, `language ru not scored`).
    public var reason: String?

    public init(score: Double, label: SentimentLabel, evidence: [Evidence], clauseScores: [Double], reason: String? = nil) {
        self.score = score
        self.label = label
        self.evidence = evidence
        self.clauseScores = clauseScores
        self.reason = reason
    }
}

/// One matched lexicon term and the rules that changed its weight.
public struct Evidence: Sendable, Hashable {
    /// The words as written in the text.
    public var matched: String
    /// The lexicon entry that matched (`memnun*`, `dönüş yapmadı`).
    public var term: String
    /// Valence of the entry, −4…4.
    public var baseValence: Double
    /// Valence after every rule.
    public var finalValence: Double
    /// Rules in the order they applied (`negation(değil)`, `intensifier(çok)`, `contrast(ama)`).
    public var rules: [String]
    public var clause: Int
    /// For a term of a learned lexicon layer: what it was learned from (`n_pos=412 n_neg=37`, and for a
    /// hand-written entry whose valence was adjusted, `hand -2`); nil for a hand-written valence.
    public var learned: String?
    /// The tokens matched (nil for the `!` emphasis, which belongs to the whole text).
    public var tokens: Range<Int>?
    /// The theme an aspect phrase or cue (`aspects.tsv`) speaks about: it counts for that theme only.
    public var aspect: String?

    public init(matched: String, term: String, baseValence: Double, finalValence: Double, rules: [String], clause: Int,
                learned: String? = nil, tokens: Range<Int>? = nil, aspect: String? = nil) {
        self.matched = matched
        self.term = term
        self.baseValence = baseValence
        self.finalValence = finalValence
        self.rules = rules
        self.clause = clause
        self.learned = learned
        self.tokens = tokens
        self.aspect = aspect
    }

    /// Short form for reports: `kötü -2.5 [negation(değil)] → +1`, or for a learned valence
    /// `berbat* -3.12 learned(n_pos=3 n_neg=140; hand -3) → -3.12`.
    public var summary: String {
        var s = "\(term) \(Self.format(baseValence))"
        if let learned { s += " learned(\(learned))" }
        if !rules.isEmpty { s += " [" + rules.joined(separator: ", ") + "]" }
        if finalValence != baseValence { s += " → \(Self.format(finalValence))" }
        return s
    }

    /// A valence as evidence shows it: signed, at most two decimals (`+2`, `-2.5`).
    public static func format(_ v: Double) -> String {
        let hundredths = (v * 100).rounded()
        let r = hundredths / 100
        // Hundredths print as their decimal digits without trailing zeros, which is what Swift's shortest
        // round-trip description gives for them; built here without it (it runs several times per record).
        if abs(hundredths) < 1e12, r != 0 || r.sign == .plus {
            let h = Int(hundredths)
            let whole = abs(h) / 100, fraction = abs(h) % 100
            var t = h < 0 ? "-" : h > 0 ? "+" : ""
            t += String(whole)
            if fraction != 0 {
                t += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
            }
            return t
        }
        let sign = r > 0 ? "+" : ""
        var t = "\(r)"
        if t.hasSuffix(".0") { t.removeLast(2) }
        return sign + t
    }
}

/// A theme found in a record, with the polarity of the clause it stands in.
public struct ThemeMention: Sendable, Hashable {
    public var theme: String
    public var polarity: SentimentLabel
    /// The keyword that triggered it.
    public var keyword: String
    /// The score behind `polarity` (the sum of the scores of the clauses the
    /// theme stands in); ranks a theme's most positive and negative verbatims.
    public var score: Double

    public init(theme: String, polarity: SentimentLabel, keyword: String, score: Double = 0) {
        self.theme = theme
        self.polarity = polarity
        self.keyword = keyword
        self.score = score
    }
}
