import Foundation
import Testing
import VerbatimAnalysis
import VerbatimCore
import VerbatimPipeline
import VerbatimTestSupport

/// The learner on small synthetic data: it learns through the rules, adds to hand-written valences,
/// and writes a layer that the loader reads back and validates.
@Suite("lexicon learner")
struct LexiconLearnerTests {
    static let resources = LoadedResources.loadCollectingIssues(lexicons: RepoPaths.lexicons, referencedFrom: "test")

    /// A word as the Turkish lexicons look it up (diacritics folded).
    static func folded(_ word: String) -> String { TermIndex<Double>.words(of: word, language: .tr)[0].form }

    func learn(_ lines: [String], language: Language = .tr) throws -> LearnedLayer {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let file = dir.write("train.tsv", lines.joined(separator: "\n") + "\n")
        let learning = LexiconLearning(
            language: language, inputs: [try LabelledInput(url: file)], ratings: RatingLabels(), options: LexiconLearner.Options(),
            resources: Self.resources)
        return try learning.run().0
    }

    /// The analyzer of the hand-written data with `layer` as the Turkish learned layer, which must load cleanly.
    func analyzer(with layer: LearnedLayer) throws -> RecordAnalyzer {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let url = dir.write("layer.tsv", LexiconLearning.render(layer, header: ["test"]))
        let resources = LoadedResources.loadCollectingIssues(lexicons: RepoPaths.lexicons, learnedLexicons: [.init(language: .tr, path: url)], referencedFrom: "test")
        #expect(resources.issues.filter(\.isError).isEmpty)
        return RecordAnalyzer(resources: resources)
    }

    /// A word seen negated in negative texts is evidence for its positive sense, not against it.
    @Test func aWordSeenMostlyNegatedIsNotLearnedBackwards() throws {
        let lines = Array(repeating: "pos\tzıpzıp", count: 30) + Array(repeating: "neg\tzıpzıp değil", count: 30)
        let layer = try learn(lines)
        let entry = try #require(layer.entries.first { $0.term == Self.folded("zıpzıp") })
        #expect(entry.valence > 1)
        #expect(entry.positives == 60 && entry.negatives == 0, "negated occurrences count for the opposite label")
    }

    /// A hand-written entry keeps its valence and gains the learned evidence on top.
    @Test func learnedEvidenceIsAddedToAHandWrittenValence() throws {
        // `güzel*` is hand-written positive; here it appears mostly in negative texts, which lowers it.
        let lines = Array(repeating: "pos\tgüzel", count: 10) + Array(repeating: "pos\tzıpzıp", count: 20) + Array(repeating: "neg\tgüzel", count: 30)
        let layer = try learn(lines)
        let hand = try #require(Self.resources.lexicons.languages[.tr]?.sentiment.terms.first { $0.text == "güzel*" })
        let entry = try #require(layer.entries.first { $0.term == "güzel*" }, "the hand-written entry is named as written")
        #expect(hand.payload > 0)
        #expect(entry.valence < hand.payload)
        #expect(entry.positives == 10 && entry.negatives == 30)
    }

    /// A stem's inflected forms with its final consonant changed (`eksiği` under `eksik*`, tr/alternations.tsv)
    /// count as the entry as written: one layer line, with every text, which loads without a repeated line.
    @Test func aStemsChangedFormsAreLearnedAsItsEntry() throws {
        let lines = Array(repeating: "neg\teksik", count: 10) + Array(repeating: "neg\teksiği var", count: 10)
            + Array(repeating: "pos\tzıpzıp", count: 20)
        let layer = try learn(lines)
        let named = layer.entries.filter { $0.term.hasPrefix("eksi") && !$0.term.contains(" + ") }  // pairs aside
        #expect(named.map(\.term) == ["eksik*"])
        #expect(named.first?.negatives == 20, "both spellings' texts")
        _ = try analyzer(with: layer)
    }

    /// Words that a rule claims (a contrast word, an intensifier, a negated verb) and numbers are learned too, as
    /// a bag of words would weigh them: the 9 of `10/9` is praise, the 2 of `10/2` is not. Their rules still apply.
    @Test func ruleWordsAndNumbersAreLearnedAndExplained() throws {
        let lines = Array(repeating: "pos\tfilm 10/9 süper", count: 30) + Array(repeating: "neg\tfilm 10/2 ama süper", count: 30)
        let layer = try learn(lines)
        let nine = try #require(layer.entries.first { $0.term == "9" })
        let two = try #require(layer.entries.first { $0.term == "2" })
        let contrast = try #require(layer.entries.first { $0.term == "ama" })
        #expect(nine.valence > 0 && two.valence < 0 && contrast.valence < 0)
        #expect(Set(layer.entries.map(\.term)).count == layer.entries.count, "a word that is a hand-written term too is written once")
        let result = try #require(try analyzer(with: layer).analyze("Film 10/2 ama süper", language: .tr).sentiment)
        let number = try #require(result.evidence.first { $0.term == "2" })
        #expect(number.ruleTexts == ["rule word"] && number.learned != nil)
        #expect(result.evidence.contains { $0.term == "ama" && $0.ruleTexts == ["rule word"] })
        #expect(result.evidence.contains { $0.ruleTexts.contains { $0.hasPrefix("contrast(after") } }, "the contrast rule still applies")
    }

