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

    /// Excel's "Unicode Text" is UTF-16; Notepad on Turkish Windows saves windows-1254. Either is read in
    /// its encoding, as an export is, and said so; before, UTF-16 was refused and windows-1254 was read as
    /// UTF-8, every Turkish letter a U+FFFD (`Çok` never matched `çok`).
    @Test func aLabelledFileSavedInUTF16OrACodePageIsReadInItsEncoding() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let text = "pos\tÇok güzel, teşekkürler\nneg\tİşlem yapılmadı\n"
        let units = Array(text.utf16)
        let utf16 = folder.write("unicode.txt", [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let cp1254 = folder.write("notepad.tsv", Array("pos\t\u{C7}ok g\u{FC}zel, te\u{FE}ekk\u{FC}rler\nneg\t\u{DD}\u{FE}lem yap\u{FD}lmad\u{FD}\n".unicodeScalars.map { UInt8($0.value) }))
        for (url, encoding) in [(utf16, "utf-16le"), (cp1254, "windows-1254")] {
            let input = try LabelledInput(url: url)
            #expect(input.kind == .labelled)
            var texts: [String] = []
            let aside = try input.forEach(aliases: Self.aliases, ratings: RatingLabels()) { _, text in texts.append(text) }
            #expect(texts == ["Çok güzel, teşekkürler", "İşlem yapılmadı"], "\(url.lastPathComponent)")
            #expect(aside.encodings.count == 1 && aside.encodings[0].contains("as \(encoding)"), "\(aside.encodings)")
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

    /// A labelled line with bytes that are not UTF-8 is not learned from with them replaced: it is set
    /// aside with its line and where it goes wrong, as an export's row would be, and the others are read.
    @Test func aLabelledLineThatIsNotUTF8IsSetAsideWithItsLine() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let url = folder.write("labels.tsv", Array("pos\tÇok güzel\nneg\tk".utf8) + [0xF6, 0x74, 0xFC] + Array("\nneg\tİşlem yapılmadı\n".utf8))
        var texts: [String] = []
        let aside = try LabelledInput(url: url).forEach(aliases: Self.aliases, ratings: RatingLabels()) { _, text in texts.append(text) }
        #expect(texts == ["Çok güzel", "İşlem yapılmadı"])
        #expect(aside.rejected == ["\(url.path) line 2: bytes that are not valid utf-8 (F6 at byte 6)"])
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
