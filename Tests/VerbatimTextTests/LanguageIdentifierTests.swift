import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimText

/// Language identification on the labelled sets in Tests/Data/langid (written for this project).
@Suite("Language identification")
struct LanguageIdentifierTests {
    static let resources = TextResources.load(directory: RepoPaths.lexicons).0

    func identify(_ text: String) -> Language {
        LanguageIdentifier(resources: Self.resources).identify(Tokenizer.tokenize(TextCleaner.clean(text))).0
    }

    static func items() -> [(expected: String, text: String, words: Int)] {
        let dir = RepoPaths.testData.appendingPathComponent("langid")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasSuffix(".tsv") }.sorted() ?? []
        var out: [(String, String, Int)] = []
        for f in files {
            let text = (try? String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)) ?? ""
            for l in DataFile.lines(of: text) where l.fields.count >= 2 {
                let words = Tokenizer.tokenize(l.fields[1]).filter { $0.kind == .word }.count
                out.append((l.fields[0], l.fields[1], words))
            }
        }
        return out
    }

    /// One table holds every language's cues: a word two languages list keeps both weights, and a
    /// language that lists it twice keeps its later line.
    @Test func cuesOfSeveralLanguagesShareOneEntryPerWord() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        dir.write("kk/langid.tsv", "word\tмен\t1\nsuffix\tлар\t2\nword\tмен\t1.5\n")
        dir.write("ru/langid.tsv", "word\tмен\t0.5\n")
        let (r, issues) = TextResources.load(directory: dir.url)
        #expect(issues.isEmpty)
        let kk = 1, ru = 4
        #expect(TextResources.cueLanguages[kk] == "kk" && TextResources.cueLanguages[ru] == "ru")
        let men = try #require(r.cueWords.value(for: "мен"))
        #expect(men.present == (1 << kk | 1 << ru))
        #expect(men.weights[kk] == 1.5 && men.weights[ru] == 0.5)
        let lar = try #require(r.cueSuffixes.value(for: "лар"))
        #expect(lar.present == 1 << kk && lar.weights[kk] == 2)
    }

    @Test func scriptSpecificLettersDecide() {
        #expect(identify("Қызмет көрсету өте нашар болды") == .kk)
        #expect(identify("Ђаци и љубазни радници, хвала") == .sr)
        #expect(identify("Operaterka je bila ljubazna i brzo rešila problem") == .sr)
        #expect(identify("Müşteri temsilcisi çok ilgisizdi, şikayetim çözülmedi") == .tr)
        #expect(identify("Ажилтан маш эелдэг, асуудлыг хурдан шийдсэн") == .mn)
    }

    @Test func noSignalIsUndetermined() {
        for s in ["👍👍", "!!!", "12345", "http://example.com", ""] { #expect(identify(s) == .und) }
    }

    @Test func accuracyOnTextsOfThreeOrMoreWords() throws {
        let items = Self.items().filter { $0.words >= 3 }
        try #require(items.count >= 800, "the langid test set is missing")
        var wrong: [String] = []
        for item in items {
            let got = identify(item.text).rawValue
            if got != item.expected { wrong.append("\(item.expected)→\(got): \(item.text)") }
        }
        let accuracy = 1 - Double(wrong.count) / Double(items.count)
        #expect(accuracy >= 0.98, "accuracy \(accuracy) on \(items.count) texts; misses:\n\(wrong.prefix(40).joined(separator: "\n"))")
    }

    @Test func shortTextsPreferUndToAWrongGuess() throws {
        let items = Self.items().filter { $0.words < 3 }
        try #require(items.count >= 50)
        var wrongGuesses: [String] = []
        for item in items {
            let got = identify(item.text).rawValue
            if got != item.expected && got != "und" { wrongGuesses.append("\(item.expected)→\(got): \(item.text)") }
        }
        #expect(Double(wrongGuesses.count) / Double(items.count) <= 0.05, "\(wrongGuesses.joined(separator: "\n"))")
    }
}
