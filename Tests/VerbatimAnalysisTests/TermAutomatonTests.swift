import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
import VerbatimText
@testable import VerbatimAnalysis

@Suite("Term automaton")
struct TermAutomatonTests {
    func index(_ terms: [String]) -> TermIndex<Double> {
        var index = TermIndex<Double>()
        for (k, text) in terms.enumerated() {
            index.add(.init(words: TermIndex<Double>.words(of: text, language: .tr), payload: 1, text: text, source: "test", line: k + 1))
        }
        return index
    }

    func lexicon() -> LanguageLexicon {
        var lex = LanguageLexicon(language: .tr)
        lex.sentiment = index(["memnun*", "berbat", "dönüş yapmadı"])
        lex.intensifiers = index(["çok"])
        return lex
    }

    @Test func theIndexesBitsStayBelowTheFlagsAndConditionEndingsAreMarked() {
        // A 30th index would take a flag's bit: this fails first.
        let flags = TermAutomaton.Kind.phraseStart | TermAutomaton.Kind.oneWordIntensifier | TermAutomaton.Kind.conditionEnding
        for kind in TermAutomaton.Kind.allCases { #expect(kind.bit & flags == 0, "\(kind)") }
        var lex = lexicon()
        lex.counterfactualEndings = ["saydı", "seydi"]
        lex.conditionEndings = ["rsanız", "rsa"]
        let automaton = TermAutomaton(compiling: &lex)
        let tokens = TokenList([(kind: .word, form: "olsaydı", surface: "olsaydı"), (kind: .word, form: "oldu", surface: "oldu"),
                                (kind: .word, form: "olursanız", surface: "olursanız")])
        #expect(automaton.kinds(of: tokens, 0) & TermAutomaton.Kind.conditionEnding != 0)
        #expect(automaton.conditionEnding(of: tokens, at: 0).map(lex.conditionEnding) == .unreal(0))
        #expect(automaton.kinds(of: tokens, 1) & TermAutomaton.Kind.conditionEnding == 0)
        #expect(automaton.conditionEnding(of: tokens, at: 1) == nil)
        // A real condition's ending shares the mark, and is told apart by its place after the unreal ones.
        #expect(automaton.kinds(of: tokens, 2) & TermAutomaton.Kind.conditionEnding != 0)
        #expect(automaton.conditionEnding(of: tokens, at: 2).map(lex.conditionEnding) == .real(0))
    }

    @Test func wholeWordsStemsAndPhrasesStartWhereTheirFirstWordDoes() {
        var lex = lexicon()
        let automaton = TermAutomaton(compiling: &lex)
        let sentiment = TermAutomaton.Kind.sentiment.bit, intensifiers = TermAutomaton.Kind.intensifiers.bit
        #expect(automaton.lookUp("memnunum").kinds == sentiment, "a stem is a prefix of the word")
        #expect(automaton.lookUp("memnun").kinds == sentiment, "the stem itself")
        #expect(automaton.lookUp("berbat").kinds == sentiment)
        #expect(automaton.lookUp("berbatlık").kinds == 0, "a whole word is not a stem")
        #expect(automaton.lookUp("berba").kinds == 0)
        #expect(automaton.lookUp(LanguageFoldingShim.fold("dönüş", .tr)).kinds == sentiment | TermAutomaton.Kind.phraseStart, "the first word of a phrase, which says so")
        #expect(automaton.lookUp(LanguageFoldingShim.fold("çok", .tr)).kinds == intensifiers | TermAutomaton.Kind.oneWordIntensifier,
                "another index, its own bit, and as an intensifier of one word the bit of those")
        #expect(automaton.lookUp("masa").kinds == 0)
        var elongated = TokenList([(kind: .word, form: "coook", surface: "çoook")])
        #expect(automaton.kinds(of: elongated, 0) == 0)
        elongated.setAlternative(0, LanguageFoldingShim.fold("çok", .tr))
        #expect(automaton.kinds(of: elongated, 0) & intensifiers != 0, "the elongation alternative is tried too")
    }

    @Test func aMarkedWordSkipsTheIndexesItsMarkExcludesAndAChangedFormForgetsItsMark() {
        var lex = lexicon()
        let automaton = TermAutomaton(compiling: &lex)
        var tokens = TokenList([(kind: .word, form: "berbat", surface: "berbat"), (kind: .word, form: "masa", surface: "masa")])
        automaton.mark(&tokens)
        #expect(tokens.map(\.lookup.automaton) == [automaton.id, automaton.id])
        #expect(lex.sentiment.longestMatch(in: tokens, at: 0)?.text == "berbat")
        #expect(lex.intensifiers.longestMatch(in: tokens, at: 0) == nil)
        // A mark that lies (as one from another lexicon would) is trusted only by its own automaton's indexes.
        tokens[0].lookup.kinds = 0
        #expect(lex.sentiment.longestMatch(in: tokens, at: 0) == nil, "the index trusts the mark")
        tokens[0].lookup.automaton = automaton.id + 1000
        #expect(lex.sentiment.longestMatch(in: tokens, at: 0) != nil, "a mark of another automaton is not trusted")
        automaton.mark(&tokens)
        tokens.setForm(1, "berbat")
        #expect(tokens[1].lookup == TermLookup(), "a new form forgets the mark")
        #expect(lex.sentiment.longestMatch(in: tokens, at: 1) != nil)
    }

