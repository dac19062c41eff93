import Foundation
import Testing
@testable import VerbatimPipeline
import VerbatimTestSupport

/// `verbatim check`'s comparison of a run's reports with the pinned ones.
struct FixtureCheckTests {
    /// An expected folder and an actual one, each with the files given.
    /// The suite's scratch folder, removed when the test process exits (each call makes a folder inside it).
    static let scratch = TemporaryFolder("fixture-check").removedAtExit()

    func folders(expected: [String: Data], actual: [String: Data]) throws -> (FixtureCheck, URL) {
        let root = Self.scratch.url.appendingPathComponent(UUID().uuidString)
        for (folder, files) in [("expected", expected), ("actual", actual)] {
            let dir = root.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (name, data) in files { try data.write(to: dir.appendingPathComponent(name)) }
        }
        return (FixtureCheck(expected: root.appendingPathComponent("expected")), root.appendingPathComponent("actual"))
    }

    @Test func aChangedLineIsShownAsAUnifiedDiff() throws {
        let (check, actual) = try folders(expected: ["themes.csv": Data("theme,n\nwait,3\n".utf8)],
                                          actual: ["themes.csv": Data("theme,n\nwait,4\n".utf8)])
        let differences = check.compare(actual: actual, files: ["themes.csv"])
        #expect(differences.map(\.file) == ["themes.csv"])
        #expect(differences[0].detail.contains("-wait,3") && differences[0].detail.contains("+wait,4"))
    }

    /// The CSV reports begin with a byte-order mark: both sides keep it, so the diff shows the changed row only.
    @Test func aChangedRowOfAFileWithAByteOrderMarkIsTheWholeDiff() throws {
        let (check, actual) = try folders(expected: ["rejects.csv": Data("\u{FEFF}file,reason\na.csv,old reason\nb.csv,same\n".utf8)],
                                          actual: ["rejects.csv": Data("\u{FEFF}file,reason\na.csv,new reason\nb.csv,same\n".utf8)])
        let detail = check.compare(actual: actual, files: ["rejects.csv"]).first?.detail ?? ""
        #expect(detail.contains("-a.csv,old reason") && detail.contains("+a.csv,new reason"), "\(detail)")
        #expect(!detail.contains("-\u{FEFF}file") && !detail.contains("-file,reason"), "the header is the same on both sides: \(detail)")
    }

    @Test func identicalAndAbsentFilesAreNoDifference() throws {
        let same = Data("a\n".utf8)
        let (check, actual) = try folders(expected: ["a.csv": same], actual: ["a.csv": same])
        #expect(check.compare(actual: actual, files: ["a.csv", "never-written.md"]).isEmpty)
    }

    @Test func anExpectedFileThatIsNotTextIsSaidSoNotDiffed() throws {
        var binary = Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE])
        binary.append(contentsOf: (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        let (check, actual) = try folders(expected: ["report.md": binary, "summary.json": Data([0x7B, 0xC3, 0x28, 0x7D])],
                                          actual: ["report.md": Data("# Report\n".utf8), "summary.json": Data("{}\n".utf8)])
        let differences = check.compare(actual: actual, files: ["report.md", "summary.json"])
        #expect(differences.count == 2)
        for d in differences {
            #expect(d.detail.contains("is not UTF-8 text (\(d.file == "report.md" ? binary.count : 4) bytes)"), "\(d.detail)")
            #expect(d.detail.contains("verbatim check --update"))
            #expect(!d.detail.contains("@@"))
        }
    }

    @Test func aMissingPinAndAMissingReportAreNamed() throws {
        let (check, actual) = try folders(expected: ["old.csv": Data("x\n".utf8)], actual: ["new.csv": Data("y\n".utf8)])
        let details = Dictionary(uniqueKeysWithValues: check.compare(actual: actual, files: ["old.csv", "new.csv"]).map { ($0.file, $0.detail) })
        #expect(details["new.csv"]?.hasPrefix("not pinned:") == true)
        #expect(details["old.csv"] == "the run did not write old.csv")
    }
}
