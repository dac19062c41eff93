import VerbatimCore

/// One walk per word over all of a language's term indexes: which of them have a term that can start
/// at the word (a whole first word equal to it, or a `*` stem that is a prefix of it).
///
/// A stage marks each word once (`mark`); every `TermIndex.longestMatch` after that answers "nothing"
/// without walking its own tries when the word's bit for that index is clear, which is the case for
/// most words of most indexes. A word whose form changes (a number written as `<n>` for the aspect
/// terms) loses its mark and is looked up the old way. The automaton is built once per language when
/// the lexicons are compiled (`LexiconRef`), is immutable, and is shared by all threads.
struct TermAutomaton: Sendable {
    /// The term indexes of a `LanguageLexicon`, one bit each.
    enum Kind: Int, CaseIterable {
        case sentiment, intensifiers, themes, aspects, numberWords, negatorsAfter, negatorsBefore, concessives
        case loanSentiment, loanNegatorsBefore, loanNegatorsAfter, learned, learnedPairs, againWords, consolations
        case concordWords, counterfactualEnds, counterfactualStarts, counterfactualWishes, counterfactualExceptions
        case conditionStarts, conditionEnds, conditionExceptions, competitorNames, competitorStandardsBefore, competitorComparatives
        case competitorOperators, competitorSwitches, questionWords  // questionWords is bit 28, the last below the flags

        var bit: UInt32 { 1 << UInt32(rawValue) }

        /// What the scorer's first look-ups try (`SentimentScorer.findTerms`); a word with none of these
        /// goes straight to its last look-ups.
        static let scorerFirst: UInt32 = [Kind.sentiment, .negatorsAfter, .negatorsBefore, .intensifiers, .loanSentiment, .loanNegatorsBefore, .loanNegatorsAfter]
            .reduce(0) { $0 | $1.bit }

        /// Not an index: a term of two or more words of the sentiment or the loan sentiment index starts at
        /// the word, so an intensifier may stand between its words (`SentimentScorer.findTerms`).
        static let phraseStart: UInt32 = 1 << 31
        /// Not an index: the word is an intensifier of one word, which may stand between a phrase's words
        /// (`kalitesi çok yüksek` under `kalitesi yüksek`; not `bir`, which only starts `bir hayli`).
        static let oneWordIntensifier: UInt32 = 1 << 30
        /// Not an index: the word ends like an unreal condition (`-saydı`: `LanguageLexicon.counterfactualEndings`,
        /// `CounterfactualRule`) or a real one (`-rsanız`: `LanguageLexicon.conditionEndings`, `ConditionRule`).
        static let conditionEnding: UInt32 = 1 << 29
    }

    /// What the automaton knows of a word (or a stem): the kinds with a term starting with that whole
    /// word (low 32 bits of `kinds`) and with a term whose first word is that stem (high 32 bits), the
    /// number of the word when it is a later (not a first) whole word of some term, else 0, and its place
    /// in `TermCandidates` (`id`: one per distinct form).
    struct Entry: Sendable {
        var kinds: UInt64 = 0
        var word: Int32 = 0
        var id: Int32 = -1
        static func merged(_ a: Entry, _ b: Entry) -> Entry { Entry(kinds: a.kinds | b.kinds, word: max(a.word, b.word), id: a.id) }
    }

    /// Per first word of any term its kinds, per later word its number: one walk of a token answers both.
    private var words = UTF8Trie<Entry>()
    /// Which automaton this is, as written into `Token.lookup`: unique in the process, never 0.
    let id: UInt32
    /// The language's negated-verb endings, so that a mark also says which one a word ends with
    /// (`TermLookup.negatedEnding`).
    private let negatedEndings: WordEndings
    /// Its endings of an unreal condition, then those of a real one, so that a mark also says whether a word
    /// ends with one (`Kind.conditionEnding`), and which (`LanguageLexicon.conditionEnding(_:)`).
    private let conditionEndings: WordEndings

    private static let ids = UniqueNumbers()

    /// Builds the automaton of `lex` from the first words of its terms, makes each of its term indexes
    /// trust the marks it writes, and gives them the terms by first word (`TermCandidates`).
    init(compiling lex: inout LanguageLexicon) {
        id = Self.ids.take()
        negatedEndings = lex.negatedVerbEndingList
        conditionEndings = WordEndings(lex.counterfactualEndings + lex.conditionEndings)
        var compiler = Compiler(automaton: id)
        Self.visitIndexes(of: &lex, with: &compiler)
        words = compiler.words
        var attacher = Attacher(table: compiler.candidates())
        Self.visitIndexes(of: &lex, with: &attacher)
    }

    /// Something done to each term index of a language, with the kind (bit) it has in the automaton.
    protocol IndexVisitor {
        mutating func visit<Payload>(_ index: inout TermIndex<Payload>, _ kind: Kind)
    }

