import Foundation
import VerbatimCore

/// Learns a lexicon layer for one language from labelled texts, on the
/// scorer's own units and through its rules.
///
/// Two streaming passes over the same texts, in the same order:
/// 1. `observeCandidate`: the scorer runs with the hand-written data alone;
///    the words that no entry or rule claims are counted, with their `*`
///    stems, and so are the words a rule claims and every pair of adjacent
///    words of a clause. `selectCandidates` keeps those with enough support.
/// 2. `observe`: the scorer runs again with the candidates as learned terms.
///    Every hit, hand-written or learned, is counted for its text's label,
///    flipped when the rules negated it (so a word seen mostly negated is not
///    learned backwards), and spooled to disk with what the rules did to it.
///
/// `fit` then turns the counts into valences (class-balanced log-odds added
/// to the hand-written valence, shrunk by support), chooses the scale and the
/// shrinkage and calibrates the label thresholds by k-fold cross-validation
/// over the spool, and returns the layer. Memory grows with the vocabulary,
/// not with the number of texts.
public struct LexiconLearner {
    /// What the learner may do, documented with its defaults.
    public struct Options: Sendable, Hashable {
        /// A new word is learned only when at least this many texts contain it.
        public var minSupport = 3
        /// A new `*` stem is learned only when at least this many texts contain a word under it …
        public var minStemSupport = 8
        /// … and only this many letters long or longer (shorter prefixes catch unrelated words).
        public var minStemLength = 4
        /// Stems are prefixes of at most this many letters.
        public var maxStemLength = 10
        /// A pair of adjacent words (`a + b`, `PairRule`) is learned only when at least this many texts contain it.
        /// (3 rather than 5: with two unclaimed words learned as pairs too, the cross-validated F1 rose on all three
        /// training sets; see README, Learned lexicon layers.)
        public var minPairSupport = 3
        /// Folds of the cross-validation that chooses the scale, the shrinkage and the thresholds.
        public var folds = 5
        /// Candidate valences per unit of log-odds.
        public var scales: [Double] = [0.5, 0.75, 1, 1.5, 2, 3]
        /// Candidate shrinkage strengths: a unit seen in `n` texts adds `n / (n + k)` of its learned
        /// evidence to its hand-written valence (0 for a new term).
        public var shrinkages: [Double] = [2, 5, 10, 25]
        /// Candidate L2 pulls of the discriminative refinement (`ValenceRefinement`); none keeps the counts' valences.
        public var refinementL2: [Double] = [0.001, 0.01]
        /// Entries whose learned valence differs from the hand-written one by less than this are not written.
        public var minChange = 0.05

        public init() {}
    }

    public let language: Language
    public let options: Options
    /// The scorer with the hand-written data only (pass 1) and with the candidates (pass 2).
    private let base: SentimentScorer
    private var withCandidates: SentimentScorer?

    private var formCounts: [String: LabelCounts] = [:]
    private var stemCounts: [String: LabelCounts] = [:]
    private var pairCounts: [String: LabelCounts] = [:]
    /// Pass 2: units (hand-written entries and candidates) by id, their counts, the spool.
    private var units: UnitTable
    private var passTwoTexts = 0
    private var spool: LearnerSpool?
    /// Texts of pass 2 by fold.
    private var foldTexts: [LabelCounts]
    public var texts: LabelCounts { LabelCounts.sum(foldTexts) }

    /// `scorer` holds the hand-written data (and user lexicons), without learned layers.
    public init(language: Language, scorer: SentimentScorer, options: Options = Options()) {
        self.language = language
        self.base = scorer
        self.options = options
        foldTexts = Array(repeating: LabelCounts(), count: max(2, options.folds))
        units = UnitTable(folds: foldTexts.count)
    }

    // MARK: Pass 1

    /// Counts the unclaimed words of one labelled text and their stems.
    public mutating func observeCandidate(_ tokens: TokenList, label: SentimentLabel) {
        guard let ref = base.lexiconRef(for: language) else { return }
        let lex = ref.lex
        let analysis = base.analyze(tokens, ref)
        var forms = Set<String>(), stems = Set<String>()
        for i in analysis.freeWords {
            // A theme keyword names what the customer talks about (the bill, the operator, the call), not
            // how they feel about it: its polarity comes from the opinion words around it.
            if lex.themes.longestMatch(in: tokens, at: i) != nil { continue }
            let form = tokens.form(i)
            guard form.unicodeScalars.count >= 2, form.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { continue }
            forms.insert(form)
            let scalars = Array(form.unicodeScalars)
            if scalars.count > options.minStemLength {
                for n in options.minStemLength...min(options.maxStemLength, scalars.count - 1) {
                    stems.insert(String(String.UnicodeScalarView(scalars[..<n])))
                }
            }
        }
        // Words a rule claims, and numbers: learned as words only (no stems, no phrases).
        // A word that is also a hand-written term (`süper`, an intensifier too) already has its valence there.
        for i in analysis.ruleWords where tokens.form(i).unicodeScalars.count <= 20 {
            var alone = tokens.alone(i)
            alone[0].kind = .word
            if let m = lex.sentiment.longestMatch(in: alone, at: 0), !m.viaStem { continue }
            forms.insert(tokens.form(i))
        }
        for p in pairs(tokens) { pairCounts[p, default: LabelCounts()].add(label) }
        for f in forms { formCounts[f, default: LabelCounts()].add(label) }
        for s in stems { stemCounts[s, default: LabelCounts()].add(label) }
    }

