import Foundation
import Logging
import Testing
import VerbatimCore
import VerbatimStore
import VerbatimTestSupport
@testable import VerbatimPipeline

/// The pieces of nightly operation on their own: pipeline keys, the store
/// spool, the progress line, JSON logs, metrics, trend periods and the
/// atomic replacement of a report folder.
@Suite("Nightly operation parts")
struct OperationsTests {
    static func parse(_ extra: String) throws(ConfigurationError) -> PipelineConfiguration {
        try PipelineConfiguration.parse(yaml: "input: fixtures/exports\nlexicons: lexicons\n" + extra, file: "ops.yaml")
    }

    @Test func storeTrendsAndMetricsKeysAreReadWithDefaults() throws {
        let plain = try Self.parse("")
        #expect(plain.store?.path.path.hasSuffix("/var/verbatim.sqlite") == true)
        #expect(plain.store?.lockTimeout == 600)
        #expect(plain.trends.periodDays == 7 && plain.metrics == nil)
        #expect(try Self.parse("store: none\n").store == nil)
        let custom = try Self.parse("store: {path: /tmp/h.sqlite, lock_timeout_seconds: 2.5}\ntrends: {period_days: 14}\nmetrics: /tmp/v.prom\n")
        #expect(custom.store == StoreSettings(path: URL(fileURLWithPath: "/tmp/h.sqlite"), lockTimeout: 2.5))
        #expect(custom.trends.periodDays == 14 && custom.metrics?.path == "/tmp/v.prom")
    }

    @Test(arguments: [
        ("trends: {period_days: 0}\n", "ops.yaml:3: trends.period_days is '0'; expected a whole number from 1 to 366"),
        ("trends: {perod_days: 7}\n", "did you mean 'period_days'?"),
        ("metrics: /tmp/verbatim.txt\n", "metrics is '/tmp/verbatim.txt'; expected a file path ending in .prom"),
        ("metrics: /no/such/folder/v.prom\n", "expected a file in a folder that exists (/no/such/folder does not)"),
        ("store: {lock_timeout_seconds: 5}\n", "ops.yaml: store: missing required key 'path'"),
        ("store: {path: x.sqlite, lock_timeout_seconds: -1}\n", "store.lock_timeout_seconds is '-1'; expected a number from 0.0 to 86400.0"),
        ("store: /tmp\n", "store is '/tmp'; expected a file path, not a folder"),
        ("stor: none\n", "unknown key 'stor' in the top level — did you mean 'store'?"),
    ])
    func badOperationKeysNameTheFileKeyAndWhatIsExpected(yaml: String, message: String) {
        do {
            _ = try Self.parse(yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func trendPeriodsEndOnTheRunDateAndCrossMonthsAndYears() {
        let week = TrendSettings(periodDays: 7).periods(asOf: "2026-11-21")
        #expect(week.current == DayRange(from: "2026-11-15", to: "2026-11-21"))
        #expect(week.previous == DayRange(from: "2026-11-08", to: "2026-11-14"))
        let newYear = TrendSettings(periodDays: 3).periods(asOf: "2027-01-02")
        #expect(newYear.current == DayRange(from: "2026-12-31", to: "2027-01-02"))
        #expect(newYear.previous == DayRange(from: "2026-12-28", to: "2026-12-30"))
        #expect(TrendSettings(periodDays: 1).periods(asOf: "2028-03-01").previous == DayRange(from: "2028-02-29", to: "2028-02-29"))
    }

    @Test func theStoreSpoolKeepsEveryFieldThroughTabsNewlinesAndMissingValues() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        var spool = StoreRowSpool(url: dir.url.appendingPathComponent("0.store"))
        var r = FeedbackRecord(id: "TR\t1\\N", provenance: Provenance(file: "a.csv", line: 7), date: "2026-11-21T09:14:00+03:00",
                               employee: "\u{301}Ayşe\nYılmaz", channel: nil, ratings: SurveyRating.Ratings(csat: 4.5, nps: 7), text: "x")
        r.language = .tr
        r.sentiment = SentimentResult(score: -0.123456789, label: .negative, evidence: [], clauseScores: [])
        r.themes = [ThemeMention(theme: "wait_time", polarity: .negative, keyword: "bekle"), ThemeMention(theme: "courtesy", polarity: .positive, keyword: "kibar")]
        spool.append(r)
        var plain = FeedbackRecord(id: "\\N", provenance: Provenance(file: "a.csv", line: 8), text: "y")
        plain.language = .und
        spool.append(plain)
        try spool.close()
        let back = StoreRowSpool.read(dir.url.appendingPathComponent("0.store"))
        #expect(back == [
            StoredRecord(recordId: "TR\t1\\N", line: 7, date: "2026-11-21T09:14:00+03:00", employee: "\u{301}Ayşe\nYılmaz", channel: nil,
                         language: "tr", label: .negative, score: -0.123456789, ratings: SurveyRating.Ratings(csat: 4.5, nps: 7), themes: ["wait_time": .negative, "courtesy": .positive]),
            StoredRecord(recordId: "\\N", line: 8, language: "und", label: .neutral, score: 0),
        ])
    }

