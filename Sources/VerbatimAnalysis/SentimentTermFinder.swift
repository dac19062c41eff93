import VerbatimCore

/// How the scorer finds the terms of a text, before its rules apply (`SentimentScorer.rules`): one pass
/// over the words, longest match first, in the order hand-written phrases, negators, intensifiers,
/// hand-written words, words of a mixed-in language, then the last look-ups (a negative prefix, a
/// negated-verb ending, the learned layers); then the aspect phrases and cues.
extension SentimentScorer {
    /// One pass over the words: sentiment terms become hits, negators and intensifiers get their roles.
    func findTerms(_ tokens: TokenList, _ lex: LanguageLexicon, _ automaton: TermAutomaton) -> ([Hit], [Role], [Int]) {
        var roles = [Role](filled: .none, count: tokens.count)
        // Room made once: grown one append at a time, each array was reallocated four or five times per text.
        var hits: [Hit] = []
        hits.reserveCapacity(tokens.count)
        var free: [Int] = []
        free.reserveCapacity(tokens.count)
        // Read once: a global's lazy check at every word otherwise.
        let scorerFirst = TermAutomaton.Kind.scorerFirst
        // An intensifier may stand between a phrase's words (`kalitesi çok yüksek` under `kalitesi yüksek`).
        let intensifiers = TermAutomaton.Kind.oneWordIntensifier
        var i = 0, hitsSeen = 0
        while i < tokens.count {
            let kind = tokens[i].kind
            if kind == .emoji || kind == .emoticon {
                if let v = emojiValence(tokens, at: i) {
                    hits.append(Hit(start: i, length: 1, valence: v, base: v, named: tokens.form(i), rules: [], clause: tokens[i].clause, kind: .emoji))
                }
                i += 1; continue
            }
            guard kind == .word else { i += 1; continue }
            // Right after a verb negated inside the word: "cannot help (doing it)" (`hayran kalmamak elde değil`);
            // looked for only at the word after a new hit.
            if hits.count != hitsSeen {
                hitsSeen = hits.count
                if let n = cannotHelp(after: hits, tokens, at: i, lex) { roles[i] = .cannotHelp(Int32(n.index)); i += n.length; continue }
            }
            // A word that starts no term of the per-word look-ups below goes straight to the last rules.
            let kinds = automaton.kinds(of: tokens, i)
            if kinds & scorerFirst == 0 {
                i += lastLookups(tokens, at: i, lex, automaton, &hits, &roles, &free); continue
            }
            let startsPhrase = kinds & TermAutomaton.Kind.phraseStart != 0
            let match = startsPhrase ? lex.sentiment.longestMatch(in: tokens, at: i, between: intensifiers) : lex.sentiment.longestMatch(in: tokens, at: i)
            if let m = match, m.length >= 2, !Self.negator(lex.negatorsBefore, outruns: m.length, tokens, at: i, marked: kinds & TermAutomaton.Kind.negatorsBefore.bit != 0) {
                if m.payload != 0 {
                    hits.append(hit(m, at: i, tokens, lex, unit: .sentiment(m.index)))
                    markInside(m, at: i, tokens, lex, &roles)
                }
                i += m.length; continue
            }
            if let n = lex.negatorsAfter.longestMatch(in: tokens, at: i) {
                roles[i] = .negatorAfter(Int32(n.index)); i += n.length; continue
            }
            // A negation word before what it negates stands at its last word: the reach of one of several words
            // (`ne mogu reći da`, "I cannot say that") starts where it ends.
            if let n = lex.negatorsBefore.longestMatch(in: tokens, at: i) {
                roles[i + n.length - 1] = n.payload == .negates ? .negatorBefore(Int32(n.index)) : .cannotHelpFrame(Int32(n.index), loan: false)
                i += n.length; continue
            }
            // A word that is both an intensifier and a sentiment term (`süper`, `müthiş`) intensifies the
            // sentiment word right after it (`süper hızlı`); with none there, it is the sentiment term (`Süper!`).
            if let b = lex.intensifiers.longestMatch(in: tokens, at: i),
               !(match.map { $0.payload != 0 && $0.length >= b.length } ?? false) || sentimentFollows(tokens, at: i + b.length, lex) {
                roles[i] = .intensifier(b.payload, Int32(b.index)); i += b.length; continue
            }
            if let m = match {
                // A neutral entry (valence 0) only stops shorter stems from matching.
                if m.payload != 0 { hits.append(hit(m, at: i, tokens, lex, unit: .sentiment(m.index))) }
                i += m.length; continue
            }
            // Words of a mixed-in language (Russian in Kazakh): only where the language's own data has nothing.
            if let m = startsPhrase ? lex.loanSentiment.longestMatch(in: tokens, at: i, between: intensifiers) : lex.loanSentiment.longestMatch(in: tokens, at: i),
               !Self.negator(lex.loanNegatorsBefore, outruns: m.length, tokens, at: i, marked: kinds & TermAutomaton.Kind.loanNegatorsBefore.bit != 0) {
                if m.payload != 0 {
                    hits.append(hit(m, at: i, tokens, lex, negationSuffixes: false, unit: .loan(m.index)))
                    markInside(m, at: i, tokens, lex, &roles)
                }
                i += m.length; continue
            }
            if let n = lex.loanNegatorsBefore.longestMatch(in: tokens, at: i) {
                roles[i + n.length - 1] = n.payload == .negates ? .loanNegatorBefore(Int32(n.index)) : .cannotHelpFrame(Int32(n.index), loan: true)
                i += n.length; continue
            }
            if let n = lex.loanNegatorsAfter.longestMatch(in: tokens, at: i) {
                roles[i] = .loanNegatorAfter(Int32(n.index)); i += n.length; continue
            }
            i += lastLookups(tokens, at: i, lex, automaton, &hits, &roles, &free)
        }
        return (hits, roles, free)
    }