    @Test func aPhrasesLaterWordsAreComparedByTheirNumberOnceMarked() throws {
        var lex = lexicon()
        lex.intensifiers = index(["geri dönüş", "dönüş yapmadı"])
        let automaton = TermAutomaton(compiling: &lex)
        let yapmadi = LanguageFoldingShim.fold("yapmadı", .tr), donus = LanguageFoldingShim.fold("dönüş", .tr)
        #expect(automaton.lookUp(yapmadi).word != 0, "a later word has a number")
        #expect(automaton.lookUp(donus).word != 0 && automaton.lookUp(donus).word != automaton.lookUp(yapmadi).word)
        #expect(automaton.lookUp("berbat").word == 0, "a word that only starts terms has none")
        #expect(automaton.lookUp(LanguageFoldingShim.fold("yapmadım", .tr)).word == 0, "whole words only")
        var tokens = TokenList([donus, yapmadi, "masa"].map { (kind: Token.Kind.word, form: $0, surface: $0) })
        automaton.mark(&tokens)
        #expect(lex.sentiment.longestMatch(in: tokens, at: 0)?.length == 2)
        #expect(lex.intensifiers.longestMatch(in: tokens, at: 0)?.text == "dönüş yapmadı", "the same number in another index")
        // The number decides for a marked word: a lying one stops the phrase, an unmarked word is compared by bytes.
        tokens[1].lookup.word = automaton.lookUp(donus).word
        #expect(lex.sentiment.longestMatch(in: tokens, at: 0) == nil)
        tokens.setForm(1, yapmadi)
        #expect(lex.sentiment.longestMatch(in: tokens, at: 0)?.length == 2, "a changed form is compared by its bytes")
        tokens.setForm(1, "masa")
        #expect(lex.sentiment.longestMatch(in: tokens, at: 0) == nil)
    }

    /// Up to `TermIndex.maxInside` words of the kinds a caller names (intensifiers), as the automaton marked
    /// them, may stand between a phrase's words; the match covers them and says which they were.
    @Test func anIntensifierMayStandBetweenAPhrasesWords() {
        var lex = lexicon()
        lex.sentiment = index(["kalitesi yüksek", "yüksek"])
        lex.intensifiers = index(["çok", "bir hayli"])
        let automaton = TermAutomaton(compiling: &lex)
        let intensifiers = TermAutomaton.Kind.oneWordIntensifier
        func tokens(_ text: String, marked: Bool = true) -> TokenList {
            var list = TokenList(text.split(separator: " ").map { w in
                (kind: Token.Kind.word, form: LanguageFoldingShim.fold(String(w), .tr), surface: String(w))
            })
            if marked { automaton.mark(&list) }
            return list
        }
        func match(_ text: String, marked: Bool = true) -> TermIndex<Double>.Match? {
            lex.sentiment.longestMatch(in: tokens(text, marked: marked), at: 0, between: intensifiers)
        }
        let one = match("kalitesi çok yüksek")
        #expect(one?.text == "kalitesi yüksek" && one?.length == 3 && one?.inside == 0b10)
        let two = match("kalitesi çok çok yüksek")
        #expect(two?.length == 4 && two?.inside == 0b110)
        #expect(match("kalitesi çok çok çok yüksek") == nil, "no more than two between")
        #expect(match("kalitesi masa yüksek") == nil, "only words of the kinds named")
        #expect(match("kalitesi bir yüksek") == nil, "not the first word of an intensifier of two")
        #expect(match("kalitesi yüksek")?.inside == 0)
        #expect(match("kalitesi çok") == nil, "an intensifier does not end a phrase")
        #expect(match("kalitesi çok yüksek", marked: false) == nil, "a word the automaton did not mark stands between nothing")
        #expect(lex.sentiment.longestMatch(in: tokens("kalitesi çok yüksek"), at: 0) == nil, "by default nothing stands between")
    }