    /// The one list of a language's term indexes and their kinds.
    static func visitIndexes(of lex: inout LanguageLexicon, with visitor: inout some IndexVisitor) {
        visitor.visit(&lex.sentiment, .sentiment)
        visitor.visit(&lex.intensifiers, .intensifiers)
        visitor.visit(&lex.themes, .themes)
        visitor.visit(&lex.aspects, .aspects)
        visitor.visit(&lex.numberWords, .numberWords)
        visitor.visit(&lex.negatorsAfter, .negatorsAfter)
        visitor.visit(&lex.negatorsBefore, .negatorsBefore)
        visitor.visit(&lex.concessives, .concessives)
        visitor.visit(&lex.loanSentiment, .loanSentiment)
        visitor.visit(&lex.loanNegatorsBefore, .loanNegatorsBefore)
        visitor.visit(&lex.loanNegatorsAfter, .loanNegatorsAfter)
        visitor.visit(&lex.learned, .learned)
        visitor.visit(&lex.learnedPairs, .learnedPairs)
        visitor.visit(&lex.againWords, .againWords)
        visitor.visit(&lex.consolations, .consolations)
        visitor.visit(&lex.concordWords, .concordWords)
        visitor.visit(&lex.counterfactualEnds, .counterfactualEnds)
        visitor.visit(&lex.counterfactualStarts, .counterfactualStarts)
        visitor.visit(&lex.counterfactualWishes, .counterfactualWishes)
        visitor.visit(&lex.counterfactualExceptions, .counterfactualExceptions)
        visitor.visit(&lex.conditionStarts, .conditionStarts)
        visitor.visit(&lex.conditionEnds, .conditionEnds)
        visitor.visit(&lex.conditionExceptions, .conditionExceptions)
        visitor.visit(&lex.competitorNames, .competitorNames)
        visitor.visit(&lex.competitorStandardsBefore, .competitorStandardsBefore)
        visitor.visit(&lex.competitorComparatives, .competitorComparatives)
        visitor.visit(&lex.competitorOperators, .competitorOperators)
        visitor.visit(&lex.competitorSwitches, .competitorSwitches)
        visitor.visit(&lex.questionWords, .questionWords)
    }

    /// Adds the first words of each index's terms to the automaton, numbers their later whole words,
    /// and lists each form's terms per index (in the index's order, which ties are decided by).
    private struct Compiler: IndexVisitor {
        let automaton: UInt32
        var words = UTF8Trie<Entry>()
        /// Numbers of the later words.
        var laterWordNumbers: [String: Int32] = [:]
        /// Per distinct form (its `Entry.id`, its place in `words`): its length in bytes, and the terms it
        /// is the first word or the first stem of (the kind's index and the term's place there).
        var lengths: [Int32] = []
        var exact: [[TermCandidates.Candidate]] = []
        var stems: [[TermCandidates.Candidate]] = []
        /// The forms that are some term's first stem.
        var stemForms: [(id: Int, form: String)] = []

        mutating func visit<Payload>(_ index: inout TermIndex<Payload>, _ kind: Kind) {
            var later: [Int32] = []
            var starts: [Int32] = []
            starts.reserveCapacity(index.terms.count + 1)
            for (t, term) in index.terms.enumerated() {
                starts.append(Int32(later.count))
                guard let first = term.words.first else { continue }
                var bits = kind.bit
                if term.words.count > 1 && (kind == .sentiment || kind == .loanSentiment) { bits |= Kind.phraseStart }
                if term.words.count == 1 && kind == .intensifiers { bits |= Kind.oneWordIntensifier }
                let flags = first.isStem ? UInt64(bits) << 32 : UInt64(bits)
                let id = insert(first.form, Entry(kinds: flags))
                let laterStart = later.count
                for w in term.words.dropFirst() { later.append(w.isStem ? 0 : number(ofLaterWord: w.form)) }
                let candidate = TermCandidates.Candidate(
                    kind: UInt8(kind.rawValue), term: Int32(t), second: later.count > laterStart ? later[laterStart] : 0)
                if first.isStem {
                    if stems[id].isEmpty { stemForms.append((id, first.form)) }
                    stems[id].append(candidate)
                } else {
                    exact[id].append(candidate)
                }
            }
            starts.append(Int32(later.count))
            index.gate = TermGate(automaton: automaton, bit: kind.bit, kind: UInt8(kind.rawValue))
            index.laterWords = TermIndex<Payload>.LaterWords(numbers: later, starts: starts)
        }

        /// Adds `form` with what `entry` says of it; its id is its place in the trie.
        private mutating func insert(_ form: String, _ entry: Entry) -> Int {
            var entry = entry
            entry.id = Int32(words.count)
            let id = words.insert(form, entry, merge: Entry.merged)
            if id == lengths.count {
                lengths.append(Int32(form.utf8.count))
                exact.append([])
                stems.append([])
            }
            return id
        }

