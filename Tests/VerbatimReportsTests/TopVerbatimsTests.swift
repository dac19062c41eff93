import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimReports

/// Records with scores, employees and themes, many of them tied on score.
func sampleRecords(_ count: Int, seed: UInt64 = 7) -> [FeedbackRecord] {
    var rng = SplitMix(state: seed)
    let employees = ["Ayşe Yılmaz", "Jelena Petrović", "Айгерім Сәрсенова", nil]
    let themes = ["wait_time", "courtesy", "price_billing"]
    return (0..<count).map { k in
        let score = Double(Int.random(in: -4...4, using: &rng)) / 4  // few distinct values: many ties
        let label: SentimentLabel = score > 0.05 ? .positive : score < -0.05 ? .negative : .neutral
        var r = FeedbackRecord(id: "R\(k % 7)", provenance: Provenance(file: "f\(k % 3).csv", line: k / 3 + 2),
                               employee: employees[k % employees.count], text: "text \(k)")
        r.sentiment = SentimentResult(score: score, label: label, evidence: [], clauseScores: [score])
        let theme = themes[Int.random(in: 0..<themes.count, using: &rng)]
        let themeScore = Double(Int.random(in: -2...2, using: &rng)) / 2
        r.themes = [ThemeMention(theme: theme, polarity: themeScore > 0 ? .positive : themeScore < 0 ? .negative : .neutral,
                                 keyword: "k", score: themeScore)]
        return r
    }
}

@Suite("Top verbatims")
struct TopVerbatimsTests {
    @Test func keepsTheBestKOfEachPolarityAndNoNeutral() {
        var top = TopVerbatims(limit: 2)
        for (k, score) in [0.9, -0.2, 0.0, 0.4, 0.95, -0.8, -0.5, 0.1].enumerated() {
            var r = FeedbackRecord(id: "r\(k)", provenance: Provenance(file: "a.csv", line: k + 2), text: "t\(k)")
            let label: SentimentLabel = score > 0 ? .positive : score < 0 ? .negative : .neutral
            r.sentiment = SentimentResult(score: score, label: label, evidence: [], clauseScores: [])
            top.offer(VerbatimSample(r), key: score, label: label)
        }
        #expect(top.positive.map(\.key) == [0.95, 0.9])
        #expect(top.negative.map(\.key) == [-0.8, -0.5])
        var none = TopVerbatims(limit: 0)
        none.offer(top.positive[0].sample, key: 1, label: .positive)
        #expect(none.positive.isEmpty)
    }

    @Test func tiesAreBrokenBySourceFileThenLineThenRecordID() {
        var top = TopVerbatims(limit: 3)
        let keys = [("b.csv", 2, "x"), ("a.csv", 9, "z"), ("a.csv", 3, "y"), ("a.csv", 3, "w")]
        for (file, line, id) in keys {
            var r = FeedbackRecord(id: id, provenance: Provenance(file: file, line: line), text: "same")
            r.sentiment = SentimentResult(score: 0.5, label: .positive, evidence: [], clauseScores: [])
            top.offer(VerbatimSample(r), key: 0.5, label: .positive)
        }
        #expect(top.positive.map { "\($0.sample.file):\($0.sample.line):\($0.sample.recordId)" } == ["a.csv:3:w", "a.csv:3:y", "a.csv:9:z"])
    }

    /// `wouldKeep` says no exactly when `offer` would change nothing, ties included (decided by file and line
    /// without the sample), so the aggregate never builds a sample only to throw it away, nor skips one it needs.
    @Test func wouldKeepAgreesWithOfferOnEveryTie() {
        var top = TopVerbatims(limit: 3)
        for r in sampleRecords(400, seed: 11) {
            let label = r.sentiment!.label, key = r.sentiment!.score
            let before = top
            let predicted = top.wouldKeep(key: key, label: label, file: r.provenance.file, line: r.provenance.line)
            top.offer(VerbatimSample(r), key: key, label: label)
            // Every record here has its own file and line, so the answer is exact.
            #expect(predicted == (top != before), "\(r.provenance.file):\(r.provenance.line), score \(key)")
        }
        #expect(top.positive.count == 3 && top.negative.count == 3)
    }

