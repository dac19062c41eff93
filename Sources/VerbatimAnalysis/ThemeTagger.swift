import VerbatimCore

/// Finds customer-service themes in tokenized text and gives each the
/// polarity of what the customer said about it.
///
/// A theme is mentioned by a keyword (`themes.tsv`) or an aspect phrase
/// (`aspects.tsv`). Each mention takes the polarity of its own segment (a
/// clause, split further at commas and concessive conjunctions: "polite,
/// but I waited an hour" → courtesy positive, wait_time negative). In a
/// segment, each sentiment word speaks about the theme whose keyword it is
/// (`kaba`, rude, is courtesy's) or else the nearest theme; an aspect cue
/// speaks about its own theme only, wherever it was found. A segment with
/// nothing about the theme gives it its own tone; a segment that says
/// nothing borrows from the rest of its clause, and a clause that says
/// nothing takes the record's polarity, never across a contrast; a theme
/// mentioned only neutrally stays neutral.
/// A negation or a complaint after a theme in its sentence counts for it
/// when `aspects.tsv` says so (`promises	outcome	<not>`: a promise, then
/// "it never came").
public struct ThemeTagger: Sendable {
    public let lexicons: LexiconSet
    public let rules: SentimentRules
    let aspects = AspectMatcher()
    /// `lexicons.languages`, borrowed per text.
    let refs: [Language: LexiconRef]

    public init(lexicons: LexiconSet, rules: SentimentRules = SentimentRules(), compiled: CompiledLexicons? = nil) {
        self.lexicons = lexicons
        self.rules = rules
        refs = (compiled ?? CompiledLexicons(lexicons)).refs
    }

    /// Looks each word up once in its language's automaton (nothing to do when a sentiment stage sharing
    /// the compiled lexicons did).
    public func mark(_ tokens: inout [Token], language: Language) {
        refs[language]?.automaton.mark(&tokens)
    }

    public func tag(_ tokens: [Token], language: Language, sentiment: SentimentResult?) -> [ThemeMention] {
        guard let ref = refs[language], ref.lex.themes.count > 0 else { return [] }
        let mentions = self.mentions(tokens, ref, sentiment)
        if mentions.isEmpty { return [] }
        let evidence = (sentiment?.evidence ?? []).filter { $0.tokens != nil }
        let segment = aspects.segments(tokens, ref)
        let owners = self.owners(evidence, mentions, segment)
        let evidenceSegment = evidence.map { segment[$0.tokens!.lowerBound] }
        // Per theme, in the order first mentioned: its first keyword, the evidence it counts and a negated outcome.
        var themes: [(theme: String, keyword: String, counted: [Bool], outcome: Double)] = []
        for m in mentions {
            var k = themes.firstIndex { $0.theme == m.theme } ?? -1
            if k < 0 {
                themes.append((m.theme, m.keyword, [Bool](repeating: false, count: evidence.count), 0))
                k = themes.count - 1
            }
            if let v = ref.lex.negatedOutcomes[m.theme], negationFollows(m, evidence, tokens) { themes[k].outcome = v }
            markCounted(for: m, evidence, owners, evidenceSegment, segment[m.range.lowerBound], tokens, in: &themes[k].counted)
        }
        // A theme whose clause says nothing takes the record's polarity, unless a contrast or a concession
        // divides the record (it would borrow across it).
        let record = sentiment.map { $0.score == 0 || hasContrast(tokens, ref) ? 0 : $0.score } ?? 0
        return themes.map { t in
            // An aspect cue or outcome of the theme counts wherever it stands (it was found for this theme).
            var counted = t.counted
            for e in evidence.indices where evidence[e].aspect == t.theme { counted[e] = true }
            var score = record
            if counted.contains(true) || t.outcome != 0 {
                // Summed in text order, so that the same record always gives the same score.
                let sum = evidence.indices.reduce(t.outcome) { counted[$1] ? $0 + evidence[$1].finalValence : $0 }
                score = round4(sum == 0 ? 0 : max(-1, min(1, sum / (sum * sum + rules.alpha).squareRoot())))
            }
            return ThemeMention(theme: t.theme, polarity: rules.label(score), keyword: t.keyword, score: score)
        }
    }

