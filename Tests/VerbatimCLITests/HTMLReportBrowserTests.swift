import Foundation
import Testing
import VerbatimTestSupport

/// Renders `report.html` in headless Chromium (Debian's `chromium`, which
/// `make test` installs through `scripts/ensure-deps.sh --browser`) and
/// checks what a person would see: the page's script runs without errors,
/// the charts are there, the scorecard sorts, and hostile text stays text.
///
/// Without Chromium these tests fail with the command that installs it:
/// they are never skipped.
@Suite("report.html in a headless browser", .serialized)
struct HTMLReportBrowserTests {
    /// The fixtures plus one export whose every field is hostile.
    static let hostileExport = """
        Yanıt No;Tarih;Temsilci;Kanal;Puan;Yorum
        X-1;21.11.2026 09:14;<script>alert(1)</script>;"Telefon"" onmouseover=""alert(2)";1;"Berbat <script>alert(3)</script> "" onmouseover=alert(4) ""  hizmet, rezalet"
        X-2;21.11.2026 09:20;<img src=x onerror=alert(5)>;Telefon;5;Harika, çok kibardı <b onmouseover=alert(6)>teşekkürler</b>

        """

    /// Runs the fixtures (and the hostile export) through `verbatim run` into a temporary folder.
    static func renderReport() throws -> (folder: TemporaryFolder, html: URL) {
        let dir = TemporaryFolder("verbatim-browser")
        let exports = RepoPaths.fixtures.appendingPathComponent("exports")
        for name in try FileManager.default.contentsOfDirectory(atPath: exports.path) {
            try FileManager.default.copyItem(at: exports.appendingPathComponent(name), to: dir.url.appendingPathComponent("in/\(name)").creatingParent())
        }
        dir.write("in/zz_hostile_2026-11-21.csv", hostileExport)
        let r = try runVerbatim(["run", "--pipeline", "pipelines/fixtures.yaml", "--input", dir.url.appendingPathComponent("in").path,
                                 "--out", dir.url.appendingPathComponent("out").path, "--quiet"])
        #expect(r.status == 0 || r.status == 2, "\(r.stderr)")
        return (dir, dir.url.appendingPathComponent("out/report.html"))
    }

