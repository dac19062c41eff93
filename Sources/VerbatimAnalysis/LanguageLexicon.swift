import VerbatimCore

/// Everything the sentiment and theme stages know about one language.
public struct LanguageLexicon: Sendable {
    public var language: Language
    /// Sentiment terms with their valence (−4…4).
    public var sentiment = TermIndex<Double>()
    /// Intensifiers (>0) and dampeners (<0) with their scalar.
    public var intensifiers = TermIndex<Double>()
    /// Theme keywords with their theme ids.
    public var themes = TermIndex<ThemeList>()
    /// Words and phrases with a polarity for one theme only (`aspects.tsv`): `uzun` for wait_time.
    public var aspects = TermIndex<[AspectCue]>()
    /// Number words (`numbers.tsv`: `yirmi`, `pola`, `жарты`), which `<n>` in an aspect term stands for.
    public var numberWords = TermIndex<Bool>()
    /// Words that make a number a star rating (`ratings.tsv`, kind `stars`: `5 yıldız`, `3 жұлдыз`; `RatingRule`).
    public var starWords = TermIndex<Bool>()
    /// Words that make a number a score out of 10 (`ratings.tsv`, kind `points`: `0 puan`, `10 балл`; `RatingRule`).
    public var pointWords = TermIndex<Bool>()
    /// Words beside a rating that make it one the customer would have given (`ratings.tsv`, kind `would`:
    /// `5 yıldız verirdim`, `dao bih 5 zvezdica`; `RatingRule`).
    public var wouldWords = TermIndex<Bool>()
    /// Words between a scale and a score (`ratings.tsv`, kind `out-of`: `10 üzerinden 8`; `RatingRule`).
    public var outOfWords = TermIndex<Bool>()
    /// Words between a score and a scale in stars (`ratings.tsv`, kind `of`: `1 od 5 zvezdica`; `RatingRule`).
    public var ofWords = TermIndex<Bool>()
    /// Per theme, the valence of a negation after its mention in the same sentence (`aspects.tsv`, `outcome`
    /// of `<not>`): a promise, then "did not come".
    public var negatedOutcomes: [String: Double] = [:]
    /// Negation words that follow what they negate (`değil`, `емес`, `биш`).
    public var negatorsAfter = TermIndex<Bool>()
    /// Negation words that precede what they negate (`ne`, `nije`), and the ends of "cannot help but"
    /// frames, which precede a term they leave as it is (`не могу не`; `NegationWord`).
    public var negatorsBefore = TermIndex<NegationWord>()
    /// What says "cannot help (doing it)" right after a verb negated inside the word (`negation.tsv`, kind
    /// `cannot-help`: `hayran kalmamak elde değil`, "one cannot help admiring"; `мақтамай тұра алмаймын`;
    /// `талархахгүй байхын аргагүй`): the two negations cancel (`CannotHelpRule`). Looked up only after
    /// such a verb, which is rare, so the automaton does not compile it.
    public var cannotHelp = TermIndex<Bool>()
    /// "Neither … nor" (`negation.tsv` kinds `neither` and `nor`: Turkish `ne` … `ne de`): in a sentence
    /// where a `nor` follows a `neither`, each negates what follows it (`NeitherNorRule`). Folded words of
    /// each entry; compared with a word's bytes, as so few entries need no index.
    public var neitherWords: [[String]] = [] { didSet { updateMemberLengths() } }
    public var norWords: [[String]] = [] { didSet { updateMemberLengths() } }
    /// The byte lengths of the first words of `neitherWords` and `norWords`: a word of another length is none.
    private(set) var memberLengths: [UInt32] = []
    /// `neitherWords` and `norWords` as the bytes of their words, which a word's bytes are compared with.
    private(set) var neitherBytes: [[[UInt8]]] = []
    private(set) var norBytes: [[[UInt8]]] = []

