import Foundation
import Testing
import VerbatimTestSupport
@testable import VerbatimPipeline

@Suite("Pipeline runs end to end", .serialized)
struct PipelineRunnerTests {
    static let csv = """
        Yanıt No;Tarih;Temsilci;Kanal;Puan;Yorum
        TR-1;21.11.2026 09:14;Ayşe Yılmaz;Telefon;5;Çok ilgili ve kibar, teşekkürler
        TR-2;21.11.2026 09:20;Ayşe Yılmaz;Telefon;1
        TR-3;21.11.2026 09:30;Mehmet Demir;Telefon;2;Hiç yardımcı olmadı, berbat

        """
    static let truncatedXML = "<rss><channel><item><guid>x1</guid><description>Harika</description></item><item><guid>x2</guid><description>yarım"

    func makeRun(_ input: TemporaryFolder) throws -> PipelineRunner {
        // No history store here: these tests are about one run (NightlyRunTests covers the store).
        let yaml = "input: \(input.url.path)\noutput: \(input.url.path)/../out\nlexicons: \(RepoPaths.lexicons.path)\nstore: none\n"
        let config = try PipelineConfiguration.parse(yaml: yaml, file: "test.yaml")
        return PipelineRunner(config: config, resources: try LoadedResources.load(config))
    }

    @Test func badRowAndTruncatedXMLAreRejectedAndTheRunCompletes() throws {
        let input = TemporaryFolder(), out = TemporaryFolder()
        defer { input.remove(); out.remove() }
        input.write("survey.csv", Self.csv)
        input.write("social.xml", Self.truncatedXML)
        let outcome = try makeRun(input).run(.init(out: out.url.appendingPathComponent("r"), asOf: "2026-11-21"))
        #expect(outcome.accepted == 3, "the CSV's two good rows and the XML's whole record before the cut")
        #expect(outcome.filesRejected == 0, "a cut-off file that gave a record is processed, with its error")
        let rejects = try #require(out.read("r/rejects.csv"))
        #expect(rejects.contains("survey.csv,3,,\"5 fields, header has 6\""))
        #expect(rejects.contains("social.xml,1,"))
        #expect(rejects.contains("malformed XML"))
        let records = try #require(out.read("r/records.csv"))
        #expect(records.contains("TR-1,survey.csv,2,2026-11-21T09:14:00,Ayşe Yılmaz,Phone,tr,5,,positive"))
        #expect(records.contains("x1,social.xml"), "the record whole before the cut is read")
        #expect(!records.contains("x2"), "the one cut off is not")
        let summary = try #require(out.read("r/summary.json"))
        #expect(summary.contains("\"schema_version\": 2"))
        #expect(summary.contains("\"employee\": \"Mehmet Demir\""))
    }

    /// A response with a rating and no comment is a row of `records.csv` in its file's place, with its
    /// ratings and no sentiment, so that a sheet's CSAT over the rows is the report's. Held no longer than a
    /// batch: a survey whose respondents mostly skip the comment (here 2,500 of them, two batches and a
    /// half) keeps every row, in order.
    @Test func ratingsWithoutTextAreRowsInTheirPlace() throws {
        let input = TemporaryFolder(), out = TemporaryFolder()
        defer { input.remove(); out.remove() }
        var csv = "Yanıt No;Tarih;Temsilci;Kanal;Puan;Yorum\n"
        for k in 0..<2_600 {
            let comment = k % 100 == 0 ? "Çok ilgili ve kibar, teşekkürler" : ""
            csv += "R-\(k);21.11.2026;Ayşe Yılmaz;Telefon;\(k % 5 + 1);\(comment)\n"
        }
        input.write("survey.csv", csv)
        let outcome = try makeRun(input).run(.init(out: out.url.appendingPathComponent("r"), asOf: "2026-11-21"))
        #expect(outcome.accepted == 26)
        let rows = try #require(out.read("r/records.csv")).components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(rows.map { $0.components(separatedBy: ",")[0] } == (0..<2_600).map { "R-\($0)" }, "every response once, in the file's order")
        #expect(rows[1] == "R-1,survey.csv,3,2026-11-21,Ayşe Yılmaz,Phone,,2,,,,,,", "no language, sentiment, themes, evidence or text")
        #expect(rows[100].hasPrefix("R-100,survey.csv,102,2026-11-21,Ayşe Yılmaz,Phone,tr,1,,positive,"))
        // CSAT over the rows' csat column, as a sheet would count it, is the report's.
        let satisfied = rows.filter { Int($0.components(separatedBy: ",")[7])! >= 4 }.count
        let summary = try #require(out.read("r/summary.json"))
        #expect(summary.contains("\"csat_responses\": 2600") && summary.contains("\"csat_percent\": \(Double(satisfied) / 26.0)"), "\(satisfied)")
    }