    /// A pair of adjacent words (`a + b`) is learned beside its words when one of them is claimed (here the
    /// hand-written `güzel`), and adds its valence on top of theirs without claiming them.
    @Test func pairsAreLearnedAndAddToTheirWords() throws {
        let lines = Array(repeating: "pos\tgüzel zıpzıp", count: 30) + Array(repeating: "neg\tgüzel zopzop", count: 30)
        let layer = try learn(lines)
        let good = try #require(layer.entries.first { $0.term == Self.folded("güzel") + " + " + Self.folded("zıpzıp") })
        let bad = try #require(layer.entries.first { $0.term == Self.folded("güzel") + " + " + Self.folded("zopzop") })
        #expect(good.valence > 0 && bad.valence < 0)
        #expect(good.positives == 30 && good.negatives == 0)
        let record = try analyzer(with: layer).analyze("Güzel zopzop", language: .tr)
        let result = try #require(record.sentiment)
        #expect(result.label == .negative)
        #expect(result.evidence.contains { $0.rules == [.pair] && $0.matched(in: record.tokens) == "Güzel zopzop" })
        #expect(result.evidence.contains { $0.term == "güzel*" }, "the pair claims neither word")
    }

    /// Two unclaimed words next to each other are learned as a pair too, not as a phrase: the pair adds to its
    /// words (a bag of words counts a bigram beside its unigrams) instead of replacing them.
    @Test func twoUnclaimedWordsAreLearnedAsAPairBesideTheirWords() throws {
        let lines = Array(repeating: "pos\tzıpzıp zopzop", count: 30) + Array(repeating: "neg\tzıpzıp zapzap", count: 30)
        let layer = try learn(lines)
        let (zip, zop, zap) = (Self.folded("zıpzıp"), Self.folded("zopzop"), Self.folded("zapzap"))
        let good = try #require(layer.entries.first { $0.term == zip + " + " + zop })
        let bad = try #require(layer.entries.first { $0.term == zip + " + " + zap })
        #expect(good.valence > 0 && bad.valence < 0)
        #expect(!layer.entries.contains { $0.term == zip + " " + zop }, "no phrase is learned")
        let result = try #require(try analyzer(with: layer).analyze("Zıpzıp zapzap", language: .tr).sentiment)
        #expect(result.label == .negative)
        #expect(result.evidence.contains { $0.ruleTexts == ["pair"] })
        #expect(result.evidence.contains { $0.term == zap }, "the pair claims neither word")
    }

    @Test func tooLittleDataIsRefused() throws {
        let lines = Array(repeating: "pos\tzıpzıp", count: 30) + Array(repeating: "neg\tzıpzıp değil", count: 5)
        #expect(throws: LearnError.tooLittleData(positives: 30, negatives: 5)) { try learn(lines) }
    }

    @Test func anUnknownLabelNamesItsLine() throws {
        let lines = ["pos\tiyi", "neg\tkötü", "good\tharika"]
        #expect(throws: LearnError.self) { try learn(lines) }
        do { _ = try learn(lines) } catch let e as LearnError {
            #expect(e.localizedDescription.contains("line 3: unknown label 'good'"))
        }
    }

    /// The layer's text is read back by the loader: new terms are looked up, hand-written ones adjusted
    /// and explained as learned, and malformed lines are reported with their line numbers.
    @Test func aWrittenLayerLoadsAndExplainsItself() throws {
        let lines = Array(repeating: "pos\tzıpzıp", count: 30) + Array(repeating: "neg\tzıpzıp değil", count: 30)
        let layer = try learn(lines)
        let result = try #require(try analyzer(with: layer).analyze("Ürün zıpzıp!", language: .tr).sentiment)
        #expect(result.label == .positive)
        #expect(result.evidence.first?.learned == "n_pos=60 n_neg=0")
        #expect(result.evidence.first?.summary.contains("learned(n_pos=60 n_neg=0)") == true)
    }

    @Test func malformedLayerLinesAreReportedWithTheirLines() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let url = dir.write("bad.tsv", "# header\nzıpzıp\t9\tn_pos=1 n_neg=0\nvızvız\t1.5\twhat\n@positive_threshold\t0.2\nçok + güzel*\t1\tn_pos=3 n_neg=0\na + b + c\t1\tn_pos=3 n_neg=0\n")
        var lex = try #require(Self.resources.lexicons.languages[.tr])
        let issues = LearnedLayerFile.apply(url, to: &lex)
        #expect(issues.contains { $0.line == 2 && $0.message.contains("valence (−4…4)") })
        #expect(issues.contains { $0.line == 3 && $0.message.contains("n_pos=<count> n_neg=<count>") })
        #expect(issues.contains { $0.message.contains("both @positive_threshold and @negative_threshold") })
        #expect(issues.contains { $0.line == 5 && $0.message.contains("a pair is two words") })
        #expect(issues.contains { $0.line == 6 && $0.message.contains("a pair is two words") })
    }
}
