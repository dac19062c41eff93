import VerbatimCore

/// Scores the sentiment of tokenized text with the lexicons and rules of
/// its language, and explains every point of the score.
///
/// First the terms are found (`SentimentTermFinder.swift`: longest match over
/// words, stems and phrases, with the roles of rule words), then the rules
/// apply in order (`SentimentScorer.rules`, one type per file in `Rules/`,
/// each with its examples): negation in the word, by words, or with nothing
/// to negate → intensifiers → emphasis → contrast and concession (clause
/// weights) → learned valences of rule words → `!`. The sum is normalised to
/// a compound score in −1…1. Time is linear in the number of tokens.
///
/// A word that no hand-written entry or rule claims is looked up last in the
/// language's learned layers (`LanguageLexicon.learned`); a learned term then
/// takes every rule exactly as a hand-written one does.
public struct SentimentScorer: Sendable {
    public let lexicons: LexiconSet
    public let rules: SentimentRules
    /// `lexicons.languages`, borrowed per text.
    let refs: [Language: LexiconRef]
    /// Finds the words that carry polarity for one theme only (`aspects.tsv`).
    let aspects = AspectMatcher()
    /// Whether a result carries its evidence (the terms, the rules that moved them, in words). Without
    /// it (`classify` without `--explain`, which prints the label and the score), no evidence and no
    /// rule marks are made; the score and the label are the same.
    public let explains: Bool
    /// Whether a themes stage follows, which takes over the theme keywords the aspect cues looked up
    /// (`score(_:language:themeKeywords:)`); without one, the cues look up only their own themes'.
    public let keepsThemeKeywords: Bool

    public init(lexicons: LexiconSet, rules: SentimentRules = SentimentRules(), compiled: CompiledLexicons? = nil, explains: Bool = true,
                keepsThemeKeywords: Bool = false) {
        self.lexicons = lexicons
        self.rules = rules
        self.explains = explains
        self.keepsThemeKeywords = keepsThemeKeywords
        refs = (compiled ?? CompiledLexicons(lexicons)).refs
    }

    /// Looks each word up once in its language's automaton, so that the look-ups that follow (here and in
    /// a themes stage sharing the compiled lexicons) skip the indexes with no term there.
    public func mark(_ tokens: inout TokenList, language: Language) {
        refs[language]?.automaton.mark(&tokens)
    }

    /// Each names its entry by position in its index (`ScoredText.word(of:)` reads the entry's text for
    /// an explanation), so that a text's roles are plain values: made, copied and freed without a
    /// reference count.
    enum Role {
        case none, negatorBefore(Int32), negatorAfter(Int32), intensifier(Double, Int32)
        /// A negation word of a mixed-in language (Russian `не`): negates only loan terms.
        case loanNegatorBefore(Int32), loanNegatorAfter(Int32)
        /// A word not in the lexicon that ends like a negated verb (`karşılaşmadım`): it negates the
        /// term before it (`sorunla karşılaşmadım` → no problem), or else is a complaint on its own.
        /// The ending's position in `LanguageLexicon.negatedVerbEndings`.
        case negatedVerb(Int32)
        /// The first word of what says "cannot help (doing it)" right after a verb negated inside the word
        /// (`elde değil` after `hayran kalmamak`): its position in `LanguageLexicon.cannotHelp`.
        case cannotHelp(Int32)
        /// The last word of a "cannot but" frame before a term (`не могу не`, `ne mogu a da ne`): a `before`
        /// negation word whose `NegationWord` is `cannotHelp`, of the language's own (`negatorsBefore`) or, when
        /// `loan`, of a mixed-in language's (`loanNegatorsBefore`). It negates nothing.
        case cannotHelpFrame(Int32, loan: Bool)
    }

    /// The lexicon entry a hit scored with: what a learned layer can adjust.
    enum Unit: Hashable {
        /// A term of `sentiment`, `loanSentiment` or `learned`, by its position there.
        case sentiment(Int), loan(Int), learned(Int)
        /// A learned word pair (`LanguageLexicon.learnedPairs`).
        case pair(Int)
        /// An emoji, a negation with nothing to negate: not learned.
        case fixed
    }

    struct Hit {
        var start: Int
        var length: Int
        var valence: Double
        var base: Double
        /// The entry's text when `unit` does not name it: an emoji, an aspect entry, a negation with nothing
        /// to negate, a term under a negative prefix (`ne-profesionalan`). An entry of an index is named by
        /// its unit, and its text is read only for evidence (`SentimentScorer.term(of:_:)`).
        var named: String? = nil
        var rules: [RuleMark]
        var clause: Int
        var kind: Kind = .term
        var unit: Unit = .fixed
        /// How many times the valence was negated, the magnitude added by intensifiers and emphasis,
        /// and the contrast or concession weight: what the learner needs to replay the rules.
        var negations = 0
        var boost = 0.0
        var weight = 1.0