    @Test func sameInputsGiveByteIdenticalOutputs() throws {
        let input = TemporaryFolder(), out = TemporaryFolder()
        defer { input.remove(); out.remove() }
        input.write("survey.csv", Self.csv)
        input.write("b/second.csv", "comment\nsuper\n")
        let runner = try makeRun(input)
        _ = try runner.run(.init(out: out.url.appendingPathComponent("a"), asOf: "2026-11-21", jobs: 1))
        _ = try runner.run(.init(out: out.url.appendingPathComponent("b"), asOf: "2026-11-21", jobs: 4))
        for name in PipelineConfiguration.knownReports {
            let a = try #require(out.read("a/\(name)")), b = try #require(out.read("b/\(name)"))
            #expect(a == b, "\(name) differs between runs")
        }
    }

    @Test func oneLargeFileSplitOverWorkersGivesTheSameOutputsAsOneWorker() throws {
        let input = TemporaryFolder(), out = TemporaryFolder()
        defer { input.remove(); out.remove() }
        // More records than one batch, so that batches are split over workers and a partial batch ends the file.
        let comments = ["Çok ilgili ve kibar, teşekkürler", "Hiç yardımcı olmadı, berbat", "Кезек өте ұзақ болды", "Ljubazna i stručna 👍",
                        "Үйлчилгээ муу байсан", "Beklediğimden HIZLI çözüldü!!!", "nije mi pomogao", "жақсы емес"]
        var csv = "id;date;employee;rating;comment\n"
        let count = PipelineRunner.batchSize * 2 + 137
        for k in 0..<count { csv += "R\(k);21.11.2026;E\(k % 7);\(1 + k % 5);\(comments[k % comments.count]) \(k)\n" }
        input.write("large.csv", csv)
        let runner = try makeRun(input)
        let one = try runner.run(.init(out: out.url.appendingPathComponent("a"), asOf: "2026-11-21", jobs: 1))
        let many = try runner.run(.init(out: out.url.appendingPathComponent("b"), asOf: "2026-11-21", jobs: 4))
        #expect(one.accepted == count && many.accepted == count)
        for name in PipelineConfiguration.knownReports {
            let a = try #require(out.read("a/\(name)")), b = try #require(out.read("b/\(name)"))
            #expect(a == b, "\(name) differs between 1 and 4 workers")
        }
        let records = try #require(out.read("b/records.csv")).split(whereSeparator: \.isNewline)
        #expect(records.count == count + 1)
        #expect(records[1].hasPrefix("R0,") && records[count].hasPrefix("R\(count - 1),"), "records stay in file order")
    }

