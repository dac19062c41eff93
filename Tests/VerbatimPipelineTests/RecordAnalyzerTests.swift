import Testing
import VerbatimCore
import VerbatimTestSupport
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
}