    private mutating func updateMemberLengths() {
        memberLengths = (neitherWords + norWords).map { UInt32($0[0].utf8.count) }
        neitherBytes = neitherWords.map { $0.map { Array($0.utf8) } }
        norBytes = norWords.map { $0.map { Array($0.utf8) } }
    }
    /// Negative-polarity words ("never": `ешқашан`, `хэзээ ч`, `asla`; `negation.tsv`, kind `concord`): a
    /// term with one in it was written for the negated verb after it (`енді ешқашан алмаймын`, "I will
    /// never buy again"), which does not negate it again (`NegationWordRule`).
    public var concordWords = TermIndex<Bool>()
    /// Morphemes that negate when the rest of a stem-matched word begins with them (`me`, `пе`).
    public var negationSuffixes: [String] = [] {
        didSet {
            negationSuffixIndex = UTF8Trie()
            for (k, suffix) in negationSuffixes.enumerated() { negationSuffixIndex.insert(suffix, k) { old, _ in old } }
        }
    }
    /// The suffixes by their bytes, with their position in the list (the first listed wins).
    private var negationSuffixIndex = UTF8Trie<Int>()
    /// Morphemes that negate when the rest of a stem-matched word contains them (`гүй`).
    public var negationEndings: [String] = []
    /// Prefixes that negate a word whose remainder is in the lexicon (`ne`).
    public var negationPrefixes: [String] = []
    /// Word endings that by themselves mark a negated verb (`madı`, `пады`, `аагүй`), for words not in the lexicon.
    public var negatedVerbEndings: [String] {
        get { negatedVerbEndingList.endings }
        set { negatedVerbEndingList = WordEndings(newValue) }
    }
    /// The endings with their index, which the language's automaton also keeps (`TermLookup.negatedEnding`).
    private(set) var negatedVerbEndingList = WordEndings([])
    /// What marks an unreal condition (`counterfactual.tsv`, `CounterfactualRule`): words that end it (`байсан
    /// бол`), words that start it at the start of a part (`da je bilo`, `если бы`), wishes that start it
    /// anywhere (`keşke`), word endings that end it (`-saydı`), and words with such an ending that say
    /// something else (`bilseydim`, "had I known").
    public var counterfactualEnds = TermIndex<Bool>()
    public var counterfactualStarts = TermIndex<Bool>()
    public var counterfactualWishes = TermIndex<Bool>()
    public var counterfactualExceptions = TermIndex<Bool>()
    public var counterfactualEndings: [String] {
        get { counterfactualEndingList.endings }
        set { counterfactualEndingList = WordEndings(newValue) }
    }
    private(set) var counterfactualEndingList = WordEndings([])
    /// Endings that end a condition only after a wish (`-sa` of `Keşke kargo daha hızlı olsa`).
    public var counterfactualWishEndings: [String] {
        get { counterfactualWishEndingList.endings }
        set { counterfactualWishEndingList = WordEndings(newValue) }
    }
    private(set) var counterfactualWishEndingList = WordEndings([])

    /// What marks a real condition (`condition.tsv`, `ConditionRule`): words that start it and run to the end
    /// of their part (`ako`, `если`), verbs that end it (`болса`), word endings that end it (`-rsanız`,
    /// `-вэл`), and words with such an ending or start that say something else (`borsa`, `если честно`).
    public var conditionStarts = TermIndex<Bool>()
    public var conditionEnds = TermIndex<Bool>()
    public var conditionExceptions = TermIndex<Bool>()
    /// Words that make a question (`condition.tsv` kinds `asks-when`: `ne zaman`, `қашан`, `когда`;
    /// `asks-whether`: `mi`, `ма`, `уу`, `li`, `ли`; `rhetorical`: `değil mi`, `olur mu`): in a question, what
    /// they ask about has not happened yet, unless the question answers itself (`QuestionRule`).
    public var questionWords = TermIndex<QuestionWord>()
    /// The endings, which the language's automaton keeps after the unreal ones (`TermAutomaton.conditionEnding`).
    public var conditionEndings: [String] = []

    /// What the automaton's condition ending `k` (`TermAutomaton.conditionEnding(of:at:)`) ends: an unreal
    /// condition (its place in `counterfactualEndings`, `-saydı`) or a real one (in `conditionEndings`, `-rsanız`).
    func conditionEnding(_ k: Int) -> ConditionEnding {
        k < counterfactualEndings.count ? .unreal(k) : .real(k - counterfactualEndings.count)
    }

    enum ConditionEnding: Equatable { case unreal(Int), real(Int) }

    /// What names another company (`competitor.tsv`, `CompetitorRule`): its names (`rakip firma`, `konkurencija`,
    /// `басқа оператор`), words before a name that make it the standard of a comparison (`od`, `nego`, `чем`),
    /// endings that do so (`-dan` of `rakiplerden`), and words after such an ending that compare
    /// (`daha`: `süpürgeden daha kullanışlı`). Names that are also a contact-centre agent's title (`diğer
    /// operatör`, "the other operator") name a company only beside a word of leaving for one (`geçtim`,
    /// "I switched"): `competitorOperators` and `competitorSwitches`.
    public var competitorNames = TermIndex<Bool>()
    public var competitorOperators = TermIndex<Bool>()
    public var competitorSwitches = TermIndex<Bool>()
    public var competitorStandardsBefore = TermIndex<Bool>()
    public var competitorComparatives = TermIndex<Bool>()
    public var competitorStandardEndings: [String] {
        get { competitorStandardEndingList.endings }
        set { competitorStandardEndingList = WordEndings(newValue) }
    }
    private(set) var competitorStandardEndingList = WordEndings([])

