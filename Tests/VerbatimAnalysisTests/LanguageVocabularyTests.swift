import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
import VerbatimText
@testable import VerbatimAnalysis

/// The lexicons as the language identifier's last resort (`CompiledLexicons.knownTerms`), on the
/// project's language-identification set (Tests/Data/langid) and on short texts of our own.
@Suite("Language identification by the lexicons' words")
struct LanguageVocabularyTests {
    static let resources = TextResources.load(directory: RepoPaths.lexicons).0
    static let compiled: CompiledLexicons = {
        let (set, issues) = LexiconLoader(directory: RepoPaths.lexicons).load()
        precondition(!issues.contains(where: \.isError), "\(issues)")
        return CompiledLexicons(set)
    }()

    func identify(_ text: String, vocabulary: Bool = true) -> Language {
        var identifier = LanguageIdentifier(resources: Self.resources)
        identifier.vocabulary = vocabulary ? Self.compiled : nil
        return identifier.identify(Tokenizer.tokenize(TextCleaner.clean(text))).0
    }

    @Test(arguments: [
        ("Sjajan film", Language.sr),  // sjaj*
        ("Жаксылау", .kk),  // жақсы* typed without its Kazakh letter
        ("Rahmet, keremet", .kk),  // Kazakh in Latin letters
        ("Сайхан", .mn),
        ("Kötü", .tr),
        ("Отличный сервис", .ru),  // Russian, not Serbian (`odlič*` is Serbian too)
        ("Супер", .und),  // Russian `супер` and Serbian `super`: a tie, and no cue to break it
        ("ok", .und),  // shorter than four letters
        ("Боллллл", .und),  // Serbian `bol` (pain), squeezed: three letters
    ])
    func shortTexts(_ text: String, _ expected: Language) {
        #expect(identify(text, vocabulary: false) == .und)
        #expect(identify(text) == expected)
    }

    /// The labelled set, identified with the lexicons and without: more texts are identified and almost
    /// none wrongly, short or long.
    @Test func theLexiconsIdentifyMoreTextsOfTheLabelledSetAndGuessAlmostNoneWrong() throws {
        let dir = RepoPaths.testData.appendingPathComponent("langid")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tsv") }.sorted()
        var items: [(expected: String, text: String)] = []
        for f in files {
            for l in DataFile.lines(of: try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)) where l.fields.count >= 2 {
                items.append((l.fields[0], l.fields[1]))
            }
        }
        try #require(items.count >= 1000, "the langid test set is missing")
        var right = (without: 0, with: 0), wrong: [String] = []
        for item in items {
            if identify(item.text, vocabulary: false).rawValue == item.expected { right.without += 1 }
            let got = identify(item.text).rawValue
            if got == item.expected { right.with += 1 } else if got != "und" { wrong.append("\(item.expected)→\(got): \(item.text)") }
        }
        #expect(right.with > right.without, "\(right)")
        #expect(Double(wrong.count) / Double(items.count) <= 0.005, "\(wrong.joined(separator: "\n"))")
    }
}
