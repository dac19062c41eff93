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
}