        /// The number of a later whole word of a term (the same for every term and index of the language).
        private mutating func number(ofLaterWord form: String) -> Int32 {
            if let n = laterWordNumbers[form] { return n }
            let n = Int32(laterWordNumbers.count + 1)
            laterWordNumbers[form] = n
            _ = insert(form, Entry(word: n))
            return n
        }

        /// The lists, flattened; with each stem, the stems that are prefixes of it.
        func candidates() -> TermCandidates {
            var chains = [[Int32]](repeating: [], count: lengths.count)
            for (id, form) in stemForms {
                words.forEachPrefix(of: form) { _, e in if e.kinds >> 32 != 0 { chains[id].append(e.id) } }
            }
            return TermCandidates(exact: exact, stems: stems, stemLengths: lengths, chains: chains)
        }
    }

    /// Gives each index the automaton's lists of terms by first word.
    private struct Attacher: IndexVisitor {
        let table: TermCandidates
        mutating func visit<Payload>(_ index: inout TermIndex<Payload>, _ kind: Kind) {
            index.candidates = table
        }
    }

    /// The kinds with a term that can start at a word of this form, its number as a later word, and
    /// where its terms are listed (`TermLookup.exact`, `TermLookup.stem`).
    func lookUp(_ form: String) -> TermLookup { UTF8Bytes.withBytes(form, lookUp) }

    /// `lookUp(_:)` of a form's bytes.
    func lookUp(_ bytes: UnsafeBufferPointer<UInt8>) -> TermLookup {
        var found = TermLookup(automaton: id)
        words.forEachPrefix(ofUTF8: bytes) { length, entry in
            let stems = UInt32(truncatingIfNeeded: entry.kinds >> 32)
            if stems != 0 {
                found.kinds |= stems
                found.stem = entry.id
            }
            if length == bytes.count {
                let whole = UInt32(truncatingIfNeeded: entry.kinds)
                found.kinds |= whole
                found.word = entry.word
                if whole != 0 { found.exact = entry.id }
            }
        }
        return found
    }

    /// Word `i`'s kinds: its mark when this automaton made it, else looked up now.
    func kinds(of tokens: TokenList, _ i: Int) -> UInt32 {
        tokens[i].lookup.automaton == id ? tokens[i].lookup.kinds : mark(tokens, i).kinds
    }

    /// Word `i`'s mark: the kinds of its form and of its elongation alternative, and its form's number.
    private func mark(_ tokens: TokenList, _ i: Int) -> TermLookup {
        var found = tokens.withForm(i) { form in
            var found = lookUp(form)
            if !negatedEndings.endings.isEmpty { found.negatedEnding = negatedEndings.ending(ofUTF8: form).map(Int32.init) ?? -1 }
            if !conditionEndings.endings.isEmpty, conditionEndings.ending(ofUTF8: form) != nil { found.kinds |= Kind.conditionEnding }
            return found
        }
        if let alternative = tokens[i].alternative { found.kinds |= tokens.withBytes(alternative, lookUp).kinds }
        return found
    }

    /// The negated-verb ending of token `i`'s form (its position in `LanguageLexicon.negatedVerbEndings`):
    /// from its mark when this automaton made it, else worked out now.
    func negatedEnding(of tokens: TokenList, at i: Int) -> Int? {
        if tokens[i].lookup.automaton == id { return tokens[i].lookup.negatedEnding >= 0 ? Int(tokens[i].lookup.negatedEnding) : nil }
        return tokens.withForm(i) { negatedEndings.ending(ofUTF8: $0) }
    }

    /// The ending of a condition that token `i`'s form ends with, by its place among the unreal endings then
    /// the real ones (`LanguageLexicon.conditionEnding(_:)` says which): none when its mark says so
    /// (`Kind.conditionEnding`), else worked out now.
    func conditionEnding(of tokens: TokenList, at i: Int) -> Int? {
        if tokens[i].lookup.automaton == id, tokens[i].lookup.kinds & Kind.conditionEnding == 0 { return nil }
        return tokens.withForm(i) { conditionEndings.ending(ofUTF8: $0) }
    }

    /// Looks every word up once (its form and its elongation alternative), unless this automaton has already;
    /// a form without an alternative as this thread last looked it up here (`FormMemo`): the walk is long
    /// for this automaton, which holds every term of the language, and mostly misses the caches.
    func mark(_ tokens: inout TokenList) {
        let memo = FormMemo.current
        for i in tokens.indices { mark(&tokens, i, memo) }
    }

