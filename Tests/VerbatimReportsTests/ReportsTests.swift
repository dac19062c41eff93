import Foundation
import Testing
import VerbatimTestSupport
import VerbatimCore
@testable import VerbatimReports

@Suite("Statistics")
struct StatisticsTests {
    @Test func wilsonIntervalMatchesPublishedValues() {
        // 8 of 10: Wilson 95% CI is 0.490–0.943 (Newcombe 1998, method 3).
        let (lo, hi) = SentimentTally.wilson(8, 10)
        #expect(abs(lo - 0.4902) < 0.0005)
        #expect(abs(hi - 0.9433) < 0.0005)
        #expect(SentimentTally.wilson(0, 0) == (0, 0))
        let (lo0, hi0) = SentimentTally.wilson(0, 20)
        #expect(lo0 == 0 && abs(hi0 - 0.1611) < 0.0005)
    }

    /// A rated response without text counts in the ratings of the run, its employee, day, channel and
    /// file, and in no sentiment count, language or theme.
    @Test func aRatedResponseCountsInTheRatingsOnly() {
        var agg = RunAggregate()
        agg.add(RatedResponse(id: "7", provenance: Provenance(file: "a.csv", line: 8), date: "2026-11-20T09:40:00",
                              employee: "Ayşe", channel: "Telefon", ratings: SurveyRating.Ratings(nps: 9)))
        agg.add(RatedResponse(id: "8", provenance: Provenance(file: "a.csv", line: 9), date: nil, employee: nil, channel: nil, ratings: SurveyRating.Ratings(csat: 4)))
        #expect(agg.total.n == 0 && agg.total.positive == 0 && agg.total.scoreUnits == 0)
        #expect(agg.total.npsCount == 1 && agg.total.npsPromoters == 1 && agg.total.nps == 100)
        #expect(agg.total.csatCount == 1 && agg.total.csatPercent == 100)
        #expect(agg.byEmployee["Ayşe"]?.npsCount == 1 && agg.byEmployee[RunAggregate.unassigned]?.csatCount == 1)
        #expect(agg.byDay["2026-11-20"]?.npsCount == 1 && agg.byDay[RunAggregate.noDate]?.csatCount == 1)
        #expect(agg.byChannel["Telefon"]?.npsCount == 1 && agg.byChannel[RunAggregate.noChannel]?.csatCount == 1)
        #expect(agg.bySource["a.csv"]?.csatCount == 1)
        #expect(agg.byLanguage.isEmpty && agg.byTheme.isEmpty && agg.topVerbatims.positive.isEmpty && agg.topVerbatims.negative.isEmpty)
        // The JSON of a cell without text has no shares: null, not 0.
        let json = JSONValue.object(TallyFields.json(agg.byEmployee["Ayşe"]!)).serialized()
        #expect(json.contains("\"positive_share\": null") && json.contains("\"nps\": 100.0") && json.contains("\"nps_responses\": 1"), "\(json)")
    }

    @Test func talliesMergeToTheSameAsOneTally() {
        let items: [(SentimentLabel, Double, Double?)] = [(.positive, 0.8, 5), (.negative, -0.6, 1), (.neutral, 0, nil), (.positive, 0.4, 9), (.negative, -0.9, 3)]
        var whole = SentimentTally()
        var a = SentimentTally(), b = SentimentTally()
        for (k, (l, s, r)) in items.enumerated() {
            let r = SurveyRating.Ratings(r.map(SurveyRating.Score.init(inferring:)))
            whole.add(label: l, score: s, ratings: r, disagrees: k == 4)
            if k % 2 == 0 { a.add(label: l, score: s, ratings: r, disagrees: k == 4) } else { b.add(label: l, score: s, ratings: r, disagrees: k == 4) }
        }
        a.merge(b)
        #expect(a == whole)
        #expect(whole.netSentiment == 0)
        #expect(whole.csatCount == 3 && whole.csatSatisfied == 1)
        #expect(whole.npsCount == 1 && whole.nps == 100)
        #expect(whole.disagreements == 1)
    }

    @Test func rankingUsesTheLowerBoundAndSkipsSmallSamples() {
        var agg = RunAggregate()
        func add(_ employee: String, pos: Int, neg: Int) {
            for k in 0..<(pos + neg) {
                var r = FeedbackRecord(id: "\(employee)\(k)", provenance: Provenance(file: "f", line: k), employee: employee, text: "x")
                r.sentiment = SentimentResult(score: k < pos ? 0.5 : -0.5, label: k < pos ? .positive : .negative, evidence: [], clauseScores: [])
                agg.add(r)
            }
        }
        add("Few", pos: 3, neg: 0)        // 100% positive but only 3 responses
        add("Many", pos: 45, neg: 5)      // 90% of 50
        add("Some", pos: 10, neg: 0)      // 100% of 10: lower bound below Many's
        let report = RunReport(pipelineName: "t", asOf: "2026-11-21", toolVersion: "0", aggregate: agg, files: [], rejectedRecords: 0,
                               minResponses: 5, positiveThreshold: 0.05, negativeThreshold: -0.05, themeNames: [])
        let card = report.employeeScorecard
        #expect(card.map(\.employee) == ["Many", "Some", "Few"])
        #expect(card.map(\.rank) == [1, 2, nil])
    }
}

@Suite("Report formats")
struct ReportFormatTests {
    @Test func csvCellsAreQuotedAndFormulasNeutralised() {
        var w = CSVTableWriter(header: ["a", "b"])
        w.appendRow([.text("=HYPERLINK(\"x\")"), .text("line\nbreak, \"quoted\"")])
        w.appendRow([.text("+90 555"), .number("-0.5")])
        #expect(w.text.hasPrefix("\u{FEFF}a,b\r\n"))
        #expect(w.text.contains("\"'=HYPERLINK(\"\"x\"\")\",\"line\nbreak, \"\"quoted\"\"\"\r\n"))
        #expect(w.text.contains("'+90 555,-0.5\r\n"), "numbers Verbatim writes are not neutralised")
    }

