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

    private struct Hit {
        var start: Int
        var length: Int
        var valence: Double
        var base: Double
        var term: String
        var rules: [String]
        var clause: Int
        var kind: Kind = .term
        /// Matched in the lexicon of a mixed-in language (Russian in Kazakh).
        var loan = false
        /// The theme of an aspect phrase or cue (`aspects.tsv`).
        var aspect: String?
        /// Negation words reach it (an aspect cue, `uzun değil`; not a phrase or an outcome: `iki gündür açılmıyor`
        /// is not "not two days", `hala yatmadı` is not "not still").
        var negatable = true

        enum Kind { case term, emoji, unattachedNegation }
    }

    public func score(_ tokens: [Token], language: Language) -> SentimentResult {
        guard Language.scored.contains(language), let lex = lexicons.languages[language] else {
            let reason = language == .und ? "language undetermined: not scored" : "language \(language.rawValue) is not scored"
            return SentimentResult(score: 0, label: .neutral, evidence: [], clauseScores: [], reason: reason)
        }
        let filter = firstWords[language]
        var roles = [Role](repeating: .none, count: tokens.count)
        var hits: [Hit] = []
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
            // A word that starts no term of the per-word look-ups below goes straight to the last two rules.
            if let filter, !filter.mayStart(t) {
                if let h = prefixNegatedHit(tokens, at: i, lex) {
                    hits.append(h)
                } else if let ending = lex.negatedVerbEnding(of: t.form) {
                    roles[i] = .negatedVerb(ending)
                }
                i += 1; continue
            }
            let match = lex.sentiment.longestMatch(in: tokens, at: i)
            if let m = match, m.length >= 2 {
                if m.term.payload != 0 { hits.append(hit(m, at: i, tokens, lex)) }
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
                if m.term.payload != 0 { hits.append(hit(m, at: i, tokens, lex)) }
                i += m.length; continue
            }
            // Words of a mixed-in language (Russian in Kazakh): only where the language's own data has nothing.
            if let m = lex.loanSentiment.longestMatch(in: tokens, at: i) {
                if m.term.payload != 0 {
                    var h = hit(m, at: i, tokens, lex, negationSuffixes: false)
                    h.loan = true
                    hits.append(h)
                }
                i += m.length; continue
            }
            if let n = lex.loanNegatorsBefore.longestMatch(in: tokens, at: i) {
                roles[i] = .loanNegatorBefore(n.term.text); i += n.length; continue
            }
            if let n = lex.loanNegatorsAfter.longestMatch(in: tokens, at: i) {
                roles[i] = .loanNegatorAfter(n.term.text); i += n.length; continue
            }
            if let h = prefixNegatedHit(tokens, at: i, lex) {
                hits.append(h)
            } else if let ending = lex.negatedVerbEnding(of: t.form) {
                roles[i] = .negatedVerb(ending)
            }
            i += 1
        }

        addAspects(tokens, lex, to: &hits, roles: &roles)

        // Tokens covered by a sentiment term: a negator or an intensifier reaches only the nearest term.
        var covered = [Bool](repeating: false, count: tokens.count)
        for h in hits { for k in h.start..<(h.start + h.length) { covered[k] = true } }

        // 1. Negation words: each negates the nearest term in its window (several count once).
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
                hits[h].rules.append("negation(\((before.reversed() + after).joined(separator: " ")))")
            }
        }
        // 2. Negation with nothing to negate ("интернет жоқ", "ne javljaju se", "gelmedi"): in customer
        //    feedback, saying that something did not happen or is not there is a complaint.
        if rules.unattachedNegationValence != 0 {
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
            for h in hits { for k in h.start..<(h.start + h.length) { covered[k] = true } }
        }
        if hits.isEmpty {
            return SentimentResult(score: 0, label: .neutral, evidence: [], clauseScores: clauseScores(tokens, []), reason: "no lexicon match")
        }
        // Which clauses start with a contrast conjunction, and its words.
        var contrastAt: [Int: String] = [:]
        for t in tokens where t.kind == .contrast { contrastAt[t.clause] = (contrastAt[t.clause].map { $0 + " " } ?? "") + t.surface.lowercased() }

        // Concessive conjunctions: the clause one introduces (up to a comma or the clause end) is the
        // concession and weighs less; the rest of its clause is the point and weighs more.
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

        // 3. Intensifiers, emphasis, contrast and concession.
        for h in hits.indices {
            var v = hits[h].valence
            var applied = hits[h].rules
            let start = hits[h].start, end = hits[h].start + hits[h].length, clause = hits[h].clause
            var distance = 0
            var k = start - 1
            while hits[h].kind != .emoji, k >= 0, distance < rules.window, tokens[k].clause == clause, !covered[k] {
                if tokens[k].kind == .word { distance += 1 } else { k -= 1; continue }
                if case let .intensifier(scalar, text) = roles[k] {
                    let decay = distance <= rules.intensifierDecay.count ? rules.intensifierDecay[distance - 1] : rules.intensifierDecay.last!
                    v += (v >= 0 ? 1 : -1) * scalar * decay
                    applied.append((scalar > 0 ? "intensifier(" : "dampener(") + text + ")")
                }
                k -= 1
            }
            // Emphasis written into the words.
            let words = tokens[start..<end]
            if words.contains(where: { $0.emphasis.contains(.allCaps) }) { v += (v >= 0 ? 1 : -1) * rules.capsIncrement; applied.append("caps") }
            if words.contains(where: { $0.emphasis.contains(.elongated) }) { v += (v >= 0 ? 1 : -1) * rules.elongationIncrement; applied.append("elongation") }
            // Contrast: the clause after a contrast word weighs more, the one before it less.
            // A contrast word at the start of a sentence ("…. Ama …") still contrasts with the sentence before.
            if let c = contrastAt[clause] {
                v *= rules.contrastAfterWeight; applied.append("contrast(after \(c))")
            } else if let c = contrastAt[clause + 1] {
                v *= rules.contrastBeforeWeight; applied.append("contrast(before \(c))")
            } else if let c = concessiveSpan[start] {
                v *= rules.contrastBeforeWeight; applied.append("concession(\(c))")
            } else if let c = concessiveClause[clause] {
                v *= rules.contrastAfterWeight; applied.append("main clause(\(c))")
            }
            hits[h].valence = v
            hits[h].rules = applied
        }
        var sum = hits.reduce(0) { $0 + $1.valence }
        var evidence = hits.map { h in
            Evidence(matched: tokens[h.start..<(h.start + h.length)].map(\.surface).joined(separator: " "),
                     term: h.term, baseValence: h.base, finalValence: round2(h.valence), rules: h.rules, clause: h.clause,
                     tokens: h.start..<(h.start + h.length), aspect: h.aspect)
        }
        let bangs = min(tokens.filter { $0.kind == .punctuation && $0.form == "!" }.count, rules.maxExclamations)
        if bangs > 0, sum != 0 {
            let add = (sum > 0 ? 1 : -1) * Double(bangs) * rules.exclamationIncrement
            sum += add
            evidence.append(Evidence(matched: String(repeating: "!", count: bangs), term: "!", baseValence: 0, finalValence: round2(add), rules: ["emphasis(!×\(bangs))"], clause: -1))
        }
        let compound = round4(normalize(sum))
        return SentimentResult(score: compound, label: rules.label(compound), evidence: evidence, clauseScores: clauseScores(tokens, hits))
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

    private func hit(_ m: TermIndex<Double>.Match, at i: Int, _ tokens: [Token], _ lex: LanguageLexicon, negationSuffixes: Bool = true) -> Hit {
        var v = m.term.payload
        var applied: [String] = []
        if negationSuffixes, m.viaStem, let morpheme = lex.negationMorpheme(in: m.remainder) {
            v = negate(v); applied.append("negation(\(morpheme))")
        }
        return Hit(start: i, length: m.length, valence: v, base: m.term.payload, term: m.term.text, rules: applied, clause: tokens[i].clause)
    }

    /// Serbian `ne-` (and any `prefix` rule): `neprofesionalan` → not `profesionalan`.
    private func prefixNegatedHit(_ tokens: [Token], at i: Int, _ lex: LanguageLexicon) -> Hit? {
        for p in lex.negationPrefixes where tokens[i].form.hasPrefix(p) && tokens[i].form.count >= p.count + 3 {
            var copy = [tokens[i]]
            copy[0].form = String(tokens[i].form.dropFirst(p.count))
            if let m = lex.sentiment.longestMatch(in: copy, at: 0) {
                return Hit(start: i, length: 1, valence: negate(m.term.payload), base: m.term.payload, term: p + "-" + m.term.text,
                           rules: ["negation(\(p)-)"], clause: tokens[i].clause)
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

    private func negate(_ v: Double) -> Double { v > 0 ? v * rules.negatedPositiveScalar : v * rules.negatedNegativeScalar }

    private func normalize(_ x: Double) -> Double { x == 0 ? 0 : max(-1, min(1, x / (x * x + rules.alpha).squareRoot())) }

    private func clauseScores(_ tokens: [Token], _ hits: [Hit]) -> [Double] {
        let count = (tokens.map(\.clause).max() ?? -1) + 1
        var sums = [Double](repeating: 0, count: count)
        for h in hits where h.clause < count { sums[h.clause] += h.valence }
        return sums.map { round4(normalize($0)) }
    }
}

func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
func round4(_ v: Double) -> Double { (v * 10000).rounded() / 10000 }
