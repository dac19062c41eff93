import Foundation
import Testing
import VerbatimStore
import VerbatimTestSupport

/// Nightly operation as cron sees it, through the built binary: a run
/// killed at random moments, two runs against one store, exit codes,
/// JSON logs and the progress line.
@Suite("Nightly operation of the binary", .serialized)
struct NightlyOperationTests {
    static let texts = [
        "Temsilci çok kibardı, teşekkürler", "Hiç yardımcı olmadı, berbat", "Bekleme süresi çok uzundu ama sorun çözüldü",
        "Fatura yanlış geldi, kimse geri dönmedi", "Harika hizmet, çok memnun kaldım",
    ]
    static let employees = ["Ayşe Yılmaz", "Mehmet Demir", "Zeynep Kaya", "Emre Şahin"]

    /// A survey export of `count` records with ids `prefix-0`… spread over 12 days.
    static func export(_ prefix: String, _ count: Int) -> String {
        var s = "Yanıt No;Tarih;Temsilci;Kanal;Puan;Yorum\n"
        for i in 0..<count {
            s += "\(prefix)-\(i);\(10 + i % 12).11.2026 09:\(String(format: "%02d", i % 60));\(employees[i % 4]);Telefon;\(1 + i % 5);\(texts[i % 5]) \(i)\n"
        }
        return s
    }

    /// A folder with exports, a pipeline whose store and reports live in it, and helpers.
    struct Workspace {
        let dir: TemporaryFolder
        var input: URL { dir.url.appendingPathComponent("in") }
        var store: URL { dir.url.appendingPathComponent("var/history.sqlite") }

        init(_ label: String, lockTimeout: Double = 60) {
            dir = TemporaryFolder(label)
            try! FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            pipeline("pipeline.yaml", lockTimeout: lockTimeout)
        }

        @discardableResult
        func pipeline(_ name: String, lockTimeout: Double) -> URL {
            dir.write(name, """
                input: \(input.path)
                output: \(dir.url.appendingPathComponent("reports").path)
                lexicons: \(RepoPaths.lexicons.path)
                store: {path: \(store.path), lock_timeout_seconds: \(lockTimeout)}
                reports: [summary.json, records.csv, rejects.csv, report.md]

                """)
        }

        func path(_ name: String) -> String { dir.url.appendingPathComponent(name).path }

        /// `verbatim run` re-processing the input folder into `out`, as a process not yet started.
        func runProcess(out: String, pipeline: String = "pipeline.yaml", extra: [String] = []) -> (Process, Pipe) {
            let p = Process()
            p.executableURL = RepoPaths.binary
            p.arguments = ["run", "--pipeline", path(pipeline), "--input", input.path, "--out", path(out), "--as-of", "2026-11-21", "--quiet"] + extra
            p.currentDirectoryURL = RepoPaths.root
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            return (p, err)
        }

        func inspect() throws -> StoreInspection { try HistoryStore.open(at: store, lockTimeout: 5).inspect() }
        func remove() { dir.remove() }
    }