    /// Adds what marks an unreal or a real condition in `other` (a mixed-in language's `counterfactual.tsv`
    /// and `condition.tsv`) that this lexicon does not have: its own entries win.
    mutating func addMissingConditions(from other: LanguageLexicon) {
        counterfactualEnds.addMissing(from: other.counterfactualEnds)
        counterfactualStarts.addMissing(from: other.counterfactualStarts)
        counterfactualWishes.addMissing(from: other.counterfactualWishes)
        counterfactualExceptions.addMissing(from: other.counterfactualExceptions)
        counterfactualEndings += other.counterfactualEndings.filter { !counterfactualEndings.contains($0) }
        counterfactualWishEndings += other.counterfactualWishEndings.filter { !counterfactualWishEndings.contains($0) }
        conditionStarts.addMissing(from: other.conditionStarts)
        conditionEnds.addMissing(from: other.conditionEnds)
        conditionExceptions.addMissing(from: other.conditionExceptions)
        questionWords.addMissing(from: other.questionWords)
        conditionEndings += other.conditionEndings.filter { !conditionEndings.contains($0) }
        sortConditionEndings()
    }

    /// Adds what names another company in `other` (a mixed-in language's `competitor.tsv`) that this lexicon
    /// does not have: its own entries win.
    mutating func addMissingCompetitors(from other: LanguageLexicon) {
        competitorNames.addMissing(from: other.competitorNames)
        competitorOperators.addMissing(from: other.competitorOperators)
        competitorSwitches.addMissing(from: other.competitorSwitches)
        competitorStandardsBefore.addMissing(from: other.competitorStandardsBefore)
        competitorComparatives.addMissing(from: other.competitorComparatives)
        competitorStandardEndings += other.competitorStandardEndings.filter { !competitorStandardEndings.contains($0) }
    }

    /// Puts the condition endings longest first, so that the longest a word ends with is the one reported.
    mutating func sortConditionEndings() {
        counterfactualEndings.sort { $0.count > $1.count }
        counterfactualWishEndings.sort { $0.count > $1.count }
        conditionEndings.sort { $0.count > $1.count }
    }
    /// Concessive conjunctions (`iako`, `mada`, `gerçi`, `хотя`): the clause they introduce weighs less.
    public var concessives = TermIndex<Bool>()
    /// Words that, right after a contrast word, turn it around ("but at least": `ama en azından`, `ali bar`;
    /// `consolation.tsv`, `ContrastRule`).
    public var consolations = TermIndex<Bool>()
    /// Words that say it happened again (`yine`, `тағы да`, `дахиад`, `opet`, `опять`): praise alone before
    /// one in a complaint is sarcasm (`SarcasmRule`: `Harika, yine internet kesildi`).
    public var againWords = TermIndex<Bool>()
    /// Sentiment terms of a language mixed into this one (Russian in Kazakh and Mongolian text: `отлично`,
    /// `ужасно`), folded like this language's words. Looked up only where this language's own lexicon,
    /// negators and intensifiers have nothing.
    public var loanSentiment = TermIndex<Double>()
    /// Negation words of the mixed-in language (Russian `не`, `ни` before, `нет` after). They negate only
    /// loan terms (Kazakh `не` means "what"), and never count as a complaint on their own.
    public var loanNegatorsBefore = TermIndex<NegationWord>()
    public var loanNegatorsAfter = TermIndex<Bool>()
    /// Words, stems and phrases of learned lexicon layers (`verbatim learn`) that no hand-written entry
    /// covers. Looked up last, for a word that no hand-written entry or rule claims; a layer's
    /// adjustments of hand-written valences are made in `sentiment` and `loanSentiment` themselves.
    public var learned = TermIndex<Double>()
    /// Word pairs of learned layers (`a + b`): each adds its valence on top of whatever its two words
    /// scored, as a bag of words counts a pair beside its words (`PairRule`).
    public var learnedPairs = TermIndex<Double>()
    /// Label thresholds calibrated on a learned layer's training data (its `@positive_threshold` and
    /// `@negative_threshold` lines); nil keeps the rules' thresholds.
    public var calibratedThresholds: LabelThresholds?

