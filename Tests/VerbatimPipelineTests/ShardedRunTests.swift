import Foundation
import Testing
import VerbatimStore
import VerbatimTestSupport
@testable import VerbatimPipeline

/// A run sharded N ways and merged writes the reports of one run, byte for
/// byte (`manifest.json` aside), and the same history store; partials that
/// do not belong together are refused.
@Suite("Sharded runs merge into the reports of one run", .serialized)
struct ShardedRunTests {
    static let asOf = "2026-11-21"

    /// The bundled fixtures, plus two overlapping exports of one source (kept as facts in partials).
    static func inputFolder() -> TemporaryFolder {
        let input = TemporaryFolder("verbatim-shard-input")
        let fixtures = RepoPaths.fixtures.appendingPathComponent("exports")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [] {
            input.write(name, [UInt8](FileManager.default.contents(atPath: fixtures.appendingPathComponent(name).path)!))
        }
        input.write("overlap/svc_2026-11-20.csv", Self.olderExport)
        input.write("overlap/svc_2026-11-21.csv", Self.laterExport)
        return input
    }

    static let olderExport = """
        id;date;employee;rating;comment
        S-1;19.11.2026;Ayşe Yılmaz;1;Berbat, kimse yardımcı olmadı
        S-2;19.11.2026;Mehmet Demir;2;Çok uzun bekledim, rezalet
        S-3;20.11.2026;Ayşe Yılmaz;5;Harika, çok teşekkürler

        """
    static let laterExport = """
        id;date;employee;rating;comment
        S-1;19.11.2026;Ayşe Yılmaz;5;Sorun çözüldü, çok kibardı, teşekkürler
        S-2;19.11.2026;Mehmet Demir;4;Sonunda yardımcı oldu, memnunum
        S-3;20.11.2026;Ayşe Yılmaz;5;Harika, çok teşekkürler
        S-4;21.11.2026;Mehmet Demir;1;Hiç ilgilenmedi, berbat

        """

    /// The pipeline files of `runner(minResponses:)`, one per setting: the runner reads its file again
    /// (for the configuration's digest), so they stay until the tests exit.
    static let pipelines = TemporaryFolder("verbatim-shard-pipeline").removedAtExit()

    static func runner(minResponses: Int = 5) throws -> PipelineRunner {
        let yaml = """
            name: shard-test
            input: \(RepoPaths.fixtures.path)/exports
            output: /tmp/verbatim-shard-unused
            lexicons: \(RepoPaths.lexicons.path)
            roster: \(RepoPaths.fixtures.path)/roster.tsv
            locale: en
            stages: [{use: normalize}, {use: language}, {use: employee_mentions}, {use: sentiment}, {use: themes}]
            aggregate: {min_responses: \(minResponses)}
            trends: {period_days: 3}

            """
        let file = Self.pipelines.write("pipeline-\(minResponses).yaml", yaml)
        let config = try PipelineConfiguration.load(path: file.path)
        return PipelineRunner(config: config, resources: try LoadedResources.load(config))
    }

    /// Runs shards `0..<n` into `dir` (partial per shard).
    static func shards(_ runner: PipelineRunner, input: URL, n: Int, into dir: URL) throws {
        for i in 0..<n {
            _ = try runner.writePartial(.init(input: input, asOf: asOf, jobs: 2, shard: .init(index: i, count: n),
                                              partial: dir.appendingPathComponent("shard-\(i).partial")))
        }
    }

    static func expectSameReports(_ a: URL, _ b: URL, _ label: String) throws {
        for name in PipelineConfiguration.knownReports {
            let x = FileManager.default.contents(atPath: a.appendingPathComponent(name).path)
            let y = FileManager.default.contents(atPath: b.appendingPathComponent(name).path)
            #expect(x != nil && x == y, "\(name) differs: \(label)")
        }
    }