    /// The pairs of a text (`PairRule.pairs`), written `a + b`: pair candidates. Two unclaimed words next to
    /// each other are a pair too, not a phrase: a pair adds to its words, as a bag of words counts a bigram
    /// beside its unigrams, where a phrase would replace them (learned phrases cost cross-validated F1).
    private func pairs(_ tokens: TokenList) -> Set<String> {
        Set(PairRule.pairs(tokens).map { tokens.form($0.0) + LearnedLayerFile.Entry.pairSeparator + tokens.form($0.1) })
    }

    /// Keeps the candidates with enough support and compiles them as learned terms for pass 2.
    /// Returns how many words, stems and pairs were kept.
    @discardableResult
    public mutating func selectCandidates() -> (words: Int, stems: Int, pairs: Int) {
        guard var lex = base.lexicon(for: language) else { return (0, 0, 0) }
        lex.learned = TermIndex<Double>()
        lex.learnedPairs = TermIndex<Double>()
        lex.calibratedThresholds = nil
        let words = formCounts.filter { $0.value.polar >= options.minSupport }.keys.sorted()
        let stems = stemCounts.filter { $0.value.polar >= options.minStemSupport }.keys.sorted()
        let pairs = pairCounts.filter { $0.value.polar >= options.minPairSupport }.keys.sorted()
        for p in pairs {
            let words = p.components(separatedBy: LearnedLayerFile.Entry.pairSeparator).map { TermIndex<Double>.Word(form: $0, isStem: false) }
            lex.learnedPairs.add(.init(words: words, payload: 1, text: p, source: "candidates", line: 0))
        }
        // Placeholder valences: which entry a word matches, and what the rules do to it, do not depend on them.
        for w in words { lex.learned.add(.init(words: [.init(form: w, isStem: false)], payload: 1, text: w, source: "candidates", line: 0)) }
        for s in stems { lex.learned.add(.init(words: [.init(form: s, isStem: true)], payload: 1, text: s + "*", source: "candidates", line: 0)) }
        var set = base.lexicons
        set.languages[language] = lex
        withCandidates = SentimentScorer(lexicons: set, rules: base.rules)
        formCounts = [:]
        stemCounts = [:]
        pairCounts = [:]
        return (words.count, stems.count, pairs.count)
    }

    // MARK: Pass 2

    /// Counts and spools the hits of one labelled text (after `selectCandidates`).
    public mutating func observe(_ tokens: TokenList, label: SentimentLabel) throws {
        guard let scorer = withCandidates, let ref = scorer.lexiconRef(for: language) else { return }
        let lex = ref.lex
        if spool == nil { spool = try LearnerSpool() }
        let analysis = scorer.analyze(tokens, ref)
        let fold = passTwoTexts % foldTexts.count
        passTwoTexts += 1
        var fixed = 0.0
        var hits: [LearnerSpool.Hit] = []
        var seen = Set<Int64>()
        for h in analysis.hits {
            guard let id = units.id(for: h.unit, in: lex) else { fixed += h.valence; continue }
            hits.append(.init(unit: Int32(id), negations: UInt8(min(h.negations, 255)), boost: Float(h.boost), weight: Float(h.weight)))
            // Each unit counts once per text and polarity; a negated one counts for the opposite label.
            let flipped = h.negations % 2 == 1
            if seen.insert(Int64(id) * 2 + (flipped ? 1 : 0)).inserted { units.count(id, label: flipped ? label.opposite : label, fold: fold) }
        }
        foldTexts[fold].add(label)
        try spool!.append(.init(label: label, fold: UInt8(fold), exclamations: UInt8(analysis.exclamations), fixed: fixed, hits: hits))
    }

    // MARK: Fit

    /// The learned layer: valences, thresholds and the cross-validated figures behind them.
    public func fit() throws -> LearnedLayer {
        guard var spool else { throw LearnError.tooLittleData(positives: texts.positive, negatives: texts.negative) }
        try spool.finish()
        defer { spool.remove() }
        guard texts.positive >= Self.minimumTexts, texts.negative >= Self.minimumTexts else {
            throw LearnError.tooLittleData(positives: texts.positive, negatives: texts.negative)
        }
        let fit = ValenceFit(units: units, foldTexts: foldTexts, rules: base.rules, options: options)
        let layer = try fit.run(spool)
        guard !layer.entries.isEmpty else { throw LearnError.nothingLearned }
        return layer
    }

