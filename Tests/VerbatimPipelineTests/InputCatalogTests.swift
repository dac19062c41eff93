import Foundation
import Testing
import VerbatimTestSupport
@testable import VerbatimPipeline

/// What the catalog makes of a folder's entries: files are read, everything else is listed with why.
@Suite("Input catalog")
struct InputCatalogTests {
    @Test func entriesThatAreNotFilesAreListedWithWhyAndNeverRead() throws {
        let folder = TemporaryFolder("verbatim-catalog")
        defer { folder.remove() }
        folder.write("anket.csv", "id,text\n1,Harika\n")
        folder.write("nested/cagri.csv", "id,text\n2,Kötü\n")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: folder.url.appendingPathComponent("link.csv").path, withDestinationPath: "anket.csv")
        try fm.createSymbolicLink(atPath: folder.url.appendingPathComponent("gone.csv").path, withDestinationPath: "/no/such/export.csv")
        try fm.createSymbolicLink(atPath: folder.url.appendingPathComponent("loop").path, withDestinationPath: folder.url.path)
        #expect(mkfifo(folder.url.appendingPathComponent("pipe.csv").path, 0o600) == 0)

        let inventory = try InputCatalog.inventory(of: folder.url)

        #expect(inventory.files.map(\.name) == ["anket.csv", "link.csv", "nested/cagri.csv"])
        let reasons = Dictionary(uniqueKeysWithValues: inventory.skipped.map { ($0.name, $0.reason) })
        #expect(inventory.skipped.map(\.name) == ["gone.csv", "loop", "pipe.csv"], "sorted by name, like the files")
        #expect(reasons["gone.csv"] == "a link to a file that does not exist (/no/such/export.csv)")
        #expect(reasons["loop"]?.hasPrefix("a link to a folder: not followed") == true)
        #expect(reasons["pipe.csv"]?.hasPrefix("not a regular file (a named pipe") == true)
    }

    /// A name in a code page (unzipped from a Windows archive: `ı` as the byte FD of windows-1254) cannot be
    /// opened through the decoded name; it is listed with its bytes and what to do, not as a named pipe.
    @Test func aFileWhoseNameIsNotUTF8IsListedWithItsBytesAndWhatToDo() throws {
        let folder = TemporaryFolder("verbatim-catalog")
        defer { folder.remove() }
        folder.write("anket.csv", "id,text\n1,Harika\n")
        let path = Array(folder.url.path.utf8) + Array("/anket_".utf8) + [0xFD] + Array("zmir.csv".utf8) + [0]
        let file = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { fopen($0.baseAddress!, "w") } }
        try #require(file != nil)
        fputs("id,text\n2,Kötü\n", file)
        fclose(file)

        let inventory = try InputCatalog.inventory(of: folder.url)

        #expect(inventory.files.map(\.name) == ["anket.csv"])
        #expect(inventory.skipped.count == 1)
        let reason = inventory.skipped.first?.reason ?? ""
        #expect(reason.hasPrefix("its name is not UTF-8 ('anket_\\xFDzmir.csv', in a code page"), "\(reason)")
        #expect(reason.contains("convmv"))
    }

    @Test func theSummaryLineTellsFilesSeenBeforeFromFilesThatAreNotExports() {
        var outcome = PipelineRunner.Outcome(folder: URL(fileURLWithPath: "/tmp/r"), files: [], accepted: 5, rejected: 1, filesRejected: 0, seconds: 0.5)
        outcome.filesSeenBefore = 2
        outcome.filesNotExports = 1
        #expect(outcome.filesSkipped == 3)
        #expect(PipelineRunner.summaryLine(outcome) == "5 records accepted, 1 rejected, from 0 files (2 skipped, seen before, 1 not an export) in 0.50 s")
        outcome.filesSeenBefore = 0
        outcome.filesNotExports = 3
        #expect(PipelineRunner.summaryLine(outcome) == "5 records accepted, 1 rejected, from 0 files (3 not exports) in 0.50 s")
    }
}