    @Test(arguments: [1, 3, 7, 25])
    func shardedAndMergedEqualsOneRun(shards n: Int) throws {
        let input = Self.inputFolder(), work = TemporaryFolder()
        defer { input.remove(); work.remove() }
        let runner = try Self.runner()
        let one = work.url.appendingPathComponent("one"), merged = work.url.appendingPathComponent("merged")
        let single = try runner.run(.init(input: input.url, out: one, asOf: Self.asOf, store: .at(work.url.appendingPathComponent("a.sqlite"))))
        let partials = work.url.appendingPathComponent("partials")
        try Self.shards(runner, input: input.url, n: n, into: partials)
        let outcome = try runner.merge(.init(partials: [partials], out: merged, store: .at(work.url.appendingPathComponent("b.sqlite"))))
        #expect(n < 25 || n > single.files.count, "the last case has more shards than files")
        #expect(outcome.accepted == single.accepted && outcome.accepted > 0)
        #expect(outcome.duplicatesFolded == 3 && single.duplicatesFolded == 3)
        try Self.expectSameReports(one, merged, "\(n) shards")
        let storeA = try HistoryStore.open(at: work.url.appendingPathComponent("a.sqlite")).canonicalContents()
        let storeB = try HistoryStore.open(at: work.url.appendingPathComponent("b.sqlite")).canonicalContents()
        #expect(storeA == storeB, "the merge records the same history as the single run")
        let manifest = try #require(work.read("merged/manifest.json"))
        #expect(manifest.contains("\"merged_partials\""))
        #expect(manifest.contains("\"shard\": \"\(n - 1)/\(n)\""))
    }

    @Test func filesFromListsBalancedBySizeGiveTheSameReports() throws {
        let input = Self.inputFolder(), work = TemporaryFolder()
        defer { input.remove(); work.remove() }
        let runner = try Self.runner()
        _ = try runner.run(.init(input: input.url, out: work.url.appendingPathComponent("one"), asOf: Self.asOf, store: .disabled))
        // Largest first, each file to the lighter of two lists, as the Spark driver does.
        let listed = try InputListing.lines(input: input.url)
        var lists: [[String]] = [[], []], weight = [0, 0]
        for line in listed.sorted(by: { Int($0.split(separator: "\t")[0])! > Int($1.split(separator: "\t")[0])! }) {
            let k = weight[0] <= weight[1] ? 0 : 1
            lists[k].append(line)
            weight[k] += Int(line.split(separator: "\t")[0])!
        }
        for k in 0..<2 {
            _ = try runner.writePartial(.init(input: input.url, asOf: Self.asOf, shard: .init(index: k, count: 2), filesFrom: lists[k],
                                              partial: work.url.appendingPathComponent("p/\(k).partial")))
        }
        _ = try runner.merge(.init(partials: [work.url.appendingPathComponent("p")], out: work.url.appendingPathComponent("merged"), store: .disabled))
        try Self.expectSameReports(work.url.appendingPathComponent("one"), work.url.appendingPathComponent("merged"), "files-from")
    }

    /// The refusal of `merge` for the partials in `names` (under `dir`).
    static func refusal(_ runner: PipelineRunner, _ paths: [URL], out: URL) -> PartialError? {
        do {
            _ = try runner.merge(.init(partials: paths, out: out, store: .disabled))
            return nil
        } catch {
            if case let .partial(e) = error { return e }
            return nil
        }
    }

    @Test func partialsThatDoNotBelongTogetherAreRefused() throws {
        let input = Self.inputFolder(), work = TemporaryFolder()
        defer { input.remove(); work.remove() }
        let runner = try Self.runner()
        let three = work.url.appendingPathComponent("three")
        try Self.shards(runner, input: input.url, n: 3, into: three)
        let p = { (i: Int) in three.appendingPathComponent("shard-\(i).partial") }
        let out = work.url.appendingPathComponent("out")

        #expect(Self.refusal(runner, [p(0), p(2)], out: out) == .shardMissing(index: 1, count: 3))
        #expect(Self.refusal(runner, [p(0), p(1), p(1), p(2)], out: out) == .shardTwice(index: 1, count: 3, path: p(1).path, otherPath: p(1).path))

        let two = work.url.appendingPathComponent("two")
        try Self.shards(runner, input: input.url, n: 2, into: two)
        #expect(Self.refusal(runner, [p(0), p(1), p(2), two.appendingPathComponent("shard-0.partial")], out: out)
            == .differentShardCounts(path: two.appendingPathComponent("shard-0.partial").path, count: 2, otherPath: p(0).path, otherCount: 3))