    /// Fewer positive or negative texts than this is too little to learn from.
    public static let minimumTexts = 20
}

/// How many positive, neutral and negative texts.
public struct LabelCounts: Sendable, Hashable {
    public var positive = 0, neutral = 0, negative = 0

    public init() {}

    public var polar: Int { positive + negative }
    public var total: Int { positive + neutral + negative }

    /// The counts of several parts added up.
    static func sum(_ parts: [LabelCounts]) -> LabelCounts {
        parts.reduce(into: LabelCounts()) { $0.positive += $1.positive; $0.neutral += $1.neutral; $0.negative += $1.negative }
    }

    mutating func add(_ label: SentimentLabel) {
        switch label {
        case .positive: positive += 1
        case .neutral: neutral += 1
        case .negative: negative += 1
        }
    }
}

extension SentimentLabel {
    /// Positive for negative and back; neutral stays.
    var opposite: SentimentLabel { self == .positive ? .negative : self == .negative ? .positive : .neutral }
}

/// The entries a learner scores with, numbered in the order first seen (which is the texts' order,
/// so the numbering is the same on every run).
struct UnitTable {
    enum Origin: Hashable { case hand(Int), loan(Int), candidate(Int), pair(Int) }
    private(set) var origins: [Origin] = []
    /// Per fold, per unit: the texts it was seen in (negated occurrences for the opposite label).
    private(set) var foldCounts: [[LabelCounts]]
    private var ids: [Origin: Int] = [:]
    /// Per unit: whether a layer line can name it (a loan entry spelled like a hand-written one cannot).
    private var writable: [Bool] = []
    /// Per unit, the term as written and its hand-written valence (0 for a candidate).
    private(set) var terms: [String] = []
    private(set) var priors: [Double] = []
    /// Per unit: for a learned phrase, the units its words have alone (its valence adds theirs, as a
    /// bag of words counts a pair on top of its words); empty otherwise.
    private(set) var components: [[Int]] = []
    /// Per hand-written term, the entry it spells (`StemAlternations.entries(of:)`), worked out on first use.
    private var handEntries: [Int] = []

    init(folds: Int) { foldCounts = Array(repeating: [], count: folds) }

    mutating func id(for unit: SentimentScorer.Unit, in lex: LanguageLexicon) -> Int? {
        let origin: Origin, term: TermIndex<Double>.Term
        switch unit {
        case let .sentiment(k):
            // A stem's twin (`StemAlternations`) is learned as the entry it spells another way.
            if handEntries.count != lex.sentiment.terms.count { handEntries = StemAlternations.entries(of: lex.sentiment) }
            let entry = handEntries[k]
            origin = .hand(entry); term = lex.sentiment.terms[entry]
        case let .loan(k): origin = .loan(k); term = lex.loanSentiment.terms[k]
        case let .learned(k): origin = .candidate(k); term = lex.learned.terms[k]
        case let .pair(k): origin = .pair(k); term = lex.learnedPairs.terms[k]
        case .fixed: return nil
        }
        if let id = ids[origin] { return id }
        var parts: [Int] = []
        if case .candidate = origin, term.words.count > 1 {
            for w in term.words {
                let alone = TokenList([(kind: .word, form: w.form, surface: w.form)])
                if let m = lex.learned.longestMatch(in: alone, at: 0), let part = id(for: .learned(m.index), in: lex) { parts.append(part) }
            }
        }
        let id = origins.count
        ids[origin] = id
        origins.append(origin)
        for f in foldCounts.indices { foldCounts[f].append(LabelCounts()) }
        terms.append(term.text)
        components.append(parts)
        if case .loan = origin { writable.append(lex.sentiment.position(of: term.words) == nil) } else { writable.append(true) }
        switch origin {
        case .candidate, .pair: priors.append(0)
        default: priors.append(term.payload)
        }
        return id
    }

    mutating func count(_ id: Int, label: SentimentLabel, fold: Int) { foldCounts[fold][id].add(label) }

    /// The texts a unit was seen in, over every fold.
    func total(_ id: Int) -> LabelCounts {
        LabelCounts.sum(foldCounts.map { $0[id] })
    }

    func isWritable(_ id: Int) -> Bool { writable[id] }

    var count: Int { origins.count }

    func isPair(_ id: Int) -> Bool { if case .pair = origins[id] { true } else { false } }

    func isCandidate(_ id: Int) -> Bool {
        switch origins[id] {
        case .candidate, .pair: true
        default: false
        }
    }
}
