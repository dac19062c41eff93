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

    /// A vocabulary of word lists (forms as the tokenizer folds them), for the rules of the identifier's
    /// last resort; the real one, the lexicons, is tested in `LanguageVocabularyTests`.
    struct WordLists: LanguageVocabulary {
        var words: [Language: Set<String>]
        func knownTerms(in tokens: TokenList, language: Language, minimumLetters: Int) -> Int {
            tokens.indices.filter { tokens[$0].kind == .word && tokens.form($0).count >= minimumLetters && words[language]?.contains(tokens.form($0)) == true }.count
        }
    }

    func identify(_ text: String, vocabulary: WordLists) -> (Language, Double) {
        var identifier = LanguageIdentifier(resources: Self.resources)
        identifier.vocabulary = vocabulary
        return identifier.identify(Tokenizer.tokenize(TextCleaner.clean(text)))
    }

    @Test func aTextWithTooLittleEvidenceTakesTheLanguageWhoseWordsItUses() {
        let lists = WordLists(words: [.sr: ["sjajan", "film"], .tr: ["harika"], .kk: ["сайхан"], .mn: ["сайхан", "жаксылау"], .ru: ["отличный"]])
        for text in ["Sjajan film", "harika", "Отличный сервис", "Сайхан", "Сайхан жаксылау"] {
            #expect(identify(text) == .und, "no letter or cue decides \(text)")
        }
        #expect(identify("Sjajan film", vocabulary: lists) == (.sr, 0.67), "2 known words, against 2 for all the candidates and one more")
        #expect(identify("harika", vocabulary: lists).0 == .tr)
        #expect(identify("Отличный сервис", vocabulary: lists).0 == .ru, "Russian counts its own words")
        #expect(identify("Сайхан", vocabulary: lists).0 == .und, "a tie (Kazakh and Mongolian) decides nothing")
        #expect(identify("Сайхан жаксылау", vocabulary: lists).0 == .mn)
        #expect(identify("👍👍", vocabulary: lists).0 == .und)
    }

    @Test func cuesTooWeakToDecideAloneBreakATie() {
        let lists = WordLists(words: [.sr: ["bravo"], .tr: ["bravo"]])
        #expect(identify("Bravo za sve") == .und, "the cue `za` alone is too weak")
        #expect(identify("Bravo za sve", vocabulary: lists).0 == .sr, "both know `bravo`; `za` is a Serbian cue")
        #expect(identify("Bravo", vocabulary: lists).0 == .und, "a tie and no cue")
    }

    @Test func theVocabularyOnlyDecidesWhatLettersAndCuesLeaveOpen() {
        // Every word known to Serbian, in Turkish letters: the letters decide.
        let serbian = WordLists(words: [.sr: ["müşteri", "temsilcisi", "çok", "ilgisizdi"]])
        #expect(identify("Müşteri temsilcisi çok ilgisizdi", vocabulary: serbian).0 == .tr)
        #expect(identify("Сайхан", vocabulary: WordLists(words: [.tr: ["сайхан"]])).0 == .und, "Turkish is no candidate for Cyrillic text")
        #expect(identify("ok top", vocabulary: WordLists(words: [.sr: ["ok", "top"]])).0 == .und, "words of under four letters count for none")
    }
}

/// `Language` orders as its cases are listed and hashes by case (not through its raw `String`).
@Suite("Language values")
struct LanguageValueTests {
    @Test func languagesOrderAsListedAndAreFoundByCase() {
        #expect(Language.allCases.reversed().sorted() == Language.allCases)
        #expect(Language.allCases.shuffled().sorted() == Language.allCases)
        #expect(Set(Language.allCases).count == Language.allCases.count)
        let table = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, $0.rawValue) })
        for l in Language.allCases { #expect(table[l] == l.rawValue) }
    }
}
