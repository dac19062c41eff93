import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimPipeline

@Suite("Report, locale and roster options", .serialized)
struct ReportOptionsTests {
    func parse(_ yaml: String) throws -> PipelineConfiguration {
        try PipelineConfiguration.parse(yaml: yaml, file: "p.yaml")
    }

    func message(_ yaml: String) -> String {
        do { _ = try parse(yaml); return "" } catch { return "\(error)" }
    }

    @Test func localeAndTopVerbatimsAreValidated() throws {
        let c = try parse("input: x\nlocale: kk\naggregate:\n  top_verbatims: 5\n")
        #expect(c.locale == .kk)
        #expect(c.verbatimLimit == 5)
        #expect(try parse("input: x\n").locale == .en)
        #expect(message("input: x\nlocale: de\n").contains("p.yaml:2: locale is 'de'; expected one of en, tr, kk, mn, sr"))
        #expect(message("input: x\naggregate:\n  top_verbatims: 500\n").contains("p.yaml:3"))
        #expect(message("input: x\nreports: [report.pdf]\n").contains("expected one of summary.json, records.csv"))
    }

    @Test func aRosterNeedsItsStageAndTheStageNeedsARoster() throws {
        let roster = RepoPaths.fixtures.appendingPathComponent("roster.tsv").path
        let implicit = try parse("input: x\nroster: \(roster)\n")
        #expect(implicit.stages.map(\.use) == ["normalize", "language", "employee_mentions", "sentiment", "themes"])

        #expect(message("input: x\nroster: no/such/roster.tsv\n").contains("p.yaml:2: roster is 'no/such/roster.tsv'; expected a roster file"))
        #expect(message("input: x\nstages: [normalize, language, employee_mentions, sentiment]\n")
            .contains("'employee_mentions' needs a roster"))
        #expect(message("input: x\nroster: \(roster)\nstages: [normalize, language, sentiment]\n")
            .contains("p.yaml:2: roster: a roster is set but no stage uses it"))
        #expect(message("input: x\nroster: \(roster)\nstages: [normalize, employee_mentions, language]\n")
            .contains("'employee_mentions' needs a 'language' stage enabled before it"))
        let off = try parse("input: x\nroster: \(roster)\nstages: [normalize, language, {use: employee_mentions, enabled: false}]\n")
        #expect(off.stages.filter(\.enabled).map(\.use) == ["normalize", "language"])
    }

    @Test func rosterAndStringErrorsAreReportedWithFileAndLine() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let roster = dir.write("roster.tsv", "1\tAyşe Yılmaz\tAyşe\n2\tAyşe Kaya\tAyşe\n")
        let c = try parse("input: x\nlexicons: \(RepoPaths.lexicons.path)\nroster: \(roster.path)\nreports: [report.html]\n")
        let issues = LoadedResources.loadCollectingIssues(c).issues.filter(\.isError).map(\.description)
        #expect(issues == ["\(roster.path) line 2: 'Ayşe' is already a name or alias of Ayşe Yılmaz (line 1); a mention must point at one employee"])
        #expect(throws: ConfigurationError.self) { try LoadedResources.load(c) }
    }

    @Test func aMissingLexiconFolderIsOneIssueNotOnePerFile() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let missing = dir.url.appendingPathComponent("no-lexicons")
        let c = try parse("input: x\nlexicons: \(missing.path)\nreports: [report.html]\npii: mask\n")
        #expect(LoadedResources.loadCollectingIssues(c).issues.map(\.description) == ["p.yaml: the lexicon folder '\(missing.path)' does not exist"])
        let file = dir.write("lexicons", "not a folder")
        #expect(LoadedResources.loadCollectingIssues(lexicons: file, referencedFrom: "--lexicons").issues.map(\.description)
            == ["--lexicons: the lexicon folder '\(file.path)' is a file, not a folder"])
        #expect(LoadedResources.loadCollectingIssues(lexicons: RepoPaths.lexicons, referencedFrom: "--lexicons").issues.filter(\.isError).isEmpty)
    }

    /// Every type that conforms to `RecordStage` in `Sources/` is registered (STYLE: an explicit registry).
    @Test func everyStageFileIsInTheRegistry() throws {
        let sources = RepoPaths.root.appendingPathComponent("Sources")
        var stageTypes: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains(": RecordStage {") {
                let words = line.split(separator: " ")
                if let k = words.firstIndex(of: "struct") ?? words.firstIndex(of: "class") {
                    stageTypes.append(String(words[k + 1].dropLast()))
                }
            }
        }
        #expect(stageTypes.count >= 5)
        #expect(Set(stageTypes) == Set(StageRegistry.entries.map(\.typeName)))
    }

    @Test func aRunWithARosterWritesEveryReport() throws {
        let input = TemporaryFolder(), out = TemporaryFolder()
        defer { input.remove(); out.remove() }
        input.write("social.xml", """
            <rss><channel>
            <item><guid>s1</guid><pubDate>Sat, 21 Nov 2026 09:12:00 +0300</pubDate><description>Ayşe Hanım'a çok teşekkürler, çok sabırlı ve kibardı.</description></item>
            <item><guid>s2</guid><pubDate>Sat, 21 Nov 2026 10:12:00 +0300</pubDate><description>Emre Bey ile Ayşe Hanım arasında gidip geldim, berbat.</description></item>
            <item><guid>s3</guid><pubDate>Fri, 20 Nov 2026 10:12:00 +0300</pubDate><description>&lt;script&gt;alert(1)&lt;/script&gt; " onmouseover=alert(1) rezalet</description></item>
            </channel></rss>
            """)
        let roster = input.write("../roster-\(UUID().uuidString).tsv", "TR-1\tAyşe Yılmaz\tAyşe|Ayşe Hanım\ttr\nTR-2\tEmre Şahin\tEmre Bey\ttr\n")
        defer { try? FileManager.default.removeItem(at: roster) }
        let yaml = "input: \(input.url.path)\nlexicons: \(RepoPaths.lexicons.path)\nroster: \(roster.path)\nlocale: tr\nstore: none\n"
        let config = try PipelineConfiguration.parse(yaml: yaml, file: "test.yaml")
        _ = try PipelineRunner(config: config, resources: try LoadedResources.load(config)).run(.init(out: out.url.appendingPathComponent("r"), asOf: "2026-11-21"))
        for name in PipelineConfiguration.knownReports { #expect(out.read("r/\(name)") != nil, "\(name) missing") }
        let records = try #require(out.read("r/records.csv"))
        #expect(records.contains("s1,social.xml,2,2026-11-21T09:12:00+03:00,Ayşe Yılmaz,"))
        #expect(records.contains("s2,social.xml,3,2026-11-21T10:12:00+03:00,,"), "two employees named: left unassigned")
        let summary = try #require(out.read("r/summary.json"))
        #expect(summary.contains("\"employee_mention\": \"Ayşe Hanım'a\""))
        let html = try #require(out.read("r/report.html"))
        #expect(html.contains("<html lang=\"tr\">") && html.contains("Temsilci karnesi"))
        #expect(!html.contains("<script>alert(1)") && !html.contains("\" onmouseover"))
        let employees = try #require(out.read("r/employees.csv"))
        #expect(employees.contains("\r\nAyşe Yılmaz,,too few responses,1,1,"))
    }
}
