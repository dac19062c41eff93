import Foundation
import Testing
import VerbatimCore
import VerbatimPipeline
import VerbatimTestSupport

/// Accuracy floors on the project's own labelled customer-service sets (Tests/Data/sentiment),
/// with the bundled lexicons. The floors sit a little under today's figures (see README),
/// so that a lexicon or rule change that loses ground fails here.
@Suite("Sentiment accuracy on our own test sets")
struct SentimentAccuracyTests {
    static let analyzer: RecordAnalyzer = {
        let r = LoadedResources.loadCollectingIssues(lexicons: RepoPaths.lexicons, referencedFrom: "test")
        return RecordAnalyzer(resources: r)
    }()

    struct Item { var label: String; var tags: [String]; var text: String }

    static func items(_ lang: String) -> [Item] {
        let url = RepoPaths.testData.appendingPathComponent("sentiment/\(lang).tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return DataFile.lines(of: text).compactMap { l in
            l.fields.count >= 3 ? Item(label: l.fields[0], tags: l.fields[1].split(separator: ",").map(String.init), text: l.fields[2]) : nil
        }
    }

    static func predict(_ item: Item, _ lang: Language) -> String {
        switch analyzer.analyze(item.text, language: lang).sentiment!.label {
        case .positive: "pos"
        case .negative: "neg"
        case .neutral: "neu"
        }
    }

    /// Russian (`ru`): whole Russian texts of Kazakh and Mongolian feedback, read with the Russian words
    /// of the Kazakh lexicon (`FeedbackRecord.scoringLanguage`).
    @Test(arguments: [("tr", 0.90), ("kk", 0.92), ("mn", 0.90), ("sr", 0.93), ("ru", 0.90)])
    func accuracyFloor(_ code: String, _ floor: Double) throws {
        let lang = Language(rawValue: code)!
        let items = Self.items(code)
        try #require(items.count >= 150, "the \(code) test set has \(items.count) items")
        var misses: [String] = []
        for item in items where Self.predict(item, lang) != item.label { misses.append("\(item.label): \(item.text)") }
        let accuracy = 1 - Double(misses.count) / Double(items.count)
        #expect(accuracy >= floor, "\(code): accuracy \(accuracy) < \(floor); misses:\n\(misses.prefix(30).joined(separator: "\n"))")
    }

    /// Each rule, per language, on the items tagged with it: most must come out right.
    @Test(arguments: ["tr", "kk", "mn", "sr", "ru"])
    func everyTaggedRuleMostlyWorks(_ code: String) throws {
        let lang = Language(rawValue: code)!
        var byTag: [String: (right: Int, total: Int)] = [:]
        for item in Self.items(code) {
            let ok = Self.predict(item, lang) == item.label
            for tag in item.tags where tag != "plain" {
                byTag[tag, default: (0, 0)].total += 1
                if ok { byTag[tag]!.right += 1 }
            }
        }
        for (tag, c) in byTag.sorted(by: { $0.key < $1.key }) where c.total >= 8 {
            let share = Double(c.right) / Double(c.total)
            #expect(share >= 0.75, "\(code) \(tag): \(c.right)/\(c.total)")
        }
    }
}
