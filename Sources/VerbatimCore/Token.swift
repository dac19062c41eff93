/// One token of normalized text: what kind of thing it is, where it stands, and where its text is in
/// the bytes of its `TokenList` (byte ranges, no `String`: a token is a plain value, copied without
/// touching a reference count).
///
/// `form` is the lookup form: case-folded for the record's language, elongations squeezed, Serbian
/// transliterated to Latin with diacritics folded. `surface` is the text as written, for explanations.
/// Forms are changed only through the list (`TokenList.setForm`, `setAlternative`), which writes the new
/// bytes and forgets what was worked out for the old ones.
public struct Token: Sendable, Hashable {
    /// What kind of thing the token is.
    public enum Kind: UInt8, Sendable, Hashable {
        case word, number, emoji, emoticon, hashtag, mention, url, punctuation
        /// A contrast conjunction (`ama`, `бірақ`, `ali`): it starts a clause that weighs more.
        case contrast
    }

    public var kind: Kind
    /// Where the lookup form is in the list's bytes.
    public internal(set) var form: ByteSpan
    /// Where the text as written is in the list's bytes (for a word of the text, in the text itself).
    public internal(set) var surface: ByteSpan
    /// Index of the clause the token stands in (0-based, per record).
    public var clause: Int
    /// Index of the sentence the token stands in (0-based, per record).
    public var sentence: Int
    /// Emphasis written into the token itself.
    public var emphasis: Emphasis
    /// For an elongated word, the form with runs squeezed to two letters instead of one
    /// (`удааан` → `удаан`, `mükemmmel` → `mükemmel`), tried when `form` does not match.
    public internal(set) var alternative: ByteSpan?
    /// Which term indexes of a language can have a term that starts at this word, as one walk of that
    /// language's automaton found them (`TermAutomaton`); empty until a stage looks the word up.
    public var lookup = TermLookup()
    /// Where the tokenizer left what it knows of a word in this thread's word memo (`WordMemo`), so that
    /// the stages after it find the entry without hashing the word again; -1 when none. Only a hint: it
    /// is checked against the word's bytes each time (another thread, or a word that took the slot since).
    public var memoSlot: Int32 = -1
    /// The languages (one bit per `Language.allCases` position) for which the word folds as the
    /// tokenizer folded it (`WordFolder.foldsAsLower`), as the tokenizer found from its letters: the
    /// language stage keeps its forms without looking the word up. 0 when not known.
    public var keepsFormsIn: UInt8 = 0
    /// Whether `form` and `alternative` are still the tokenizer's for the word's bytes (as `WordMemo`
    /// gives them): set by the tokenizer, cleared by any change of form, so that a stage that remembers
    /// what it read from the tokenizer's forms knows without comparing them.
    public internal(set) var formIsTokenizers = false

    /// A token whose form and surface are at these spans of its list's bytes.
    public init(
        kind: Kind, form: ByteSpan, surface: ByteSpan, alternative: ByteSpan? = nil, clause: Int = 0, emphasis: Emphasis = [],
        formIsTokenizers: Bool = false
    ) {
        self.kind = kind
        self.form = form
        self.surface = surface
        self.alternative = alternative
        self.formIsTokenizers = formIsTokenizers
        self.clause = clause
        self.sentence = clause
        self.emphasis = emphasis
    }
}

/// A run of bytes of a `TokenList`.
public struct ByteSpan: Sendable, Hashable {
    public var start: UInt32
    public var count: UInt32

    @inlinable public init(start: Int, count: Int) {
        self.start = UInt32(truncatingIfNeeded: start)
        self.count = UInt32(truncatingIfNeeded: count)
    }

    @inlinable public var range: Range<Int> { Int(start)..<(Int(start) + Int(count)) }
}

/// Emphasis marks a writer put on a word or a clause.
///
/// The marks are constants the compiler folds in (`static var`, inlinable): as `static let`s of this
/// module, every test of a token's emphasis in another module went through a lazy global's accessor.
public struct Emphasis: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Written in capitals while the text around it is not (`BERBAT`).
    @inlinable public static var allCaps: Emphasis { Emphasis(rawValue: 1 << 0) }
    /// A letter repeated three times or more (`çoooook`).
    @inlinable public static var elongated: Emphasis { Emphasis(rawValue: 1 << 1) }
    /// A suffix attached with an apostrophe (`Ayşe'ye`): the token is the suffix.
    @inlinable public static var apostropheSuffix: Emphasis { Emphasis(rawValue: 1 << 2) }
    /// A word taken from a hashtag (`#kötühizmet`): it may be split further against the lexicon.
    @inlinable public static var fromHashtag: Emphasis { Emphasis(rawValue: 1 << 3) }
}

/// The result of looking a word up in a language's term automaton: which of its term indexes have a
/// term starting here (one bit each), and the automaton's number for the word when it is a later word
/// of some term (0 when it is none: no term can go on with it). `automaton` says which compiled
/// automaton answered (0: none yet), so that an index of another one never trusts it.
/// `exact` and `stem` say where the automaton keeps the terms that start here, so that an index reads
/// them instead of walking its own tries: the entry of the whole word (-1: no term's first word), and of
/// the longest prefix that is some term's first stem (-1: none; shorter ones are chained from it).
public struct TermLookup: Sendable, Hashable {
    public var automaton: UInt32
    public var kinds: UInt32
    public var word: Int32
    public var exact: Int32
    public var stem: Int32
    /// The negated-verb ending the word's form ends with (its position in the language's list of them,
    /// `LanguageLexicon.negatedVerbEndings`), or -1: the automaton answers that in the same look-up.
    public var negatedEnding: Int32 = -1

    public init(automaton: UInt32 = 0, kinds: UInt32 = 0, word: Int32 = 0, exact: Int32 = -1, stem: Int32 = -1) {
        self.automaton = automaton
        self.kinds = kinds
        self.word = word
        self.exact = exact
        self.stem = stem
    }
}
