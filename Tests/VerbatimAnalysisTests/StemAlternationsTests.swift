import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimAnalysis
@testable import VerbatimText

@Suite("Stem alternations")
struct StemAlternationsTests {
    /// A lexicon folder with Turkish and Kazakh alternations and the stems they change.
    static let folder: TemporaryFolder = {
        let f = TemporaryFolder("alternation-lexicons").removedAtExit()
        f.write("themes.tsv", "id\ten\tdescription\nprice_billing\tPrice\tmoney\n")
        f.write("tr/sentiment.tsv", "abonelik* iptal*\t-1.5\nsorumsuzluk*\t-2.5\ncevap ver*\t1\nçok\t0.1\nsağlamlık*\t1.5\nsağlamlığ*\t2\nrenk*\t0.5\n")
        f.write("tr/themes.tsv", "price_billing\tabonelik*\n")
        f.write("tr/alternations.tsv", "# test\nvowels\taâeıiîoöuüû\nfinal\tk\tğ\tabonelik → aboneliği\nfinal\tp\tb\tcevap → cevabı\n")
        f.write("kk/sentiment.tsv", "жауап бер*\t1\nкешік*\t-1.5\n")
        f.write("mn/sentiment.tsv", "сайн\t2\n")
        f.write("sr/sentiment.tsv", "dobar\t2\n")
        f.write("kk/alternations.tsv", "vowels\tаәеёиіоөуұүыэюя\nfinal\tк\tг\nfinal\tп\tб\n")
        return f
    }()

    static let loaded: (LexiconSet, [DataFileIssue]) = LexiconLoader(directory: folder.url).load()

    func terms(_ lang: Language, _ text: String) -> [[String]] {
        Self.loaded.0.languages[lang]!.sentiment.terms.filter { $0.text == text }.map { $0.words.map(\.form) }.sorted { $0.joined() < $1.joined() }
    }

    @Test func aStemOfTwoSyllablesGainsItsChangedFinalConsonant() {
        #expect(Self.loaded.1.isEmpty, "\(Self.loaded.1)")
        #expect(terms(.tr, "sorumsuzluk*") == [["sorumsuzlug"], ["sorumsuzluk"]], "k → ğ, folded as every term is")
        #expect(terms(.tr, "abonelik* iptal*") == [["abonelig", "iptal"], ["abonelik", "iptal"]], "a phrase's stem word")
        #expect(terms(.kk, "кешік*") == [["кешиг"], ["кешик"]], "Kazakh к → г (folded: і as и)")
        #expect(Self.loaded.0.languages[.tr]!.themes.terms.count == 2, "every index of the language, themes too")
    }

    @Test func wholeWordsShortWordsAndConsonantClustersKeepTheirForm() {
        #expect(terms(.tr, "çok") == [["cok"]], "not a stem: a whole word is matched as written")
        #expect(terms(.tr, "renk*") == [["renk"]], "the consonant follows a consonant (renk → rengi is not this rule)")
        #expect(terms(.tr, "cevap ver*") == [["cevap", "ver"]], "only stem words change: cevap is a whole word here")
        #expect(terms(.kk, "жауап бер*") == [["жауап", "бер"]])
        var issues: [DataFileIssue] = []
        let alternations = StemAlternations.parse(DataFile.lines(of: "vowels\taâeıiîoöuüû\nfinal\tk\tğ\nfinal\tp\tb\n"), file: "tr/alternations.tsv", .tr, issues: &issues)
        #expect(issues.isEmpty)
        #expect(alternations.alternatives(of: "ok").isEmpty, "one syllable")
        #expect(alternations.alternatives(of: "kitap") == ["kitab"])
    }

    @Test func whatAnAnalystWroteWinsOverATwin() {
        let twin = Self.loaded.0.languages[.tr]!.sentiment.find([TermIndex<Double>.Word(form: "saglamlig", isStem: true)])
        #expect(twin?.payload == 2, "sağlamlığ* is listed with its own valence")
        #expect(twin?.text == "sağlamlığ*")
    }

    @Test func anInflectedFormMatchesAndIsExplainedByTheEntryAsWritten() {
        let (set, _) = Self.loaded
        var record = FeedbackRecord(id: "t", provenance: Provenance(file: "-", line: 0), text: "Aboneliğimi iptal ettim, sorumsuzluğunuz yüzünden", declaredLanguage: .tr)
        TextNormalizationStage().process(&record)
        LanguageIdentificationStage(resources: TextResources.load(directory: Self.folder.url).0).process(&record)
        let result = SentimentScorer(lexicons: set).score(record.tokens, language: .tr)
        #expect(result.evidence.map(\.term) == ["abonelik* iptal*", "sorumsuzluk*"])
        #expect(result.label == .negative)
    }

    @Test func aFileWithoutVowelsOrWithAnUnknownKindIsReported() {
        var issues: [DataFileIssue] = []
        let alternations = StemAlternations.parse(DataFile.lines(of: "final\tk\tğ\nsoft\tg\tğ\nfinal\tp\n"), file: "tr/alternations.tsv", .tr, issues: &issues)
        #expect(alternations.isEmpty, "nothing changes when syllables cannot be counted")
        #expect(issues.map(\.line) == [2, 3, 1])
        #expect(issues.allSatisfy { $0.isError })
        #expect(issues.last?.message.contains("no 'vowels' line") == true)
    }
}
