import VerbatimCore

/// Scores the sentiment of tokenized text with the lexicons and rules of
/// its language, and explains every point of the score.
///
/// For each sentiment term (longest match over words, stems and phrases):
/// base valence → intensifiers before it → negation (a suffix in the word,
/// a word before or after it, a negative prefix) → emphasis (capitals,
/// elongation) → contrast and concession (clause weights). The sum, with `!` emphasis, is
/// normalised to a compound score in −1…1. Time is linear in the number of
/// tokens.
///
/// A word that no hand-written entry or rule claims is looked up last in the
/// language's learned layers (`LanguageLexicon.learned`); a learned term then
/// takes every rule exactly as a hand-written one does.
public struct SentimentScorer: Sendable {
    public let lexicons: LexiconSet
    public let rules: SentimentRules
    /// Finds the words that carry polarity for one theme only (`aspects.tsv`).
    let aspects = AspectMatcher()

    /// Per language, the first words of its sentiment terms, negators, intensifiers and loan words.
    private let firstWords: [Language: FirstWordFilter]

    public init(lexicons: LexiconSet, rules: SentimentRules = SentimentRules()) {
        self.lexicons = lexicons
        self.rules = rules
        firstWords = lexicons.languages.mapValues { lex in
            var filter = FirstWordFilter()
            filter.add(lex.sentiment)
            filter.add(lex.negatorsAfter)
            filter.add(lex.negatorsBefore)
            filter.add(lex.intensifiers)
            filter.add(lex.loanSentiment)
            filter.add(lex.loanNegatorsBefore)
            filter.add(lex.loanNegatorsAfter)
            return filter
        }
    }

    private enum Role {
        case none, negatorBefore(String), negatorAfter(String), intensifier(Double, String)
        /// A negation word of a mixed-in language (Russian `не`): negates only loan terms.
        case loanNegatorBefore(String), loanNegatorAfter(String)
        /// A word not in the lexicon that ends like a negated verb (`karşılaşmadım`): it negates the
        /// term before it (`sorunla karşılaşmadım` → no problem), or else is a complaint on its own.
        case negatedVerb(String)
    }

    /// The lexicon entry a hit scored with: what a learned layer can adjust.
    enum Unit: Hashable {
        /// A term of `sentiment`, `loanSentiment` or `learned`, by its position there.
        case sentiment(Int), loan(Int), learned(Int)
        /// An emoji, a negation with nothing to negate: not learned.
        case fixed
    }

    struct Hit {
        var start: Int
        var length: Int
        var valence: Double
        var base: Double
        var term: String
        var rules: [String]
        var clause: Int
        var kind: Kind = .term
        var unit: Unit = .fixed
        /// The learned layer's evidence for the term, if its valence was learned.
        var learned: String?
        /// How many times the valence was negated, the magnitude added by intensifiers and emphasis,
        /// and the contrast or concession weight: what the learner needs to replay the rules.
        var negations = 0
        var boost = 0.0
        var weight = 1.0

        /// Matched in the lexicon of a mixed-in language (Russian in Kazakh).
        var loan: Bool { if case .loan = unit { true } else { false } }
        /// The theme of an aspect phrase or cue (`aspects.tsv`).
        var aspect: String?
        /// Negation words reach it (an aspect cue, `uzun değil`; not a phrase or an outcome: `iki gündür açılmıyor`
        /// is not "not two days", `hala yatmadı` is not "not still").
        var negatable = true

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