    /// Files are processed in parallel and merged: whatever the split and the merge order,
    /// the kept verbatims (and so summary.json and report.html) must be the same.
    /// A record enters exactly the lists that would keep it: the aggregate's lists are those that offering
    /// every record to every list of its own gives.
    @Test func eachRecordIsOfferedToEveryListThatKeepsIt() {
        var aggregate = RunAggregate(verbatimLimit: 3)
        var run = TopVerbatims(limit: 3)
        var byEmployee: [String: TopVerbatims] = [:], byTheme: [String: TopVerbatims] = [:]
        for r in sampleRecords(300) {
            aggregate.add(r)
            let sample = VerbatimSample(r), s = r.sentiment!
            run.offer(sample, key: s.score, label: s.label)
            byEmployee[r.employee ?? RunAggregate.unassigned, default: TopVerbatims(limit: 3)].offer(sample, key: s.score, label: s.label)
            for m in r.themes { byTheme[m.theme, default: TopVerbatims(limit: 3)].offer(sample, key: m.score, label: m.polarity) }
        }
        let kept = { (lists: [String: TopVerbatims]) in lists.filter { !$0.value.positive.isEmpty || !$0.value.negative.isEmpty } }
        #expect(aggregate.topVerbatims == run)
        #expect(aggregate.topByEmployee == kept(byEmployee))
        #expect(aggregate.topByTheme == kept(byTheme))
        #expect(aggregate.topByEmployee.count == 4 && aggregate.topByTheme.count == 3)
    }

    /// A record's day is the first ten characters of its date, read from the bytes when they are ASCII.
    @Test func aRecordsDayIsTheFirstTenCharactersOfItsDate() {
        #expect(RunAggregate.day("2026-11-21T10:17:00+03:00") == "2026-11-21")
        #expect(RunAggregate.day("2026-11-21") == "2026-11-21")
        #expect(RunAggregate.day("2026-11") == "2026-11")
        for date in ["２０２６-11-21T10", "2026-11-2\r\n1", "2026-1\u{301}1-21"] { #expect(RunAggregate.day(date) == String(date.prefix(10))) }
    }

    @Test(arguments: [1, 2, 3, 5, 11])
    func mergingPartialsInAnyOrderGivesTheSameResult(parts: Int) {
        let records = sampleRecords(120)
        var whole = RunAggregate(verbatimLimit: 3)
        for r in records { whole.add(r) }

        var rng = SplitMix(state: UInt64(parts))
        var partials = Array(repeating: RunAggregate(verbatimLimit: 3), count: parts)
        for r in records.shuffled(using: &rng) { partials[Int.random(in: 0..<parts, using: &rng)].add(r) }
        var merged = RunAggregate(verbatimLimit: 3)
        for p in partials.shuffled(using: &rng) { merged.merge(p) }

        #expect(merged.topVerbatims == whole.topVerbatims)
        #expect(merged.topByEmployee == whole.topByEmployee)
        #expect(merged.topByTheme == whole.topByTheme)
        #expect(whole.topVerbatims.positive.count == 3 && whole.topVerbatims.negative.count == 3)
        let report = { (agg: RunAggregate) in
            RunReport(pipelineName: "t", asOf: "2026-11-21", toolVersion: "0", aggregate: agg, files: [], rejectedRecords: 0,
                      minResponses: 5, positiveThreshold: 0.05, negativeThreshold: -0.05, themeNames: [])
        }
        #expect(SummaryJSONWriter.render(report(merged)) == SummaryJSONWriter.render(report(whole)))
        #expect(HTMLReportWriter.render(report(merged)) == HTMLReportWriter.render(report(whole)))
    }

    @Test func themeVerbatimsAreRankedByTheThemesOwnClause() {
        // "Polite but the wait was endless": negative overall, positive for courtesy.
        var r = FeedbackRecord(id: "1", provenance: Provenance(file: "a.csv", line: 2), employee: "E", text: "polite but slow")
        r.sentiment = SentimentResult(score: -0.4, label: .negative, evidence: [], clauseScores: [0.3, -0.7])
        r.themes = [ThemeMention(theme: "courtesy", polarity: .positive, keyword: "polite", score: 0.3),
                    ThemeMention(theme: "wait_time", polarity: .negative, keyword: "slow", score: -0.7)]
        var agg = RunAggregate()
        agg.add(r)
        #expect(agg.topByTheme["courtesy"]?.positive.first?.key == 0.3)
        #expect(agg.topByTheme["courtesy"]?.negative.isEmpty == true)
        #expect(agg.topByTheme["wait_time"]?.negative.first?.key == -0.7)
        #expect(agg.topByEmployee["E"]?.negative.first?.sample.recordId == "1")
    }

    @Test func longTextsAreCutInTheSample() {
        let r = FeedbackRecord(id: "1", provenance: Provenance(file: "a.csv", line: 2), text: String(repeating: "ü", count: 2000))
        let s = VerbatimSample(r)
        #expect(s.text.count == VerbatimSample.maxTextLength + 1)
        #expect(s.text.hasSuffix("…"))
    }
}