        // Another pipeline file (a different min_responses) makes partials the merge's pipeline refuses.
        let other = try Self.runner(minResponses: 3)
        let foreign = work.url.appendingPathComponent("foreign")
        try Self.shards(other, input: input.url, n: 3, into: foreign)
        let refused = Self.refusal(runner, [foreign], out: out)
        guard case let .differentPipeline(path, what, _, _) = refused else {
            Issue.record("partials of another pipeline were not refused: \(String(describing: refused))")
            return
        }
        #expect(path == foreign.appendingPathComponent("shard-0.partial").path && what.contains("pipeline file"))
        #expect(refused!.description.contains("run every shard and the merge with the same pipeline file"))

        // The same file in two unlabelled partials.
        let names = try InputListing.lines(input: input.url)
        _ = try runner.writePartial(.init(input: input.url, asOf: Self.asOf, filesFrom: Array(names[0..<3]), partial: work.url.appendingPathComponent("u/a")))
        _ = try runner.writePartial(.init(input: input.url, asOf: Self.asOf, filesFrom: Array(names[2...]), partial: work.url.appendingPathComponent("u/b")))
        let twice = Self.refusal(runner, [work.url.appendingPathComponent("u")], out: out)
        #expect(twice == .fileInTwoPartials(file: RunPartial.listedPathForTest(names[2]), path: work.url.appendingPathComponent("u/b").path,
                                            otherPath: work.url.appendingPathComponent("u/a").path))
        #expect(!FileManager.default.fileExists(atPath: out.path), "a refused merge writes no reports")
    }

    /// The partial of the whole of `input` in one shard, written to `work/p.partial`.
    static func onePartial(_ runner: PipelineRunner, input: TemporaryFolder, work: TemporaryFolder) throws -> URL {
        let p = work.url.appendingPathComponent("p.partial")
        _ = try runner.writePartial(.init(input: input.url, asOf: asOf, partial: p))
        return p
    }

    @Test func aTruncatedPartialIsRefusedAsIncomplete() throws {
        let input = Self.inputFolder(), work = TemporaryFolder()
        defer { input.remove(); work.remove() }
        let runner = try Self.runner()
        let p = try Self.onePartial(runner, input: input, work: work)
        let bytes = try Data(contentsOf: p)
        try bytes.prefix(bytes.count * 2 / 3).write(to: p)
        #expect(Self.refusal(runner, [p], out: work.url.appendingPathComponent("out")) == .incomplete(path: p.path))
    }

    /// A partial's lines, with each keyed file's `A` line (its own tallies) left out when `dropKeyedTallies`.
    static func partialLines(_ url: URL, dropKeyedTallies: Bool) throws -> [String] {
        var keyed = false
        var out: [String] = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("F ") { keyed = line.contains("\"keyed\":true") }
            if dropKeyedTallies, keyed, line.hasPrefix("A ") { continue }
            out.append(line)
        }
        return out
    }

    /// A file whose source has other exports carries its own tallies too: the merge adds them up as they
    /// are when no later export replaces any of its records, and rebuilds them from its facts otherwise
    /// (or when a partial has none). Both ways give the same reports.
    @Test func keyedFilesTalliesGiveTheSameReportsAsTheirFacts() throws {
        let input = Self.inputFolder(), work = TemporaryFolder()
        defer { input.remove(); work.remove() }
        let runner = try Self.runner()
        let p = try Self.onePartial(runner, input: input, work: work), bare = work.url.appendingPathComponent("bare.partial")
        let withTallies = try Self.partialLines(p, dropKeyedTallies: false)
        let without = try Self.partialLines(p, dropKeyedTallies: true)
        #expect(withTallies.count - without.count == 2, "both overlapping exports have their tallies in the partial")
        try without.joined(separator: "\n").write(to: bare, atomically: true, encoding: .utf8)
        let a = try runner.merge(.init(partials: [p], out: work.url.appendingPathComponent("a"), store: .disabled))
        let b = try runner.merge(.init(partials: [bare], out: work.url.appendingPathComponent("b"), store: .disabled))
        #expect(a.duplicatesFolded == 3 && b.duplicatesFolded == 3)
        try Self.expectSameReports(work.url.appendingPathComponent("a"), work.url.appendingPathComponent("b"), "tallies and facts")
    }

    /// Only a later export replaces a record: an id given twice in one export, and nowhere later, is
    /// counted twice (the folding's first pass finds repeated ids by hash; the second decides on the text).
    @Test func anIdRepeatedWithinOneExportIsNotFolded() throws {
        let both = TemporaryFolder(), work = TemporaryFolder()
        defer { both.remove(); work.remove() }
        both.write("svc_2026-11-20.csv", Self.olderExport + "S-9;20.11.2026;Ayşe Yılmaz;5;Harika\nS-9;20.11.2026;Ayşe Yılmaz;5;Harika\n")
        both.write("svc_2026-11-21.csv", Self.laterExport)
        let runner = try Self.runner()
        let b = try runner.run(.init(input: both.url, out: work.url.appendingPathComponent("both"), asOf: Self.asOf, store: .disabled))
        #expect(b.accepted == 6 && b.duplicatesFolded == 3)
    }

    /// A fact (`K`) belongs to a file kept as facts; in any other file the partial is damaged.
    @Test func factsInAFileKeptAsTalliesAreADamagedPartial() throws {
        var plain = 0
        let (refused, p) = try Self.refusalOfEditedPartial { lines in
            let fact = try #require(lines.first { $0.hasPrefix("K ") })
            plain = try #require(lines.firstIndex { $0.hasPrefix("F ") && $0.contains("\"keyed\":false") })
            lines.insert(fact, at: plain + 1)
        }
        #expect(refused == .damaged(path: p.path, line: plain + 2, reason: "facts of a file kept as tallies"))
    }

    /// What the merge says of the one partial of the whole input folder, once `edit` has changed its lines
    /// (all kept, a keyed file's tallies too), and where the partial is.
    static func refusalOfEditedPartial(_ edit: (inout [String]) throws -> Void) throws -> (PartialError?, URL) {
        let input = Self.inputFolder(), work = TemporaryFolder()
        defer { input.remove(); work.remove() }
        let runner = try Self.runner()
        let p = try Self.onePartial(runner, input: input, work: work)
        var lines = try Self.partialLines(p, dropKeyedTallies: false)
        try edit(&lines)
        try lines.joined(separator: "\n").write(to: p, atomically: true, encoding: .utf8)
        return (Self.refusal(runner, [p], out: work.url.appendingPathComponent("out")), p)
    }

    /// A keyed file's facts and rows are read side by side, each fact giving its row's length: when a
    /// later export replaces some of its records, rows that do not add up to its facts are found, not
    /// written as they fall.
    @Test func rowsThatDoNotMatchTheirFactsAreFound() throws {
        let (refused, _) = try Self.refusalOfEditedPartial { lines in
            let older = try #require(lines.firstIndex { $0.hasPrefix("F ") && $0.contains("svc_2026-11-20.csv") })
            let rows = try #require(lines[older...].firstIndex { $0.hasPrefix("R ") })
            lines[rows] = "R " + lines[rows].dropFirst(2).dropFirst(5)
        }
        guard case let .unreadable(_, reason)? = refused else {
            Issue.record("expected the merge to refuse the rows, got \(String(describing: refused))")
            return
        }
        #expect(reason.contains("cannot rebuild overlap/svc_2026-11-20.csv") && reason.contains("the rows end before this record's row"))
    }

    @Test func overlappingExportsGiveTheSameTablesAsOneExport() throws {
        let one = TemporaryFolder(), both = TemporaryFolder(), work = TemporaryFolder()
        defer { one.remove(); both.remove(); work.remove() }
        one.write("svc_2026-11-21.csv", Self.laterExport)
        both.write("svc_2026-11-20.csv", Self.olderExport)
        both.write("svc_2026-11-21.csv", Self.laterExport)
        let runner = try Self.runner()
        let a = try runner.run(.init(input: one.url, out: work.url.appendingPathComponent("one"), asOf: Self.asOf, store: .disabled))
        let b = try runner.run(.init(input: both.url, out: work.url.appendingPathComponent("both"), asOf: Self.asOf, store: .disabled))
        #expect(a.accepted == 4 && b.accepted == 4, "each record counted once")
        #expect(b.duplicatesFolded == 3 && a.duplicatesFolded == 0)
        for name in ["employees.csv", "themes.csv", "employee_themes.csv", "records.csv"] {
            #expect(work.read("one/\(name)") == work.read("both/\(name)"), "\(name) differs")
        }
        let manifest = try #require(work.read("both/manifest.json"))
        #expect(manifest.contains("\"duplicates_folded\": 3"))
        // The same across shards: the older export in one shard, the later one in another.
        let partials = work.url.appendingPathComponent("p")
        try Self.shards(runner, input: both.url, n: 2, into: partials)
        _ = try runner.merge(.init(partials: [partials], out: work.url.appendingPathComponent("merged"), store: .disabled))
        try Self.expectSameReports(work.url.appendingPathComponent("both"), work.url.appendingPathComponent("merged"), "overlap over 2 shards")
    }
}