    @Test func thePageLoadsWithoutScriptErrorsAndShowsItsCharts() throws {
        let (dir, html) = try Self.renderReport()
        defer { dir.remove() }
        let run = try Chromium.run(["--dump-dom", html.absoluteString], in: dir)
        #expect(run.consoleMessages.isEmpty, "the page logged: \(run.consoleMessages)")
        let dom = run.stdout
        #expect(dom.contains("<body data-ready=\"true\">"), "the page's script did not finish")
        for id in ["theme-chart", "heatmap", "trend"] { #expect(dom.contains("<svg class=\"chart\" id=\"\(id)\""), "no \(id) chart") }
        #expect(dom.components(separatedBy: "<rect class=\"neg\"").count > 5, "the theme chart has no negative bars")
        #expect(dom.contains("<polyline class=\"net\""), "the trend has no line")
        // Hostile text is text: one script element (the page's own), no injected attribute or element.
        #expect(dom.components(separatedBy: "<script").count == 2)
        // A tag whose attribute list (names, then quoted values) holds an event handler.
        let injected = try Regex("<[a-zA-Z][a-zA-Z0-9-]*(\\s+[a-zA-Z-]+(=\"[^\"]*\")?)*\\s+on[a-z]+=")
        #expect(dom.firstMatch(of: injected) == nil, "an element got an event-handler attribute")
        #expect(!dom.contains("<img") && !dom.contains("<b "))
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the hostile employee name is shown as text")
        #expect(dom.contains("Telefon\" onmouseover=\"alert(2)"), "the hostile channel is shown as text")
    }

    @Test func theScorecardSortsByAnyColumn() throws {
        let (dir, html) = try Self.renderReport()
        defer { dir.remove() }
        let byCount = try Chromium.run(["--dump-dom", html.absoluteString + "#sort=-n"], in: dir)
        #expect(byCount.consoleMessages.isEmpty, "\(byCount.consoleMessages)")
        #expect(byCount.stdout.contains("<table id=\"scorecard\" data-sorted=\"-n\">"))
        let counts = Self.column("n", of: byCount.stdout).compactMap { Int($0) }
        #expect(counts.count >= 18)
        #expect(counts == counts.sorted(by: >), "rows not in descending order of responses: \(counts)")

        let byName = try Chromium.run(["--dump-dom", html.absoluteString + "#sort=employee"], in: dir)
        let names = Self.column("employee", of: byName.stdout)
        #expect(names.first == "(unassigned)" || names.first?.hasPrefix("&lt;") == true, "\(names.prefix(3))")
        #expect(names.firstIndex(of: "Ayşe Yılmaz")! < names.firstIndex(of: "Mehmet Demir")!)
        #expect(names.firstIndex(of: "Mehmet Demir")! < names.firstIndex(of: "Айгерім Сәрсенова")!)

        // Blank values (no rank) sort last in both directions.
        let byRank = try Chromium.run(["--dump-dom", html.absoluteString + "#sort=-rank"], in: dir)
        let ranks = Self.column("rank", of: byRank.stdout)
        #expect(Array(ranks.prefix(3)) == ["15", "14", "13"])
        #expect(ranks.last == "")
    }

    /// The fixtures span two trend periods (`period_days: 3`): the page shows the change per employee and
    /// theme with its interval, no mark where the interval holds zero, and no change resting on too few responses.
    @Test func theTrendsShowOnceTwoPeriodsExist() throws {
        let (dir, html) = try Self.renderReport()
        defer { dir.remove() }
        let run = try Chromium.run(["--dump-dom", html.absoluteString], in: dir)
        #expect(run.consoleMessages.isEmpty, "\(run.consoleMessages)")
        let dom = run.stdout
        guard let start = dom.range(of: "<section id=\"trends\">"), let end = dom.range(of: "</section>", range: start.upperBound..<dom.endIndex) else {
            Issue.record("no trends section")
            return
        }
        let section = String(dom[start.upperBound..<end.lowerBound])
        #expect(section.contains("Change since the previous period"))
        #expect(section.contains("2026-11-19 – 2026-11-21 against 2026-11-16 – 2026-11-18"))
        #expect(section.contains("<table id=\"trends-table\">"))
        let rows = section.components(separatedBy: "<tr").dropFirst()
        // Reachability fell in the fixtures, but within sampling noise: its change and interval, and no ▼ (a fall
        // beyond the noise, and its ▼, are HTMLTrendsTests').
        let reachability = rows.first { $0.contains("<td>Reachability</td>") } ?? ""
        #expect(reachability.contains("−0.57") && reachability.contains("(−1.35 … +0.20)") && !reachability.contains("▼"), "\(reachability)")
        // Competence has 3 mentions in the previous period: no change shown, and no mark.
        let competence = rows.first { $0.contains("<td>Competence</td>") } ?? ""
        #expect(competence.contains("too few responses") && !competence.contains("−0.72") && !competence.contains("▼"), "\(competence)")
        #expect(rows.contains { $0.contains("All records") && $0.contains("11 → ") })
        #expect(section.contains("with records in only one of the periods"))
    }

    /// Days with fewer than `min_responses` records are hollow and off the line, and the legend says so.
    @Test func daysWithFewRecordsAreMarkedInTheDailyTrend() throws {
        let (dir, html) = try Self.renderReport()
        defer { dir.remove() }
        let run = try Chromium.run(["--dump-dom", html.absoluteString], in: dir)
        let dom = run.stdout
        #expect(dom.contains("<circle class=\"net few\""), "no hollow point")
        #expect(dom.contains("fewer than 5 records (not on the line)"), "the legend does not say so")
        #expect(dom.contains("<circle class=\"net\""), "days with enough records keep their filled point")
    }

    @Test func aScreenshotShowsThePage() throws {
        let (dir, html) = try Self.renderReport()
        defer { dir.remove() }
        let png = dir.url.appendingPathComponent("report.png")
        let run = try Chromium.run(["--window-size=1280,2400", "--hide-scrollbars", "--screenshot=\(png.path)", html.absoluteString], in: dir)
        #expect(run.consoleMessages.isEmpty, "\(run.consoleMessages)")
        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(data.count > 50_000, "a nearly empty screenshot (\(data.count) bytes)")
    }

    /// The `data-v` values of one scorecard column, in row order, from a dumped DOM.
    static func column(_ key: String, of dom: String) -> [String] {
        guard let start = dom.range(of: "<table id=\"scorecard\""), let end = dom.range(of: "</table>", range: start.upperBound..<dom.endIndex),
              let head = dom.range(of: "</thead>", range: start.upperBound..<end.lowerBound) else { return [] }
        let header = dom[start.upperBound..<head.lowerBound].components(separatedBy: "<th ")
        guard let col = header.dropFirst().firstIndex(where: { $0.hasPrefix("data-key=\"\(key)\"") }).map({ $0 - 1 }) else { return [] }
        let rows = dom[head.upperBound..<end.lowerBound].components(separatedBy: "<tr").dropFirst()
        return rows.compactMap { row in
            let cells = row.components(separatedBy: "data-v=\"").dropFirst()
            guard col < cells.count else { return nil }
            return String(cells[cells.index(cells.startIndex, offsetBy: col)].prefix { $0 != "\"" })
        }
    }
}

/// Headless Chromium, run with a time limit and its console captured.
enum Chromium {
    struct Run {
        var stdout: String
        /// Messages the page wrote to the console (errors, uncaught exceptions, CSP refusals).
        var consoleMessages: [String]
    }

    static func executable() throws -> URL {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        Issue.record("chromium is not installed, so report.html cannot be checked in a browser. Install it with `scripts/ensure-deps.sh --browser` (as root: apt-get install chromium), or run `make test`, which does.")
        throw CancellationError()
    }

    static func run(_ arguments: [String], in dir: TemporaryFolder, timeout: TimeInterval = 120) throws -> Run {
        let p = Process()
        p.executableURL = try executable()
        let profile = dir.url.appendingPathComponent("chromium-profile-\(UUID().uuidString)")
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                       "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0"] + arguments
        let out = dir.url.appendingPathComponent("chromium-\(UUID().uuidString).out")
        let err = dir.url.appendingPathComponent("chromium-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            Issue.record("chromium did not finish within \(Int(timeout)) s: \(arguments)")
        }
        let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        #expect(p.terminationStatus == 0, "chromium exited with \(p.terminationStatus): \(stderr.suffix(2000))")
        let console = stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }.map(String.init)
        return Run(stdout: stdout, consoleMessages: console)
    }
}

extension URL {
    /// The URL, after creating its parent folder.
    fileprivate func creatingParent() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
