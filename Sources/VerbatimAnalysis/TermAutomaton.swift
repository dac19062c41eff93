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
        case loanSentiment, loanNegatorsBefore, loanNegatorsAfter, learned, learnedPairs

        var bit: UInt32 { 1 << UInt32(rawValue) }

        /// What the scorer's first look-ups try (`SentimentScorer.findTerms`); a word with none of these
        /// goes straight to its last look-ups.
        static let scorerFirst: UInt32 = [Kind.sentiment, .negatorsAfter, .negatorsBefore, .intensifiers, .loanSentiment, .loanNegatorsBefore, .loanNegatorsAfter]
            .reduce(0) { $0 | $1.bit }
    }

    /// What the automaton knows of a word (or a stem): the kinds with a term starting with that whole
    /// word (low 32 bits of `kinds`) and with a term whose first word is that stem (high 32 bits), and
    /// the number of the word when it is a later (not a first) whole word of some term, else 0.
    struct Entry: Sendable {
        var kinds: UInt64 = 0
        var word: Int32 = 0
        static func merged(_ a: Entry, _ b: Entry) -> Entry { Entry(kinds: a.kinds | b.kinds, word: max(a.word, b.word)) }
    }

    /// Per first word of any term its kinds, per later word its number: one walk of a token answers both.
    private var words = UTF8Trie<Entry>()
    /// Numbers of the later words, while the automaton is built.
    private var laterWordNumbers: [String: Int32] = [:]
    /// Which automaton this is, as written into `Token.lookup`: unique in the process, never 0.
    let id: UInt32

    private static let ids = UniqueNumbers()

    /// Builds the automaton of `lex` from the first words of its terms, and makes each of its term
    /// indexes trust the marks it writes.
    init(compiling lex: inout LanguageLexicon) {
        id = Self.ids.take()
        compile(&lex.sentiment, .sentiment)
        compile(&lex.intensifiers, .intensifiers)
        compile(&lex.themes, .themes)
        compile(&lex.aspects, .aspects)
        compile(&lex.numberWords, .numberWords)
        compile(&lex.negatorsAfter, .negatorsAfter)
        compile(&lex.negatorsBefore, .negatorsBefore)
        compile(&lex.concessives, .concessives)
        compile(&lex.loanSentiment, .loanSentiment)
        compile(&lex.loanNegatorsBefore, .loanNegatorsBefore)
        compile(&lex.loanNegatorsAfter, .loanNegatorsAfter)
        compile(&lex.learned, .learned)
        compile(&lex.learnedPairs, .learnedPairs)
        laterWordNumbers = [:]
    }

    /// Adds the first words of `index`'s terms to the automaton and numbers their later whole words;
    /// the index then trusts the marks (`gate`) and compares its later words by number (`laterWords`).
    private mutating func compile<Payload>(_ index: inout TermIndex<Payload>, _ kind: Kind) {
        var later: [Int32] = []
        var starts: [Int32] = []
        starts.reserveCapacity(index.terms.count + 1)
        for term in index.terms {
            starts.append(Int32(later.count))
            guard let first = term.words.first else { continue }
            let flags = first.isStem ? UInt64(kind.bit) << 32 : UInt64(kind.bit)
            words.insert(first.form, Entry(kinds: flags), merge: Entry.merged)
            for w in term.words.dropFirst() { later.append(w.isStem ? 0 : number(ofLaterWord: w.form)) }
        }
        starts.append(Int32(later.count))
        index.gate = TermGate(automaton: id, bit: kind.bit)
        index.laterWords = TermIndex<Payload>.LaterWords(numbers: later, starts: starts)
    }

    /// The number of a later whole word of a term (the same for every term and index of the language).
    private mutating func number(ofLaterWord form: String) -> Int32 {
        if let n = laterWordNumbers[form] { return n }
        let n = Int32(laterWordNumbers.count + 1)
        laterWordNumbers[form] = n
        words.insert(form, Entry(word: n), merge: Entry.merged)
        return n
    }

    /// The kinds with a term that can start at a word of this form, and its number as a later word.
    func lookUp(_ form: String) -> (kinds: UInt32, word: Int32) {
        var form = form
        return form.withUTF8 { bytes in
            var found: UInt32 = 0
            var word: Int32 = 0
            words.forEachPrefix(ofUTF8: bytes) { length, entry in
                found |= UInt32(truncatingIfNeeded: entry.kinds >> 32)
                if length == bytes.count {
                    found |= UInt32(truncatingIfNeeded: entry.kinds)
                    word = entry.word
                }
            }
            return (found, word)
        }
    }

    /// A word's kinds: its mark when this automaton made it, else looked up now.
    func kinds(of token: Token) -> UInt32 {
        token.lookup.automaton == id ? token.lookup.kinds : mark(form: token.form, alternative: token.alternative).kinds
    }

    /// A word's mark: the kinds of its form and of its elongation alternative, and its form's number.
    /// (The two strings, not the token: copying a `Token` retains all three of its strings.)
    private func mark(form: String, alternative: String?) -> TermLookup {
        var (found, word) = lookUp(form)
        if let alternative { found |= lookUp(alternative).kinds }
        return TermLookup(automaton: id, kinds: found, word: word)
    }

    /// Looks every word up once (its form and its elongation alternative), unless this automaton has already;
    /// a form without an alternative as this thread last looked it up here (`FormMemo`): the walk is long
    /// for this automaton, which holds every term of the language, and mostly misses the caches.
    func mark(_ tokens: inout [Token]) {
        let memo = FormMemo.current
        for i in tokens.indices where tokens[i].kind == .word && tokens[i].lookup.automaton != id {
            guard tokens[i].alternative == nil else {
                tokens[i].lookup = mark(form: tokens[i].form, alternative: tokens[i].alternative)
                continue
            }
            let e = memo.forms.entry(tokens[i].form)
            if e.pointee.markedBy != id {
                e.pointee.mark = mark(form: tokens[i].form, alternative: nil)
                e.pointee.markedBy = id
            }
            tokens[i].lookup = e.pointee.mark
        }
    }
}

/// What lets a `TermIndex` trust a word's mark: the automaton that made it and the index's bit there.
struct TermGate: Sendable {
    var automaton: UInt32 = 0
    var bit: UInt32 = 0

    /// True when the word's mark says no term of the index starts there.
    @inline(__always) func excludes(_ token: Token) -> Bool {
        automaton != 0 && token.lookup.automaton == automaton && token.lookup.kinds & bit == 0
    }
}