    public init(language: Language) { self.language = language }

    /// The negation morpheme in what follows the stem of match `m` (`-ma` in `beğenmedim` under `beğen*`), if any.
    func negationMorpheme<P>(after m: TermIndex<P>.Match, in tokens: TokenList) -> String? {
        tokens.withBytes(m.remainderSpan) { negationMorpheme(in: $0) }
    }

    /// The negation morpheme in the bytes of a remainder, if any.
    func negationMorpheme(in remainder: UnsafeBufferPointer<UInt8>) -> String? {
        if remainder.isEmpty { return nil }
        var first = Int.max
        negationSuffixIndex.forEachPrefix(ofUTF8: remainder) { _, k in first = min(first, k) }
        if first < negationSuffixes.count { return "-" + negationSuffixes[first] }
        for e in negationEndings where Self.contains(remainder, e) { return "-" + e }
        return nil
    }

    /// Whether `text` contains `part`, compared on bytes (both are NFC).
    static func contains(_ t: UnsafeBufferPointer<UInt8>, _ part: String) -> Bool {
        UTF8Bytes.withBytes(part) { p in
            guard !p.isEmpty, p.count <= t.count else { return p.isEmpty }
            for start in 0...(t.count - p.count) where t[start] == p[0] && UnsafeBufferPointer(rebasing: t[start..<(start + p.count)]).elementsEqual(p) { return true }
            return false
        }
    }
}

/// The compound scores at or beyond which a text is positive or negative.
public struct LabelThresholds: Sendable, Hashable {
    public var positive: Double
    public var negative: Double

    public init(positive: Double, negative: Double) {
        self.positive = positive
        self.negative = negative
    }

    /// The label of a compound score.
    public func label(_ score: Double) -> SentimentLabel {
        score >= positive ? .positive : score <= negative ? .negative : .neutral
    }
}

/// The lexicons of every language plus the shared emoji lexicon.
public struct LexiconSet: Sendable {
    public var languages: [Language: LanguageLexicon] = [:]
    /// Emoji and emoticons, any language.
    public var emoji = TermIndex<Double>()
    /// Theme ids in taxonomy order, with display names per language code (`en`, `tr`, …).
    public var themeNames: [(id: String, names: [String: String])] = []

    public init() {}

    /// Number of sentiment entries per language, for `validate`.
    public var counts: [Language: Int] { languages.mapValues { $0.sentiment.count } }
}

/// A list of word endings (a language's negated-verb endings, `LanguageLexicon.negatedVerbEndings`; its
/// endings of an unreal condition, `LanguageLexicon.counterfactualEndings`) and their index by bytes from
/// the end, with the one look-up of them: what the lexicon and its automaton both answer.
struct WordEndings: Sendable {
    let endings: [String]
    /// Each ending's position in `endings` (the first listed wins).
    private var index = UTF8Trie<Int>(reversed: true)

    init(_ endings: [String]) {
        self.endings = endings
        for (k, e) in endings.enumerated() { index.insert(e, k) { old, _ in old } }
    }

    /// The position of the first ending listed that `form` ends with, leaving at least two characters
    /// before it.
    func ending(of form: String) -> Int? { UTF8Bytes.withBytes(form) { ending(ofUTF8: $0) } }

    /// `ending(of:)` of a form's bytes. (Walked on contiguous bytes: backwards through a UTF8View costs
    /// far more.)
    func ending(ofUTF8 form: UnsafeBufferPointer<UInt8>) -> Int? {
        var candidates: [Int] = []
        index.forEachPrefix(ofUTF8: form) { _, k in candidates.append(k) }
        if candidates.isEmpty { return nil }
        let characters = String(decoding: form, as: UTF8.self).count
        for k in candidates.sorted() where characters >= endings[k].count + 2 { return k }
        return nil
    }
}

/// One language's compiled lexicon behind a reference. The hot path borrows it (`ref.lex`) instead of
/// copying the struct, which retains and releases each of its many indexes: that was four copies per
/// text, about 5,500 instructions each (callgrind, 2026-12-02).
///
/// It is also where a lexicon is compiled: its `TermAutomaton` is built, and each of its term indexes
/// trusts the marks that automaton writes on words.
final class LexiconRef: Sendable {
    let lex: LanguageLexicon
    let automaton: TermAutomaton

    init(_ lex: LanguageLexicon) {
        var compiled = lex
        automaton = TermAutomaton(compiling: &compiled)
        self.lex = compiled
    }
}