    public func score(_ tokens: [Token], language: Language) -> SentimentResult {
        guard Language.scored.contains(language), let lex = lexicons.languages[language] else {
            let reason = language == .und ? "language undetermined: not scored" : "language \(language.rawValue) is not scored"
            return SentimentResult(score: 0, label: .neutral, evidence: [], clauseScores: [], reason: reason)
        }
        let analysis = analyze(tokens, lex)
        if analysis.hits.isEmpty {
            return SentimentResult(score: 0, label: .neutral, evidence: [], clauseScores: clauseScores(tokens, []), reason: "no lexicon match")
        }
        var sum = analysis.hits.reduce(0) { $0 + $1.valence }
        var evidence = analysis.hits.map { h in
            Evidence(matched: tokens[h.start..<(h.start + h.length)].map(\.surface).joined(separator: " "),
                     term: h.term, baseValence: h.base, finalValence: round2(h.valence), rules: h.rules, clause: h.clause, learned: h.learned,
                     tokens: h.start..<(h.start + h.length), aspect: h.aspect)
        }
        let bangs = analysis.exclamations
        if bangs > 0, sum != 0 {
            let add = (sum > 0 ? 1 : -1) * Double(bangs) * rules.exclamationIncrement
            sum += add
            evidence.append(Evidence(matched: String(repeating: "!", count: bangs), term: "!", baseValence: 0, finalValence: round2(add), rules: ["emphasis(!×\(bangs))"], clause: -1))
        }
        let compound = round4(normalize(sum))
        return SentimentResult(score: compound, label: rules.thresholds(for: lex).label(compound), evidence: evidence, clauseScores: clauseScores(tokens, analysis.hits))
    }

    /// The lexicon of `language` when it is scored.
    func lexicon(for language: Language) -> LanguageLexicon? {
        Language.scored.contains(language) ? lexicons.languages[language] : nil
    }

    /// Applies every rule to the terms of `tokens`: the hits with their final valences.
    func analyze(_ tokens: [Token], _ lex: LanguageLexicon) -> Analysis {
        var (hits, roles, free) = findTerms(tokens, lex)
        addAspects(tokens, lex, to: &hits, roles: &roles)
        var covered = coverage(hits, count: tokens.count)
        let usedNegator = applyNegationWords(tokens, roles, covered, to: &hits)
        if rules.unattachedNegationValence != 0 {
            addUnattachedNegations(tokens, roles, usedNegator, to: &hits)
            covered = coverage(hits, count: tokens.count)
        }
        if !hits.isEmpty { applyModifiers(tokens, roles, covered, lex, to: &hits) }
        let ruleWords = ruleWordPositions(tokens, roles)
        if lex.learned.count > 0 { addRuleWordValences(tokens, ruleWords, lex, to: &hits) }
        let bangs = min(tokens.filter { $0.kind == .punctuation && $0.form == "!" }.count, rules.maxExclamations)
        return Analysis(hits: hits, freeWords: free, ruleWords: ruleWords, exclamations: bangs)
    }

    /// Intensifiers (the first word of a multi-word one), negated verbs, contrast words and numbers: the
    /// words a learned layer may give a valence of their own. Not negation words: their rule already
    /// carries them, and a learned valence on top (`ne` −1.3 from tweets, where most texts complain) made
    /// the Serbian comments worse (0.814 → 0.797 binary macro-F1; README, Accuracy).
    private func ruleWordPositions(_ tokens: [Token], _ roles: [Role]) -> [Int] {
        tokens.indices.filter { i in
            if tokens[i].kind == .contrast || tokens[i].kind == .number { return true }
            switch roles[i] {
            case .intensifier, .negatedVerb: return true
            default: return false
            }
        }
    }

    /// 4. The learned valence of a word that a rule claims, or of a number, added as it stands: it takes
    ///    no modifiers and negates nothing, and its rule still applies. Only an exact word of a learned
    ///    layer counts (a learned stem is about other words).
    private func addRuleWordValences(_ tokens: [Token], _ positions: [Int], _ lex: LanguageLexicon, to hits: inout [Hit]) {
        for i in positions {
            var word = tokens[i]
            word.kind = .word
            guard let m = lex.learned.longestMatch(in: [word], at: 0), !m.viaStem, m.term.payload != 0 else { continue }
            hits.append(Hit(start: i, length: 1, valence: m.term.payload, base: m.term.payload, term: m.term.text, rules: ["rule word"],
                            clause: tokens[i].clause, unit: .learned(m.index), learned: m.term.learned, negatable: false))
        }
    }