extension ShardedRunTests {
    /// Rated responses without text in two overlapping exports of one source: each id counts once, the
    /// later export's copy (S-5 gained a comment, S-6 is in both), in one run and over shards alike.
    @Test func ratedResponsesOfOverlappingExportsCountOnce() throws {
        let older = """
            id;date;employee;rating;comment
            S-1;19.11.2026;Ayşe Yılmaz;1;Berbat, kimse yardımcı olmadı
            S-5;19.11.2026;Ayşe Yılmaz;2;
            S-6;20.11.2026;Mehmet Demir;5;

            """
        let later = """
            id;date;employee;rating;comment
            S-1;19.11.2026;Ayşe Yılmaz;1;Berbat, kimse yardımcı olmadı
            S-5;19.11.2026;Ayşe Yılmaz;4;Sonunda çözüldü, teşekkürler
            S-6;20.11.2026;Mehmet Demir;5;
            S-7;21.11.2026;Mehmet Demir;1;

            """
        try Self.overlappingExports(older: older, later: later, label: "rated over 2 shards") { a, b, work in
            #expect(a.accepted == 2 && b.accepted == 2)
            #expect(b.duplicatesFolded == 3, "S-1, S-5 and S-6 of the older export")
            for name in ["employees.csv", "themes.csv", "records.csv"] {
                #expect(work.read("one/\(name)") == work.read("both/\(name)"), "\(name) differs")
            }
            let employees = try #require(work.read("both/employees.csv"))
            // Mehmet has no comment: his CSAT is over his two ratings, and he has no sentiment.
            #expect(employees.contains("Mehmet Demir,,too few responses,0,0,0,0,,,,,,,,,,3.00,50.0,,0,2,0"), "\(employees)")
            #expect(employees.contains("Ayşe Yılmaz,,too few responses,2,1,0,1,"), "\(employees)")
            let summary = try #require(work.read("both/summary.json"))
            #expect(summary.contains("\"rated_without_text\": 4"), "the files' own counts, as read (2 + 2); duplicates_folded says how many the older gave up")
            // The rated responses are rows too, the later export's only: S-6 once, from svc_2026-11-21.csv.
            let records = try #require(work.read("both/records.csv"))
            #expect(records.components(separatedBy: "\r\n").filter { $0.hasPrefix("S-6,") } == ["S-6,svc_2026-11-21.csv,4,2026-11-20,Mehmet Demir,,,5,,,,,,"])
            #expect(records.contains("S-7,svc_2026-11-21.csv,5,2026-11-21,Mehmet Demir,,,1,,,,,,"))
        }
    }

