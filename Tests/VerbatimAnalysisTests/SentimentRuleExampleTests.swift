import Foundation
import Testing
import VerbatimCore
import VerbatimPipeline
import VerbatimTestSupport
@testable import VerbatimAnalysis

/// Runs the examples beside every sentiment rule (`Sources/VerbatimAnalysis/Rules/`), with the bundled
/// lexicons: each triggering text must show the rule's mark in its `--explain` evidence, and no
/// non-triggering text may. A rule added to `SentimentScorer.rules` is tested here by its examples alone.
@Suite("sentiment rule examples")
struct SentimentRuleExampleTests {
    static let plain = RecordAnalyzer(resources: LoadedResources.loadCollectingIssues(lexicons: RepoPaths.lexicons, referencedFrom: "test"))

    /// The bundled learned layer of a language (`lexicons/learned/<lang>_*.tsv`).
    static func withLayer(_ language: Language) throws -> RecordAnalyzer {
        let folder = RepoPaths.lexicons.appendingPathComponent("learned")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().first { $0.hasPrefix(language.rawValue + "_") })
        let resources = LoadedResources.loadCollectingIssues(
            lexicons: RepoPaths.lexicons, learnedLexicons: [.init(language: language, path: folder.appendingPathComponent(name))], referencedFrom: "test")
        #expect(resources.issues.filter(\.isError).isEmpty)
        return RecordAnalyzer(resources: resources)
    }

    static var ruleNames: [String] { SentimentScorer.rules.map { String(describing: type(of: $0)) } }

    /// The rule marks of every hit.
    func applied(_ example: RuleExamples.Example) throws -> [RuleMark] {
        let analyzer = example.withLearnedLayer ? try Self.withLayer(example.language) : Self.plain
        let result = try #require(analyzer.analyze(example.text, language: example.language).sentiment)
        return result.evidence.flatMap(\.rules)
    }

    @Test(arguments: ruleNames)
    func examplesOf(_ name: String) throws {
        let rule = try #require(SentimentScorer.rules.first { String(describing: type(of: $0)) == name })
        let kind = Swift.type(of: rule)
        #expect(!kind.examples.triggering.isEmpty && !kind.examples.nonTriggering.isEmpty, "\(name) needs examples both ways")
        for example in kind.examples.triggering {
            let marks = try applied(example)
            #expect(marks.contains { kind.marks($0) }, "\(name) should apply to '\(example.text)'; evidence rules: \(marks)")
        }
        for example in kind.examples.nonTriggering {
            let marks = try applied(example)
            #expect(!marks.contains { kind.marks($0) }, "\(name) should not apply to '\(example.text)'; evidence rules: \(marks)")
        }
    }

    /// Each applied rule in the evidence belongs to one rule: the marks do not overlap.
    @Test func marksBelongToOneRule() throws {
        for rule in SentimentScorer.rules {
            for example in Swift.type(of: rule).examples.triggering {
                for mark in try applied(example) {
                    let owners = SentimentScorer.rules.filter { Swift.type(of: $0).marks(mark) }
                    #expect(owners.count <= 1, "'\(mark)' is claimed by \(owners.map { String(describing: Swift.type(of: $0)) })")
                }
            }
        }
    }
}
