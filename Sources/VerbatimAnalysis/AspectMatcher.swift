import VerbatimCore

/// Finds the aspect phrases and cues of `aspects.tsv` in a record: the words that carry polarity only
/// for one theme (a stated wait for wait_time, "for the third time" for repeat_contact, "still" after a
/// promise).
///
/// The sentiment scorer adds what it finds to the record's score (so `yarım saat bekledim` is a negative
/// record), and the theme tagger gives it to its theme only. A `cue` counts only in a segment that
/// mentions its theme by another word, an `outcome` only after its theme in the same sentence or the next; a `phrase` always
/// counts, and marks its theme by itself.
public struct AspectMatcher: Sendable {
    /// One aspect match.
    public struct Hit: Sendable, Hashable {
        public var range: Range<Int>
        public var theme: String
        public var kind: AspectCue.Kind
        public var valence: Double
        /// The entry as written in `aspects.tsv`.
        public var term: String
        /// The negation morpheme inside the matched word, if any (the valence is already flipped).
        public var negation: String?

        /// The rule name shown in the evidence: `aspect(wait_time)`, `aspect cue(wait_time)`, `aspect outcome(promises)`.
        public var rules: [RuleMark] {
            let mark: RuleMark = switch kind {
            case .phrase: .aspect(theme: theme)
            case .cue: .aspectCue(theme: theme)
            case .outcome: .aspectOutcome(theme: theme)
            }
            return negation.map { [mark, .affixNegation($0)] } ?? [mark]
        }
    }

    /// A theme mentioned by a keyword of `themes.tsv` or by an aspect phrase.
    public typealias Mention = ThemeKeyword

    public init() {}

    /// Segments: a new one starts at each clause (sentence, contrast), after a comma, and at a
    /// concessive conjunction. A theme takes the polarity of its own segment.
    func segments(_ tokens: TokenList, _ ref: LexiconRef) -> [Int] { segmentsAndConcession(tokens, ref).segment }

    /// The segments, and whether a concessive conjunction stands in the text (found on the same walk). A
    /// particle that closes a concession (`… ч`) cuts only where it closes one (`ConcessionRule.closes`):
    /// right after a term, which `termEnds` says ends before a token (none, unless the caller knows).
    func segmentsAndConcession(
        _ tokens: TokenList, _ ref: LexiconRef, termEnds: (Int) -> Bool = { _ in false }
    ) -> (segment: [Int], concessive: Bool) {
        var segment = [Int](filled: 0, count: tokens.count)
        var current = 0
        var concessive = false
        var i = 0
        func closes(_ c: TermIndex<Bool>.Match) -> Bool {
            ConcessionRule.closes(tokens, at: i, length: c.length, termEndsBefore: termEnds(i)) { k in
                ref.lex.negatorsBefore.longestMatch(in: tokens, at: k) != nil || ref.lex.negatorsAfter.longestMatch(in: tokens, at: k) != nil
            }
        }
        while i < tokens.count {
            if i > 0, tokens[i].clause != tokens[i - 1].clause || tokens.isComma(at: i - 1) { current += 1 }
            if tokens[i].kind == .word, let c = ref.lex.concessives.longestMatch(in: tokens, at: i), c.payload || closes(c) {
                if i > 0, !tokens.isComma(at: i - 1), tokens[i].clause == tokens[i - 1].clause { current += 1 }
                for k in i..<(i + c.length) { segment[k] = current }
                concessive = true
                i += c.length
                continue
            }
            segment[i] = current
            i += 1
        }
        return (segment, concessive)
    }

