import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimText

/// `WordMemo` remembers per thread what the text stages work out for a word; a remembered answer must be
/// the answer, whatever else the thread has seen, and whichever linguistic data asked.
@Suite("Word memo")
struct WordMemoTests {
    /// Runs `body` on a thread of its own, whose memo starts empty.
    static func onFreshThread(_ body: @escaping @Sendable () -> [String]) -> [String] {
        let box = ResultBox()
        let thread = Thread {
            box.value = body()
            box.done.signal()
        }
        thread.start()
        box.done.wait()
        return box.value
    }

    final class ResultBox: @unchecked Sendable {
        var value: [String] = []
        let done = DispatchSemaphore(value: 0)
    }

    /// Texts whose words repeat, collide and overflow the memo: many more distinct words than it holds,
    /// in every script it folds, in capitals, elongated and with the letters a language folds its own way.
    static let texts: [String] = {
        let seeds = ["Kargo", "İADE", "ıslak", "IŞIK", "kötüüüü", "Қызмет", "жақсыыы", "Ажилтан", "үйлчилгээ", "Ђаци", "ljubazni",
                     "ČEKAO", "sjajnooo", "Хвала", "ОТЛИЧНО", "straße", "ΣΟΦΙΑ", "👍🏽", "süper", "SUPER"]
        var texts: [String] = []
        for n in 0..<WordTable<WordMemo.Entry>.capacity {
            let a = seeds[n % seeds.count], b = seeds[(n * 7 + 3) % seeds.count]
            texts.append("\(a) \(b)\(n) \(a.lowercased())x\(n) \(b) \(a)")
        }
        return texts
    }()

    static func analysis(_ texts: [String], _ stage: LanguageIdentificationStage) -> [String] {
        texts.map { text in
            var record = FeedbackRecord(id: "1", provenance: Provenance(file: "t", line: 1), text: text)
            TextNormalizationStage().process(&record)
            stage.process(&record)
            let t = record.tokens
            let words = t.indices.map { "\(t.surface($0))|\(t.form($0))|\(t.alternative($0) ?? "-")|\(t[$0].emphasis.rawValue)" }
            return "\(record.language.rawValue) \(record.languageConfidence) " + words.joined(separator: " ")
        }
    }

    @Test func rememberedAnswersAreTheAnswers() {
        let stage = LanguageIdentificationStage(resources: LanguageIdentifierTests.resources)
        let texts = Self.texts
        // Each text on a thread of its own: nothing remembered.
        let fresh = texts.prefix(200).map { text in Self.onFreshThread { Self.analysis([text], stage) }[0] }
        // All texts on one thread, twice: the second pass reads what the first (and the words since) left.
        let remembered = Self.onFreshThread { () -> [String] in
            _ = Self.analysis(texts, stage)
            return Self.analysis(texts, stage)
        }
        #expect(Array(remembered.prefix(200)) == fresh)
        let distinct = Set(texts.flatMap { $0.split(separator: " ") })
        #expect(distinct.count > 2 * WordTable<WordMemo.Entry>.capacity, "twice as many words as the memo holds")
    }

    /// The cue weights a word got from one set of language data are not the answer for another.
    @Test func cueWeightsAreRememberedPerLanguageData() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        dir.write("kk/langid.tsv", "word\tзаказ\t3\n")
        dir.write("ru/langid.tsv", "word\tспасибо\t3\n")
        let kazakh = LanguageIdentificationStage(resources: TextResources.load(directory: dir.url).0)
        let empty = TemporaryFolder()
        defer { empty.remove() }
        let none = LanguageIdentificationStage(resources: TextResources.load(directory: empty.url).0)
        let languages = Self.onFreshThread { () -> [String] in
            let text = ["заказ заказ"]
            return Self.analysis(text, kazakh) + Self.analysis(text, none) + Self.analysis(text, kazakh)
        }
        #expect(languages.map { $0.prefix(3) } == ["kk ", "und", "kk "])
    }
}
