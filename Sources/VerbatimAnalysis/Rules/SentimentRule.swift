import VerbatimCore

/// One rule of the sentiment scorer: what it does to the terms found in a text.
///
/// `SentimentScorer` finds the terms (hand-written, loan and learned entries,
/// aspect cues, emoji) and gives rule words their roles; then it applies
/// `SentimentScorer.rules` in order, each one a type in its own file with
/// the examples that pin it beside it. `SentimentRuleExampleTests` runs the
/// examples of every rule: each triggering text must show the rule's mark in
/// its evidence, and no non-triggering text may.
protocol SentimentRule: Sendable {
    /// Whether a mark in a hit's evidence is this rule's.
    static func marks(_ mark: RuleMark) -> Bool
    /// Texts the rule must apply to, and texts it must leave alone.
    static var examples: RuleExamples { get }
    func apply(to text: inout ScoredText)
}

/// Examples of a rule, in the style of SwiftLint's triggering and non-triggering examples.
struct RuleExamples: Sendable {
    struct Example: Sendable {
        var language: Language
        var text: String
        /// Scored with the language's bundled learned layer (`lexicons/learned/`).
        var withLearnedLayer = false
    }
    var triggering: [Example]
    var nonTriggering: [Example]
}

/// A text while the rules apply: its tokens, the roles rule words play, and the hits so far.
struct ScoredText {
    let tokens: TokenList
    /// Whether the result carries its evidence (`SentimentScorer.explains`): without it the rules
    /// build no marks, which only the evidence shows.
    let explains: Bool
    let lexicon: LexiconRef
    var lex: LanguageLexicon { _read { yield lexicon.lex } }
    let constants: SentimentRules
    var roles: [SentimentScorer.Role]
    var hits: [SentimentScorer.Hit]
    /// Tokens inside a hit: a negator or an intensifier reaches only the nearest term.
    private(set) var covered: [Bool] = []
    /// Negators that negated a term (`NegationWordRule`); the others are complaints on their own.
    var usedNegator: [Bool]
    /// Positions a learned layer may give a valence of their own (`RuleWordRule`).
    var ruleWords: [Int] = []
    /// The `!` that emphasise the whole text (`ExclamationRule`).
    var exclamations = 0
    /// Every kind (`TermAutomaton.Kind` bits) of the text's words, as its automaton marks them: a rule
    /// whose words the text has none of (an "again" word, an unreal condition) does nothing, found out in
    /// one walk over the words for all such rules.
    let wordKinds: UInt32

    /// The entry a role names, as written in its data file (a negated verb: its ending).
    func word(of role: SentimentScorer.Role) -> String {
        switch role {
        case .none: ""
        case let .negatorBefore(k): lex.negatorsBefore.terms[Int(k)].text
        case let .negatorAfter(k): lex.negatorsAfter.terms[Int(k)].text
        case let .intensifier(_, k): lex.intensifiers.terms[Int(k)].text
        case let .loanNegatorBefore(k): lex.loanNegatorsBefore.terms[Int(k)].text
        case let .loanNegatorAfter(k): lex.loanNegatorsAfter.terms[Int(k)].text
        case let .negatedVerb(k): lex.negatedVerbEndings[Int(k)]
        case let .cannotHelp(k): lex.cannotHelp.terms[Int(k)].text
        case let .cannotHelpFrame(k, loan): (loan ? lex.loanNegatorsBefore : lex.negatorsBefore).terms[Int(k)].text
        }
    }

    init(tokens: TokenList, lexicon: LexiconRef, constants: SentimentRules, roles: [SentimentScorer.Role], hits: [SentimentScorer.Hit],
         explains: Bool = true) {
        self.tokens = tokens
        self.explains = explains
        self.lexicon = lexicon
        self.constants = constants
        self.roles = roles
        self.hits = hits
        usedNegator = [Bool](filled: false, count: tokens.count)
        var kinds: UInt32 = 0
        for j in tokens.indices where tokens[j].kind == .word { kinds |= lexicon.automaton.kinds(of: tokens, j) }
        wordKinds = kinds
        updateCoverage()
    }