    /// Whether a negation word of several words starting at word `i` is longer than the `length` words of the
    /// phrase there (`не могу сказать что`, "I cannot say that", over `не могу`, "I cannot"): then it is the
    /// negator. Looked up only where the automaton marked the word (`marked`).
    @inline(__always) static func negator<Payload>(_ index: TermIndex<Payload>, outruns length: Int, _ tokens: TokenList, at i: Int, marked: Bool) -> Bool {
        guard marked, let n = index.longestMatch(in: tokens, at: i) else { return false }
        return n.length > length
    }

    /// What says "cannot help (doing it)" at word `i` (`LanguageLexicon.cannotHelp`), when the last hit is a
    /// term negated inside its word that ends right before it (`hayran kalmamak` before `elde değil`).
    @inline(__always) func cannotHelp(after hits: [Hit], _ tokens: TokenList, at i: Int, _ lex: LanguageLexicon) -> TermIndex<Bool>.Match? {
        // The last hit's fields read in place: a copy of it would retain its strings.
        guard let h = hits.indices.last, hits[h].start + hits[h].length == i, hits[h].affixNegation != nil, lex.cannotHelp.count > 0 else { return nil }
        return lex.cannotHelp.longestMatch(in: tokens, at: i)
    }

    /// Gives the intensifiers that stood between phrase `m`'s words their role, for `IntensifierRule`.
    func markInside(_ m: TermIndex<Double>.Match, at i: Int, _ tokens: TokenList, _ lex: LanguageLexicon, _ roles: inout [Role]) {
        guard m.inside != 0 else { return }
        for offset in 1..<m.length where m.inside & (1 << UInt8(offset)) != 0 {
            if let b = lex.intensifiers.longestMatch(in: tokens, at: i + offset) { roles[i + offset] = .intensifier(b.payload, Int32(b.index)) }
        }
    }

    /// The look-ups for a word that no entry above claimed: a negative prefix, a negated-verb ending,
    /// then the learned layers. Returns the number of tokens consumed.
    func lastLookups(
        _ tokens: TokenList, at i: Int, _ lex: LanguageLexicon, _ automaton: TermAutomaton, _ hits: inout [Hit], _ roles: inout [Role], _ free: inout [Int]
    ) -> Int {
        // Only languages with negative prefixes (Serbian `ne-`) look for one: a loop over none still retained the list for each word.
        if !lex.negationPrefixes.isEmpty, let h = prefixNegatedHit(tokens, at: i, lex) {
            hits.append(h)
        } else if let ending = automaton.negatedEnding(of: tokens, at: i) {
            roles[i] = .negatedVerb(Int32(ending))
        } else if lex.learned.count > 0, let m = lex.learned.longestMatch(in: tokens, at: i) {
            if m.payload != 0 { hits.append(hit(m, at: i, tokens, lex, unit: .learned(m.index))) }
            return m.length
        } else {
            free.append(i)
        }
        return 1
    }

