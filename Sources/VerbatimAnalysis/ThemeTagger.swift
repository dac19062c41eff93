import VerbatimCore

/// Finds customer-service themes in tokenized text and gives each the
/// polarity of what the customer said about it.
///
/// A theme is mentioned by a keyword (`themes.tsv`) or an aspect phrase
/// (`aspects.tsv`). Each mention takes the polarity of its own segment (a
/// clause, split further at commas and concessive conjunctions: "polite,
/// but I waited an hour" → courtesy positive, wait_time negative). In a
/// segment, a sentiment word that is another theme's keyword (`kaba`,
/// rude, is courtesy's) and an aspect cue of another theme do not count;
/// an aspect cue of this theme counts wherever it was found. A segment with
/// nothing about the theme gives it its own tone; a segment that says
/// nothing borrows from the rest of its clause, never across a contrast or
/// a sentence; a theme mentioned only neutrally stays neutral.
/// A negation or a complaint after a theme in its sentence counts for it
/// when `aspects.tsv` says so (`promises	outcome	<not>`: a promise, then
/// "it never came").
public struct ThemeTagger: Sendable {
    public let lexicons: LexiconSet
    public let rules: SentimentRules
    let aspects = AspectMatcher()

    public init(lexicons: LexiconSet, rules: SentimentRules = SentimentRules()) {
        self.lexicons = lexicons
        self.rules = rules
    }

    public func tag(_ tokens: [Token], language: Language, sentiment: SentimentResult?) -> [ThemeMention] {
        guard let lex = lexicons.languages[language], lex.themes.count > 0 else { return [] }
        var mentions = aspects.keywordMentions(tokens, lex)
        for hit in aspects.hits(tokens, lex) where hit.kind == .phrase {
            mentions.append(.init(theme: hit.theme, range: hit.range, keyword: hit.term))
        }
        if mentions.isEmpty { return [] }
        mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
        let evidence = (sentiment?.evidence ?? []).filter { $0.tokens != nil }
        let segment = aspects.segments(tokens, lex)
        // The themes whose keywords cover each piece of evidence (`kaba` speaks about courtesy).
        let owners: [Set<String>] = evidence.map { e in
            Set(mentions.filter { $0.range.overlaps(e.tokens!) }.map(\.theme))
        }
        var order: [String] = []
        var byTheme: [String: (keyword: String, counted: Set<Int>, outcome: Double)] = [:]
        for m in mentions {
            if byTheme[m.theme] == nil { order.append(m.theme); byTheme[m.theme] = (m.keyword, [], 0) }
            if let v = lex.negatedOutcomes[m.theme], negationFollows(m, evidence, tokens) { byTheme[m.theme]!.outcome = v }
            let speaksFor = { (k: Int) -> Bool in
                if let theme = evidence[k].aspect { return theme == m.theme }
                return owners[k].isEmpty || owners[k].contains(m.theme)
            }
            let at = m.range.lowerBound
            var counted = evidence.indices.filter { k in segment[evidence[k].tokens!.lowerBound] == segment[at] && speaksFor(k) }
            // Nothing about this theme in its segment: the segment's tone ("hızlıca bağlandım": reachability).
            if counted.isEmpty {
                counted = evidence.indices.filter { k in segment[evidence[k].tokens!.lowerBound] == segment[at] }
            }
            if counted.isEmpty {
                counted = evidence.indices.filter { k in tokens[evidence[k].tokens!.lowerBound].clause == tokens[at].clause && speaksFor(k) }
            }
            byTheme[m.theme]!.counted.formUnion(counted)
        }
        return order.map { theme in
            var counted = byTheme[theme]!.counted
            // An aspect cue or outcome of the theme counts wherever it stands (it was found for this theme).
            counted.formUnion(evidence.indices.filter { evidence[$0].aspect == theme })
            let sum = counted.reduce(byTheme[theme]!.outcome) { $0 + evidence[$1].finalValence }
            let score = round4(sum == 0 ? 0 : max(-1, min(1, sum / (sum * sum + rules.alpha).squareRoot())))
            return ThemeMention(theme: theme, polarity: rules.label(score), keyword: byTheme[theme]!.keyword, score: score)
        }
    }

    /// Whether a negation (a negated verb or term, a negation word) or a complaint (`kimse aramadı`) follows
    /// the mention in its sentence.
    private func negationFollows(_ m: AspectMatcher.Mention, _ evidence: [Evidence], _ tokens: [Token]) -> Bool {
        evidence.contains { e in
            let at = e.tokens!.lowerBound
            return at >= m.range.upperBound && tokens[at].sentence == tokens[m.range.lowerBound].sentence
                && (e.finalValence < 0 || e.rules.contains { $0.hasPrefix("negation") || $0 == "negated verb" })
        }
    }
}
