import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// Inputs the fuzzers once crashed or hung on, replayed under every variant a fuzzer reads with.
///
/// Each file in `Tests/Data/ingest/regressions/` is named `csv-…`, `xml-…` or `input-…` after the
/// fuzzer that found it (see `Tests/Fuzz/README.md`). A clean outcome: no crash, done in
/// seconds, and every invariant of `ReadOutcome` kept.
@Suite("Fuzzer regressions")
struct RegressionInputTests {
    static let folder = RepoPaths.testData.appendingPathComponent("ingest/regressions")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func thereAreRegressionInputs() {
        #expect(Self.files.contains { $0.hasPrefix("csv-") } || Self.files.contains { $0.hasPrefix("xml-") })
        #expect(Self.files.allSatisfy { $0.hasPrefix("csv-") || $0.hasPrefix("xml-") || $0.hasPrefix("input-") }, "name each file after its fuzzer")
    }

    @Test(arguments: files)
    func replaysCleanly(_ file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(file)))
        let dir = TemporaryFolder()
        defer { dir.remove() }
        if file.hasPrefix("input-") {
            // As the input fuzzer wrote it: a file without an extension, read by what its content is
            // (`anEntryThatEndsEarlyDoesNotHangTheRead` reads it again and again).
            let url = dir.write("input", bytes)
            let reader = InputReader(aliases: bundledAliases) { _ in SourceOptions() }
            let t = seconds { _ = reader.read(url: url, name: "input") { _ in } }
            #expect(t < 10, "\(file) took \(t) s")
        } else if file.hasPrefix("xml-") {
            let url = dir.write("input.xml", bytes)
            for options in FuzzVariants.xml {
                var outcome = ReadOutcome()
                let t = seconds { outcome = readFile(url, options: options) }
                #expect(outcome.problems() == [], "\(file) with \(options)")
                #expect(t < 5, "\(file) took \(t) s")
            }
        } else {
            for (ext, options) in FuzzVariants.csv {
                let url = dir.write("input.\(ext)", bytes)
                var outcome = ReadOutcome()
                let t = seconds { outcome = readFile(url, options: options) }
                #expect(outcome.problems() == [], "\(file) as .\(ext) with \(options)")
                #expect(t < 5, "\(file) took \(t) s")
            }
        }
    }

    /// A damaged workbook whose entry's compressed data ends before its deflate stream: ZIPFoundation
    /// read the end of the file for ever, so a reader that waited for that entry's next chunk, or for its
    /// extracting thread to return, hung (5 runs in 8); then a 60 s wait and a thread left spinning.
    /// libzip, pulled by the reader, says at once that the data ends early; every run gives the same outcome.
    @Test func anEntryThatEndsEarlyIsRejectedAtOnce() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("input-zip-entry-ends-early")))
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let url = dir.write("input", bytes)
        var outcomes: Set<String> = []
        for _ in 0..<6 {
            var outcome = ReadOutcome()
            let reader = InputReader(aliases: bundledAliases) { _ in SourceOptions() }
            let t = seconds { outcome.summary = reader.read(url: url, name: "input") { outcome.add($0) } }
            #expect(t < 2, "took \(t) s")
            outcomes.insert("\(outcome.summary.format) \(outcome.summary.fileError ?? "")")
        }
        #expect(outcomes.count == 1, "\(outcomes)")
        #expect(outcomes.first == "zip input: not a readable ZIP archive: its ZIP directory does not match its contents (a damaged file)", "\(outcomes)")
    }

    /// The first crash: an encoding error raised outside libxml2's parser context came with
    /// line 0 and column 0 (and was printed on stderr). It must carry a real position.
    @Test func conversionErrorHasAPosition() throws {
        let outcome = readFile(Self.folder.appendingPathComponent("xml-conversion-error-at-line-0.xml"))
        let reject = try #require(outcome.rejects.last)
        #expect(reject.wholeFile)
        #expect(reject.provenance.line >= 1)
        #expect((reject.provenance.column ?? 0) >= 1)
        #expect(outcome.summary.fileError?.contains("line 0") == false)
    }
}
