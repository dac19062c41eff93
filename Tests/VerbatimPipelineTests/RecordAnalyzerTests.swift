import Testing
import VerbatimCore
import VerbatimTestSupport
import VerbatimText
@testable import VerbatimPipeline

@Suite("Record analyzer")
struct RecordAnalyzerTests {
    static let resources = LoadedResources.loadCollectingIssues(lexicons: RepoPaths.lexicons, referencedFrom: "test")

    @Test func aKindBringsTheStagesItRequiresInTheDefaultOrder() {
        #expect(StageRegistry.defaultOrder(producing: [.sentiment]).map(\.name) == ["normalize", "language", "sentiment"])
        #expect(StageRegistry.defaultOrder(producing: [.themes]).map(\.name) == StageRegistry.defaultOrder.map(\.name))
        #expect(StageRegistry.defaultOrder(producing: [.language]).map(\.name) == ["normalize", "language"])
        #expect(StageRegistry.defaultOrder(producing: []).isEmpty)
    }

    @Test func withoutThemesTheSentimentIsTheSameAndNoThemeIsTagged() throws {
        let all = RecordAnalyzer(resources: Self.resources)
        let sentimentOnly = RecordAnalyzer(resources: Self.resources, producing: [.language, .sentiment])
        #expect(sentimentOnly.stageNames == ["normalize", "language", "sentiment"])
        for text in ["Operatör çok kaba, 2 saat bekledim", "Жеткізу кешікті, бірақ курьер сыпайы", "Kurir je bio ljubazan"] {
            let full = all.analyze(text), partial = sentimentOnly.analyze(text)
            #expect(!full.themes.isEmpty, "'\(text)' names a theme")
            #expect(partial.themes.isEmpty)
            #expect(partial.sentiment == full.sentiment)
            #expect(partial.language == full.language)
        }
    }

    /// `classify` reads lines of text, not exports: it loads no header aliases, and analyses the same.
    @Test func withoutExportsNoHeaderAliasIsLoadedAndTheAnalysisIsTheSame() {
        let textOnly = LoadedResources.loadCollectingIssues(lexicons: RepoPaths.lexicons, referencedFrom: "test", readsExports: false)
        #expect(Self.resources.aliases.field(forHeader: "Comment") != nil)
        #expect(textOnly.aliases.field(forHeader: "Comment") == nil)
        #expect(textOnly.issues.isEmpty)
        let (all, lines) = (RecordAnalyzer(resources: Self.resources), RecordAnalyzer(resources: textOnly))
        for text in ["Operatör çok kaba, 2 saat bekledim", "Жеткізу кешікті, бірақ курьер сыпайы", "Kurir je bio ljubazan"] {
            let (a, b) = (all.analyze(text), lines.analyze(text))
            #expect(a.sentiment == b.sentiment && a.themes == b.themes && a.language == b.language)
        }
    }