    /// A spool that cannot be written fails the run instead of losing rows: the file cannot be created (its
    /// folder is a file), or the disk is full (`/dev/full` takes the open and fails every write).
    @Test func aSpoolThatCannotBeWrittenSaysSoWhenItIsClosed() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let notAFolder = dir.write("plain", "x")
        var uncreated = CSVRowSpool(url: notAFolder.appendingPathComponent("0.records"))
        uncreated.append([.text("a")])
        #expect(throws: RunError.self) { try uncreated.close() }
        var full = StoreRowSpool(url: URL(fileURLWithPath: "/dev/full"))
        var record = FeedbackRecord(id: "1", provenance: Provenance(file: "a.csv", line: 2), text: String(repeating: "x", count: 100_000))
        record.language = .tr
        full.append(record)
        do {
            try full.close()
            Issue.record("a write to a full disk was not reported")
        } catch {
            #expect(error.description.contains("/dev/full") && error.description.contains("space"), "\(error)")
        }
        var fine = CSVRowSpool(url: dir.url.appendingPathComponent("1.records"))
        for k in 0..<20_000 { fine.append([.text("row \(k)")]) }
        try fine.close()
        let text = try String(contentsOf: dir.url.appendingPathComponent("1.records"), encoding: .utf8)
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == 20_000 && text.hasPrefix("row 0") && text.contains("row 19999"), "every buffered row reaches the file")
    }

    @Test func theProgressLineShowsFilesRecordsRateAndETA() {
        var s = RunProgress.Snapshot()
        s.filesTotal = 11
        s.filesDone = 3
        s.bytesTotal = 4_000
        s.bytesDone = 1_000
        s.records = 12_345
        s.elapsed = 2
        #expect(ProgressLine.render(s) == "files 3/11 · 12,345 records · 6,173 records/s · ETA 0:06")
        s.bytesDone = 0
        s.filesDone = 0
        #expect(ProgressLine.render(s).hasSuffix("ETA …"))
        s.filesDone = 11
        #expect(!ProgressLine.render(s).contains("ETA"))
        #expect(ProgressLine.clock(3723) == "1:02:03")
    }

    @Test func jsonLogLinesAreOneObjectWithTypedMetadata() throws {
        let line = JSONLogHandler.line(
            time: Date(timeIntervalSince1970: 1_795_300_000), level: .info, label: "verbatim", message: "134 records \"accepted\"\n",
            metadata: ["records_accepted": .stringConvertible(134), "duration_seconds": .stringConvertible(1.25), "strict": .stringConvertible(true),
                       "store": "var/verbatim.sqlite", "files": .array(["a.csv"])])
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "134 records \"accepted\"\n")
        #expect(object["level"] as? String == "info" && object["label"] as? String == "verbatim")
        #expect(object["records_accepted"] as? Int == 134 && object["duration_seconds"] as? Double == 1.25)
        #expect(object["strict"] as? Bool == true && object["store"] as? String == "var/verbatim.sqlite")
        #expect(line.hasPrefix("{\"time\":\"2026-11-21T22:26:40.000Z\",\"level\":\"info\""))
    }

    @Test func metricsAreInPrometheusTextFormat() {
        var r = MetricsTextfile.RunResult(pipeline: "night\"ly", succeeded: true, finishedAt: Date(timeIntervalSince1970: 100), durationSeconds: 1.5)
        r.recordsAccepted = 7
        r.recordsSetAside = 3
        let text = MetricsTextfile.render(r, lastSuccess: 100)
        #expect(text.contains("\nverbatim_last_run_records_set_aside{pipeline=\"night\\\"ly\"} 3\n"))
        #expect(text.contains("# HELP verbatim_last_run_records_accepted Records the last run accepted.\n# TYPE verbatim_last_run_records_accepted gauge\nverbatim_last_run_records_accepted{pipeline=\"night\\\"ly\"} 7\n"))
        #expect(MetricsTextfile.lastSuccess(in: text, pipeline: "night\"ly") == 100)
        #expect(MetricsTextfile.lastSuccess(in: text, pipeline: "other") == nil)
        let failed = MetricsTextfile.render(MetricsTextfile.RunResult(pipeline: "p", succeeded: false, finishedAt: Date(), durationSeconds: 0), lastSuccess: nil)
        #expect(!failed.contains("verbatim_last_success_timestamp_seconds{"), "no success yet: the alert fires on absence")
    }

    @Test func installingSwapsTheFoldersInOneStepAndCleansUpAfterKilledRuns() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let final = dir.url.appendingPathComponent("2026-11-21")
        for version in ["old", "new"] {
            let folder = try OutputFolder(final: final)
            try folder.write("summary.json", version)
            try folder.install()
        }
        #expect(dir.read("2026-11-21/summary.json") == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["2026-11-21"], "the previous folder is removed")

        // What a run killed after the swap leaves (its staging folder holding the previous reports) is removed by the next run;
        // a previous folder set aside by a killed run without the swap is put back.
        let dead: Int32 = 999_999
        dir.write(".2026-11-21.tmp-\(dead)/summary.json", "older")
        dir.write(".2026-11-20.old-\(dead)/summary.json", "kept")
        let alive = getpid()
        dir.write(".2026-11-21.tmp-\(alive)x/summary.json", "not ours to touch")
        OutputFolder.removeLeftovers(beside: final)
        OutputFolder.removeLeftovers(beside: dir.url.appendingPathComponent("2026-11-20"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
        #expect(names == [".2026-11-21.tmp-\(alive)x", "2026-11-20", "2026-11-21"])
        #expect(dir.read("2026-11-20/summary.json") == "kept")
    }
}

extension OperationsTests {
    @Test func twoFoldersTradePlacesInOneStep() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        dir.write("a/which", "a")
        dir.write("b/which", "b")
        let a = dir.url.appendingPathComponent("a").path, b = dir.url.appendingPathComponent("b").path
        #expect(PathExchange.exchange(a, b), "renameat2(RENAME_EXCHANGE) is not available here; installs fall back to two renames")
        #expect(dir.read("a/which") == "b" && dir.read("b/which") == "a")
        #expect(!PathExchange.exchange(a, dir.url.appendingPathComponent("missing").path))
    }
}