    /// Tokens covered by a sentiment term: a negator or an intensifier reaches only the nearest term.
    private func coverage(_ hits: [Hit], count: Int) -> [Bool] {
        var covered = [Bool](repeating: false, count: count)
        for h in hits { for k in h.start..<(h.start + h.length) { covered[k] = true } }
        return covered
    }

    /// One pass over the words: sentiment terms become hits, negators and intensifiers get their roles.
    private func findTerms(_ tokens: [Token], _ lex: LanguageLexicon) -> ([Hit], [Role], [Int]) {
        let filter = firstWords[lex.language]
        var roles = [Role](repeating: .none, count: tokens.count)
        var hits: [Hit] = []
        var free: [Int] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .emoji || t.kind == .emoticon {
                if let v = emojiValence(t) {
                    hits.append(Hit(start: i, length: 1, valence: v, base: v, term: t.form, rules: [], clause: t.clause, kind: .emoji))
                }
                i += 1; continue
            }
            guard t.kind == .word else { i += 1; continue }
            // A word that starts no term of the per-word look-ups below goes straight to the last rules.
            if let filter, !filter.mayStart(t) {
                i += lastLookups(tokens, at: i, lex, &hits, &roles, &free); continue
            }
            let match = lex.sentiment.longestMatch(in: tokens, at: i)
            if let m = match, m.length >= 2 {
                if m.term.payload != 0 { hits.append(hit(m, at: i, tokens, lex, unit: .sentiment(m.index))) }
                i += m.length; continue
            }
            if let n = lex.negatorsAfter.longestMatch(in: tokens, at: i) {
                roles[i] = .negatorAfter(n.term.text); i += n.length; continue
            }
            if let n = lex.negatorsBefore.longestMatch(in: tokens, at: i) {
                roles[i] = .negatorBefore(n.term.text); i += n.length; continue
            }
            // A word that is both an intensifier and a sentiment term (`süper`, `müthiş`) intensifies the
            // sentiment word right after it (`süper hızlı`); with none there, it is the sentiment term (`Süper!`).
            if let b = lex.intensifiers.longestMatch(in: tokens, at: i),
               !(match.map { $0.term.payload != 0 && $0.length >= b.length } ?? false) || sentimentFollows(tokens, at: i + b.length, lex) {
                roles[i] = .intensifier(b.term.payload, b.term.text); i += b.length; continue
            }
            if let m = match {
                // A neutral entry (valence 0) only stops shorter stems from matching.
                if m.term.payload != 0 { hits.append(hit(m, at: i, tokens, lex, unit: .sentiment(m.index))) }
                i += m.length; continue
            }
            // Words of a mixed-in language (Russian in Kazakh): only where the language's own data has nothing.
            if let m = lex.loanSentiment.longestMatch(in: tokens, at: i) {
                if m.term.payload != 0 { hits.append(hit(m, at: i, tokens, lex, negationSuffixes: false, unit: .loan(m.index))) }
                i += m.length; continue
            }
            if let n = lex.loanNegatorsBefore.longestMatch(in: tokens, at: i) {
                roles[i] = .loanNegatorBefore(n.term.text); i += n.length; continue
            }
            if let n = lex.loanNegatorsAfter.longestMatch(in: tokens, at: i) {
                roles[i] = .loanNegatorAfter(n.term.text); i += n.length; continue
            }
            i += lastLookups(tokens, at: i, lex, &hits, &roles, &free)
        }
        return (hits, roles, free)
    }

    /// The look-ups for a word that no entry above claimed: a negative prefix, a negated-verb ending,
    /// then the learned layers. Returns the number of tokens consumed.
    private func lastLookups(_ tokens: [Token], at i: Int, _ lex: LanguageLexicon, _ hits: inout [Hit], _ roles: inout [Role], _ free: inout [Int]) -> Int {
        if let h = prefixNegatedHit(tokens, at: i, lex) {
            hits.append(h)
        } else if let ending = lex.negatedVerbEnding(of: tokens[i].form) {
            roles[i] = .negatedVerb(ending)
        } else if lex.learned.count > 0, let m = lex.learned.longestMatch(in: tokens, at: i) {
            if m.term.payload != 0 { hits.append(hit(m, at: i, tokens, lex, unit: .learned(m.index))) }
            return m.length
        } else {
            free.append(i)
        }
        return 1
    }