    /// Adds a rule's mark to hit `h`, when the result explains itself (the mark is made only then).
    mutating func note(_ h: Int, _ mark: @autoclosure () -> RuleMark) {
        if explains { hits[h].mark(mark()) }
    }

    /// Praise `h` meant as its opposite (sarcasm, an irony mark): its valence's sign turns, counted as a
    /// negation (which the learner replays), with the rule's mark.
    mutating func turnAround(_ h: Int, _ mark: @autoclosure () -> RuleMark) {
        hits[h].valence = -hits[h].valence
        hits[h].negations += 1
        note(h, mark())
    }

    /// Weighs term `h` as what is supposed, not what happened (a real condition, `ConditionRule`; a question
    /// that asks when, `QuestionRule`): by `weight`, which the learner replays, with the rule's mark. Plus
    /// zero: a complaint weighed by 0 shows as 0, not −0.
    mutating func suppose(_ h: Int, _ weight: Double, _ mark: @autoclosure () -> RuleMark) {
        hits[h].valence = hits[h].valence * weight + 0
        hits[h].weight *= weight
        note(h, mark())
    }

    /// Weighs hit `h` by its clause's weight (contrast or concession), once, with the rule's mark.
    mutating func weigh(_ h: Int, _ w: Double, _ mark: @autoclosure () -> RuleMark) {
        hits[h].weigh(w, explains ? mark() : nil)
    }

    /// The first term hit after token `k` within the negation window (`SentimentRules.window` words), in
    /// its clause and not across a comma: what a negation word at `k` reaches.
    func firstTerm(after k: Int) -> Int? {
        let clause = tokens[k].clause
        var words = 0
        var j = k + 1
        while j < tokens.count, words < constants.window, tokens[j].clause == clause, !tokens.isComma(at: j) {
            if let h = hits.firstIndex(where: { $0.start == j && $0.kind == .term }) { return h }
            if tokens[j].kind == .word { words += 1 }
            j += 1
        }
        return nil
    }

    /// A negation word at token `k` that negates nothing, named `named`: a complaint on its own
    /// (`UnattachedNegationRule`), unless that rule is turned off. The hits are sorted again by the caller.
    mutating func addUnattachedNegation(at k: Int, named: String, _ mark: RuleMark) {
        let v = constants.unattachedNegationValence
        guard v != 0 else { return }
        hits.append(.init(start: k, length: 1, valence: v, base: v, named: named, rules: [mark], clause: tokens[k].clause, kind: .unattachedNegation))
    }

    /// Recomputes `covered` after hits were added.
    mutating func updateCoverage() {
        // Cleared in place when it has the tokens' length already (it is recomputed after each rule that adds hits).
        if covered.count == tokens.count {
            covered.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
        } else {
            covered = [Bool](filled: false, count: tokens.count)
        }
        for h in hits { for k in h.start..<(h.start + h.length) { covered[k] = true } }
    }
}

extension TokenList {
    /// The text cut at commas and where a clause ends: each part's tokens (`SarcasmRule`, `CounterfactualRule`).
    func parts() -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = 0
        for i in indices {
            if isComma(at: i) {
                if start < i { parts.append(start..<i) }
                start = i + 1
            } else if i > start, self[i].clause != self[i - 1].clause {
                parts.append(start..<i)
                start = i
            }
        }
        if start < count { parts.append(start..<count) }
        return parts
    }

    /// Whether word `j` is the first word of its part (`parts()`): no word before it since a comma or the
    /// start of its clause.
    func isFirstWordOfPart(_ j: Int) -> Bool {
        var k = j - 1
        while k >= 0, self[k].kind != .word, self[k].clause == self[j].clause {
            if isComma(at: k) { return true }
            k -= 1
        }
        return k < 0 || self[k].clause != self[j].clause
    }

    /// The first of the `words` words before token `j` in `part` (as far as a negation word reaches: the
    /// condition before the verb that ends it, `CounterfactualRule`, `ConditionRule`).
    func reach(before j: Int, in part: Range<Int>, words: Int) -> Int {
        var start = j, seen = 0
        while start > part.lowerBound, seen < words {
            start -= 1
            if self[start].kind == .word { seen += 1 }
        }
        return start
    }
}