    /// A mark is remembered per thread and per automaton (`FormMemo`): the same form marked by another
    /// lexicon's automaton in between gets that automaton's answer, and its own again after.
    @Test func rememberedMarksBelongToTheirAutomaton() {
        var first = lexicon()
        var second = LanguageLexicon(language: .tr)
        second.intensifiers = index(["berbat"])
        let a = TermAutomaton(compiling: &first), b = TermAutomaton(compiling: &second)
        func marked(_ automaton: TermAutomaton) -> TermLookup {
            var tokens = TokenList([(kind: .word, form: "berbat", surface: "berbat")])
            automaton.mark(&tokens)
            return tokens[0].lookup
        }
        let fresh = (a: a.lookUp("berbat"), b: b.lookUp("berbat"))
        #expect(fresh.a.kinds == TermAutomaton.Kind.sentiment.bit && fresh.b.kinds == TermAutomaton.Kind.intensifiers.bit | TermAutomaton.Kind.oneWordIntensifier)
        #expect([marked(a), marked(b), marked(a), marked(b)] == [fresh.a, fresh.b, fresh.a, fresh.b])
    }

    /// A marked word's terms come from the automaton's lists (`TermCandidates`), an unmarked one's from the
    /// index's own tries: with the bundled lexicons, every index finds the same match at every word of the
    /// project's own test texts both ways (the same term, length and stem; ties decided alike).
    @Test func theAutomatonsListsFindWhatTheIndexesTriesFind() throws {
        let (set, issues) = LexiconLoader(directory: RepoPaths.lexicons).load()
        #expect(issues.isEmpty)
        var compared = Comparer()
        for (language, file) in [(Language.tr, "tr"), (.kk, "kk"), (.mn, "mn"), (.sr, "sr")] {
            var lex = try #require(set.languages[language])
            let automaton = TermAutomaton(compiling: &lex)
            let lines = try String(contentsOf: RepoPaths.testData.appendingPathComponent("sentiment/\(file).tsv"), encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("#") }
            for line in lines {
                let text = String(line.split(separator: "\t").last ?? "")
                var unmarked = Tokenizer.tokenize(text)
                for k in unmarked.indices where unmarked[k].kind == .word {
                    unmarked.setForm(k, TermIndex<Double>.words(of: unmarked.form(k), language: language).first?.form ?? unmarked.form(k))
                }
                compared.unmarked = unmarked
                compared.marked = compared.unmarked
                automaton.mark(&compared.marked)
                TermAutomaton.visitIndexes(of: &lex, with: &compared)
            }
        }
        #expect(compared.differences.isEmpty, "\(compared.differences.prefix(10))")
        #expect(compared.viaStem > 100 && compared.phrases > 100, "the texts exercise stems (\(compared.viaStem)) and phrases (\(compared.phrases))")
    }

    /// A mark also says which negated-verb ending the word ends with: for every word of the project's own
    /// test texts and the bundled lexicons, what the lexicon works out from the form (and none for a token
    /// the automaton did not mark).
    @Test func aMarkSaysTheNegatedVerbEndingTheLexiconFinds() throws {
        let (set, _) = LexiconLoader(directory: RepoPaths.lexicons).load()
        var endings = 0
        for (language, file) in [(Language.tr, "tr"), (.kk, "kk"), (.mn, "mn"), (.sr, "sr")] {
            var lex = try #require(set.languages[language])
            let automaton = TermAutomaton(compiling: &lex)
            let text = try String(contentsOf: RepoPaths.testData.appendingPathComponent("sentiment/\(file).tsv"), encoding: .utf8)
            var tokens = Tokenizer.tokenize(text)
            for k in tokens.indices where tokens[k].kind == .word { tokens.setForm(k, LanguageFoldingShim.fold(tokens.surface(k), language)) }
            let unmarked = tokens
            automaton.mark(&tokens)
            for i in tokens.indices where tokens[i].kind == .word {
                let expected = lex.negatedVerbEndingList.ending(of: tokens.form(i))
                #expect(automaton.negatedEnding(of: tokens, at: i) == expected, "\(language) \(tokens.form(i))")
                #expect(automaton.negatedEnding(of: unmarked, at: i) == expected, "\(language) \(tokens.form(i)), unmarked")
                if expected != nil { endings += 1 }
            }
        }
        #expect(endings > 100, "the texts hold negated verbs (\(endings))")
    }

    /// Looks every word up in each index it visits, marked and unmarked, and keeps what differs.
    struct Comparer: TermAutomaton.IndexVisitor {
        var marked = TokenList()
        var unmarked = TokenList()
        var differences: [String] = []
        var viaStem = 0
        var phrases = 0

        mutating func visit<Payload>(_ index: inout TermIndex<Payload>, _ kind: TermAutomaton.Kind) {
            for i in marked.indices {
                let a = index.longestMatch(in: marked, at: i), b = index.longestMatch(in: unmarked, at: i)
                let seen = [(a, marked), (b, unmarked)].map { m, tokens in
                    m.map { "\($0.index) \($0.length) \($0.viaStem) \($0.remainder(in: tokens))" } ?? "none"
                }
                if seen[0] != seen[1] { differences.append("\(kind) at \(marked.form(i)): \(seen[0]) against \(seen[1])") }
                if let a, a.viaStem { viaStem += 1 }
                if let a, a.length > 1 { phrases += 1 }
            }
        }
    }
}