    /// A survey's CSAT and NPS both travel through overlapping exports, partials and shards: one run of
    /// the later export, both exports folded, and both over two shards give the same reports, with the
    /// NPS column's 3 a detractor.
    @Test func bothRatingsOfASurveyFoldAndMergeAlike() throws {
        let older = "id;date;employee;CSAT;NPS;comment\nS-1;19.11.2026;Ayşe Yılmaz;2;3;Berbat, kimse yardımcı olmadı\nS-2;19.11.2026;Ayşe Yılmaz;4;;\n"
        let later = older + "S-3;20.11.2026;Mehmet Demir;;10;Harika, çok teşekkürler\nS-4;21.11.2026;Mehmet Demir;5;9;\n"
        try Self.overlappingExports(older: older, later: later, label: "both ratings over 2 shards") { _, b, work in
            #expect(b.duplicatesFolded == 2)
            for name in ["employees.csv", "records.csv"] {
                #expect(work.read("one/\(name)") == work.read("both/\(name)"), "\(name) differs")
            }
            let summary = try #require(work.read("both/summary.json"))
            // CSAT 2, 4, 5: one of three dissatisfied, two satisfied; NPS 3, 10, 9: (2 − 1) / 3.
            #expect(summary.contains("\"csat_percent\": 66.7") && summary.contains("\"csat_responses\": 3"), "\(summary.prefix(3000))")
            #expect(summary.contains("\"nps\": 33.3") && summary.contains("\"nps_responses\": 3"), "\(summary.prefix(3000))")
            #expect(work.read("both/records.csv")?.contains("S-1,svc_2026-11-21.csv,2,2026-11-19,Ayşe Yılmaz,,tr,2,3,negative") == true)
        }
    }

