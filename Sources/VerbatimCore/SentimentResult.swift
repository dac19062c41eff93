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

/// One matched lexicon term and the rules that changed its weight, kept as values: the entry's own text
/// (shared with its lexicon, not copied), the token range it matched, and typed rule marks. It becomes
/// text only when a row that shows it is written (`summary`, `line`, `classify --explain`).
public struct Evidence: Sendable, Hashable {
    /// The lexicon entry that matched (`memnun*`, `dönüş yapmadı`).
    public var term: String
    /// Valence of the entry, −4…4.
    public var baseValence: Double
    /// Valence after every rule.
    public var finalValence: Double
    /// Rules in the order they applied (`negation(değil)`, `intensifier(çok)`, `contrast(after ama)`).
    public var rules: [RuleMark]
    public var clause: Int
    /// For a term of a learned lexicon layer: what it was learned from (`n_pos=412 n_neg=37`, and for a
    /// hand-written entry whose valence was adjusted, `hand -2`); nil for a hand-written valence.
    public var learned: String?
    /// The tokens matched (nil for the `!` emphasis, which belongs to the whole text).
    public var tokens: Range<Int>?
    /// The theme an aspect phrase or cue (`aspects.tsv`) speaks about: it counts for that theme only.
    public var aspect: String?

    public init(term: String, baseValence: Double, finalValence: Double, rules: [RuleMark], clause: Int,
                learned: String? = nil, tokens: Range<Int>? = nil, aspect: String? = nil) {
        self.term = term
        self.baseValence = baseValence
        self.finalValence = finalValence
        self.rules = rules
        self.clause = clause
        self.learned = learned
        self.tokens = tokens
        self.aspect = aspect
    }

    /// The words matched, as written in the text they were scored in (`tokens`, the record's tokens),
    /// joined by a space; for the `!` emphasis, its `!`s.
    public func matched(in tokens: TokenList) -> String {
        guard let range = self.tokens else {
            if case let .emphasis(bangs)? = rules.first { return String(repeating: "!", count: bangs) }
            return term
        }
        return range.count == 1 ? tokens.surface(range.lowerBound) : range.map(tokens.surface).joined(separator: " ")
    }

    /// The rule marks as `--explain` writes them.
    public var ruleTexts: [String] { rules.map(\.description) }

    /// Short form for reports: `kötü -2.5 [negation(değil)] → +1`, or for a learned valence
    /// `berbat* -3.12 learned(n_pos=3 n_neg=140; hand -3) → -3.12`.
    public var summary: String {
        var bytes: [UInt8] = []
        appendSummary(to: &bytes)
        return UTF8Bytes.string(valid: bytes)
    }

    /// Appends the UTF-8 of `summary` to `bytes`, building no string (it runs for every piece of
    /// evidence of every record that `records.csv` writes).
    public func appendSummary(to bytes: inout [UInt8]) {
        UTF8Bytes.append(term, to: &bytes)
        bytes.append(0x20)
        Self.append(baseValence, to: &bytes)
        if let learned {
            UTF8Bytes.appendStatic(" learned(", to: &bytes)
            UTF8Bytes.append(learned, to: &bytes)
            bytes.append(0x29)
        }
        if !rules.isEmpty {
            UTF8Bytes.appendStatic(" [", to: &bytes)
            for (k, rule) in rules.enumerated() {
                if k > 0 { UTF8Bytes.appendStatic(", ", to: &bytes) }
                rule.append(to: &bytes)
            }
            bytes.append(0x5D)
        }
        if finalValence != baseValence {
            UTF8Bytes.appendStatic(" → ", to: &bytes)
            Self.append(finalValence, to: &bytes)
        }
    }

    /// The evidence as one line, pieces separated by `; `: what `records.csv`, the top verbatims and
    /// `classify --explain` show.
    public static func line(_ evidence: [Evidence]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(evidence.count * 48)
        // By index, in place: a loop over the elements copied each (retaining and releasing its strings).
        for k in evidence.indices {
            if k > 0 { UTF8Bytes.appendStatic("; ", to: &bytes) }
            evidence[k].appendSummary(to: &bytes)
        }
        return UTF8Bytes.string(valid: bytes)
    }

    /// A valence as evidence shows it: signed, at most two decimals (`+2`, `-2.5`).
    public static func format(_ v: Double) -> String {
        var bytes: [UInt8] = []
        append(v, to: &bytes)
        return UTF8Bytes.string(valid: bytes)
    }

    /// Appends the UTF-8 of `format(v)` to `bytes`.
    static func append(_ v: Double, to bytes: inout [UInt8]) {
        let hundredths = (v * 100).rounded()
        let r = hundredths / 100
        // Hundredths print as their decimal digits without trailing zeros, which is what Swift's shortest
        // round-trip description gives for them; written here digit by digit (it runs several times per record).
        guard abs(hundredths) < 1e12, r != 0 || r.sign == .plus else {
            var t = "\(r)"
            if t.hasSuffix(".0") { t.removeLast(2) }
            if r > 0 { bytes.append(0x2B) }
            bytes.append(contentsOf: t.utf8)
            return
        }
        let h = Int(hundredths)
        if h != 0 { bytes.append(h < 0 ? 0x2D : 0x2B) }
        let whole = abs(h) / 100, fraction = abs(h) % 100
        appendDigits(whole, to: &bytes)
        if fraction != 0 {
            bytes.append(0x2E)
            bytes.append(0x30 + UInt8(fraction / 10))
            if fraction % 10 != 0 { bytes.append(0x30 + UInt8(fraction % 10)) }
        }
    }

    /// The decimal digits of `n` (≥ 0).
    private static func appendDigits(_ n: Int, to bytes: inout [UInt8]) {
        if n >= 10 { appendDigits(n / 10, to: &bytes) }
        bytes.append(0x30 + UInt8(n % 10))
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