    /// A text too short to identify takes its file's language when two thirds of the file is in one,
    /// the same on one worker and on several (the batch is split over them, and the waiting texts too);
    /// in a file with no clear majority it stays undetermined. A Russian text in a Kazakh file keeps
    /// its language and is scored with the Russian words of the Kazakh lexicon.
    @Test func anUndeterminedTextTakesItsFilesLanguage() throws {
        let input = TemporaryFolder(), out = TemporaryFolder()
        defer { input.remove(); out.remove() }
        let serbian = ["Operaterka je bila veoma ljubazna", "Nije mi pomogao, loša usluga", "Čekala sam dugo na vezu", "Hvala, problem je rešen brzo"]
        var csv = "id;comment\n"
        for k in 0..<400 { csv += "S\(k);" + (k % 3 == 0 ? "super film" : serbian[k % serbian.count]) + "\n" }
        input.write("serbian.csv", csv)
        input.write("kazakh.csv", "id;comment\nK1;Оператор өте сыпайы болды\nK2;Жеткізу кешікті\nK3;Қызмет маған ұнады\n"
                    + "K4;Ақша қайтарылмады\nK5;Рахмет, бәрі жақсы\nK6;Приложение не работает уже третий день\n")
        input.write("mixed.csv", "id;comment\nM1;Operatör çok ilgiliydi\nM2;Kargo geç geldi\nM3;Hiç yardımcı olmadılar\n"
                    + "M4;Nije mi pomogao, loša usluga\nM5;Čekala sam dugo na vezu\nM6;Hvala, problem je rešen brzo\nM7;super film\n")
        let runner = try makeRun(input)
        _ = try runner.run(.init(out: out.url.appendingPathComponent("a"), asOf: "2026-11-21", jobs: 1))
        _ = try runner.run(.init(out: out.url.appendingPathComponent("b"), asOf: "2026-11-21", jobs: 4))
        let records = try #require(out.read("b/records.csv"))
        #expect(records == out.read("a/records.csv"), "the same on one worker and on four")
        let rows = records.split(whereSeparator: \.isNewline).map(String.init)
        let shortIDs = Set(stride(from: 0, to: 400, by: 3).map { "S\($0)" })
        let short = rows.filter { shortIDs.contains(String($0.prefix { $0 != "," })) }
        #expect(short.count == shortIDs.count)
        #expect(short.allSatisfy { $0.contains(",sr,") && $0.contains(",positive,") }, "\(short.prefix(2))")
        let m7 = try #require(rows.first { $0.hasPrefix("M7,") })
        #expect(m7.contains(",und,"), "\(m7)")
        let k6 = try #require(rows.first { $0.hasPrefix("K6,") })
        #expect(k6.contains(",ru,") && k6.contains(",negative,"), "a Russian text in a Kazakh file is scored: \(k6)")
    }

