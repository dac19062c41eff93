import Testing
import VerbatimCore
@testable import VerbatimAnalysis

@Suite("First-word filter")
struct FirstWordFilterTests {
    func index(_ terms: [String]) -> TermIndex<Double> {
        var index = TermIndex<Double>()
        for (k, text) in terms.enumerated() {
            index.add(.init(words: TermIndex<Double>.words(of: text, language: .tr), payload: 1, text: text, source: "test", line: k + 1))
        }
        return index
    }

    @Test func wholeWordsStemsAndPhrasesStartWhereTheirFirstWordDoes() {
        var filter = FirstWordFilter()
        filter.add(index(["memnun*", "berbat", "dönüş yapmadı"]))
        filter.add(index(["çok"]))
        #expect(filter.mayStart("memnunum"), "a stem is a prefix of the word")
        #expect(filter.mayStart("memnun"), "the stem itself")
        #expect(filter.mayStart("berbat"))
        #expect(!filter.mayStart("berbatlık"), "a whole word is not a stem")
        #expect(!filter.mayStart("berba"))
        #expect(filter.mayStart(LanguageFoldingShim.fold("dönüş", .tr)), "the first word of a phrase")
        #expect(filter.mayStart(LanguageFoldingShim.fold("çok", .tr)), "a second index")
        #expect(!filter.mayStart("masa"))
        var elongated = Token(kind: .word, form: "cok", surface: "çoook")
        #expect(filter.mayStart(elongated))
        elongated.form = "coook"
        elongated.alternative = nil
        #expect(!filter.mayStart(elongated))
        elongated.alternative = "cok"
        #expect(filter.mayStart(elongated), "the elongation alternative is tried too")
    }
}
