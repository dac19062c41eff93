import Testing
import VerbatimCore
@testable import VerbatimReports

/// `theme:polarity`, written and read in one place (`ThemeTag`).
@Suite("Theme tags")
struct ThemeTagTests {
    @Test func aTagIsThemeColonPolarityAndReadsBack() {
        let tag = ThemeTag(theme: "delivery", polarity: .negative)
        #expect(tag.text == "delivery:negative")
        #expect(ThemeTag(parsing: "delivery:negative") == tag)
        #expect(ThemeTag(parsing: "a:b:positive") == ThemeTag(theme: "a:b", polarity: .positive), "split at the last colon")
        #expect(ThemeTag(parsing: "delivery") == nil)
        #expect(ThemeTag(parsing: "delivery:good") == nil)
    }

    @Test func listsKeepEachOutputsSeparator() {
        let tags = [ThemeTag(theme: "courtesy", polarity: .positive), ThemeTag(theme: "price", polarity: .neutral)]
        #expect(ThemeTag.list(tags, separator: "; ") == "courtesy:positive; price:neutral")
        #expect(ThemeTag.list(tags, separator: ",") == "courtesy:positive,price:neutral")
        #expect(ThemeTag.list([], separator: ",") == "")
    }

    @Test func recordsCSVAndTheTopVerbatimsWriteTheSameTags() {
        var r = FeedbackRecord(id: "1", provenance: Provenance(file: "f.csv", line: 2), text: "x")
        r.sentiment = SentimentResult(score: 0.5, label: .positive, evidence: [], clauseScores: [])
        r.themes = [ThemeMention(theme: "courtesy", polarity: .positive, keyword: "kibar"), ThemeMention(theme: "wait", polarity: .negative, keyword: "bekle")]
        #expect(VerbatimSample(r).themes == ["courtesy:positive", "wait:negative"])
        let row = RecordRowFormatter.recordRow(r)
        #expect(row.contains { if case .text("courtesy:positive; wait:negative") = $0 { return true } else { return false } })
        #expect(RecordFacts(r).themes.map(\.tag) == r.themes.map(\.tag))
    }
}
