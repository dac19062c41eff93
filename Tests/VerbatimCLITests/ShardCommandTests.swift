import Foundation
import Testing
import VerbatimTestSupport

/// The sharding contract through the built binary: `list`, `run --shard
/// --partial`, `merge`, what a killed shard leaves, and the nightly
/// scenario with the store recorded by `merge`.
@Suite("Sharding commands of the binary", .serialized)
struct ShardCommandTests {
    static let pipeline = "pipelines/fixtures.yaml"
    static let exports = RepoPaths.fixtures.appendingPathComponent("exports").path

    @Test func listPrintsSizeAndPathSortedByPathBytes() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        dir.write("b.csv", "comment\nok\n")
        dir.write("a/Z.csv", "comment\nfine\n")
        dir.write("a/a.csv", "comment\n")
        dir.write("notes.pdf", "x")
        let r = try runVerbatim(["list", "--input", dir.url.path])
        #expect(r.status == 0)
        #expect(r.stdout == "13\ta/Z.csv\n8\ta/a.csv\n11\tb.csv\n", "bytes, TAB, path; 'Z' (0x5A) sorts before 'a'")
    }

    @Test func shardsThroughStandardOutputMergeIntoTheReportsOfOneRun() throws {
        let work = TemporaryFolder()
        defer { work.remove() }
        let single = try runVerbatim(["run", "--pipeline", Self.pipeline, "--input", Self.exports, "--out", work.url.appendingPathComponent("one").path,
                                      "--store", work.url.appendingPathComponent("a.sqlite").path, "--quiet"])
        #expect(single.status == 2, "the fixtures hold rejected rows: \(single.stderr)")
        var partials: [String] = []
        for i in 0..<3 {
            let r = try runVerbatim(["run", "--pipeline", Self.pipeline, "--input", Self.exports, "--shard", "\(i)/3", "--partial", "-", "--no-store", "--quiet"])
            #expect(r.status == 0, "a shard with rejected rows still completes: \(r.stderr)")
            #expect(r.stdout.hasPrefix("verbatim-partial 5\n"))
            let path = work.write("p/\(i).partial", r.stdout).path
            partials.append(path)
        }
        let merged = try runVerbatim(["merge", "--pipeline", Self.pipeline, "--out", work.url.appendingPathComponent("merged").path,
                                      "--store", work.url.appendingPathComponent("b.sqlite").path, "--quiet"] + partials)
        #expect(merged.status == 2, "\(merged.stderr)")
        for name in ["summary.json", "records.csv", "rejects.csv", "employees.csv", "themes.csv", "employee_themes.csv", "report.md", "report.html"] {
            #expect(work.read("one/\(name)") != nil && work.read("one/\(name)") == work.read("merged/\(name)"), "\(name) differs")
        }
    }

    @Test func mergeRefusesAMissingShardWithAClearMessageAndWritesNothing() throws {
        let work = TemporaryFolder()
        defer { work.remove() }
        for i in [0, 2] {
            let r = try runVerbatim(["run", "--pipeline", Self.pipeline, "--input", Self.exports, "--shard", "\(i)/3",
                                     "--partial", work.url.appendingPathComponent("p/\(i).partial").path, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let r = try runVerbatim(["merge", "--pipeline", Self.pipeline, "--out", work.url.appendingPathComponent("out").path, "--no-store",
                                 work.url.appendingPathComponent("p").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("shard 1/3 is missing: run `verbatim run --shard 1/3 --partial …` and merge again"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.url.appendingPathComponent("out").path))
    }

    /// `--partial` replaces only a partial: an export named by mistake, or a folder, is refused before the
    /// shard reads anything and left as it was; an earlier partial is replaced.
    @Test func aShardReplacesOnlyAnEarlierPartial() throws {
        let work = TemporaryFolder()
        defer { work.remove() }
        let export = try String(contentsOfFile: Self.exports + "/tr_anket_2026-11-21.csv", encoding: .utf8)
        let keep = work.write("survey.csv", export)
        work.write("partials/keep.txt", "")
        func shard(to path: String) throws -> (status: Int32, stderr: String) {
            let r = try runVerbatim(["run", "--pipeline", Self.pipeline, "--input", Self.exports, "--shard", "0/3", "--partial", path, "--quiet"])
            return (r.status, r.stderr)
        }
        let overExport = try shard(to: keep.path)
        #expect(overExport.status == 1)
        #expect(overExport.stderr.contains("exists and is not a partial (its first line is not 'verbatim-partial 5')"), "\(overExport.stderr)")
        #expect(work.read("survey.csv") == export)
        let overFolder = try shard(to: work.url.appendingPathComponent("partials").path)
        #expect(overFolder.status == 1)
        #expect(overFolder.stderr.contains("is a folder; --partial takes the partial file to write"), "\(overFolder.stderr)")
        let partial = work.url.appendingPathComponent("0.partial").path
        for _ in 0..<2 { #expect(try shard(to: partial).status == 0, "a new partial, then the same one again") }
        #expect(work.read("0.partial")?.hasPrefix("verbatim-partial 5\n") == true)
    }

    /// `merge --out` on the folder of the partials would replace it, partials and all: refused, and they stay.
    @Test func mergeNeverWritesOverItsPartials() throws {
        let work = TemporaryFolder()
        defer { work.remove() }
        let folder = work.url.appendingPathComponent("p")
        for i in 0..<2 {
            let r = try runVerbatim(["run", "--pipeline", Self.pipeline, "--input", Self.exports, "--shard", "\(i)/2",
                                     "--partial", folder.appendingPathComponent("\(i).partial").path, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let r = try runVerbatim(["merge", "--pipeline", Self.pipeline, "--out", folder.path, "--no-store", folder.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("it holds '0.partial' and '1.partial', which no run wrote"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["0.partial", "1.partial"])
    }

    /// A partial that an earlier Verbatim wrote (another format line) is named as such, with what to do.
    @Test func aPartialOfAnotherVersionSaysSo() throws {
        let work = TemporaryFolder()
        defer { work.remove() }
        let old = work.write("0.partial", "verbatim-partial 3\nH {}\nE 0\n").path
        let r = try runVerbatim(["merge", "--pipeline", Self.pipeline, "--out", work.url.appendingPathComponent("out").path, "--no-store", old])
        #expect(r.status == 1)
        #expect(r.stderr.contains("is in another format ('verbatim-partial 3', this merge reads 'verbatim-partial 5')"), "\(r.stderr)")
        #expect(r.stderr.contains("run that shard again with this one"), "\(r.stderr)")
    }

    @Test func aShardKilledWhileWritingLeavesNoPartial() throws {
        let work = TemporaryFolder()
        defer { work.remove() }
        let target = work.url.appendingPathComponent("p/0.partial")
        let p = Process()
        p.executableURL = RepoPaths.binary
        p.arguments = ["run", "--pipeline", Self.pipeline, "--input", Self.exports, "--shard", "0/1", "--partial", target.path, "--quiet"]
        p.currentDirectoryURL = RepoPaths.root
        // The killed shard cannot remove its spool folder: it goes with `work`.
        let tmp = work.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        p.environment = ProcessInfo.processInfo.environment.merging(["VERBATIM_FAILPOINT": "pause-writing-partial", "TMPDIR": tmp.path]) { $1 }
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until the partial is being written (its temporary file has content), then kill the shard.
        let dir = target.deletingLastPathComponent()
        var writing = false
        for _ in 0..<600 where !writing {
            let items = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            writing = items.contains { $0.hasPrefix(".0.partial.tmp-") && ((try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent($0).path)[.size] as? Int) ?? 0) > 0 }
            if !writing { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(writing, "the shard started writing its partial")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: target.path), "a killed shard leaves no partial")
        let visible = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !$0.hasPrefix(".") }
        #expect(visible.isEmpty, "merge of the folder sees nothing: \(visible)")
    }

    @Test func aShardAndACheckLeaveNothingInTheTemporaryFolder() throws {
        let work = TemporaryFolder()
        defer { work.remove() }
        let tmp = work.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let shard = try runVerbatim(["run", "--pipeline", Self.pipeline, "--input", Self.exports, "--shard", "0/2",
                                     "--partial", work.url.appendingPathComponent("p/0.partial").path, "--quiet"], environment: ["TMPDIR": tmp.path])
        #expect(shard.status == 0, "\(shard.stderr)")
        let check = try runVerbatim(["check", "--pipeline", Self.pipeline], environment: ["TMPDIR": tmp.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
        #expect(left.isEmpty, "left in TMPDIR: \(left)")
    }

    @Test func listUnseenLeavesOutFilesTheStoreHasProcessed() throws {
        let work = TemporaryFolder()
        defer { work.remove() }
        work.write("in/a_2026-11-20.csv", "id;comment\nA-1;Harika, teşekkürler\n")
        let store = work.url.appendingPathComponent("h.sqlite").path
        let first = try runVerbatim(["run", "--pipeline", Self.pipeline, "--input", work.url.appendingPathComponent("in").path,
                                     "--out", work.url.appendingPathComponent("r1").path, "--store", store, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        work.write("in/a_2026-11-21.csv", "id;comment\nA-2;Berbat\n")
        let unseen = try runVerbatim(["list", "--pipeline", Self.pipeline, "--input", work.url.appendingPathComponent("in").path, "--unseen", "--store", store])
        #expect(unseen.status == 0, "\(unseen.stderr)")
        #expect(unseen.stdout.hasSuffix("\ta_2026-11-21.csv\n") && !unseen.stdout.contains("a_2026-11-20.csv"), "\(unseen.stdout)")
    }
}