    @Test func aFailedRunLeavesThePreviousReportsUntouched() throws {
        let input = TemporaryFolder(), out = TemporaryFolder()
        defer { input.remove(); out.remove() }
        input.write("survey.csv", Self.csv)
        let runner = try makeRun(input)
        let target = out.url.appendingPathComponent("r")
        _ = try runner.run(.init(out: target, asOf: "2026-11-21"))
        let before = try #require(out.read("r/summary.json"))
        #expect(throws: RunError.self) {
            try runner.run(.init(input: out.url.appendingPathComponent("missing"), out: target, asOf: "2026-11-21"))
        }
        #expect(out.read("r/summary.json") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.url.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no staging folders are left behind: \(leftovers)")
    }

    /// A run replaces its reports folder whole: a folder that holds anything else, a file, or a place inside
    /// the input is refused before a report is written, and left as it was.
    @Test func reportsNeverReplaceAFolderOfOtherFilesAFileOrTheInput() throws {
        let input = TemporaryFolder(), out = TemporaryFolder()
        defer { input.remove(); out.remove() }
        input.write("survey.csv", Self.csv)
        out.write("documents/thesis.txt", "chapter one")
        out.write("notes.txt", "keep me")
        let runner = try makeRun(input)
        func refusal(_ target: URL) -> String {
            do { _ = try runner.run(.init(out: target, asOf: "2026-11-21")) } catch { return "\(error)" }
            return "no error"
        }
        let documents = refusal(out.url.appendingPathComponent("documents"))
        #expect(documents.contains("it holds 'thesis.txt', which no run wrote"), "\(documents)")
        #expect(out.read("documents/thesis.txt") == "chapter one")
        #expect(refusal(out.url.appendingPathComponent("notes.txt")).contains("it is a file, not a folder"))
        #expect(out.read("notes.txt") == "keep me")
        #expect(refusal(input.url).contains("it is the input folder, whose next run would read the reports as exports"))
        #expect(refusal(input.url.appendingPathComponent("reports")).contains("it is inside the input folder"))
        #expect(input.read("survey.csv") == Self.csv)
        #expect(!FileManager.default.fileExists(atPath: input.url.appendingPathComponent("reports").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.url.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no staging folders are left behind: \(leftovers)")
    }

    /// An earlier run's reports, an empty folder, and a reports folder with an office program's lock file
    /// beside an open report are replaced.
    @Test func reportsReplaceEarlierReportsAndEmptyFolders() throws {
        let input = TemporaryFolder(), out = TemporaryFolder()
        defer { input.remove(); out.remove() }
        input.write("survey.csv", Self.csv)
        let runner = try makeRun(input)
        let target = out.url.appendingPathComponent("r")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        _ = try runner.run(.init(out: target, asOf: "2026-11-21"))
        out.write("r/.~lock.records.csv#", "lock")
        out.write("r/~$employees.csv", "lock")
        out.write("r/.DS_Store", "")
        _ = try runner.run(.init(out: target, asOf: "2026-11-21"))
        #expect(out.read("r/summary.json") != nil)
        #expect(!OutputFolder.isOwn("thesis.txt") && !OutputFolder.isOwn(".~lock.thesis.txt#") && !OutputFolder.isOwn(".git"))
    }

    /// `latest` is a link the runs replace; a folder or file of that name that someone made is left as it
    /// is, and the run says that `latest` does not show the newest reports.
    @Test func aLatestThatIsNotALinkIsLeftAndSaidSo() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        #expect(OutputFolder.pointLatest(root: root.url, at: "2026-11-20") == nil)
        #expect(OutputFolder.pointLatest(root: root.url, at: "2026-11-21") == nil)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root.url.appendingPathComponent("latest").path) == "2026-11-21")
        try FileManager.default.removeItem(at: root.url.appendingPathComponent("latest"))
        root.write("latest/mine.txt", "keep")
        let problem = OutputFolder.pointLatest(root: root.url, at: "2026-11-22")
        #expect(problem?.contains("latest is a folder, not a link: left as it is, so it does not show the newest reports (2026-11-22)") == true,
                "\(problem ?? "nil")")
        #expect(root.read("latest/mine.txt") == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.url.path).sorted() == ["latest"], "no temporary link is left")
    }

    /// A roster is read in the encoding it was saved in, as exports are: Excel on Turkish Windows saves
    /// windows-1254, and "Unicode text" is UTF-16 with a byte-order mark.
    @Test(arguments: ["windows-1254", "utf-16le"])
    func aRosterSavedInACodePageOrUTF16NamesItsEmployees(_ encoding: String) throws {
        let input = TemporaryFolder(), out = TemporaryFolder()
        defer { input.remove(); out.remove() }
        input.write("survey.csv", "id,text\n1,Ayşe Hanım çok yardımcı oldu\n")
        let roster = "id\tname\taliases\tlanguages\nTR-1\tAyşe Yılmaz\tAyşe Hanım\ttr\n"
        let bytes: [UInt8] = encoding == "utf-16le"
            ? [0xFF, 0xFE] + roster.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            : roster.unicodeScalars.map { ["ş": 0xFE, "ı": 0xFD][$0] ?? UInt8($0.value) }
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the roster is not UTF-8")
        let rosterFile = out.write("roster.tsv", bytes)
        let yaml = "input: \(input.url.path)\nlexicons: \(RepoPaths.lexicons.path)\nroster: \(rosterFile.path)\nstore: none\n"
            + "stages: [normalize, language, employee_mentions, sentiment, themes]\nreports: [records.csv]\n"
        let config = try PipelineConfiguration.parse(yaml: yaml, file: "test.yaml")
        let runner = PipelineRunner(config: config, resources: try LoadedResources.load(config))
        _ = try runner.run(.init(out: out.url.appendingPathComponent("r"), asOf: "2026-11-21"))
        #expect(out.read("r/records.csv")?.contains(",Ayşe Yılmaz,") == true, "\(out.read("r/records.csv") ?? "")")
    }

    @Test func nightlyRunsWriteADatedFolderAndPointLatestAtIt() throws {
        let input = TemporaryFolder(), root = TemporaryFolder()
        defer { input.remove(); root.remove() }
        input.write("survey.csv", Self.csv)
        let yaml = "input: \(input.url.path)\noutput: \(root.url.path)\nlexicons: \(RepoPaths.lexicons.path)\nstore: \(root.url.path)/h.sqlite\n"
        let config = try PipelineConfiguration.parse(yaml: yaml, file: "test.yaml")
        let outcome = try PipelineRunner(config: config, resources: try LoadedResources.load(config)).run(.init(asOf: "2026-11-20"))
        #expect(outcome.folder.lastPathComponent == "2026-11-20")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: root.url.appendingPathComponent("latest").path)
        #expect(link == "2026-11-20")
        #expect(root.read("latest/report.md")?.contains("Ayşe Yılmaz") == true)
    }
}