        /// Adds a rule's mark, with room for a second at the first (most hits take none, some two).
        mutating func mark(_ m: RuleMark) {
            if rules.isEmpty { rules.reserveCapacity(2) }
            rules.append(m)
        }

        /// Matched in the lexicon of a mixed-in language (Russian in Kazakh).
        var loan: Bool { if case .loan = unit { true } else { false } }
        /// Matched in a hand-written lexicon (the language's or a mixed-in one's), not a learned layer.
        var handWritten: Bool {
            switch unit {
            case .sentiment, .loan: true
            default: false
            }
        }
        /// The theme of an aspect phrase or cue (`aspects.tsv`).
        var aspect: String?
        /// Negation words reach it (an aspect cue, `uzun değil`; not a phrase or an outcome: `iki gündür açılmıyor`
        /// is not "not two days", `hala yatmadı` is not "not still").
        var negatable = true
        /// The negative suffix (`-ma`) or prefix (`ne-`) inside the matched word, for `AffixNegationRule`.
        var affixNegation: String?
        /// Weighed by its clause already (`ContrastRule`; a concession then leaves it alone).
        var weighted = false

        enum Kind { case term, emoji, unattachedNegation }
    }

    /// One text as the rules see it, before it is summed: every hit with its final valence, the
    /// words no entry or rule claimed, and the `!` emphasis.
    struct Analysis {
        var hits: [Hit]
        /// Positions of words that no hand-written or learned entry, and no rule, claimed: what a
        /// learner may turn into new terms.
        var freeWords: [Int]
        /// Positions of intensifiers, negated verbs, contrast words and numbers (`ruleWordPositions`): a
        /// learner may give them a valence of their own (`ama`, `hiç`, the 9 of `10/9`).
        var ruleWords: [Int]
        var exclamations: Int
    }

    /// The text of the entry a hit matched, as written in its data file: read only for evidence.
    func term(of h: Hit, _ lex: LanguageLexicon) -> String {
        if let named = h.named { return named }
        switch h.unit {
        case let .sentiment(k): return lex.sentiment.terms[k].text
        case let .loan(k): return lex.loanSentiment.terms[k].text
        case let .learned(k): return lex.learned.terms[k].text
        case let .pair(k): return lex.learnedPairs.terms[k].text
        case .fixed: return ""
        }
    }

    /// What a learned layer says about the entry a hit matched (`n_pos=412 n_neg=37`), when its valence was learned.
    func learned(of h: Hit, _ lex: LanguageLexicon) -> String? {
        switch h.unit {
        case let .sentiment(k): lex.sentiment.terms[k].learned
        case let .loan(k): lex.loanSentiment.terms[k].learned
        case let .learned(k): lex.learned.terms[k].learned
        case let .pair(k): lex.learnedPairs.terms[k].learned
        case .fixed: nil
        }
    }

    public func score(_ tokens: TokenList, language: Language) -> SentimentResult {
        var tokens = tokens
        return score(&tokens, language: language)
    }

    /// `score(_:language:)` of tokens the caller owns: the aspect terms that hold a number (`<n> dakika`)
    /// see the numbers written into the tokens themselves, which are put back as they were before it
    /// returns (tokens shared with another array are copied first, as `score(_:language:)` copies them).
    public func score(_ tokens: inout TokenList, language: Language) -> SentimentResult {
        var keywords: [ThemeKeyword]?
        return score(&tokens, language: language, themeKeywords: &keywords)
    }

    /// `score(_:language:)`, and, when the scorer keeps them (`keepsThemeKeywords`), the theme keywords of
    /// the tokens if the aspect cues needed them (for `FeedbackRecord.themeKeywords`; left as they are otherwise).
    public func score(_ tokens: inout TokenList, language: Language, themeKeywords: inout [ThemeKeyword]?) -> SentimentResult {
        guard Language.scored.contains(language), let ref = refs[language] else { return scoreSigns(tokens, language: language) }
        let analysis = analyze(&tokens, ref, keywords: &themeKeywords)
        if analysis.hits.isEmpty {
            return SentimentResult(score: 0, label: .neutral, evidence: [], clauseScores: clauseScores(tokens, []), reason: "no lexicon match")
        }
        var sum = analysis.hits.reduce(0) { $0 + $1.valence }
        var evidence = !explains ? [] : analysis.hits.map { h in
            Evidence(term: term(of: h, ref.lex), baseValence: h.base, finalValence: round2(h.valence), rules: h.rules, clause: h.clause,
                     learned: learned(of: h, ref.lex), tokens: h.start..<(h.start + h.length), aspect: h.aspect)
        }
        let bangs = analysis.exclamations
        let add = ExclamationRule.emphasis(of: sum, bangs: bangs, rules)
        if add != 0 {
            sum += add
            if explains { evidence.append(Evidence(term: "!", baseValence: 0, finalValence: round2(add), rules: [.emphasis(bangs: bangs)], clause: -1)) }
        }
        let compound = round4(normalize(sum))
        return SentimentResult(score: compound, label: rules.thresholds(for: ref.lex).label(compound), evidence: evidence, clauseScores: clauseScores(tokens, analysis.hits))
    }