    /// The theme keywords and aspect phrases, in text order. The phrases are those the scorer counted (its
    /// evidence), or, without a sentiment stage, those the matcher finds.
    private func mentions(_ tokens: [Token], _ ref: LexiconRef, _ sentiment: SentimentResult?) -> [AspectMatcher.Mention] {
        var mentions = aspects.keywordMentions(tokens, ref)
        if let evidence = sentiment?.evidence {
            for e in evidence where e.aspect != nil && e.rules.first?.hasPrefix("aspect(") == true {
                mentions.append(.init(theme: e.aspect!, range: e.tokens!, keyword: e.term))
            }
        } else {
            for hit in aspects.hits(tokens, ref) where hit.kind == .phrase && hit.valence != 0 {
                mentions.append(.init(theme: hit.theme, range: hit.range, keyword: hit.term))
            }
        }
        return mentions.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The themes each piece of evidence speaks about: an aspect entry its own theme; a word on a theme's
    /// keyword that theme (`kaba` is courtesy's); any other word the nearest mention in its segment
    /// ("yanlış yansıyan ek ücret": price_billing); none when its segment mentions no theme.
    private func owners(_ evidence: [Evidence], _ mentions: [AspectMatcher.Mention], _ segment: [Int]) -> [[String]] {
        evidence.map { e in
            let range = e.tokens!
            if let theme = e.aspect { return [theme] }
            let on = mentions.filter { $0.range.overlaps(range) }.map(\.theme)
            if !on.isEmpty { return on }
            func distance(_ m: AspectMatcher.Mention) -> Int {
                m.range.upperBound <= range.lowerBound ? range.lowerBound - m.range.upperBound : m.range.lowerBound - range.upperBound
            }
            var closest = Int.max
            var near: [String] = []
            for m in mentions where segment[m.range.lowerBound] == segment[range.lowerBound] {
                let d = distance(m)
                if d < closest { closest = d; near = [m.theme] } else if d == closest { near.append(m.theme) }
            }
            return near
        }
    }

    /// Marks the evidence a mention takes: what speaks about its theme in its segment (`at`); else the
    /// segment's tone ("hızlıca bağlandım": reachability); else what speaks about no theme in the rest of
    /// its clause.
    private func markCounted(
        for m: AspectMatcher.Mention, _ evidence: [Evidence], _ owners: [[String]], _ evidenceSegment: [Int], _ at: Int,
        _ tokens: [Token], in counted: inout [Bool]
    ) {
        var inSegment = false, own = false
        for e in evidence.indices where evidenceSegment[e] == at {
            inSegment = true
            if owners[e].contains(m.theme) { own = true; break }
        }
        if inSegment {
            for e in evidence.indices where evidenceSegment[e] == at && (!own || owners[e].contains(m.theme)) { counted[e] = true }
            return
        }
        let clause = tokens[m.range.lowerBound].clause
        for e in evidence.indices where owners[e].isEmpty && tokens[evidence[e].tokens!.lowerBound].clause == clause { counted[e] = true }
    }

    /// Whether a contrast conjunction or a concessive one divides the text.
    private func hasContrast(_ tokens: [Token], _ ref: LexiconRef) -> Bool {
        tokens.indices.contains { tokens[$0].kind == .contrast || (tokens[$0].kind == .word && ref.lex.concessives.longestMatch(in: tokens, at: $0) != nil) }
    }

    /// Whether a negation (a negated verb or term, a negation word) or a complaint (`kimse aramadı`) follows
    /// the mention in its sentence or the next one ("They promised. But nobody called.").
    private func negationFollows(_ m: AspectMatcher.Mention, _ evidence: [Evidence], _ tokens: [Token]) -> Bool {
        evidence.contains { e in
            let at = e.tokens!.lowerBound
            return at >= m.range.upperBound && tokens[at].sentence - tokens[m.range.lowerBound].sentence <= 1
                && (e.finalValence < 0 || e.rules.contains { $0.hasPrefix("negation") || $0 == "negated verb" })
        }
    }
}
