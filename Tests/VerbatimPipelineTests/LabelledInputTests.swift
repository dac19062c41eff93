import Foundation
import Testing
import VerbatimAnalysis
import VerbatimCore
import VerbatimIngest
import VerbatimTestSupport
@testable import VerbatimPipeline

/// How `verbatim learn` reads its inputs: labelled files as editors save them, and rated exports in
/// every format a run reads.
@Suite("Learning inputs")
struct LabelledInputTests {
    static let aliases = LoadedResources.loadCollectingIssues(lexicons: RepoPaths.lexicons, referencedFrom: "test").aliases

    static func labels(_ input: LabelledInput) throws -> [SentimentLabel] {
        var found: [SentimentLabel] = []
        _ = try input.forEach(aliases: aliases, ratings: RatingLabels()) { label, _ in found.append(label) }
        return found
    }

    @Test func aLabelledFileSavedWithAByteOrderMarkIsStillALabelledFile() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let url = folder.write("labels.tsv", [0xEF, 0xBB, 0xBF] + Array("pos\tÇok güzel\r\nneg\tBerbat\r\n".utf8))
        let input = try LabelledInput(url: url)
        #expect(input.kind == .labelled)
        #expect(try Self.labels(input) == [.positive, .negative])
    }

    @Test func aLabelledFileSavedAsUTF16IsRefusedWithWhatToDo() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let units = Array("pos\tÇok güzel\n".utf16)
        let url = folder.write("labels.tsv", [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect {
            _ = try LabelledInput(url: url)
        } throws: { error in
            error.localizedDescription.contains("labels.tsv: a labelled file must be UTF-8 text, and this one is UTF-16") && error.localizedDescription.contains("save it as UTF-8")
        }
    }

    @Test func aLabelledLineLongerThanATextMayBeIsRefusedWithItsLine() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let url = folder.write("labels.tsv", "pos\tÇok güzel\nneg\t" + String(repeating: "k", count: 5_000_000) + "\n")
        #expect(throws: LearnError.lineTooLong(file: url.path, line: 2, bytes: 5_000_004, limit: 4 << 20)) {
            _ = try Self.labels(try LabelledInput(url: url))
        }
    }

    /// A rated export is read as a run reads it, so a workbook or a gzipped CSV gives its ratings as labels
    /// (these fixtures hold two 4–5 star and one 1–2 star rating each).
    @Test(arguments: ["libreoffice_tr_2026-11-21.xlsx", "daily_tr_2026-11-21.csv.gz"])
    func ratedExportsInAnyFormatARunReadsGiveTheirRatingsAsLabels(_ name: String) throws {
        let input = try LabelledInput(url: RepoPaths.testData.appendingPathComponent("formats/\(name)"))
        #expect(input.kind == .ratedExport)
        let labels = try Self.labels(input)
        #expect(labels.filter { $0 == .positive }.count == 2 && labels.filter { $0 == .negative }.count == 1, "\(labels)")
    }

    @Test func aFileThatIsNotAnExportIsRefusedWithItsReason() throws {
        let input = try LabelledInput(url: RepoPaths.testData.appendingPathComponent("formats/haftalik_rapor.pdf"))
        #expect {
            _ = try Self.labels(input)
        } throws: { error in
            error.localizedDescription.contains("haftalik_rapor.pdf: not an export: it looks like a PDF document")
        }
    }
}