    /// Without evidence (`classify` without `--explain`) the score, the label and the clause scores are
    /// those of the explained result, over texts that exercise every rule (negation by suffix and by
    /// word, intensifiers, emphasis, contrast, concession, aspects, `!`); only the evidence is left out.
    @Test func withoutEvidenceTheScoresAreTheSame() throws {
        let explained = RecordAnalyzer(resources: Self.resources, producing: [.language, .sentiment])
        let bare = RecordAnalyzer(resources: Self.resources, producing: [.language, .sentiment], explaining: false)
        let texts = [
            "Operatör hiç ilgilenmedi, 2 saat bekledim!!!", "Kargo ÇOK hızlı ama ürün kırık geldi", "Gerçi biraz geç geldi, yine de memnunum",
            "Жеткізу кешікті, бірақ курьер өте сыпайы", "Мен үш рет қоңырау шалдым, ешкім жауап бермеді", "Үйлчилгээ муу биш, гэхдээ удаан",
            "Iako je čekanje bilo dugo, operaterka je bila ljubazna", "Nije loše, ali nije ni dobro", "Супер! Хвала 😊",
        ]
        var explainedAny = false
        for text in texts {
            let a = explained.analyze(text), b = bare.analyze(text)
            let (s, t) = (try #require(a.sentiment), try #require(b.sentiment))
            #expect(t.score == s.score && t.label == s.label && t.clauseScores == s.clauseScores, "'\(text)'")
            #expect(t.evidence.isEmpty)
            explainedAny = explainedAny || s.evidence.contains { !$0.rules.isEmpty }
        }
        #expect(explainedAny, "the texts apply rules")
    }

    /// Texts read together (`classify`'s lines): an undetermined one takes the language two thirds of
    /// the identified ones are in, counting those read before; a declared language, or no clear
    /// majority, leaves it as it was.
    @Test func undeterminedTextsTakeTheLanguageOfTheTextsReadWithThem() throws {
        let analyzer = RecordAnalyzer(resources: Self.resources, producing: [.language, .sentiment])
        let serbian = ["Operaterka je bila veoma ljubazna", "Nije mi pomogao, loša usluga", "Čekala sam dugo na vezu",
                       "Hvala, problem je rešen brzo", "Dostava je kasnila tri dana"]
        #expect(analyzer.analyze("super film").language == .und, "alone, its words say nothing")
        var context = LanguageContext()
        let records = analyzer.analyze(serbian + serbian + ["super film"], context: &context)
        let short = try #require(records.last)
        #expect(short.language == .sr && short.languageConfidence == 0)
        #expect(short.sentiment?.label == .positive, "scored with the Serbian lexicon: `super`")
        #expect(records.dropLast().allSatisfy { $0.language == .sr && $0.languageConfidence > 0 })
        #expect(context.dominant == .sr, "10 Serbian texts, halved after the call")
        let later = analyzer.analyze(["super film"], context: &context)
        #expect(later[0].language == .sr, "the lines read before count")

        var mixed = LanguageContext()
        let turkish = ["Operatör çok ilgiliydi", "Kargo geç geldi", "Hiç yardımcı olmadılar"]
        let half = analyzer.analyze(Array(serbian.prefix(3)) + turkish + ["super film"], context: &mixed)
        #expect(half.last?.language == .und, "three Serbian and three Turkish texts are no majority")

        var declaredContext = LanguageContext()
        let declared = analyzer.analyze(serbian + ["super film"], language: .kk, context: &declaredContext)
        #expect(declared.allSatisfy { $0.language == .kk && $0.languageConfidence == 1 })
    }

    /// A Russian text keeps its language and is scored with the Russian words of a lexicon that reads
    /// them: among Kazakh or Mongolian texts, theirs; alone, or among Serbian texts (whose lexicon reads
    /// no Russian), Kazakh's.
    @Test func aRussianTextIsReadAsTheLexiconOfItsContextReadsRussian() throws {
        let analyzer = RecordAnalyzer(resources: Self.resources, producing: [.language, .sentiment])
        let russian = "Приложение не работает уже третий день"
        let alone = analyzer.analyze(russian)
        #expect(alone.language == .ru && alone.scoringLanguage == .kk && alone.sentiment?.label == .negative)
        let kazakh = ["Оператор өте сыпайы болды", "Жеткізу кешікті", "Қызмет маған ұнады", "Ақша қайтарылмады", "Рахмет, бәрі жақсы"]
        var context = LanguageContext()
        let records = analyzer.analyze(kazakh + [russian], context: &context)
        let read = try #require(records.last)
        #expect(read.language == .ru && read.scoringLanguage == .kk)
        #expect(read.sentiment?.label == .negative, "`не работает` is in lexicons/ru/sentiment.tsv")
        #expect(read.sentiment?.evidence.isEmpty == false)
        let mongolian = ["Үйлчилгээ муу байсан", "Оператор эелдэг байсан", "Хүргэлт удаан", "Баярлалаа, сайн байна", "Төлбөр буруу тооцсон"]
        var mn = LanguageContext()
        let inMongolian = try #require(analyzer.analyze(mongolian + [russian], context: &mn).last)
        #expect(inMongolian.scoringLanguage == .mn && inMongolian.sentiment?.label == .negative)
        let serbian = ["Operaterka je bila veoma ljubazna", "Nije mi pomogao, loša usluga", "Čekala sam dugo na vezu",
                       "Hvala, problem je rešen brzo", "Dostava je kasnila tri dana"]
        var sr = LanguageContext()
        let inSerbian = try #require(analyzer.analyze(serbian + [russian], context: &sr).last)
        #expect(inSerbian.language == .ru && inSerbian.scoringLanguage == .kk && inSerbian.sentiment?.label == .negative)
    }
}