    /// The theme keywords of `themes.tsv` in text order (the blocking theme `none` left out); with `only`,
    /// the mentions of those themes alone (the words are matched as for all of them: a longer keyword of
    /// another theme still covers its words, so this is the whole list filtered).
    func keywordMentions(_ tokens: TokenList, _ ref: LexiconRef, only: [String]? = nil) -> [Mention] {
        var found: [Mention] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .word, let m = ref.lex.themes.longestMatch(in: tokens, at: i) else { i += 1; continue }
            for theme in m.payload where theme != "none" && only.map({ $0.contains(theme) }) ?? true {
                if found.isEmpty { found.reserveCapacity(8) }
                found.append(Mention(theme: theme, range: i..<(i + m.length), keyword: m.text))
            }
            i += m.length
        }
        return found
    }

    /// The aspect phrases and cues that count in these tokens.
    func hits(_ tokens: TokenList, _ ref: LexiconRef) -> [Hit] {
        var tokens = tokens
        var keywords: [Mention]?
        return hits(marking: &tokens, ref, keywords: &keywords, keepingKeywords: false)
    }

    /// `hits(_:_:)` of tokens the caller owns: the numbers are written into the tokens themselves for the
    /// terms that hold one (`markNumbers`), and the tokens are put back as they were before the cues are
    /// weighed. (Most texts hold a number word, `bir`, `бір`, `jedan`: a marked copy of the whole text
    /// would be made for nearly every text.)
    /// With `keepingKeywords`, `keywords` gets all the theme keywords of the tokens when the cues needed
    /// them (`FeedbackRecord.themeKeywords`, for a themes stage after this one); else the cues look up
    /// only their own themes' keywords.
    func hits(marking tokens: inout TokenList, _ ref: LexiconRef, keywords: inout [Mention]?, keepingKeywords: Bool) -> [Hit] {
        guard ref.lex.aspects.count > 0 else { return [] }
        let unmarked = markNumbers(&tokens, ref)
        // A word given `<n>` lost its mark with its old form: marked again (the placeholder's mark is
        // remembered like any form's), the aspect terms around it are read from the automaton's lists
        // instead of walking the index's tries.
        if !unmarked.isEmpty { ref.automaton.mark(&tokens, at: unmarked.lazy.map(\.0)) }
        var counted = candidates(tokens, ref)
        for (k, token) in unmarked { tokens[k] = token }
        keepCounted(&counted, tokens, ref, keywords: &keywords, keepingKeywords: keepingKeywords)
        return counted
    }

    /// The aspect terms in text order, longest first, on tokens whose numbers are marked.
    private func candidates(_ tokens: TokenList, _ ref: LexiconRef) -> [Hit] {
        var candidates: [Hit] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .word, let m = ref.lex.aspects.longestMatch(in: tokens, at: i) else { i += 1; continue }
            // A stem negated inside the word (`sözünü tutmadılar` under `sözünü tut*`) says the opposite.
            let negation = m.viaStem ? ref.lex.negationMorpheme(after: m, in: tokens) : nil
            // A valence of 0 stops a shorter term (`<n> dakikada`, within N minutes, under `<n> dakika`) and,
            // where it applies, the sentiment term on its words (`sorunu` beside `çözdü`: the verb says how it went).
            let term = m.text
            if candidates.isEmpty { candidates.reserveCapacity(8) }
            for cue in m.payload {
                let v = negation == nil ? cue.valence : (cue.valence > 0 ? -0.74 * cue.valence : -0.4 * cue.valence)
                candidates.append(Hit(range: i..<(i + m.length), theme: cue.theme, kind: cue.kind, valence: v, term: term, negation: negation))
            }
            i += m.length
        }
        return candidates
    }

    /// Leaves in `candidates` those that count (`counts`). Candidates are read by index and field, in place
    /// (a copy of one retains and releases its strings).
    private func keepCounted(_ candidates: inout [Hit], _ tokens: TokenList, _ ref: LexiconRef, keywords: inout [Mention]?, keepingKeywords: Bool) {
        if candidates.isEmpty { return }
        // Phrases always count; only cues and outcomes need the mentions of their themes (and cues the segments).
        var wanted: [String] = []
        for k in candidates.indices where candidates[k].kind != .phrase && !wanted.contains(candidates[k].theme) { wanted.append(candidates[k].theme) }
        if wanted.isEmpty { return }
        let segment = candidates.indices.contains { candidates[$0].kind == .cue } ? segments(tokens, ref) : []
        // What a 0 entry covers is no mention (`za 10 minuta`, within ten minutes, is not a wait).
        // The wanted themes' keywords; or all of them, for the themes stage to take over (`counts` reads
        // only those of a cue's own theme, so the others change nothing here).
        var mentions = keywordMentions(tokens, ref, only: keepingKeywords ? nil : wanted)
        if keepingKeywords { keywords = mentions }
        let silent = candidates.indices.compactMap { candidates[$0].valence == 0 ? candidates[$0].range : nil }
        if !silent.isEmpty {
            mentions.removeAll { m in silent.contains { $0.lowerBound <= m.range.lowerBound && m.range.upperBound <= $0.upperBound } }
        }
        for k in candidates.indices where candidates[k].kind == .phrase && candidates[k].valence != 0 && wanted.contains(candidates[k].theme) {
            mentions.append(Mention(theme: candidates[k].theme, range: candidates[k].range, keyword: candidates[k].term))
        }
        candidates.removeAll { hit in !counts(hit, mentions, segment, tokens) }
    }

    /// Whether a candidate counts: a phrase always; a cue where its segment mentions its theme by another
    /// word, an outcome after its theme in the same sentence or the next.
    private func counts(_ hit: Hit, _ mentions: [Mention], _ segment: [Int], _ tokens: TokenList) -> Bool {
        switch hit.kind {
        case .phrase:
            return true
        case .cue:
            // Mentioned by another word: `<n> saat` needs a wait (`bekledim`), its own `saat` is not one.
            return mentions.contains {
                $0.theme == hit.theme && ($0.range.lowerBound < hit.range.lowerBound || $0.range.upperBound > hit.range.upperBound)
                    && segment[$0.range.lowerBound] == segment[hit.range.lowerBound]
            }
        case .outcome:
            return mentions.contains {
                $0.theme == hit.theme && $0.range.upperBound <= hit.range.lowerBound
                    && tokens[hit.range.lowerBound].sentence - tokens[$0.range.lowerBound].sentence <= 1
            }
        }
    }

    /// `<n>` folded like the terms' words, per language (Kazakh folding turns a Latin `n` into `н`): once,
    /// not per text.
    static let placeholders: [Language: String] = Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
        (language, TermIndex<Bool>.words(of: AspectCue.numberPlaceholder, language: language)[0].form)
    })

    /// Writes `<n>` into the tokens for the terms that hold a number (`<n> dakika`, `<n> sata`): digits
    /// become a word whose form is `<n>`; a number word of `numbers.tsv` (its last word) gets `<n>` as its
    /// form (or, when a term starts with the word itself, as the form to try when that term does not
    /// match). Returns the tokens it changed, as they were. Where to write is worked out on the tokens as
    /// they are, before any is changed.
    private func markNumbers(_ tokens: inout TokenList, _ ref: LexiconRef) -> [(Int, Token)] {
        var marks: [(position: Int, asAlternative: Bool)] = []
        var i = 0
        while i < tokens.count {
            if tokens[i].kind == .number {
                marks.append((i, false))
            } else if tokens[i].kind == .word, let m = ref.lex.numberWords.longestMatch(in: tokens, at: i) {
                let last = i + m.length - 1
                // A term that starts with the word itself (`bir kez`, once) is tried before `<n> kez`.
                marks.append((last, ref.lex.aspects.longestMatch(in: tokens, at: last) != nil))
                i += m.length
                continue
            }
            i += 1
        }
        if marks.isEmpty { return [] }
        let placeholder = tokens.add(Self.placeholders[ref.lex.language]!)
        var unmarked: [(Int, Token)] = []
        unmarked.reserveCapacity(marks.count)
        for mark in marks {
            let k = mark.position
            unmarked.append((k, tokens[k]))
            if tokens[k].kind == .number {
                tokens[k].kind = .word
                tokens.setForm(k, span: placeholder)
            } else if mark.asAlternative {
                tokens.setAlternative(k, span: placeholder)
            } else {
                tokens.setForm(k, span: placeholder)
            }
        }
        return unmarked
    }
}
