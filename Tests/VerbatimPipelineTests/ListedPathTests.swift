import Foundation
import Testing
import VerbatimTestSupport
@testable import VerbatimPipeline

/// Paths as `verbatim list` prints them and `--files-from` reads them back.
struct ListedPathTests {
    @Test(arguments: ["anket_İzmir 2026.csv", "сауалнама/қоңырау.csv", "a\nb.csv", "c\td,\"e\".csv", "back\\slash.csv", "nel\u{85}.csv",
                      "sep\u{2028}.csv", "bell\u{7}.csv", "\"quoted\".csv"])
    func everyPathComesBackAsItWas(_ path: String) {
        let line = ListedPath.quote(path)
        #expect(!line.contains(where: { $0.isNewline }), "one line: \(line.debugDescription)")
        #expect(!line.contains("\t"))
        #expect(ListedPath.unquote(line) == path)
        #expect(PipelineRunner.listedPath("42\t" + line) == path)
    }

    @Test func ordinaryPathsAreWrittenAsTheyAre() {
        for path in ["anket_İzmir 2026.csv", "сауалнама/қоңырау.csv", "sr/ćirilica.xml"] { #expect(ListedPath.quote(path) == path) }
        #expect(ListedPath.quote("a\nb.csv") == "\"a\\nb.csv\"")
        #expect(ListedPath.quote("nel\u{85}.csv") == "\"nel\\u0085.csv\"")
    }

    @Test func aTypedLineThatIsNoValidQuotingIsTakenAsWritten() {
        for line in ["\"", "\"a\"b\"", "\"a\\q\"", "\"a\\x4\"", "\"end\\\""] { #expect(ListedPath.unquote(line) == line) }
    }

    /// A file whose name holds a line break or a TAB is listed on one line and found again by `--files-from`.
    @Test func namesWithLineBreaksAndTabsGoThroughListAndFilesFrom() throws {
        let input = TemporaryFolder(), work = TemporaryFolder()
        defer { input.remove(); work.remove() }
        input.write("a\nb.csv", "id,text\n1,Harika bir hizmet\n")
        input.write("c\td.csv", "id,text\n2,Berbat bir hizmet\n")
        input.write("plain.csv", "id,text\n3,Teşekkürler\n")
        // As `verbatim list` prints them and `--files-from` reads them: lines of one text.
        let printed = try InputListing.lines(input: input.url).joined(separator: "\n") + "\n"
        let lines = printed.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let yaml = "input: \(input.url.path)\noutput: \(work.url.path)/out\nlexicons: \(RepoPaths.lexicons.path)\nstore: none\n"
        let config = try PipelineConfiguration.parse(yaml: yaml, file: "test.yaml")
        let runner = PipelineRunner(config: config, resources: try LoadedResources.load(config))
        let outcome = try runner.writePartial(.init(input: input.url, asOf: "2026-11-21", filesFrom: lines, partial: work.url.appendingPathComponent("p.partial")))
        #expect(outcome.files == 3)
        #expect(outcome.accepted == 3)
    }
}