    /// 1. Negation words: each negates the nearest term in its window (several count once).
    ///    Returns which negators were used.
    private func applyNegationWords(_ tokens: [Token], _ roles: [Role], _ covered: [Bool], to hits: inout [Hit]) -> [Bool] {
        var usedNegator = [Bool](repeating: false, count: tokens.count)
        for h in hits.indices where hits[h].kind == .term && hits[h].negatable {
            let start = hits[h].start, end = hits[h].start + hits[h].length, clause = hits[h].clause
            var before: [String] = [], after: [String] = []
            var distance = 0
            var k = start - 1
            // A comma separates predicates ("qabıldamadı, sebebin de aytpadı"): negation does not cross it.
            while k >= 0, distance < rules.window, tokens[k].clause == clause, !covered[k], tokens[k].form != "," {
                if tokens[k].kind == .word { distance += 1 } else { k -= 1; continue }
                if case let .negatorBefore(text) = roles[k] { before.append(text); usedNegator[k] = true }
                if hits[h].loan, case let .loanNegatorBefore(text) = roles[k] { before.append(text) }
                k -= 1
            }
            distance = 0
            k = end
            while k < tokens.count, distance < rules.window, tokens[k].clause == clause, !covered[k], tokens[k].form != "," {
                if tokens[k].kind == .word { distance += 1 } else { k += 1; continue }
                if case let .negatorAfter(text) = roles[k] { after.append(text); usedNegator[k] = true; break }
                if hits[h].loan, case let .loanNegatorAfter(text) = roles[k] { after.append(text); break }
                // A negated verb negates only the word right before it ("sorunla karşılaşmadım").
                if case .negatedVerb = roles[k], distance == 1 { after.append(tokens[k].surface); usedNegator[k] = true; break }
                k += 1
            }
            if !before.isEmpty || !after.isEmpty {
                hits[h].valence = negate(hits[h].valence)
                hits[h].negations += 1
                hits[h].rules.append("negation(\((before.reversed() + after).joined(separator: " ")))")
            }
        }
        return usedNegator
    }

    /// 2. Negation with nothing to negate ("интернет жоқ", "ne javljaju se", "gelmedi"): in customer
    ///    feedback, saying that something did not happen or is not there is a complaint.
    private func addUnattachedNegations(_ tokens: [Token], _ roles: [Role], _ usedNegator: [Bool], to hits: inout [Hit]) {
        let v = rules.unattachedNegationValence
        for k in tokens.indices where !usedNegator[k] {
            switch roles[k] {
            case let .negatorBefore(text), let .negatorAfter(text):
                hits.append(Hit(start: k, length: 1, valence: v, base: v, term: text, rules: ["negation without a sentiment word"], clause: tokens[k].clause, kind: .unattachedNegation))
            case let .negatedVerb(ending):
                hits.append(Hit(start: k, length: 1, valence: v, base: v, term: "-" + ending, rules: ["negated verb"], clause: tokens[k].clause, kind: .unattachedNegation))
            default: break
            }
        }
        hits.sort { $0.start < $1.start }
    }