    /// Aspect phrases and cues (`aspects.tsv`, found by `AspectMatcher`) replace the lexicon terms within
    /// their words (one of valence 0 by nothing); a longer lexicon phrase over them wins (`rešili problem`
    /// over `problem*`).
    func addAspects(_ tokens: inout TokenList, _ ref: LexiconRef, to hits: inout [Hit], roles: inout [Role], keywords: inout [ThemeKeyword]?) {
        // Hits read by index and field, in place: a copy of a hit retains and releases each of its strings.
        var aspectHits = aspects.hits(marking: &tokens, ref, keywords: &keywords, keepingKeywords: keepsThemeKeywords)
        aspectHits.removeAll { a in
            hits.indices.contains { k in
                let start = hits[k].start, end = hits[k].start + hits[k].length
                return a.range.overlaps(start..<end) && (start < a.range.lowerBound || end > a.range.upperBound)
            }
        }
        if aspectHits.isEmpty { return }
        hits.removeAll { h in aspectHits.indices.contains { aspectHits[$0].range.overlaps(h.start..<(h.start + h.length)) } }
        for k in aspectHits.indices where aspectHits[k].valence != 0 {
            let range = aspectHits[k].range, valence = aspectHits[k].valence
            for j in range { roles[j] = .none }
            hits.append(Hit(start: range.lowerBound, length: range.count, valence: valence, base: valence, named: aspectHits[k].term,
                            rules: explains ? aspectHits[k].rules : [], clause: tokens[range.lowerBound].clause, aspect: aspectHits[k].theme,
                            negatable: aspectHits[k].kind == .cue))
        }
        hits.sort { $0.start < $1.start }
    }

    /// Whether the next word (same clause, no comma between) is a sentiment term or an intensifier.
    func sentimentFollows(_ tokens: TokenList, at i: Int, _ lex: LanguageLexicon) -> Bool {
        guard i < tokens.count, tokens[i].kind == .word, tokens[i].clause == tokens[i - 1].clause else { return false }
        if let m = lex.sentiment.longestMatch(in: tokens, at: i), m.payload != 0 { return true }
        return lex.intensifiers.longestMatch(in: tokens, at: i) != nil || lex.loanSentiment.longestMatch(in: tokens, at: i) != nil
    }

    func hit(_ m: TermIndex<Double>.Match, at i: Int, _ tokens: TokenList, _ lex: LanguageLexicon, negationSuffixes: Bool = true, unit: Unit) -> Hit {
        let affix = negationSuffixes && m.viaStem ? lex.negationMorpheme(after: m, in: tokens) : nil
        return Hit(start: i, length: m.length, valence: m.payload, base: m.payload, rules: [], clause: tokens[i].clause,
                   unit: unit, affixNegation: affix)
    }

    /// Serbian `ne-` (and any `prefix` rule): `neprofesionalan` → not `profesionalan`.
    func prefixNegatedHit(_ tokens: TokenList, at i: Int, _ lex: LanguageLexicon) -> Hit? {
        // Most words start with no prefix: their bytes say so, and the form is decoded only for one that does.
        var decoded: String?
        for p in lex.negationPrefixes where tokens.withForm(i, { UTF8Bytes.hasPrefix($0, p) }) {
            let form = decoded ?? tokens.form(i)
            decoded = form
            guard form.hasPrefix(p), form.count >= p.count + 3 else { continue }
            var copy = tokens.alone(i)
            copy.setForm(0, String(form.dropFirst(p.count)))
            if let m = lex.sentiment.longestMatch(in: copy, at: 0) {
                return Hit(start: i, length: 1, valence: m.payload, base: m.payload, named: p + "-" + m.text,
                           rules: [], clause: tokens[i].clause, unit: .sentiment(m.index), affixNegation: p + "-")
            }
        }
        return nil
    }

    func emojiValence(_ tokens: TokenList, at i: Int) -> Double? {
        let one = tokens.alone(i)
        if let m = lexicons.emoji.longestMatch(in: one, at: 0, isWord: { _ in true }) { return m.payload }
        let form = tokens.form(i)
        if let first = form.unicodeScalars.first, form.unicodeScalars.count > 1 {
            var single = one
            single.setForm(0, String(first))
            return lexicons.emoji.longestMatch(in: single, at: 0, isWord: { _ in true })?.payload
        }
        return nil
    }
}