    /// Two exports of one source, `older` and `later`: `later` alone is run into `one`, both into
    /// `both`, and both over two shards merged into `merged`, which must give `both`'s reports
    /// (`label` names the case). `check` looks at the first two runs and their reports in `work`.
    static func overlappingExports(
        older: String, later: String, label: String,
        check: (_ one: PipelineRunner.Outcome, _ both: PipelineRunner.Outcome, _ work: TemporaryFolder) throws -> Void
    ) throws {
        let one = TemporaryFolder(), both = TemporaryFolder(), work = TemporaryFolder()
        defer { one.remove(); both.remove(); work.remove() }
        one.write("svc_2026-11-21.csv", later)
        both.write("svc_2026-11-20.csv", older)
        both.write("svc_2026-11-21.csv", later)
        let runner = try runner()
        let a = try runner.run(.init(input: one.url, out: work.url.appendingPathComponent("one"), asOf: asOf, store: .disabled))
        let b = try runner.run(.init(input: both.url, out: work.url.appendingPathComponent("both"), asOf: asOf, store: .disabled))
        try check(a, b, work)
        let partials = work.url.appendingPathComponent("p")
        try shards(runner, input: both.url, n: 2, into: partials)
        _ = try runner.merge(.init(partials: [partials], out: work.url.appendingPathComponent("merged"), store: .disabled))
        try expectSameReports(work.url.appendingPathComponent("both"), work.url.appendingPathComponent("merged"), label)
    }
}

extension RunPartial {
    static func listedPathForTest(_ line: String) -> String { PipelineRunner.listedPath(line) }
}