    /// 3. Intensifiers, emphasis, contrast and concession.
    private func applyModifiers(_ tokens: [Token], _ roles: [Role], _ covered: [Bool], _ lex: LanguageLexicon, to hits: inout [Hit]) {
        // Which clauses start with a contrast conjunction, and its words.
        var contrastAt: [Int: String] = [:]
        for t in tokens where t.kind == .contrast { contrastAt[t.clause] = (contrastAt[t.clause].map { $0 + " " } ?? "") + t.surface.lowercased() }
        let (concessiveSpan, concessiveClause) = concessions(tokens, lex)
        for h in hits.indices {
            var v = hits[h].valence
            var applied = hits[h].rules
            let start = hits[h].start, end = hits[h].start + hits[h].length, clause = hits[h].clause
            var boost = 0.0
            var distance = 0
            var k = start - 1
            while hits[h].kind != .emoji, k >= 0, distance < rules.window, tokens[k].clause == clause, !covered[k] {
                if tokens[k].kind == .word { distance += 1 } else { k -= 1; continue }
                if case let .intensifier(scalar, text) = roles[k] {
                    let decay = distance <= rules.intensifierDecay.count ? rules.intensifierDecay[distance - 1] : rules.intensifierDecay.last!
                    v += (v >= 0 ? 1 : -1) * scalar * decay
                    boost += scalar * decay
                    applied.append((scalar > 0 ? "intensifier(" : "dampener(") + text + ")")
                }
                k -= 1
            }
            // Emphasis written into the words.
            let words = tokens[start..<end]
            if words.contains(where: { $0.emphasis.contains(.allCaps) }) {
                v += (v >= 0 ? 1 : -1) * rules.capsIncrement; boost += rules.capsIncrement; applied.append("caps")
            }
            if words.contains(where: { $0.emphasis.contains(.elongated) }) {
                v += (v >= 0 ? 1 : -1) * rules.elongationIncrement; boost += rules.elongationIncrement; applied.append("elongation")
            }
            // Contrast: the clause after a contrast word weighs more, the one before it less.
            // A contrast word at the start of a sentence ("…. Ama …") still contrasts with the sentence before.
            var weight = 1.0
            if let c = contrastAt[clause] {
                weight = rules.contrastAfterWeight; applied.append("contrast(after \(c))")
            } else if let c = contrastAt[clause + 1] {
                weight = rules.contrastBeforeWeight; applied.append("contrast(before \(c))")
            } else if let c = concessiveSpan[start] {
                weight = rules.contrastBeforeWeight; applied.append("concession(\(c))")
            } else if let c = concessiveClause[clause] {
                weight = rules.contrastAfterWeight; applied.append("main clause(\(c))")
            }
            if weight != 1 { v *= weight }
            hits[h].valence = v
            hits[h].rules = applied
            hits[h].boost = boost
            hits[h].weight = weight
        }
    }

    /// Concessive conjunctions: the clause one introduces (up to a comma or the clause end) is the
    /// concession and weighs less; the rest of its clause is the point and weighs more.
    private func concessions(_ tokens: [Token], _ lex: LanguageLexicon) -> (span: [String?], clause: [Int: String]) {
        var concessiveSpan = [String?](repeating: nil, count: tokens.count)
        var concessiveClause: [Int: String] = [:]
        var j = 0
        while j < tokens.count {
            guard tokens[j].kind == .word, let c = lex.concessives.longestMatch(in: tokens, at: j) else { j += 1; continue }
            let clause = tokens[j].clause
            var end = j + c.length
            while end < tokens.count, tokens[end].clause == clause, tokens[end].form != "," { end += 1 }
            for k in j..<end { concessiveSpan[k] = c.term.text }
            if concessiveClause[clause] == nil { concessiveClause[clause] = c.term.text }
            j = end
        }
        return (concessiveSpan, concessiveClause)
    }

    /// Aspect phrases and cues (`aspects.tsv`, found by `AspectMatcher`) replace the lexicon terms within
    /// their words (one of valence 0 by nothing); a longer lexicon phrase over them wins (`rešili problem`
    /// over `problem*`).
    private func addAspects(_ tokens: [Token], _ lex: LanguageLexicon, to hits: inout [Hit], roles: inout [Role]) {
        let found = hits
        let aspectHits = aspects.hits(tokens, lex).filter { a in
            !found.contains { h in a.range.overlaps(h.start..<(h.start + h.length)) && (h.start < a.range.lowerBound || h.start + h.length > a.range.upperBound) }
        }
        if aspectHits.isEmpty { return }
        hits.removeAll { h in aspectHits.contains { $0.range.overlaps(h.start..<(h.start + h.length)) } }
        for a in aspectHits where a.valence != 0 {
            for k in a.range { roles[k] = .none }
            hits.append(Hit(start: a.range.lowerBound, length: a.range.count, valence: a.valence, base: a.valence, term: a.term,
                            rules: a.rules, clause: tokens[a.range.lowerBound].clause, aspect: a.theme, negatable: a.kind == .cue))
        }
        hits.sort { $0.start < $1.start }
    }