    @Test(arguments: [
        "", "plain", " leading space", "trailing space ", "-", "- minus then space ", "@me", "\tTab", "\rCR", "a;b", "say \"hi\"",
        "=1+1", "+", "ünïcödé, with comma", "жақсы", "\u{FEFF}=bom first",
    ])
    func aTextCellIsWrittenAsItsRulesSay(_ text: String) {
        var bytes: [UInt8] = []
        CSVTableWriter.appendRow([.text(text), .number("1")], to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == Self.cellAsTheRulesRead(text) + ",1\r\n")
    }

    /// The rules as they read: neutralise a formula, then quote what a spreadsheet would split or trim.
    static func cellAsTheRulesRead(_ text: String) -> String {
        let neutral = ["=", "+", "-", "@", "\t", "\r"].contains { text.hasPrefix($0) && text.unicodeScalars.first == $0.unicodeScalars.first } ? "'" + text : text
        let quoted = neutral.unicodeScalars.contains { ",\";\n\r".unicodeScalars.contains($0) } || neutral.hasPrefix(" ") || neutral.hasSuffix(" ")
        return quoted ? "\"" + neutral.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : neutral
    }

    /// Cells are searched sixteen bytes at a time: a byte that makes a cell quoted, and the quotes it
    /// doubles, are found wherever they stand, before, in and after whole chunks, among multi-byte letters.
    @Test func longCellsAreQuotedWhereverTheirMarksStand() {
        let fillers = ["a", "ş", "қ", "😀"]
        for filler in fillers {
            for length in [15, 16, 17, 31, 32, 33, 47, 64] {
                for mark in [",", "\"", ";", "\n", "\r", "\"\"", "x"] {
                    for at in stride(from: 0, through: length, by: 3) {
                        let text = String(repeating: filler, count: at) + mark + String(repeating: filler, count: length - at)
                        var bytes: [UInt8] = []
                        CSVTableWriter.appendRow([.text(text)], to: &bytes)
                        #expect(String(decoding: bytes, as: UTF8.self) == Self.cellAsTheRulesRead(text) + "\r\n", "\(filler) \(length) \(mark) \(at)")
                    }
                }
            }
        }
    }

    @Test(arguments: [(0.0, 2, "0.00"), (-0.0001, 2, "0.00"), (0.125, 2, "0.13"), (-1.5, 1, "-1.5"), (3.0, 0, "3"), (0.05, 4, "0.0500")])
    func fixedNumbers(_ v: Double, _ d: Int, _ s: String) {
        #expect(NumberFormat.fixed(v, d) == s)
    }

    /// `fixed` as it reads: round to the decimals, print the whole part and the zero-padded fraction,
    /// a minus sign only for a value that is still below zero once rounded.
    static func fixedAsItReads(_ v: Double, _ decimals: Int) -> String {
        let p = (0..<decimals).reduce(1.0) { a, _ in a * 10 }
        let r = (v * p).rounded() / p
        if r == 0 { return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals) }
        let scaled = Int64((abs(r) * p).rounded())
        var s = "\(scaled / Int64(p))"
        if decimals > 0 {
            let fraction = String(scaled % Int64(p))
            s += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return r < 0 ? "-" + s : s
    }

    /// Scores, ratings, shares and their signs, rounded at every boundary, written digit by digit as
    /// the plain reading writes them.
    @Test func fixedNumbersAreWrittenAsTheyRead() {
        var rng = SplitMix(state: 11)
        var values: [Double] = [0, -0.0, 1, -1, 0.5, -0.5, 0.00005, -0.00005, 0.99995, -0.99995, 9.95, 10, 123456.789, 4.5, 2.25]
        for _ in 0..<3_000 {
            let u = Double(rng.next() % 2_000_001) / 1_000_000 - 1      // −1…1, as scores are
            values += [u, u * 5, u * 1000, (u * 10_000).rounded() / 10_000]
        }
        for v in values {
            for d in 0...4 { #expect(NumberFormat.fixed(v, d) == Self.fixedAsItReads(v, d), "\(v) with \(d) decimals") }
        }
        #expect(NumberFormat.fixed(.infinity, 2) == "inf")
    }

    @Test func jsonEscapesAndKeepsKeyOrder() {
        let j = JSONValue.object([("b", .string("q\"\n\u{1}")), ("a", .array([.int(1), .null]))]).serialized()
        #expect(j == "{\n  \"b\": \"q\\\"\\n\\u0001\",\n  \"a\": [1, null]\n}\n")
    }

    /// Each escape JSON needs, between runs copied as they are: a backslash, a tab, a carriage return,
    /// other control characters in hex, and the line and paragraph separators JavaScript ends lines at;
    /// other characters that begin with the same byte (`—`, `…`) stay as they are.
    @Test(arguments: [
        ("a\\b", "\"a\\\\b\""), ("\t\r", "\"\\t\\r\""), ("x\u{1F}", "\"x\\u001f\""),
        ("1\u{2028}2\u{2029}3", "\"1\\u20282\\u20293\""), ("— … ", "\"— … \""), ("", "\"\""), ("Ана \"ok\"", "\"Ана \\\"ok\\\"\""),
    ])
    func jsonStringEscapes(_ text: String, _ expected: String) {
        #expect(JSONValue.quote(text) == expected)
        #expect(JSONValue.string(text).serialized() == expected + "\n")
    }
}