    /// A text in no scored language (undetermined, Russian, English) says what its emoji and emoticons
    /// say: they mean the same in every language (`emoji.tsv`), and `👍👍` is a positive answer whatever
    /// the language. No rule applies (negation and intensifiers are words of a language), and the
    /// `reason` says why only they count; a text without them is neutral, "not scored".
    private func scoreSigns(_ tokens: TokenList, language: Language) -> SentimentResult {
        let why = language == .und ? "language undetermined" : "language \(language.rawValue) is not scored"
        let unscored = language == .und ? why + ": not scored" : why
        var sum = 0.0
        var evidence: [Evidence] = []
        for i in tokens.indices where tokens[i].kind == .emoji || tokens[i].kind == .emoticon {
            guard let v = emojiValence(tokens, at: i) else { continue }
            sum += v
            if explains {
                evidence.append(Evidence(term: tokens.form(i), baseValence: v, finalValence: v, rules: [], clause: tokens[i].clause, tokens: i..<(i + 1)))
            }
        }
        if sum == 0 {
            return SentimentResult(score: 0, label: .neutral, evidence: [], clauseScores: [], reason: unscored)
        }
        let compound = round4(normalize(sum))
        return SentimentResult(score: compound, label: rules.thresholds(for: nil).label(compound), evidence: evidence, clauseScores: [],
                               reason: why + ": emoji and emoticons only")
    }

    /// The lexicon of `language` when it is scored.
    func lexicon(for language: Language) -> LanguageLexicon? {
        Language.scored.contains(language) ? lexicons.languages[language] : nil
    }

    /// The lexicon of `language` when it is scored, to borrow.
    func lexiconRef(for language: Language) -> LexiconRef? {
        Language.scored.contains(language) ? refs[language] : nil
    }

    /// The rules, in the order they apply: negation inside a word, then by words (and, where nothing
    /// was negated, the complaint of a bare negation), then an unreal condition, then sarcasm, irony marks and praise of another company (which need the negations' signs), then what strengthens a term (intensifiers,
    /// emphasis), then ratings written in the text (which take none of those), then what a real condition supposes and what a question asks when
    /// will happen (weighed once strengthened, and not the ratings), then clause weights (contrast, concession), then the learned valences of rule words
    /// and the `!` of the whole text.
    static let rules: [any SentimentRule] = [
        AffixNegationRule(), CannotHelpRule(), NegationWordRule(), NeitherNorRule(), UnattachedNegationRule(), CounterfactualRule(), SarcasmRule(), IronyMarkRule(), CompetitorRule(), IntensifierRule(), EmphasisRule(), RatingRule(), ConditionRule(), QuestionRule(),
        ContrastRule(), ConcessionRule(), RuleWordRule(), PairRule(), ExclamationRule(),
    ]

    /// Finds the terms of `tokens` and applies every rule to them: the hits with their final valences.
    func analyze(_ tokens: TokenList, _ ref: LexiconRef) -> Analysis {
        var tokens = tokens
        var keywords: [ThemeKeyword]?
        return analyze(&tokens, ref, keywords: &keywords)
    }

    /// `analyze(_:_:)` of tokens the caller owns, unchanged when it returns (`AspectMatcher.hits(marking:_:)`).
    func analyze(_ tokens: inout TokenList, _ ref: LexiconRef, keywords: inout [ThemeKeyword]?) -> Analysis {
        var (hits, roles, free) = findTerms(tokens, ref.lex, ref.automaton)
        addAspects(&tokens, ref, to: &hits, roles: &roles, keywords: &keywords)
        // Handed over, not shared: the rules change the hits and roles in place, and a shared array is copied first.
        var text = ScoredText(tokens: tokens, lexicon: ref, constants: rules, roles: consume roles, hits: consume hits, explains: explains)
        for rule in Self.rules { rule.apply(to: &text) }
        return Analysis(hits: text.hits, freeWords: free, ruleWords: text.ruleWords, exclamations: text.exclamations)
    }

    func normalize(_ x: Double) -> Double { x == 0 ? 0 : max(-1, min(1, x / (x * x + rules.alpha).squareRoot())) }

    private func clauseScores(_ tokens: TokenList, _ hits: [Hit]) -> [Double] {
        var count = 0
        for i in tokens.indices { count = max(count, tokens[i].clause + 1) }
        var sums = [Double](filled: 0, count: count)
        for h in hits where h.clause < count { sums[h.clause] += h.valence }
        return sums.map { round4(normalize($0)) }
    }
}

func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
func round4(_ v: Double) -> Double { (v * 10000).rounded() / 10000 }
