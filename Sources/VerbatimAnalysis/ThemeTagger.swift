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
    public func mark(_ tokens: inout TokenList, language: Language) {
        refs[language]?.automaton.mark(&tokens)
    }

    /// `keywords`: the tokens' theme keywords when a sentiment stage found them already (`FeedbackRecord.themeKeywords`).
    public func tag(_ tokens: TokenList, language: Language, sentiment: SentimentResult?, keywords: [ThemeKeyword]? = nil) -> [ThemeMention] {
        guard let ref = refs[language], ref.lex.themes.count > 0 else { return [] }
        let mentions = self.mentions(tokens, ref, sentiment, keywords)
        if mentions.isEmpty { return [] }
        let evidence = Self.located(sentiment?.evidence ?? [])
        let (segment, concessive) = aspects.segmentsAndConcession(tokens, ref) { i in evidence.contains { $0.tokens?.upperBound == i } }
        // Per theme, in the order first mentioned: its first keyword, the valence of a negated outcome
        // (`aspects.tsv`) and the one it takes. Each mention's theme by its position here.
        var themes: [(theme: String, keyword: String, negatedOutcome: Double?, outcome: Double)] = []
        themes.reserveCapacity(min(mentions.count, 8))
        var themeOf: [Int] = []
        themeOf.reserveCapacity(mentions.count)
        for m in mentions {
            if let k = themes.firstIndex(where: { $0.theme == m.theme }) { themeOf.append(k); continue }
            themes.append((m.theme, m.keyword, ref.lex.negatedOutcomes[m.theme], 0))
            themeOf.append(themes.count - 1)
        }
        let owners = Owners(evidence, mentions, themeOf, themes.map(\.theme), segment)
        let evidenceSegment = evidence.map { segment[$0.tokens!.lowerBound] }
        // The evidence each theme counts: theme `k`'s are `counted[k * evidence.count ..< (k + 1) * evidence.count]`.
        var counted = [Bool](filled: false, count: themes.count * evidence.count)
        for (m, k) in zip(mentions, themeOf) {
            if let v = themes[k].negatedOutcome, negationFollows(m, evidence, tokens) { themes[k].outcome = v }
            markCounted(for: m, theme: k, evidence, owners, evidenceSegment, segment[m.range.lowerBound], tokens,
                        in: &counted, from: k * evidence.count)
        }
        // A theme whose clause says nothing takes the record's polarity, unless a contrast or a concession
        // divides the record (it would borrow across it).
        let record = sentiment.map { $0.score == 0 || concessive || hasContrast(tokens) ? 0 : $0.score } ?? 0
        return themes.indices.map { k in
            let t = themes[k], first = k * evidence.count
            // An aspect cue or outcome of the theme counts wherever it stands (it was found for this theme).
            for e in evidence.indices where evidence[e].aspect == t.theme { counted[first + e] = true }
            var score = record
            if counted[first..<(first + evidence.count)].contains(true) || t.outcome != 0 {
                // Summed in text order, so that the same record always gives the same score.
                let sum = evidence.indices.reduce(t.outcome) { counted[first + $1] ? $0 + evidence[$1].finalValence : $0 }
                score = round4(sum == 0 ? 0 : max(-1, min(1, sum / (sum * sum + rules.alpha).squareRoot())))
            }
            return ThemeMention(theme: t.theme, polarity: rules.label(score), keyword: t.keyword, score: score)
        }
    }

    /// Whether a mark is an aspect phrase's (which mentions its theme by itself), not a cue's or an outcome's.
    static func isAspectPhrase(_ mark: RuleMark) -> Bool { if case .aspect = mark { true } else { false } }

    /// The evidence that stands on words (all but the `!` emphasis, which the scorer adds last), as a
    /// slice of the result's own evidence when it can be: a filtered copy would copy every entry.
    static func located(_ all: [Evidence]) -> ArraySlice<Evidence> {
        var end = all.count
        while end > 0, all[end - 1].tokens == nil { end -= 1 }
        if !(0..<end).contains(where: { all[$0].tokens == nil }) { return all[..<end] }
        return ArraySlice(all.filter { $0.tokens != nil })
    }

    /// The theme keywords and aspect phrases, in text order. The phrases are those the scorer counted (its
    /// evidence), or, without a sentiment stage, those the matcher finds.
    private func mentions(_ tokens: TokenList, _ ref: LexiconRef, _ sentiment: SentimentResult?, _ keywords: [ThemeKeyword]?) -> [AspectMatcher.Mention] {
        var mentions = keywords ?? aspects.keywordMentions(tokens, ref)
        let keywordCount = mentions.count
        if let evidence = sentiment?.evidence {
            // Read by index and field: a copy of a piece of evidence retains each of its strings.
            for k in evidence.indices where evidence[k].aspect != nil && evidence[k].rules.first.map(Self.isAspectPhrase) == true {
                mentions.append(.init(theme: evidence[k].aspect!, range: evidence[k].tokens!, keyword: evidence[k].term))
            }
        } else {
            for hit in aspects.hits(tokens, ref) where hit.kind == .phrase && hit.valence != 0 {
                mentions.append(.init(theme: hit.theme, range: hit.range, keyword: hit.term))
            }
        }
        // The keywords are in text order already: only phrases added after them need the (stable) sort.
        if mentions.count > keywordCount { mentions.sort { $0.range.lowerBound < $1.range.lowerBound } }
        return mentions
    }

    /// The themes each piece of evidence speaks about, by their positions in the record's themes (an
    /// aspect entry's theme that no mention names as `Owners.unmentioned`): an aspect entry its own theme;
    /// a word on a theme's keyword that theme (`kaba` is courtesy's); any other word the nearest mention in
    /// its segment ("yanlış yansıyan ek ücret": price_billing); none when its segment mentions no theme.
    /// Kept in one array for all the evidence (an array per entry cost an allocation each).
    struct Owners {
        static let unmentioned = -1
        private var themes: [Int] = []
        /// Entry `e`'s themes are `themes[starts[e]..<starts[e + 1]]`.
        private var starts: [Int] = [0]

        init(_ evidence: ArraySlice<Evidence>, _ mentions: [AspectMatcher.Mention], _ themeOf: [Int], _ names: [String], _ segment: [Int]) {
            starts.reserveCapacity(evidence.count + 1)
            themes.reserveCapacity(evidence.count + 4)
            for e in evidence.indices {
                add(e, of: evidence, mentions, themeOf, names, segment)
                starts.append(themes.count)
            }
        }

        /// Entry `e`'s themes, its fields read in place (a copy of the entry retained its strings).
        private mutating func add(
            _ e: Int, of evidence: ArraySlice<Evidence>, _ mentions: [AspectMatcher.Mention], _ themeOf: [Int], _ names: [String], _ segment: [Int]
        ) {
            let range = evidence[e].tokens!
            if let theme = evidence[e].aspect {
                themes.append(names.firstIndex(of: theme) ?? Self.unmentioned)
                return
            }
            let before = themes.count
            for j in mentions.indices where mentions[j].range.overlaps(range) { themes.append(themeOf[j]) }
            if themes.count > before { return }
            func distance(_ m: AspectMatcher.Mention) -> Int {
                m.range.upperBound <= range.lowerBound ? range.lowerBound - m.range.upperBound : m.range.lowerBound - range.upperBound
            }
            var closest = Int.max
            for j in mentions.indices where segment[mentions[j].range.lowerBound] == segment[range.lowerBound] {
                let d = distance(mentions[j])
                if d < closest {
                    closest = d
                    themes.removeSubrange(before...)
                    themes.append(themeOf[j])
                } else if d == closest {
                    themes.append(themeOf[j])
                }
            }
        }

        func isEmpty(_ e: Int) -> Bool { starts[e] == starts[e + 1] }
        func contains(_ e: Int, _ theme: Int) -> Bool {
            for k in starts[e]..<starts[e + 1] where themes[k] == theme { return true }
            return false
        }
    }

    /// Marks the evidence a mention of theme `theme` takes (in `counted`, the theme's flags starting at
    /// `first`: the whole array is passed, since an `inout` slice of it was copied and written back for
    /// every mention): what speaks about its theme in its segment
    /// (`at`); else the segment's tone ("hızlıca bağlandım": reachability); else what speaks about no theme
    /// in the rest of its clause.
    private func markCounted(
        for m: AspectMatcher.Mention, theme: Int, _ evidence: ArraySlice<Evidence>, _ owners: Owners, _ evidenceSegment: [Int], _ at: Int,
        _ tokens: TokenList, in counted: inout [Bool], from first: Int
    ) {
        var inSegment = false, own = false
        for e in evidence.indices where evidenceSegment[e] == at {
            inSegment = true
            if owners.contains(e, theme) { own = true; break }
        }
        if inSegment {
            for e in evidence.indices where evidenceSegment[e] == at && (!own || owners.contains(e, theme)) { counted[first + e] = true }
            return
        }
        let clause = tokens[m.range.lowerBound].clause
        for e in evidence.indices where owners.isEmpty(e) && tokens[evidence[e].tokens!.lowerBound].clause == clause { counted[first + e] = true }
    }

    /// Whether a contrast conjunction divides the text (a concessive one, `segmentsAndConcession` says).
    private func hasContrast(_ tokens: TokenList) -> Bool {
        tokens.indices.contains { tokens[$0].kind == .contrast }
    }

    /// Whether a negation (a negated verb or term, a negation word) or a complaint (`kimse aramadı`) follows
    /// the mention in its sentence or the next one ("They promised. But nobody called.").
    private func negationFollows(_ m: AspectMatcher.Mention, _ evidence: ArraySlice<Evidence>, _ tokens: TokenList) -> Bool {
        evidence.contains { e in
            let at = e.tokens!.lowerBound
            return at >= m.range.upperBound && tokens[at].sentence - tokens[m.range.lowerBound].sentence <= 1
                && (e.finalValence < 0 || e.rules.contains(where: \.isNegation))
        }
    }
}
