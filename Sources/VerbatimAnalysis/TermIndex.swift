import VerbatimCore

/// A compiled list of terms (words, `*` stems and multi-word expressions)
/// for fast longest-match lookup over tokens.
///
/// Used for sentiment terms, theme keywords and intensifiers. `Payload` is
/// what a term carries (a valence, a theme id, a scalar).
public struct TermIndex<Payload: Sendable>: Sendable {
    /// One word of a term: its folded form and whether it is a stem.
    public struct Word: Sendable, Hashable {
        public var form: String
        public var isStem: Bool

        // Compared and hashed on bytes: forms are folded NFC text, so byte equality is string equality,
        // without the Unicode normalisation `String` hashes through (a fifth of loading the lexicons).
        public static func == (a: Word, b: Word) -> Bool { a.isStem == b.isStem && UTF8Bytes.equal(a.form, b.form) }

        /// Whether a word's folded bytes are this word (a stem: start with it).
        @inline(__always) func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            isStem ? UTF8Bytes.hasPrefix(bytes, form) : UTF8Bytes.equal(form, bytes)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(isStem)
            let hashed: Void? = form.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            if hashed == nil { for b in form.utf8 { hasher.combine(b) } }
        }
    }

    /// One term as written in its file.
    public struct Term: Sendable {
        public var words: [Word]
        public var payload: Payload
        /// How the term is written in the data file (`memnun*`, `dönüş yapmadı`).
        public var text: String
        public var source: String
        public var line: Int
        /// For a term from a learned layer: its evidence (`n_pos=412 n_neg=37`, and the hand-written
        /// valence it adjusts), shown by `--explain`; nil for a hand-written term.
        public var learned: String?

        public init(words: [Word], payload: Payload, text: String, source: String, line: Int, learned: String? = nil) {
            self.words = words
            self.payload = payload
            self.text = text
            self.source = source
            self.line = line
            self.learned = learned
        }

        /// The same term with another payload (a kinded data file's term taking what its kind says).
        func with<Other>(_ payload: Other) -> TermIndex<Other>.Term {
            .init(words: words.map { .init(form: $0.form, isStem: $0.isStem) }, payload: payload, text: text, source: source, line: line, learned: learned)
        }
    }

    /// The result of a match at a token position.
    public struct Match: Sendable {
        /// The index's terms, shared (a match copies no term).
        let terms: [Term]
        /// The term's position in `terms`.
        public var index: Int
        /// The matched term's payload, text as written and learned evidence, each read in place (not through
        /// a copy of the whole term: its words, strings and payload).
        public var payload: Payload { terms[index].payload }
        public var text: String { terms[index].text }
        public var learned: String? { terms[index].learned }
        /// Number of tokens covered.
        public var length: Int
        /// For a stem match on the last word: where what follows the stem in that word (`medim` in
        /// `beğenmedim`) stands in the tokens' bytes; empty when the last word matched whole. Read only by
        /// the few callers that need it (`remainder(in:)`, `LanguageLexicon.negationMorpheme(after:in:)`).
        public let remainderSpan: ByteSpan
        /// True when any word matched through a stem.
        public var viaStem: Bool
        /// The words that stood between the term's words (`çok` in `kalitesi çok yüksek` under `kalitesi
        /// yüksek`, `longestMatch(in:at:between:)`), as bits of their offsets from the first word; 0 when
        /// the words were consecutive.
        public var inside: UInt8 = 0

        /// What follows the stem in the last word, as text (empty when it matched whole).
        public func remainder(in tokens: TokenList) -> String { tokens.string(remainderSpan) }
    }

    /// Terms by their first word: exact words, and `*` stems (matched as prefixes).
    private var exact = UTF8Trie<[Int32]>()
    private var stems = UTF8Trie<[Int32]>()
    /// Index of each term by its words, to replace a term that is added again.
    private var positions: [[Word]: Int] = [:]
    public private(set) var terms: [Term] = []
    /// Per term: its number of words, and the byte length of its first word (what a stem must cover).
    private var wordCounts: [Int32] = []
    /// Set on a compiled lexicon (`LexiconRef`): a word marked by its automaton with this index's bit clear
    /// starts no term here, and is not looked up.
    var gate = TermGate()
    /// The automaton's lists of terms by first word, beside the gate rather than in it: a gate holds no
    /// reference, so reading it copies nothing that is counted (with the lists in it, every look-up that
    /// passed the gate copied it, retained the lists and released them).
    var candidates: TermCandidates?

    /// The automaton's numbers of each term's later words (0 for a stem), so that a word its automaton
    /// marked is compared by number rather than by its bytes.
    struct LaterWords: Sendable {
        /// Every term's later words in turn; term `t`'s are `numbers[starts[t]..<starts[t + 1]]`.
        var numbers: [Int32] = []
        var starts: [Int32] = []
    }
    var laterWords = LaterWords()

    public init() {}

    public var count: Int { terms.count }

    /// Makes room for `count` terms in all, so that loading a file grows nothing term by term.
    public mutating func reserveCapacity(_ count: Int) {
        terms.reserveCapacity(count)
        wordCounts.reserveCapacity(count)
        positions.reserveCapacity(count)
    }

    /// Adds the terms of `other` whose words this index does not hold: its own terms win (a mixed-in
    /// language's data joining a language's, `LexiconLoader`).
    public mutating func addMissing(from other: TermIndex) {
        for term in other.terms where find(term.words) == nil { add(term) }
    }

    /// Adds a term; a later term with the same words replaces an earlier one (user lexicons override).
    public mutating func add(_ term: Term) {
        if let existing = positions[term.words] {
            terms[existing] = term
            return
        }
        let index = terms.count
        terms.append(term)
        wordCounts.append(Int32(term.words.count))
        positions[term.words] = index
        let first = term.words[0]
        if first.isStem {
            stems.insert(first.form, [Int32(index)]) { $0 + $1 }
        } else {
            exact.insert(first.form, [Int32(index)]) { $0 + $1 }
        }
    }

    /// The position of an existing term with the same words, if any.
    public func find(_ words: [Word]) -> Term? { positions[words].map { terms[$0] } }

    /// The position in `terms` of the term with these words, if any.
    public func position(of words: [Word]) -> Int? { positions[words] }

    /// Changes the payload of the term at `position` (a learned layer adjusting a hand-written valence).
    public mutating func adjust(at position: Int, payload: Payload, learned: String) {
        terms[position].payload = payload
        terms[position].learned = learned
    }

    /// Parses `term` text (`memnun*`, `dönüş yapmadı`) into words folded for `language`.
    public static func words(of text: String, language: Language) -> [Word] {
        // On bytes: splitting and comparing `Character`s cost a fifth of loading the lexicons, and the
        // standard library's generic `split` of the UTF-8 view still 1,500 instructions a term.
        var text = text
        return text.withUTF8 { bytes in
            var words: [Word] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                if end > start {
                    let isStem = bytes[end - 1] == UInt8(ascii: "*")
                    let body = UTF8Bytes.string(bytes, start..<(isStem ? end - 1 : end))
                    let form = language == .und ? LanguageFoldingShim.defaultLower(body) : LanguageFoldingShim.fold(body, language)
                    words.append(Word(form: form, isStem: isStem))
                }
                start = end + 1
            }
            return words
        }
    }

    /// What is wrong with a term's words as a data file wrote them, or nil: a lone `*` makes an empty word,
    /// and a `*` anywhere but at a word's end (`iyi*lik`, `kötü**`) is kept as a letter, which no text has,
    /// so the entry would never match.
    public static func problem(of words: [Word], _ text: String) -> String? {
        if words.contains(where: { $0.form.isEmpty }) { return "'\(text)' has an empty word (a lone '*'?)" }
        if words.contains(where: { $0.form.utf8.contains(UInt8(ascii: "*")) }) {
            return "'\(text)': '*' can only end a word (a stem: 'iyi*'); inside one it is read as a letter and never matches"
        }
        return nil
    }

    /// The longest term starting at token `i` whose words are consecutive tokens for which `isWord` holds.
    public func longestMatch(in tokens: TokenList, at i: Int, isWord: (Token.Kind) -> Bool = { $0 == .word }) -> Match? {
        if gate.excludes(tokens[i].lookup) { return nil }
        if let m = longestMatch(in: tokens, at: i, useAlternative: false, isWord: isWord) { return m }
        // An elongated word squeezed to one letter per run did not match: try two (`удааан` → `удаан`).
        guard tokens[i].alternative != nil else { return nil }
        return longestMatch(in: tokens, at: i, useAlternative: true, isWord: isWord)
    }

    /// The most words that may stand between the words of one term (`longestMatch(in:at:between:)`).
    public static var maxInside: Int { 2 }

    /// The longest term starting at word `i` whose words are consecutive words, or are separated by up to
    /// `maxInside` words that the index's automaton marked as starting a term of the kinds `between` (bits
    /// of `TermAutomaton.Kind`; an intensifier: `kalitesi çok yüksek` under `kalitesi yüksek`). More words
    /// win; among as many, the consecutive ones. A word the automaton did not mark stands between nothing.
    public func longestMatch(in tokens: TokenList, at i: Int, between: UInt32) -> Match? {
        let plain = longestMatch(in: tokens, at: i)
        // Looked for only when such a word follows closely: the plain look-up stays as it was for the others.
        guard (1...Self.maxInside + 1).contains(where: { i + $0 + 1 < tokens.count && mayStandBetween(tokens, i + $0, between) }),
              let across = longestMatchAcross(tokens, at: i, between: between),
              plain.map({ wordCounts[$0.index] < wordCounts[across.index] }) ?? true
        else { return plain }
        return across
    }

    /// Whether word `j` was marked by this index's automaton as starting a term of a kind in `kinds`.
    @inline(__always) private func mayStandBetween(_ tokens: TokenList, _ j: Int, _ kinds: UInt32) -> Bool {
        let mark = tokens[j].lookup
        return gate.automaton != 0 && mark.automaton == gate.automaton && mark.kinds & kinds != 0 && tokens[j].kind == .word
    }

    /// The longest term of two or more words starting at word `i` with at least one word of `between`
    /// between its words (the first word found walking the tries, as for an unmarked word).
    private func longestMatchAcross(_ tokens: TokenList, at i: Int, between: UInt32) -> Match? {
        guard tokens[i].kind == .word, !gate.excludes(tokens[i].lookup) else { return nil }
        var best: (index: Int, rank: (Int, Int, Int, Int), stemBytes: Int, span: Int, inside: UInt8)?
        func consider(_ c: Int32, firstStemBytes: Int) {
            let count = Int(wordCounts[Int(c)])
            guard count > 1, let found = across(c, firstStemBytes: firstStemBytes, at: i, in: tokens, between), found.inside != 0 else { return }
            if best == nil || found.rank > best!.rank {
                best = (Int(c), found.rank, found.lastStemBytes, found.span, found.inside)
            }
        }
        tokens.withBytes(tokens[i].form) { bytes in
            stems.forEachPrefix(ofUTF8: bytes) { length, list in for c in list { consider(c, firstStemBytes: length) } }
            if let list = exact.value(forUTF8: bytes) { for c in list { consider(c, firstStemBytes: -1) } }
        }
        guard let best else { return nil }
        let remainder = Self.remainder(of: tokens[i + best.span - 1].form, stemBytes: best.stemBytes)
        return Match(terms: terms, index: best.index, length: best.span, remainderSpan: remainder, viaStem: best.rank.1 == 0, inside: best.inside)
    }

    /// Term `c`, whose first word matched word `i`: whether its later words follow, each the next word or
    /// after words of `between` (up to `maxInside` in all); if so, its rank (as `Best`, fewer words between
    /// last), the bytes of its last word's stem (-1: whole), the tokens it covers and the words between.
    private func across(
        _ c: Int32, firstStemBytes: Int, at i: Int, in tokens: TokenList, _ between: UInt32
    ) -> (rank: (Int, Int, Int, Int), lastStemBytes: Int, span: Int, inside: UInt8)? {
        let words = terms[Int(c)].words
        var viaStem = firstStemBytes >= 0, stemChars = viaStem ? firstStemBytes : 1000, lastStemBytes = -1
        var p = i, inside: UInt8 = 0, skipped = 0
        for k in 1..<words.count {
            p += 1
            while p < tokens.count, tokens[p].kind == .word, !tokens.withForm(p, { words[k].matches($0) }) {
                guard skipped < Self.maxInside, p - i < 8, mayStandBetween(tokens, p, between) else { return nil }
                inside |= 1 << UInt8(p - i)
                skipped += 1
                p += 1
            }
            guard p < tokens.count, tokens[p].kind == .word else { return nil }
            if words[k].isStem {
                viaStem = true
                stemChars += words[k].form.utf8.count
                if k == words.count - 1 { lastStemBytes = words[k].form.utf8.count }
            } else {
                stemChars += 1000
            }
        }
        return ((words.count, viaStem ? 0 : 1, stemChars, -skipped), lastStemBytes, p - i + 1, inside)
    }

    private func longestMatch(in tokens: TokenList, at i: Int, useAlternative: Bool, isWord: (Token.Kind) -> Bool) -> Match? {
        guard isWord(tokens[i].kind) else { return nil }
        var best = Best()
        // The stems that are prefixes of the word, then the word itself: as the automaton listed them when
        // it marked the word (the index compiled, the token marked by its automaton), else one walk of each
        // trie over the word's bytes.
        // Worked out once per look-up, not once per candidate.
        let numbered = isCompiled
        if !useAlternative, numbered, tokens[i].lookup.automaton == gate.automaton, let table = candidates {
            let lookup = tokens[i].lookup, kind = gate.kind
            // What a term of more words needs of the next token, read once: that it is a word, and, when it
            // is marked by this automaton, its number (a term whose second word has another is passed over;
            // `consider` would turn it down, having read the term first).
            let nextIsWord = i + 1 < tokens.count && isWord(tokens[i + 1].kind)
            let nextNumber: Int32 = nextIsWord && tokens[i + 1].lookup.automaton == gate.automaton ? tokens[i + 1].lookup.word : -1
            @inline(__always) func passesOver(_ c: TermCandidates.Candidate) -> Bool {
                c.second != 0 && (!nextIsWord || (nextNumber >= 0 && nextNumber != c.second))
            }
            for k in table.chainRange(of: lookup.stem) {
                let s = table.chainStem(k), length = table.stemLength(of: s)
                for j in table.stemRange(of: s) {
                    let c = table.stemCandidate(j)
                    if c.kind != kind || passesOver(c) { continue }
                    consider(c.term, firstStemBytes: length, at: i, in: tokens, numbered, isWord, &best)
                }
            }
            for j in table.exactRange(of: lookup.exact) {
                let c = table.exactCandidate(j)
                if c.kind != kind || passesOver(c) { continue }
                consider(c.term, firstStemBytes: -1, at: i, in: tokens, numbered, isWord, &best)
            }
        } else {
            tokens.withBytes(useAlternative ? tokens[i].alternative! : tokens[i].form) { bytes in
                stems.forEachPrefix(ofUTF8: bytes) { length, list in
                    for c in list { consider(c, firstStemBytes: length, at: i, in: tokens, numbered, isWord, &best) }
                }
                if let list = exact.value(forUTF8: bytes) { for c in list { consider(c, firstStemBytes: -1, at: i, in: tokens, numbered, isWord, &best) } }
            }
        }
        guard best.index >= 0 else { return nil }
        let length = Int(wordCounts[best.index])
        let last = length == 1 && useAlternative ? tokens[i].alternative! : tokens[i + length - 1].form
        let remainder = Self.remainder(of: last, stemBytes: best.stemBytes)
        return Match(terms: terms, index: best.index, length: length, remainderSpan: remainder, viaStem: best.rank.1 == 0)
    }

    /// What follows a stem of `stemBytes` bytes in the last word `last` (empty when it matched whole: -1).
    @inline(__always) private static func remainder(of last: ByteSpan, stemBytes: Int) -> ByteSpan {
        guard stemBytes >= 0 else { return ByteSpan(start: 0, count: 0) }
        let stem = min(stemBytes, Int(last.count))
        return ByteSpan(start: Int(last.start) + stem, count: Int(last.count) - stem)
    }

    /// The best candidate so far: more words first; then exact over stem; then the longer stem; among
    /// equals the first found.
    private struct Best {
        var index = -1
        var rank = (0, 0, 0)
        var stemBytes = -1
    }

    /// Whether the automaton compiled this index as it is (no term was added after it): its marks, its
    /// later-word numbers and its lists of terms by first word then hold for every term.
    private var isCompiled: Bool { gate.automaton != 0 && laterWords.starts.count == terms.count + 1 }

    /// Term `c`, whose first word matched token `i` (whole, or a stem of `firstStemBytes` bytes): whether
    /// its later words follow, and if so whether it beats `best`. `numbered`: the index `isCompiled`.
    @inline(__always) private func consider(
        _ c: Int32, firstStemBytes: Int, at i: Int, in tokens: TokenList, _ numbered: Bool, _ isWord: (Token.Kind) -> Bool, _ best: inout Best
    ) {
        let count = Int(wordCounts[Int(c)])
        guard i + count <= tokens.count else { return }
        var viaStem = firstStemBytes >= 0
        var stemChars = viaStem ? firstStemBytes : 1000
        var lastStemBytes = count == 1 ? firstStemBytes : -1
        if count > 1 {
            let first = numbered ? Int(laterWords.starts[Int(c)]) - 1 : 0
            for k in 1..<count {
                guard isWord(tokens[i + k].kind) else { return }
                if numbered, laterWords.numbers[first + k] != 0, tokens[i + k].lookup.automaton == gate.automaton {
                    // A whole word, and the token was marked: equal when their numbers are.
                    guard tokens[i + k].lookup.word == laterWords.numbers[first + k] else { return }
                    stemChars += 1000
                    continue
                }
                let w = terms[Int(c)].words[k]
                if w.isStem {
                    guard tokens.withForm(i + k, { UTF8Bytes.hasPrefix($0, w.form) }) else { return }
                    viaStem = true
                    stemChars += w.form.utf8.count
                    if k == count - 1 { lastStemBytes = w.form.utf8.count }
                } else {
                    guard tokens.formEquals(i + k, w.form) else { return }
                    stemChars += 1000
                }
            }
        }
        let rank = (count, viaStem ? 0 : 1, stemChars)
        if best.index < 0 || rank > best.rank { best = Best(index: Int(c), rank: rank, stemBytes: lastStemBytes) }
    }
}