    /// Whether the next word (same clause, no comma between) is a sentiment term or an intensifier.
    private func sentimentFollows(_ tokens: [Token], at i: Int, _ lex: LanguageLexicon) -> Bool {
        guard i < tokens.count, tokens[i].kind == .word, tokens[i].clause == tokens[i - 1].clause else { return false }
        if let m = lex.sentiment.longestMatch(in: tokens, at: i), m.term.payload != 0 { return true }
        return lex.intensifiers.longestMatch(in: tokens, at: i) != nil || lex.loanSentiment.longestMatch(in: tokens, at: i) != nil
    }

    private func hit(_ m: TermIndex<Double>.Match, at i: Int, _ tokens: [Token], _ lex: LanguageLexicon, negationSuffixes: Bool = true, unit: Unit) -> Hit {
        var v = m.term.payload
        var applied: [String] = []
        var negations = 0
        if negationSuffixes, m.viaStem, let morpheme = lex.negationMorpheme(in: m.remainder) {
            v = negate(v); applied.append("negation(\(morpheme))"); negations = 1
        }
        return Hit(start: i, length: m.length, valence: v, base: m.term.payload, term: m.term.text, rules: applied, clause: tokens[i].clause,
                   unit: unit, learned: m.term.learned, negations: negations)
    }

    /// Serbian `ne-` (and any `prefix` rule): `neprofesionalan` → not `profesionalan`.
    private func prefixNegatedHit(_ tokens: [Token], at i: Int, _ lex: LanguageLexicon) -> Hit? {
        for p in lex.negationPrefixes where tokens[i].form.hasPrefix(p) && tokens[i].form.count >= p.count + 3 {
            var copy = [tokens[i]]
            copy[0].form = String(tokens[i].form.dropFirst(p.count))
            if let m = lex.sentiment.longestMatch(in: copy, at: 0) {
                return Hit(start: i, length: 1, valence: negate(m.term.payload), base: m.term.payload, term: p + "-" + m.term.text,
                           rules: ["negation(\(p)-)"], clause: tokens[i].clause, unit: .sentiment(m.index), learned: m.term.learned, negations: 1)
            }
        }
        return nil
    }

    private func emojiValence(_ t: Token) -> Double? {
        if let m = lexicons.emoji.longestMatch(in: [t], at: 0, isWord: { _ in true }) { return m.term.payload }
        if let first = t.form.unicodeScalars.first, t.form.unicodeScalars.count > 1 {
            var single = t
            single.form = String(first)
            return lexicons.emoji.longestMatch(in: [single], at: 0, isWord: { _ in true })?.term.payload
        }
        return nil
    }

    func negate(_ v: Double) -> Double { v > 0 ? v * rules.negatedPositiveScalar : v * rules.negatedNegativeScalar }

    func normalize(_ x: Double) -> Double { x == 0 ? 0 : max(-1, min(1, x / (x * x + rules.alpha).squareRoot())) }

    private func clauseScores(_ tokens: [Token], _ hits: [Hit]) -> [Double] {
        let count = (tokens.map(\.clause).max() ?? -1) + 1
        var sums = [Double](repeating: 0, count: count)
        for h in hits where h.clause < count { sums[h.clause] += h.valence }
        return sums.map { round4(normalize($0)) }
    }
}

func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
func round4(_ v: Double) -> Double { (v * 10000).rounded() / 10000 }