    /// The same, for the words at `positions` alone (words whose forms a stage changed).
    func mark(_ tokens: inout TokenList, at positions: some Sequence<Int>) {
        let memo = FormMemo.current
        for i in positions { mark(&tokens, i, memo) }
    }

    @inline(__always) private func mark(_ tokens: inout TokenList, _ i: Int, _ memo: FormMemo) {
        guard tokens[i].kind == .word, tokens[i].lookup.automaton != id else { return }
        guard tokens[i].alternative == nil else {
            tokens[i].lookup = mark(tokens, i)
            return
        }
        let e = tokens.withForm(i) { memo.forms.entry($0, word: UTF8Bytes.string(valid: $0)) }
        if e.pointee.markedBy != id {
            e.pointee.mark = mark(tokens, i)
            e.pointee.markedBy = id
        }
        tokens[i].lookup = e.pointee.mark
    }
}

/// What lets a `TermIndex` trust a word's mark: the automaton that made it and the index's bit there (the
/// automaton's lists of the index's terms by first word are `TermIndex.candidates`).
struct TermGate: Sendable {
    var automaton: UInt32 = 0
    var bit: UInt32 = 0
    /// The index's kind (`TermAutomaton.Kind.rawValue`), as `TermCandidates` lists it.
    var kind: UInt8 = 0

    /// True when the word's mark says no term of the index starts there.
    @inline(__always) func excludes(_ mark: TermLookup) -> Bool {
        automaton != 0 && mark.automaton == automaton && mark.kinds & bit == 0
    }
}

/// A language's terms by first word, as its automaton compiled them: per distinct form (the `id` a mark
/// names in `TermLookup.exact` and `.stem`), the terms of each index whose first word is that form, and
/// those whose first word is that form as a `*` stem. An index reads a marked word's terms here, with no
/// walk of its own tries. Immutable once built, and shared by all threads.
final class TermCandidates: Sendable {
    /// One term: its index's kind and its position in that index.
    struct Candidate: Sendable {
        var kind: UInt8
        var term: Int32
        /// The automaton's number of the term's second word when that is a whole word, else 0 (a
        /// one-word term, or a stem): a term whose second word is not the next token's is passed over
        /// without reading the term (`TermIndex.longestMatch`).
        var second: Int32
    }

    /// Form `f`'s exact terms are `exact[exactStart[f]..<exactStart[f + 1]]`, and so for stems.
    private let exactStart: [Int32]
    private let exact: [Candidate]
    private let stemStart: [Int32]
    private let stems: [Candidate]
    /// A stem form's length in bytes.
    private let stemLengths: [Int32]
    /// Per stem form, every stem form that is a prefix of it, itself last, the shortest first:
    /// `chains[chainStart[f]..<chainStart[f + 1]]`.
    private let chainStart: [Int32]
    private let chains: [Int32]

    init(exact: [[Candidate]], stems: [[Candidate]], stemLengths: [Int32], chains: [[Int32]]) {
        func flat<T>(_ lists: [[T]]) -> ([Int32], [T]) {
            var starts: [Int32] = [0]
            starts.reserveCapacity(lists.count + 1)
            for l in lists { starts.append(starts.last! + Int32(l.count)) }
            return (starts, Array(lists.joined()))
        }
        (exactStart, self.exact) = flat(exact)
        (stemStart, self.stems) = flat(stems)
        (chainStart, self.chains) = flat(chains)
        self.stemLengths = stemLengths
    }

    /// Where the terms (of every index) whose first word is form `id` are listed (-1: none): read them with
    /// `exactCandidate(_:)`. (Ranges and elements, not slices: a slice retains its array.)
    @inline(__always) func exactRange(of id: Int32) -> Range<Int> {
        id < 0 ? 0..<0 : Int(exactStart[Int(id)])..<Int(exactStart[Int(id) + 1])
    }

    @inline(__always) func exactCandidate(_ k: Int) -> Candidate { exact[k] }

    /// Where the terms (of every index) whose first word is the stem form `id` are listed.
    @inline(__always) func stemRange(of id: Int32) -> Range<Int> { Int(stemStart[Int(id)])..<Int(stemStart[Int(id) + 1]) }

    @inline(__always) func stemCandidate(_ k: Int) -> Candidate { stems[k] }

    @inline(__always) func stemLength(of id: Int32) -> Int { Int(stemLengths[Int(id)]) }

    /// Where the stem forms are listed that prefix a word whose longest such stem is form `id` (-1: none),
    /// shortest first, as a walk of a stem trie finds them: read them with `chainStem(_:)`.
    @inline(__always) func chainRange(of id: Int32) -> Range<Int> {
        id < 0 ? 0..<0 : Int(chainStart[Int(id)])..<Int(chainStart[Int(id) + 1])
    }

    @inline(__always) func chainStem(_ k: Int) -> Int32 { chains[k] }
}
