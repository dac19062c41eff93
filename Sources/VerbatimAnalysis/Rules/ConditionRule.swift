import VerbatimCore

/// A real condition supposes what may or may not happen: `Bir sorun yaşarsanız hemen yardımcı oluyorlar`
/// ("if you have a problem they help at once") has no problem in it, `Yardımcı olursanız sevinirim` ("I'd
/// be glad if you helped") no help yet, `Ako stigne oštećeno, menjaju ga` ("if it arrives damaged they
/// replace it") no damage. The terms in the condition weigh `SentimentRules.conditionWeight` (0 by default),
/// and the evidence shows what marked it, an ending as folded (`sorun yaşa* -2 [condition(-rsaniz)] → 0`).
/// What follows the condition is scored as it is.
///
/// Where the condition is, `condition.tsv` says, within one part of the text (between commas, in one
/// clause): after a word that starts it (`ako`, `если`: kind `starts`), the rest of the part, up to
/// `startReach` words; else each verb that ends it (kind `ends`, `болса`; kind `ending`, `-rsanız`, `-вэл`)
/// and the words before it, as far as a negation word reaches. Only terms are weighed: emoji, ratings, a
/// bare negation (the complaint of `ako ne možemo …`) and a term an unreal condition has negated already
/// (`CounterfactualRule`) are left alone. A start or a verb that says something else is listed as `except`
/// (`если честно`, "to be honest"; `borsa`; `ne de olsa`, "after all", which covers `olsa` from before it).
struct ConditionRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .condition = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Bir sorun yaşarsanız hemen yardımcı oluyorlar"),
            .init(language: .tr, text: "Yardımcı olursanız sevinirim"),
            .init(language: .tr, text: "Memnun kalmazsanız paranızı iade ediyorlar"),
            .init(language: .tr, text: "Eğer kaliteli ürün istiyorsanız buradan almayın"),
            .init(language: .sr, text: "Ako stigne oštećeno, menjaju ga bez problema"),
            .init(language: .kk, text: "Ақау болса бірден ауыстырады"),
            .init(language: .mn, text: "Асуудал гарвал шууд тусалдаг"),
            .init(language: .kk, text: "Если возникнет проблема, сразу помогают"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Bir sorun yaşadım ama hemen yardımcı oldular"),
            .init(language: .tr, text: "Borsa kötü gidiyor"),
            .init(language: .tr, text: "Ne olursa olsun kötü bir deneyimdi"),
            .init(language: .tr, text: "Kötü değil, ne de olsa ucuz"),
            .init(language: .tr, text: "Daha hızlı olsaydı memnun olurdum"),
            .init(language: .sr, text: "Dostava je bila brza i dobra"),
            .init(language: .kk, text: "Если честно, сервис ужасный"),
            .init(language: .kk, text: "Қымбат болса да сапасы жақсы"),
            .init(language: .sr, text: "Ako nam vlada godinu i po govori samo o lopovima"),
        ])

    func apply(to text: inout ScoredText) {
        guard Self.mayHaveCondition(text) else { return }
        let weight = text.constants.conditionWeight
        for part in text.tokens.parts() {
            for (condition, word) in Self.conditions(in: part, text) {
                for h in text.hits.indices where condition.contains(text.hits[h].start) && text.hits[h].kind == .term
                    && !text.hits[h].rules.contains(where: Self.isSaidOtherwise) {
                    text.suppose(h, weight, .condition(word))
                }
            }
        }
    }

    /// A rating or an unreal condition's term says what the customer gave or would have given: not supposed
    /// (here, nor asked about in `QuestionRule`).
    static func isSaidOtherwise(_ mark: RuleMark) -> Bool {
        switch mark {
        case .rating, .counterfactual: true
        default: false
        }
    }

    /// Whether a word of the text may mark a real condition: most texts have none, as the kinds of their
    /// words say (`ScoredText.wordKinds`; the ending bit is shared with unreal conditions).
    static func mayHaveCondition(_ text: ScoredText) -> Bool { text.wordKinds & markingKinds != 0 }

    /// The kinds of a word that may start or end a real condition.
    private static let markingKinds = TermAutomaton.Kind.conditionEnding | TermAutomaton.Kind.conditionStarts.bit | TermAutomaton.Kind.conditionEnds.bit

    /// Whether an `except` entry covers word `j`: one that starts there (`olursa olsun`) or a word or two
    /// before it (`ne de olsa`, "after all").
    private static func isException(_ j: Int, in part: Range<Int>, _ text: ScoredText) -> Bool {
        let exceptions = text.lex.conditionExceptions
        var k = j, words = 0
        while k >= part.lowerBound, words <= maxExceptionLead {
            if text.tokens[k].kind == .word {
                if let m = exceptions.longestMatch(in: text.tokens, at: k), k + m.length > j { return true }
                words += 1
            }
            k -= 1
        }
        return false
    }

    /// How many words an `except` entry may have before the word it covers (`ne de` of `ne de olsa`).
    private static let maxExceptionLead = 2

    /// How many words after a start a condition reaches: its verb, subject and object (`Ako imate bilo kakav
    /// problem`, "if you have any problem"). A sentence written without commas goes on past its condition.
    static let startReach = 5

    /// The conditions in `part`, each with what marks it as its data file writes it.
    static func conditions(in part: Range<Int>, _ text: ScoredText) -> [(Range<Int>, String)] {
        let tokens = text.tokens, lex = text.lex
        var found: [(Range<Int>, String)] = []
        let automaton = text.lexicon.automaton
        for j in part where tokens[j].kind == .word {
            // Most words can mark no condition, as their kinds say: nothing else is looked up for them.
            let kinds = automaton.kinds(of: tokens, j)
            guard kinds & Self.markingKinds != 0 else { continue }
            if let m = lex.conditionStarts.longestMatch(in: tokens, at: j) {
                if Self.isException(j, in: part, text) { continue }
                // It runs to the end of the part, past any verb that would end another, for a few words.
                var end = j + m.length, words = 0
                while end < part.upperBound, words < Self.startReach {
                    if tokens[end].kind == .word { words += 1 }
                    end += 1
                }
                found.append(((j + m.length)..<end, m.text))
                return found
            }
            let before = { tokens.reach(before: j, in: part, words: text.constants.window) }
            if let m = lex.conditionEnds.longestMatch(in: tokens, at: j) {
                if !Self.isException(j, in: part, text) { found.append((before()..<(j + m.length), m.text)) }
            } else if let k = automaton.conditionEnding(of: tokens, at: j), case let .real(e) = lex.conditionEnding(k),
                      !Self.isException(j, in: part, text) {
                found.append((before()..<(j + 1), "-" + lex.conditionEndings[e]))
            }
        }
        return found
    }
}