    /// The records total of a report folder's summary.json, or nil when it cannot be read whole.
    static func reportTotal(_ folder: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: folder + "/summary.json"),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let totals = json["totals"] as? [String: Any] else { return nil }
        return totals["n"] as? Int
    }

    @Test func killingARunAtRandomMomentsLeavesThePreviousReportsAndTheStore() throws {
        let w = Workspace("verbatim-kill")
        defer { w.remove() }
        w.dir.write("in/a_2026-11-21.csv", Self.export("A", 400))
        w.dir.write("in/b_2026-11-21.csv", Self.export("B", 400))
        let clock = ContinuousClock()
        var inputTotal = 800
        let baseline = try runVerbatim(["run", "--pipeline", w.path("pipeline.yaml"), "--input", w.input.path, "--out", w.path("out"),
                                        "--as-of", "2026-11-21", "--quiet"])
        #expect(baseline.status == 0, "\(baseline.stderr)")
        let full = clock.measure {
            _ = try? runVerbatim(["run", "--pipeline", w.path("pipeline.yaml"), "--input", w.input.path, "--out", w.path("out"),
                                  "--as-of", "2026-11-21", "--quiet"])
        }
        let fullSeconds = Double(full.components.seconds) + Double(full.components.attoseconds) / 1e18
        var reportTotal = try #require(Self.reportTotal(w.path("out")))
        var storeTotal = try w.inspect().records
        #expect(reportTotal == inputTotal && storeTotal == inputTotal)

        var outcomes: [String: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        // Near-end rounds aim at the last moments of a run (history, reports, swap, commit); the aim
        // follows how long runs take under the current load: later after a kill that changed nothing,
        // earlier after one that found the run finished.
        var aim = fullSeconds
        let iterations = 12
        for i in 0..<iterations {
            // Each round adds an export, so that a run that completes changes both the reports and the store.
            w.dir.write("in/extra_\(i).csv", Self.export("X\(i)", 5))
            inputTotal += 5
            let (process, _) = w.runProcess(out: "out")
            try process.run()
            // Half the rounds anywhere in the run, half near its end (history, reports, swap, commit).
            let range = i % 2 == 0 ? 0.02...(aim * 1.05) : (aim * 0.85)...(aim * 1.02)
            let delay = Double.random(in: range, using: &generator)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let killed = process.terminationReason == .uncaughtSignal

            let look = try w.inspect()
            #expect(look.integrity == "ok", "round \(i): \(look.integrity)")
            let report = try #require(Self.reportTotal(w.path("out")), "round \(i): the report folder is missing or incomplete")
            for name in ["records.csv", "rejects.csv", "report.md", "manifest.json"] {
                #expect(FileManager.default.fileExists(atPath: w.path("out/\(name)")), "round \(i): \(name) missing")
            }
            // Before the kill or after the commit, nothing in between: the store is either as it was or has
            // everything; the reports likewise; and the store never has a run whose reports are not in place.
            #expect(look.records == storeTotal || look.records == inputTotal, "round \(i): store has \(look.records)")
            #expect(report == reportTotal || report == inputTotal, "round \(i): report has \(report)")
            #expect(!(look.records == inputTotal && report != inputTotal && storeTotal != inputTotal), "round \(i): store committed without its reports")
            let state = (report == inputTotal ? "new reports" : "previous reports") + ", " + (look.records == inputTotal ? "new store" : "previous store")
            outcomes[(killed ? "killed: " : "finished: ") + state, default: 0] += 1
            if i % 2 == 1 { aim *= look.records == inputTotal ? 0.95 : 1.15 }
            reportTotal = report
            storeTotal = look.records
        }
        // A last complete run tidies up what the killed ones left, and agrees with the input.
        let last = try runVerbatim(["run", "--pipeline", w.path("pipeline.yaml"), "--input", w.input.path, "--out", w.path("out"),
                                    "--as-of", "2026-11-21", "--quiet"])
        #expect(last.status == 0, "\(last.stderr)")
        #expect(try w.inspect().records == inputTotal && Self.reportTotal(w.path("out")) == inputTotal)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: w.dir.url.path).filter { $0.hasPrefix(".out.") }
        #expect(leftovers.isEmpty, "staging folders of killed runs are cleaned up: \(leftovers)")
        print("kill test: \(iterations) rounds, full run \(String(format: "%.2f", fullSeconds)) s, outcomes \(outcomes.sorted { $0.key < $1.key })")
    }

    @Test func killedBetweenTheSwapAndTheCommitTheNextRunReadsTheFilesAgain() throws {
        let w = Workspace("verbatim-window")
        defer { w.remove() }
        w.dir.write("in/a_2026-11-21.csv", Self.export("A", 200))
        let p = Process()
        p.executableURL = RepoPaths.binary
        p.arguments = ["run", "--pipeline", w.path("pipeline.yaml"), "--as-of", "2026-11-21", "--quiet"]
        p.currentDirectoryURL = RepoPaths.root
        p.environment = ProcessInfo.processInfo.environment.merging(["VERBATIM_FAILPOINT": "pause-before-commit"]) { $1 }
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let report = w.path("reports/2026-11-21/summary.json")
        for _ in 0..<1500 where !FileManager.default.fileExists(atPath: report) { Thread.sleep(forTimeInterval: 0.02) }
        #expect(FileManager.default.fileExists(atPath: report), "the reports were never swapped in")
        Thread.sleep(forTimeInterval: 0.1)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let written = try #require(FileManager.default.contents(atPath: report))
        var look = try w.inspect()
        #expect(look.integrity == "ok" && look.records == 0 && look.runs == 0, "the store has nothing of the killed run")

        // The next nightly run does not skip the file (the store never recorded it) and gives the same reports.
        let again = try runVerbatim(["run", "--pipeline", w.path("pipeline.yaml"), "--as-of", "2026-11-21", "--quiet"])
        #expect(again.status == 0 && again.stdout.contains("Reports written to"), "\(again.stdout)\(again.stderr)")
        look = try w.inspect()
        #expect(look.records == 200 && look.runs == 1)
        #expect(FileManager.default.contents(atPath: report) == written)
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: w.path("reports/latest"))
        #expect(latest == "2026-11-21")
    }

    /// Collects a process's standard error while it runs.
    final class StderrBuffer: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        init(_ pipe: Pipe) {
            pipe.fileHandleForReading.readabilityHandler = { [self] h in
                let chunk = h.availableData
                lock.lock(); data.append(chunk); lock.unlock()
            }
        }
        var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
    }

    @Test func aSecondRunWaitsForTheStoreThenGivesUpWithExit75OrProceeds() throws {
        let w = Workspace("verbatim-lock")
        defer { w.remove() }
        w.pipeline("impatient.yaml", lockTimeout: 0.5)
        w.dir.write("in/a_2026-11-21.csv", Self.export("A", 300))
        let info = RunInfo(mode: .reprocess, pipeline: "holder", asOf: "2026-11-21", input: "-", configSHA256: "-", lexiconSHA256: "-", toolVersion: "-")

        // This test process holds the store, as a long run would.
        let holder = try HistoryStore.open(at: w.store, lockTimeout: 0).beginRun(info)
        let (patient, patientErr) = w.runProcess(out: "patient", extra: ["--log-format", "json"])
        let patientLog = StderrBuffer(patientErr)
        try patient.run()
        for _ in 0..<500 where !patientLog.text.contains("waiting for the history store") { Thread.sleep(forTimeInterval: 0.02) }
        #expect(patientLog.text.contains("waiting for the history store"), "the waiting run says so: \(patientLog.text)")
        #expect(patient.isRunning)

        let started = Date()
        let impatient = try runVerbatim(["run", "--pipeline", w.path("impatient.yaml"), "--input", w.input.path, "--out", w.path("impatient"),
                                         "--as-of", "2026-11-21", "--quiet"])
        #expect(impatient.status == 75, "\(impatient.stderr)")
        #expect(impatient.stderr.contains("is in use by another run (waited "), "\(impatient.stderr)")
        #expect(impatient.stderr.contains(" s); nothing was written. Run again when the other run has finished"), "\(impatient.stderr)")
        #expect(Date().timeIntervalSince(started) >= 0.5)
        #expect(!FileManager.default.fileExists(atPath: w.path("impatient")))

        holder.rollback()
        patient.waitUntilExit()
        #expect(patient.terminationStatus == 0, "\(patientLog.text)")
        #expect(try w.inspect().records == 300)

        // Two real runs at once: the second waits for the first (or, if the first was quicker, just runs) and counts nothing twice.
        w.dir.write("in/b_2026-11-21.csv", Self.export("B", 700))
        let (first, _) = w.runProcess(out: "first")
        try first.run()
        let probe = try HistoryStore.open(at: w.store, lockTimeout: 0)
        var held = false
        for _ in 0..<500 where first.isRunning {
            do { try probe.beginRun(info).rollback() } catch { held = true; break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let second = try runVerbatim(["run", "--pipeline", w.path("pipeline.yaml"), "--input", w.input.path, "--out", w.path("second"),
                                      "--as-of", "2026-11-21"])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.status == 0, "\(second.stderr)")
        let look = try w.inspect()
        #expect(look.integrity == "ok" && look.records == 1000 && look.runs == 3)
        #expect(FileManager.default.contents(atPath: w.path("first/summary.json")) == FileManager.default.contents(atPath: w.path("second/summary.json")))
        print("lock test: second real run \(held && second.stderr.contains("waiting for the history store") ? "waited for the first" : "did not overlap the first's lock")")
    }

    @Test func strictTurnsRejectsIntoExit4AndTheStoreOptionsAreChecked() throws {
        let w = Workspace("verbatim-strict")
        defer { w.remove() }
        let args = ["run", "--pipeline", "pipelines/fixtures.yaml", "--out", w.path("r"), "--store", w.path("h.sqlite"), "--quiet"]
        let lax = try runVerbatim(args)
        #expect(lax.status == 2, "\(lax.stderr)")
        let strict = try runVerbatim(args + ["--strict"])
        #expect(strict.status == 4)
        #expect(FileManager.default.fileExists(atPath: w.path("r/summary.json")), "--strict still writes the reports")
        let both = try runVerbatim(["run", "--store", w.path("h.sqlite"), "--no-store"])
        #expect(both.status == 64 && both.stderr.contains("--store and --no-store cannot be used together"))
        let none = try runVerbatim(["run", "--pipeline", "pipelines/fixtures.yaml", "--out", w.path("n"), "--no-store", "--quiet"])
        #expect(none.status == 2)
        #expect(FileManager.default.contents(atPath: w.path("n/summary.json")).map { String(decoding: $0, as: UTF8.self).contains("\"trends\": null") } == true)
        let help = try runVerbatim(["run", "--help"])
        for text in ["--strict", "--no-store", "--reprocess", "--log-format", "4   run --strict", "75  another run holds the history store"] {
            #expect(help.stdout.contains(text), "--help lacks \(text)")
        }
    }

    @Test func jsonLogsAreOneObjectPerLineWithOneSummaryLine() throws {
        let w = Workspace("verbatim-json")
        defer { w.remove() }
        let r = try runVerbatim(["run", "--pipeline", "pipelines/fixtures.yaml", "--out", w.path("r"), "--store", w.path("h.sqlite"),
                                 "--log-format", "json"])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count >= 2)
        var summaries: [[String: Any]] = []
        for line in lines {
            let object = try #require(try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            #expect(object["time"] is String && object["level"] is String && object["message"] is String)
            if object["event"] as? String == "run_finished" { summaries.append(object) }
        }
        #expect(summaries.count == 1)
        let accepted = try #require(Self.reportTotal(w.path("r")))
        #expect(summaries.first?["records_accepted"] as? Int == accepted && summaries.first?["files_rejected"] as? Int == 0,
                "the fixtures' cut-off XML export gave a record: it is not rejected whole")
        #expect(!r.stderr.contains("\r"), "no progress line when stderr is not a terminal")
    }

    @Test func theProgressLineAndColoursAppearOnATerminalOnly() throws {
        let w = Workspace("verbatim-tty")
        defer { w.remove() }
        w.dir.write("in/a_2026-11-21.csv", Self.export("A", 1500))
        w.dir.write("in/broken.xml", "<rss><channel><item><description>yarım")
        let command = "\(RepoPaths.binary.path) run --pipeline \(w.path("pipeline.yaml")) --input \(w.input.path) --out \(w.path("r")) --as-of 2026-11-21"
        func onTerminal(_ environment: [String: String]) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            p.arguments = ["-qfec", command, "/dev/null"]
            p.currentDirectoryURL = RepoPaths.root
            var env = ProcessInfo.processInfo.environment
            env["NO_COLOR"] = nil
            env["TERM"] = "xterm"
            for (k, v) in environment { env[k] = v }
            p.environment = env
            let out = Pipe()
            p.standardOutput = out
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let colour = try onTerminal([:])
        #expect(colour.range(of: #"files [0-2]/2 · [0-9,]+ records"#, options: .regularExpression) != nil, "no progress line on a terminal: \(colour)")
        #expect(colour.contains("\r\u{1B}[2K"), "the progress line is redrawn in place")
        #expect(colour.contains("\u{1B}[33mwarning\u{1B}[0m"), "warnings are yellow on a terminal")
        let plain = try onTerminal(["NO_COLOR": "1"])
        #expect(plain.contains("warning") && !plain.contains("\u{1B}[33m"), "NO_COLOR turns colours off")
        let quiet = try runVerbatim(["run", "--pipeline", w.path("pipeline.yaml"), "--input", w.input.path, "--out", w.path("q"),
                                     "--as-of", "2026-11-21"])
        #expect(quiet.stderr.range(of: #"files [0-2]/2"#, options: .regularExpression) == nil && !quiet.stderr.contains("\u{1B}["),
                "nothing of it when stderr is a pipe")
    }
}
