import Foundation
import Testing
import VerbatimCore
import VerbatimStore
import VerbatimTestSupport
@testable import VerbatimPipeline

/// Nightly operation through the runner: the history store, skipping,
/// idempotent re-processing, overlapping exports, trends, the manifest and
/// the metrics file. Each test has its own input, reports and store folders.
@Suite("Nightly runs with a history store", .serialized)
struct NightlyRunTests {
    /// Survey export of one day; `ids` picks the rows (id, day of November, employee, rating, text).
    static func export(_ rows: [(String, Int, String, Int, String)]) -> String {
        "Yanıt No;Tarih;Temsilci;Kanal;Puan;Yorum\n" + rows.map { "\($0.0);\($0.1).11.2026 09:14;\($0.2);Telefon;\($0.3);\($0.4)" }.joined(separator: "\n") + "\n"
    }

    static let good = "Çok ilgili ve kibar, teşekkürler"
    static let bad = "Hiç yardımcı olmadı, berbat"

    /// The two backends the store suite runs against.
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgresql
        var testDescription: String { rawValue }
    }

    /// An input folder, a reports root and a store, and a pipeline over them.
    struct Setup {
        let input = TemporaryFolder("verbatim-in"), root = TemporaryFolder("verbatim-out")
        /// An SQLite file, or a fresh database on the tests' private PostgreSQL server.
        let store: URL
        var extra = ""
        var lockTimeout = 5.0
        var lexicons = RepoPaths.lexicons

        init(_ backend: Backend = .sqlite) throws {
            switch backend {
            case .sqlite: store = root.url.appendingPathComponent("var/history.sqlite")
            case .postgresql: store = try PostgresTestServer.shared.get().freshDatabase()
            }
        }

        /// The store, opened as the runner opens it.
        func open() throws -> any HistoryBackend { try HistoryBackends.open(store, lockTimeout: 5) }

        func runner(_ more: String = "") throws -> PipelineRunner {
            let yaml = """
                input: \(input.url.path)
                output: \(root.url.appendingPathComponent("reports").path)
                lexicons: \(lexicons.path)
                store: {path: "\(HistoryBackends.isPostgres(store) ? store.absoluteString : store.path)", lock_timeout_seconds: \(lockTimeout)}
                aggregate: {min_responses: 2}
                \(extra)\(more)
                """
            let config = try PipelineConfiguration.parse(yaml: yaml, file: "nightly-test.yaml")
            return PipelineRunner(config: config, resources: try LoadedResources.load(config))
        }

        func report(_ path: String) -> String? { root.read("reports/\(path)") }
        func remove() { input.remove(); root.remove() }
    }

    @Test(arguments: Backend.allCases) func aSecondNightlyRunOverTheSameFolderSkipsEveryFileAndLeavesTheReports(_ backend: Backend) throws {
        let s = try Setup(backend)
        defer { s.remove() }
        s.input.write("tr_anket_2026-11-21.csv", Self.export([("TR-1", 21, "Ayşe Yılmaz", 5, Self.good), ("TR-2", 21, "Mehmet Demir", 1, Self.bad)]))
        s.input.write("sr_anketa_2026-11-21.csv", Self.export([("SR-1", 21, "Ana Nikolić", 5, "Operaterka je bila ljubazna")]))
        let first = try s.runner().run(.init(asOf: "2026-11-21"))
        #expect(first.wroteReports && first.accepted == 3 && first.filesSeenBefore == 0 && first.mode == "nightly")
        let before = try #require(s.report("2026-11-21/summary.json"))
        let storeBefore = try s.open().canonicalContents()

        let second = try s.runner().run(.init(asOf: "2026-11-21"))
        #expect(!second.wroteReports, "nothing new: the reports are left as they are")
        #expect(second.filesSeenBefore == 2 && second.accepted == 0)
        #expect(s.report("2026-11-21/summary.json") == before)
        let store = try s.open()
        #expect(try store.canonicalContents() == storeBefore)
        #expect(try store.inspect().runs == 2, "the run that found nothing new is recorded")

        // A new file next to them: only it is read; the report says the others were skipped. An Excel lock
        // file beside them is skipped too, but it is not one "processed by earlier runs".
        s.input.write("tr_anket_2026-11-22.csv", Self.export([("TR-3", 22, "Ayşe Yılmaz", 4, Self.good)]))
        s.input.write("~$tr_anket_2026-11-22.xlsx", "lock")
        let third = try s.runner().run(.init(asOf: "2026-11-22"))
        #expect(third.accepted == 1 && third.filesSeenBefore == 2 && third.filesNotExports == 1)
        let md = try #require(s.report("2026-11-22/report.md"))
        #expect(md.contains("2 files were processed by earlier runs and skipped"))
        let summary = try #require(s.report("2026-11-22/summary.json"))
        #expect(summary.contains("\"files_skipped\": 3,\n    \"files_seen_before\": 2"))
        let manifest = try #require(s.report("2026-11-22/manifest.json"))
        #expect(manifest.contains("\"status\": \"skipped\""))
        #expect(manifest.contains("same content processed by run 1 (as of 2026-11-21)"))
        #expect(try s.open().inspect().records == 4)

        // --reprocess reads everything again and counts nothing twice.
        let again = try s.runner().run(.init(asOf: "2026-11-22", reprocess: true))
        #expect(again.accepted == 4 && again.filesSeenBefore == 0 && again.mode == "reprocess")
        #expect(try s.open().inspect().records == 4)
    }

    @Test(arguments: Backend.allCases) func reprocessingAFolderTwiceGivesTheSameStoreAndByteIdenticalReports(_ backend: Backend) throws {
        let s = try Setup(backend)
        defer { s.remove() }
        s.input.write("tr_anket_2026-11-20.csv", Self.export([("TR-1", 14, "Ayşe Yılmaz", 5, Self.good), ("TR-2", 20, "Mehmet Demir", 1, Self.bad)]))
        s.input.write("social.xml", "<rss><channel><item><guid>x1</guid><pubDate>Fri, 20 Nov 2026 10:00:00 +0300</pubDate><description>Harika, teşekkürler</description></item></channel></rss>")
        let out = s.root.url.appendingPathComponent("adhoc")
        let runner = try s.runner()
        var contents: [String] = []
        var reports: [[String: Data]] = []
        for _ in 0..<2 {
            let o = try runner.run(.init(input: s.input.url, out: out, asOf: "2026-11-21"))
            #expect(o.mode == "reprocess" && o.accepted == 3)
            contents.append(try s.open().canonicalContents())
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where name != "manifest.json" {
                files[name] = FileManager.default.contents(atPath: out.appendingPathComponent(name).path)
            }
            reports.append(files)
        }
        #expect(contents[0] == contents[1])
        #expect(contents[0].contains("\tTR-1\t") && contents[0].contains("\tx1\t"))
        #expect(reports[0].keys.sorted() == PipelineConfiguration.knownReports.sorted())
        for name in reports[0].keys.sorted() { #expect(reports[0][name] == reports[1][name], "\(name) differs between the two runs") }
        // The manifest is there too, with what changed in the store: nothing new the second time.
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"new\": 0") && manifest.contains("\"updated\": 2"))
    }

    @Test(arguments: Backend.allCases) func aChangedFileReplacesExactlyTheRecordsItGaveBefore(_ backend: Backend) throws {
        let s = try Setup(backend)
        defer { s.remove() }
        let file = s.input.write("tr_anket.csv", Self.export([("TR-1", 20, "Ayşe Yılmaz", 5, Self.good), ("TR-2", 20, "Mehmet Demir", 1, Self.bad)]))
        s.input.write("other.csv", Self.export([("OT-1", 20, "Zeynep Kaya", 5, Self.good)]))
        _ = try s.runner().run(.init(asOf: "2026-11-21"))
        try Data(Self.export([("TR-1", 20, "Ayşe Yılmaz", 2, Self.bad), ("TR-3", 21, "Mehmet Demir", 5, Self.good)]).utf8).write(to: file)
        let o = try s.runner().run(.init(asOf: "2026-11-21"))
        #expect(o.files.map(\.file) == ["tr_anket.csv"], "the unchanged file is skipped, the changed one read")
        let contents = try s.open().canonicalContents()
        #expect(contents.contains("\tTR-1\t") && contents.contains("\tTR-3\t") && contents.contains("\tOT-1\t"))
        #expect(!contents.contains("\tTR-2\t"), "the row the new version dropped is gone")
        #expect(contents.contains("tr_anket.csv\t2\t2026-11-20T09:14:00\t2026-11-20\tAyşe Yılmaz\tPhone\ttr\tnegative"), "TR-1 is the new version")
    }

    @Test(arguments: Backend.allCases) func anOverlappingExportDoesNotCountARecordTwice(_ backend: Backend) throws {
        let s = try Setup(backend)
        defer { s.remove() }
        // Night 1: the export of the 14th–20th; night 2: 15th–21st, which repeats TR-2 and TR-3.
        s.input.write("tr_anket_2026-11-20.csv", Self.export([
            ("TR-1", 14, "Ayşe Yılmaz", 5, Self.good), ("TR-2", 16, "Ayşe Yılmaz", 5, Self.good), ("TR-3", 20, "Mehmet Demir", 1, Self.bad),
        ]))
        _ = try s.runner().run(.init(asOf: "2026-11-20"))
        s.input.write("tr_anket_2026-11-21.csv", Self.export([
            ("TR-2", 16, "Ayşe Yılmaz", 5, Self.good), ("TR-3", 20, "Mehmet Demir", 1, Self.bad), ("TR-4", 21, "Mehmet Demir", 2, Self.bad),
        ]))
        let o = try s.runner().run(.init(asOf: "2026-11-21"))
        #expect(o.accepted == 3 && o.filesSeenBefore == 1, "the night's report covers the night's export")
        #expect(try s.open().inspect().records == 4, "TR-1…TR-4, each once")
        let manifest = try #require(s.report("2026-11-21/manifest.json"))
        #expect(manifest.contains("\"new\": 1") && manifest.contains("\"updated\": 2"))
        // The trends count from the store: 4 records in the last 7 days, TR-2 and TR-3 once.
        let summary = try #require(s.report("2026-11-21/summary.json"))
        #expect(summary.contains("\"from\": \"2026-11-15\",\n      \"to\": \"2026-11-21\",\n      \"records\": 3"))
        #expect(summary.contains("\"from\": \"2026-11-08\",\n      \"to\": \"2026-11-14\",\n      \"records\": 1"))
    }

    @Test(arguments: Backend.allCases) func trendsAppearOnceTheStoreHoldsBothPeriods(_ backend: Backend) throws {
        var s = try Setup(backend)
        s.extra = "trends: {period_days: 7}\n"
        defer { s.remove() }
        let recent = (0..<6).map { ("A-\($0)", 18 + $0 % 3, "Ayşe Yılmaz", 5, Self.good) } + (0..<6).map { ("M-\($0)", 19, "Mehmet Demir", 5, Self.good) }
        s.input.write("a_2026-11-20.csv", Self.export(recent))
        _ = try s.runner().run(.init(asOf: "2026-11-20"))
        let first = try #require(s.report("2026-11-20/report.md"))
        #expect(first.contains("Trends appear once the history store holds responses of both periods"))
        #expect(try #require(s.report("2026-11-20/summary.json")).contains("\"employees\": [],\n    \"themes\": [],\n    \"channels\": []\n  }\n}"))

        // A week later Mehmet's feedback turns bad: the change is outside the interval.
        let later = (0..<6).map { ("A2-\($0)", 25 + $0 % 2, "Ayşe Yılmaz", 5, Self.good) } + (0..<8).map { ("M2-\($0)", 26, "Mehmet Demir", 1, Self.bad) }
        s.input.write("a_2026-11-27.csv", Self.export(later))
        _ = try s.runner().run(.init(asOf: "2026-11-27"))
        let md = try #require(s.report("2026-11-27/report.md"))
        #expect(md.contains("## Trends: 2026-11-21 – 2026-11-27 against 2026-11-14 – 2026-11-20"))
        let mehmet = try #require(md.split(separator: "\n").first { $0.hasPrefix("| Mehmet Demir |") })
        #expect(mehmet.contains("| 6 → 8 | 1.00 → -1.00 | -2.00 (") && mehmet.hasSuffix("▼ |"), "\(mehmet)")
        // Under the headline, what moved beyond noise: Mehmet's fall, not Ayşe's steady week.
        #expect(md.contains("**Changes since the previous 7 days (2026-11-14 – 2026-11-20)** larger than sampling noise"))
        #expect(md.contains("- ▼ Mehmet Demir: net sentiment 1.00 → -1.00\n") && !md.contains("- ▲ Ayşe") && !md.contains("- ▼ Ayşe"))
        let ayse = try #require(md.split(separator: "\n").first { $0.hasPrefix("| Ayşe Yılmaz |") })
        #expect(ayse.contains("| 6 → 6 | 1.00 → 1.00 | 0.00 (") && !ayse.contains("▼") && !ayse.contains("▲"))
        // The one channel of both exports (`Telefon`, which channels.tsv names `Phone`), from both backends' counts.
        let phone = try #require(md.split(separator: "\n").first { $0.hasPrefix("| Phone |") })
        #expect(phone.hasPrefix("| Phone | 12 → 14 | 1.00 → -0.14 |"), "\(phone)")
        let summary = try #require(s.report("2026-11-27/summary.json"))
        #expect(summary.contains("\"channel\": \"Phone\""))
        #expect(summary.contains("\"employee\": \"Mehmet Demir\""))
        #expect(summary.contains("\"significant\": true"))
    }

    /// A store written before `channels.tsv` named a channel holds it as the export wrote it (`Telefon`); the
    /// trends count it under today's name, so that an upgrade (or a line an analyst adds) does not split a
    /// channel's trend into two rows, each with "too few responses".
    @Test func storedChannelsCountUnderTheNamesOfTodaysChannelsFile() throws {
        var s = try Setup(.sqlite)
        s.extra = "trends: {period_days: 7}\n"
        let before = TemporaryFolder("verbatim-lexicons")
        defer { s.remove(); before.remove() }
        try FileManager.default.removeItem(at: before.url)
        try FileManager.default.copyItem(at: RepoPaths.lexicons, to: before.url)
        before.write("channels.tsv", "# no contact channels listed yet\nTwitter\tX\n")
        s.lexicons = before.url
        s.input.write("a_2026-11-20.csv", Self.export((0..<6).map { ("A-\($0)", 18 + $0 % 3, "Ayşe Yılmaz", 5, Self.good) }))
        _ = try s.runner().run(.init(asOf: "2026-11-20"))
        #expect(try #require(s.report("2026-11-20/channels.csv")).contains("\nTelefon,6,"), "as written, with no line for it")

        s.lexicons = RepoPaths.lexicons
        s.input.write("a_2026-11-27.csv", Self.export((0..<8).map { ("M-\($0)", 26, "Mehmet Demir", 1, Self.bad) }))
        _ = try s.runner().run(.init(asOf: "2026-11-27"))
        let md = try #require(s.report("2026-11-27/report.md"))
        let phone = try #require(md.split(separator: "\n").first { $0.hasPrefix("| Phone |") }, "\(md)")
        #expect(phone.hasPrefix("| Phone | 6 → 8 | 1.00 → -1.00 |"), "\(phone)")
        #expect(!md.contains("| Telefon |"))
    }

    /// Most respondents of a post-contact survey give a rating and no comment: the store keeps their ratings
    /// (`rated_responses`), the trends' CSAT and NPS count them, and a response whose comment arrives in a
    /// later export is one response, kept as the latest export gave it.
    @Test(arguments: Backend.allCases) func ratingsWithoutTextAreInTheStoreAndTheTrendsCSAT(_ backend: Backend) throws {
        var s = try Setup(backend)
        s.extra = "trends: {period_days: 7}\n"
        defer { s.remove() }
        // Week 1: 2 comments and 6 ratings alone, all satisfied (CSAT 100%).
        let week1 = [("W1-1", 18, "Ayşe Yılmaz", 5, Self.good), ("W1-2", 19, "Ayşe Yılmaz", 4, Self.good)]
            + (3...8).map { ("W1-\($0)", 19, "Ayşe Yılmaz", 5, "") }
        s.input.write("tr_anket_2026-11-20.csv", Self.export(week1))
        let first = try s.runner().run(.init(asOf: "2026-11-20"))
        #expect(first.accepted == 2)
        #expect(try s.open().inspect().ratedWithoutText == 6)
        #expect(try #require(s.report("2026-11-20/manifest.json")).contains("\"rated_without_text\": 6"))

        // Week 2: 2 comments and 8 ratings alone, all dissatisfied (CSAT 0%); W1-3's comment arrives in this export.
        let week2 = [("W2-1", 25, "Ayşe Yılmaz", 1, Self.bad), ("W2-2", 26, "Ayşe Yılmaz", 2, Self.bad), ("W1-3", 19, "Ayşe Yılmaz", 5, Self.good)]
            + (3...10).map { ("W2-\($0)", 26, "Ayşe Yılmaz", 1, "") }
        s.input.write("tr_anket_2026-11-27.csv", Self.export(week2))
        _ = try s.runner().run(.init(asOf: "2026-11-27"))
        let store = try s.open()
        #expect(try store.inspect().records == 5 && store.inspect().ratedWithoutText == 13, "W1-3 moved from the ratings to the records")
        let contents = try store.canonicalContents()
        let rated = try #require(contents.components(separatedBy: "# rated responses without text:").last)
        #expect(!rated.contains("\tW1-3\t") && rated.contains("\tW1-4\t") && rated.contains("\tW2-10\t"))

        let md = try #require(s.report("2026-11-27/report.md"))
        #expect(md.contains("**Survey ratings**"))
        let all = try #require(md.split(separator: "\n").first { $0.hasPrefix("| All responses |") })
        #expect(all.hasPrefix("| All responses | 100% (8) → 0% (10) | -100 ("), "\(all)")
        #expect(all.contains("▼"), "a fall from 8 of 8 to 0 of 10 is outside the interval")
        #expect(md.contains("- ▼ All responses: CSAT 100% → 0% (-100 points)\n"))
        let summary = try #require(s.report("2026-11-27/summary.json"))
        #expect(summary.contains("\"csat\": {\n      \"current\": 0.0000,\n      \"previous\": 100.0000,\n      \"current_n\": 10,\n      \"previous_n\": 8,\n      \"change\": -100.0000,\n      \"change_ci95\": [-100.0000, "), "the interval is cut at what a change can be")
        let html = try #require(s.report("2026-11-27/report.html"))
        #expect(html.contains("<table id=\"trends-ratings\">"))
    }

    @Test(arguments: Backend.allCases) func aRunWaitsForTheLockOfAnotherRunThenFailsAsLocked(_ backend: Backend) throws {
        var s = try Setup(backend)
        s.lockTimeout = 0.5
        defer { s.remove() }
        s.input.write("a.csv", Self.export([("TR-1", 21, "Ayşe Yılmaz", 5, Self.good)]))
        let info = RunInfo(mode: .nightly, pipeline: "other", asOf: "2026-11-21", input: "/elsewhere", configSHA256: "", lexiconSHA256: "",
                           toolVersion: "0", startedAt: Date())
        let holder = try s.open().begin(info) { _ in }
        var waitedFor: StoreError?
        let runner = try s.runner()
        do { _ = try runner.run(.init(asOf: "2026-11-21")) } catch { if case let .store(e) = error { waitedFor = e } }
        guard case .locked = waitedFor else {
            Issue.record("the second run was not refused as locked: \(String(describing: waitedFor))")
            return
        }
        holder.rollback()
        let after = try s.runner().run(.init(asOf: "2026-11-21"))
        #expect(after.accepted == 1, "once the other run has ended, the run goes ahead")
    }

    @Test func withoutAStoreNothingIsRecordedAndTrendsAreNull() throws {
        let s = try Setup()
        defer { s.remove() }
        s.input.write("a.csv", Self.export([("TR-1", 21, "Ayşe Yılmaz", 5, Self.good)]))
        let out = s.root.url.appendingPathComponent("r")
        _ = try s.runner().run(.init(out: out, asOf: "2026-11-21", store: .disabled))
        #expect(!FileManager.default.fileExists(atPath: s.store.path))
        #expect(s.root.read("r/summary.json")?.contains("\"trends\": null") == true)
        #expect(s.root.read("r/manifest.json")?.contains("\"store\": null") == true)
        #expect(s.root.read("r/report.md")?.contains("## Trends") == false)
    }

    @Test func theManifestListsInputsWithHashesCountsConfigurationAndDurations() throws {
        let s = try Setup()
        defer { s.remove() }
        let text = Self.export([("TR-1", 21, "Ayşe Yılmaz", 5, Self.good), ("TR-2", 21, "Mehmet Demir", 9, "")])
        s.input.write("tr_anket.csv", text)
        let out = s.root.url.appendingPathComponent("r")
        _ = try s.runner().run(.init(out: out, asOf: "2026-11-21"))
        let data = try #require(FileManager.default.contents(atPath: out.appendingPathComponent("manifest.json").path))
        let m = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(m["tool_version"] as? String == VerbatimVersion.current)
        let input = try #require((m["inputs"] as? [[String: Any]])?.first)
        #expect(input["sha256"] as? String == ContentDigest.bytes(Data(text.utf8)))
        #expect(input["encoding"] as? String == "utf-8")
        #expect(input["read"] as? Int == 2 && input["accepted"] as? Int == 1 && input["rejected"] as? Int == 0)
        #expect(input["rated_without_text"] as? Int == 1, "TR-2: a 9 and no comment")
        #expect((m["totals"] as? [String: Any])?["rated_without_text"] as? Int == 1)
        let pipeline = try #require(m["pipeline"] as? [String: Any])
        #expect((pipeline["sha256"] as? String)?.count == 64)
        #expect(((m["lexicons"] as? [String: Any])?["sha256"] as? String)?.count == 64)
        let durations = try #require(m["durations_seconds"] as? [String: Any])
        let stages = try #require(durations["stages"] as? [String: Any])
        #expect(Set(stages.keys) == ["normalize", "language", "sentiment", "themes"])
        let phases = try #require(durations["phases"] as? [String: Any])
        #expect(phases["read and analyse"] != nil && phases["write reports"] != nil && phases["hash inputs"] != nil)
        #expect(((m["run"] as? [String: Any])?["store_run_id"] as? Int) == 1)
    }

    @Test func theMetricsFileIsRewrittenAndKeepsTheLastSuccessWhenARunFails() throws {
        let s = try Setup()
        defer { s.remove() }
        s.input.write("a.csv", Self.export([("TR-1", 21, "Ayşe Yılmaz", 5, Self.good)]))
        let prom = s.root.url.appendingPathComponent("verbatim.prom")
        _ = try s.runner("metrics: \(prom.path)\n").run(.init(asOf: "2026-11-21"))
        let ok = try String(contentsOf: prom, encoding: .utf8)
        #expect(ok.contains("verbatim_last_run_success{pipeline=\"nightly-test\"} 1"))
        #expect(ok.contains("verbatim_last_run_records_accepted{pipeline=\"nightly-test\"} 1"))
        #expect(ok.contains("# TYPE verbatim_last_success_timestamp_seconds gauge"))
        let success = try #require(ok.split(separator: "\n").first { $0.hasPrefix("verbatim_last_success_timestamp_seconds") })

        #expect(throws: RunError.self) {
            try s.runner("metrics: \(prom.path)\n").run(.init(input: s.root.url.appendingPathComponent("missing"), asOf: "2026-11-21"))
        }
        let failed = try String(contentsOf: prom, encoding: .utf8)
        #expect(failed.contains("verbatim_last_run_success{pipeline=\"nightly-test\"} 0"))
        #expect(failed.contains(success), "the last success time survives a failed run")
    }
}
