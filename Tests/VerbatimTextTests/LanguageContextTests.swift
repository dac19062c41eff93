import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimText

/// The language of a text's surroundings (`LanguageContext`), and the language stage giving it to a text
/// that its own words leave undetermined.
@Suite("Language context")
struct LanguageContextTests {
    static let resources = TextResources.load(directory: RepoPaths.lexicons).0

    static func context(_ languages: [Language]) -> LanguageContext {
        var context = LanguageContext()
        for l in languages { context.add(l) }
        return context
    }

    @Test func aClearMajorityOfEnoughIdentifiedTextsIsTheContext() {
        #expect(Self.context([.sr, .sr, .sr, .sr, .sr]).dominant == .sr)
        #expect(Self.context([.sr, .sr, .sr, .sr]).dominant == nil, "fewer than \(LanguageContext.minimumTexts) identified texts")
        #expect(Self.context([.sr, .sr, .sr, .sr, .und, .und, .und]).dominant == nil, "undetermined texts count for nothing")
        #expect(Self.context([.kk, .kk, .kk, .kk, .tr, .tr]).dominant == .kk, "4 of 6 is two thirds")
        #expect(Self.context([.kk, .kk, .kk, .kk, .kk, .tr, .tr, .tr]).dominant == nil, "5 of 8 is under two thirds")
        #expect(Self.context([.tr, .tr, .tr, .sr, .sr, .sr]).dominant == nil, "half is no majority")
        #expect(Self.context(Array(repeating: .ru, count: 20) + [.kk, .kk, .kk, .kk]).dominant == nil, "Russian is not scored: 4 Kazakh texts are too few")
        #expect(Self.context(Array(repeating: .ru, count: 20) + Array(repeating: .kk, count: 5)).dominant == .kk, "a mostly Russian Kazakh export")
        #expect(LanguageContext().dominant == nil)
    }

    /// After each batch the counts halve: where a Kazakh input follows a Serbian one, the context is
    /// none for a batch, then Kazakh.
    @Test func theTextsReadLastWeighMost() {
        var context = Self.context(Array(repeating: .sr, count: 256))
        #expect(context.dominant == .sr)
        context.age()
        for _ in 0..<128 { context.add(.kk) }
        #expect(context.dominant == nil, "128 Serbian texts before, 128 Kazakh now")
        context.age()
        for _ in 0..<128 { context.add(.kk) }
        #expect(context.dominant == .kk, "64 Serbian, 192 Kazakh")
        context.age(); context.age(); context.age(); context.age(); context.age(); context.age()
        #expect(context.dominant == nil, "a few texts long ago say nothing")
    }

    func staged(_ text: String, context: Language?, declared: Language? = nil) -> FeedbackRecord {
        var record = FeedbackRecord(id: "1", provenance: Provenance(file: "f.csv", line: 2), text: text, declaredLanguage: declared)
        record.contextLanguage = context
        TextNormalizationStage().process(&record)
        LanguageIdentificationStage(resources: Self.resources).process(&record)
        return record
    }

    /// An undetermined text takes the context's language with confidence 0, and its words are folded and
    /// its clauses marked for that language; a text its words identify, or a declared one, keeps its own.
    @Test func theLanguageStageGivesAnUndeterminedTextItsContext() throws {
        let alone = staged("филм", context: nil)
        #expect(alone.language == .und)
        let taken = staged("филм", context: .sr)
        #expect(taken.language == .sr && taken.languageConfidence == 0)
        let word = try #require(taken.tokens.indices.first { taken.tokens[$0].kind == .word })
        #expect(taken.tokens.form(word) == "film", "Serbian Cyrillic is looked up in Latin")
        let contrast = staged("film ali", context: .sr)
        #expect(contrast.language == .sr && contrast.tokens.contains { $0.kind == .contrast }, "`ali` starts a Serbian clause")
        let own = staged("Operatör çok ilgiliydi, teşekkürler", context: .sr)
        #expect(own.language == .tr && own.languageConfidence > 0)
        let cyrillic = staged("иа десем коясын ба", context: .tr)
        #expect(cyrillic.language == .und, "no Cyrillic text is taken for Turkish")
        #expect(staged("Qazaq tili joq", context: .mn).language == .und, "nor a Latin one for Mongolian, which has no Latin alphabet")
        let chat = staged("Mash sain uilchilgee, bayarlalaa", context: nil)
        #expect(chat.language == .mn, "Mongolian typed in Latin is Mongolian on its own words")
        #expect(chat.tokens.indices.contains { chat.tokens.form($0) == LanguageFolding.fold("баярлалаа", for: .mn) }, "and read in Cyrillic")
        #expect(staged("👍👍 10", context: .tr).language == .tr, "emoji and numbers have no script")
        let declared = staged("super", context: .sr, declared: .kk)
        #expect(declared.language == .kk && declared.languageConfidence == 1)
    }

    /// Which lexicon reads a text: its own language's; a borrowed language's (Russian) in the context of
    /// a language that borrows it, that language's, else the first that borrows it; an undetermined
    /// text's, none.
    @Test func aBorrowedLanguageIsReadByTheLexiconOfItsContext() {
        #expect(Language.borrowings[.kk] == [.ru] && Language.ru.isBorrowed && !Language.kk.isBorrowed && !Language.und.isBorrowed)
        func reading(_ language: Language, context: Language?) -> Language {
            var record = FeedbackRecord(id: "1", provenance: Provenance(file: "f", line: 2), text: "")
            (record.language, record.contextLanguage) = (language, context)
            return record.scoringLanguage
        }
        #expect(reading(.ru, context: .kk) == .kk)
        #expect(reading(.ru, context: .mn) == .mn)
        #expect(reading(.ru, context: .sr) == .kk, "the Serbian lexicon reads no Russian: Kazakh's does")
        #expect(reading(.ru, context: nil) == .kk)
        #expect(reading(.und, context: .kk) == .und, "an undetermined text takes its context in the language stage, not here")
        #expect(reading(.tr, context: .kk) == .tr)
        #expect(reading(.und, context: nil) == .und)
    }

    /// A Russian text in a Kazakh context is folded and split into clauses as the Kazakh lexicon reads
    /// Russian words (`ы` → `и`), in a Mongolian one as the Mongolian lexicon does, and keeps its language.
    @Test func theLanguageStageFoldsARussianTextForItsContext() throws {
        let read = staged("Вы молодцы", context: .kk)
        #expect(read.language == .ru && read.scoringLanguage == .kk)
        let word = try #require(read.tokens.indices.first { read.tokens[$0].kind == .word })
        #expect(read.tokens.form(word) == "ви", "Kazakh folding reads ы as и")
        let mongolian = staged("Вы молодцы", context: .mn)
        #expect(mongolian.language == .ru && mongolian.scoringLanguage == .mn)
    }
}
