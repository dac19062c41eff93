import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
import ZIPFoundation
@testable import VerbatimIngest

/// Compressed and archived inputs made at test time: damaged gzip streams, several gzip members,
/// zip bombs, path tricks, workbooks where they cannot be read.
@Suite("Archives and compressed exports")
struct ArchiveInputTests {
    static let csv = Array("id,yorum\n1,Çok hızlı çözdüler.\n2,Hâlâ bekliyorum.\n".utf8)

    /// `bytes` gzipped by the system's gzip (the format tools write).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let url = dir.write("in", bytes)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-n", "-c", url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Array(out)
    }

    /// A ZIP with `entries` (path, bytes), deflated, through ZIPFoundation.
    static func zip(_ entries: [(String, [UInt8])], in dir: TemporaryFolder, name: String = "a.zip") throws -> URL {
        let url = dir.url.appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, bytes) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                Data(bytes[Int(position)..<Int(position) + size])
            }
        }
        return url
    }

    @Test func gzipIsReadAsTheFormatInside() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("daily.csv.gz", try Self.gzip(Self.csv)))
        #expect(o.summary.format == "csv+gzip" && o.records.count == 2 && o.summary.fileError == nil)
    }

    @Test func severalGzipMembersReadAsOneStream() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let second = Array("3,Teşekkürler; sorun kalmadı.\n".utf8)
        let o = readFile(dir.write("two.csv.gz", try Self.gzip(Self.csv) + Self.gzip(second)))
        #expect(o.records.map(\.id) == ["1", "2", "3"])
    }

    @Test func cutOffGzipIsAnErrorNamingTheFile() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let whole = try Self.gzip(Array(repeating: Self.csv, count: 50).joined().map { $0 })
        let o = readFile(dir.write("cut.csv.gz", Array(whole.prefix(whole.count / 2))))
        #expect(o.summary.fileError?.contains("cut.csv.gz: the gzip stream is cut off") == true, "\(o.summary.fileError ?? "")")
        #expect(o.problems() == [])
    }

    @Test func damagedGzipIsAnError() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        var bytes = try Self.gzip(Self.csv)
        for i in 12..<min(30, bytes.count) { bytes[i] = 0xFF }
        let o = readFile(dir.write("bad.csv.gz", bytes))
        #expect(o.summary.fileError?.contains("damaged") == true, "\(o.summary.fileError ?? "")")
    }

    @Test func zipMembersAreReadEntryByEntry() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let xml = Array("<r><item><text>Интернэт тасарлаа.</text></item><item><text>Баярлалаа.</text></item></r>".utf8)
        let url = try Self.zip([("b/mentions.xml", xml), ("a.csv", Self.csv), ("notes/readme.pdf", Array("%PDF-1.4\n".utf8)),
                                ("__MACOSX/._a.csv", [0, 5, 22, 7])], in: dir)
        let o = readFile(url)
        #expect(o.summary.members.map(\.file) == ["a.zip!__MACOSX/._a.csv", "a.zip!a.csv", "a.zip!b/mentions.xml", "a.zip!notes/readme.pdf"])
        #expect(o.summary.members.map { $0.skipReason != nil } == [true, false, false, true])
        #expect(o.records.count == 4 && o.summary.accepted == 4 && o.summary.read == 4)
    }

    /// A cut-off XML entry keeps its whole records, as a cut-off file does, and says where it stops.
    @Test func brokenXMLInsideAZipKeepsItsWholeRecords() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let xml = Array("<r><item><text>Bir.</text></item><item><text>İki.</text></item><item><text>kesik".utf8)
        let o = readFile(try Self.zip([("kesik.xml", xml), ("a.csv", Self.csv)], in: dir))
        #expect(o.records.map(\.text).filter { $0.hasSuffix(".") && $0.count <= 4 } == ["Bir.", "İki."])
        #expect(o.records.count == 4, "the CSV's two and the XML's two whole ones")
        let member = o.summary.members.first { $0.file.hasSuffix("kesik.xml") }
        #expect(member?.fileError?.contains("malformed XML") == true)
        #expect(member?.fileError?.hasSuffix("the 2 records before it were read, nothing after it") == true)
        #expect(o.summary.accepted == 4)
    }

    /// An entry whose compressed data is damaged is rejected with libzip's reason as soon as the reader
    /// meets the damage (no thread waits for it), and the archive's other entries are read.
    @Test func aDamagedEntryIsRejectedAndTheOthersRead() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let rows = (1...2000).map { "\($0),Yorum numarası \($0): bekleme süresi \($0 % 60) dakika sürdü.\n" }.joined()
        let url = try Self.zip([("a.csv", Array(("id,yorum\n" + rows).utf8)), ("b.csv", Self.csv)], in: dir)
        var bytes = try [UInt8](Data(contentsOf: url))
        // a.csv is the first entry: its local header is 30 bytes, its name, its extra field, then the data.
        let dataStart = 30 + Int(bytes[26]) + Int(bytes[27]) << 8 + Int(bytes[28]) + Int(bytes[29]) << 8
        let compressed = Int(bytes[18]) + Int(bytes[19]) << 8 + Int(bytes[20]) << 16
        for k in stride(from: dataStart + compressed / 2, to: dataStart + compressed / 2 + 64, by: 1) { bytes[k] ^= 0x5A }
        let damaged = dir.write("damaged.zip", bytes)
        var o = ReadOutcome()
        let t = seconds { o = readFile(damaged) }
        #expect(t < 2)
        let a = o.summary.members.first { $0.file.hasSuffix("!a.csv") }
        #expect(a?.fileError?.contains("damaged") == true, "\(a?.fileError ?? "")")
        #expect(o.rejects.filter(\.wholeFile).map(\.provenance.file) == ["damaged.zip!a.csv"])
        #expect(o.records.filter { $0.provenance.file.hasSuffix("!b.csv") }.count == 2, "the other entry is read")
    }

    /// An Office or OpenDocument file is known by its parts, whatever its name: a workbook is read, an
    /// Excel binary workbook is rejected with what to do, a document or presentation is skipped; none is
    /// read as an archive of exports (`[Content_Types].xml` was taken for an XML feed and rejected).
    @Test func officePackagesAreKnownByTheirParts() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let types = Array(#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.utf8)
        let xlsb = readFile(try Self.zip([("[Content_Types].xml", types), ("xl/workbook.bin", [0x83, 0x01, 0x00]), ("xl/worksheets/sheet1.bin", [0x81])],
                                         in: dir, name: "rapor.xlsb"))
        #expect(xlsb.summary.format == "xlsb" && xlsb.records.isEmpty)
        #expect(xlsb.summary.fileError == "not a readable spreadsheet: it is an Excel binary workbook (.xlsb), which Verbatim does not read: open it in Excel and save it as .xlsx or CSV")
        let docx = readFile(try Self.zip([("[Content_Types].xml", types), ("word/document.xml", Array("<w:document xmlns:w=\"w\"/>".utf8))], in: dir, name: "notlar.docx"))
        #expect(docx.summary.skipReason == "a Word document, not an export" && docx.rejects.isEmpty)
        let pptx = readFile(try Self.zip([("[Content_Types].xml", types), ("ppt/presentation.xml", Array("<p/>".utf8))], in: dir, name: "sunum.zip"))
        #expect(pptx.summary.skipReason == "a PowerPoint presentation, not an export")
        let odt = readFile(try Self.zip([("mimetype", Array("application/vnd.oasis.opendocument.text".utf8)), ("content.xml", Array("<a><p>x</p><p>y</p></a>".utf8))],
                                        in: dir, name: "belge.zip"))
        #expect(odt.summary.skipReason == "an OpenDocument text document, not an export" && odt.records.isEmpty)
        // A spreadsheet whose mimetype is deflated (not where the sniffer looks for it), under a .zip name, is read.
        let ods = try [UInt8](Data(contentsOf: RepoPaths.testData.appendingPathComponent("formats/calc_sr_2026-11-21.ods")))
        let unpacked = try Self.entries(ofZip: ods)
        let rezipped = readFile(try Self.zip(unpacked, in: dir, name: "tablo.zip"))
        #expect(rezipped.summary.format == "ods" && rezipped.records.count == 3, "\(rezipped.summary.fileError ?? "") \(rezipped.summary.format)")
    }

    /// The entries of a ZIP held in memory, in order, through ZIPFoundation.
    static func entries(ofZip bytes: [UInt8]) throws -> [(String, [UInt8])] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return (entry.path, Array(data))
        }
    }

    /// Windows' "Send to → Compressed folder" writes entry names in the system's OEM code page without
    /// saying so: they are read as their writer meant them (CP857 on a Turkish Windows, CP866 on a Russian
    /// one, CP855 on a Serbian Cyrillic one), not as CP437 (`M³₧teri_Kas╒m.csv`). A UTF-8 name and an ASCII
    /// one stay as they are.
    @Test func entryNamesInAWindowsCodePageAreReadAsWritten() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        // "Müşteri_Kasım.csv" in CP857, "Отзывы.csv" in CP866 and "Анкета.csv" in CP855, written over
        // same-length ASCII placeholders.
        let turkish: [UInt8] = [0x4D, 0x81, 0x9F, 0x74, 0x65, 0x72, 0x69, 0x5F, 0x4B, 0x61, 0x73, 0x8D, 0x6D, 0x2E, 0x63, 0x73, 0x76]
        let russian: [UInt8] = [0x8E, 0xE2, 0xA7, 0xEB, 0xA2, 0xEB, 0x2E, 0x63, 0x73, 0x76]
        let serbian: [UInt8] = [0xA1, 0xD4, 0xC6, 0xA8, 0xE5, 0xA0, 0x2E, 0x63, 0x73, 0x76]
        let placeholders = ["aaaaaaaaaaaaa.csv", "bbbbbb.csv", "cccccc.csv"]
        let url = try Self.zip(placeholders.map { ($0, Self.csv) } + [("düz.csv", Self.csv)], in: dir, name: "oem.zip")
        var bytes = try [UInt8](Data(contentsOf: url))
        for (placeholder, raw) in Swift.zip(placeholders, [turkish, russian, serbian]) {
            let p = Array(placeholder.utf8)
            var k = 0, replaced = 0
            while k + p.count <= bytes.count {
                if Array(bytes[k..<(k + p.count)]) == p {
                    bytes.replaceSubrange(k..<(k + p.count), with: raw)
                    replaced += 1
                    // Not flagged as UTF-8 (ZIPFoundation flags every name): the name stands at 30 bytes into a
                    // local header, whose flags are at 6, and at 46 into a central one, whose flags are at 8.
                    if k >= 30, bytes[(k - 30)..<(k - 26)].elementsEqual([0x50, 0x4B, 0x03, 0x04]) { bytes[k - 30 + 7] &= ~0x08 }
                    if k >= 46, bytes[(k - 46)..<(k - 42)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) { bytes[k - 46 + 9] &= ~0x08 }
                }
                k += 1
            }
            #expect(replaced == 2, "the local header and the central directory")
        }
        let o = readFile(dir.write("oem.zip", bytes))
        #expect(o.summary.members.map(\.file) == ["oem.zip!Müşteri_Kasım.csv", "oem.zip!düz.csv", "oem.zip!Анкета.csv", "oem.zip!Отзывы.csv"])
        #expect(o.records.count == 8, "\(o.summary.fileError ?? "")")
    }

    /// A workbook or an archive cut short (a download or a copy that stopped) has no ZIP directory at its
    /// end: the reason says so, and what to check, in plain words rather than libzip's "not a zip archive".
    @Test func aWorkbookOrArchiveCutShortSaysSo() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let book = try [UInt8](Data(contentsOf: RepoPaths.testData.appendingPathComponent("formats/msforms_mn_2026-11-21.xlsx")))
        let cut = readFile(dir.write("kesik.xlsx", Array(book.prefix(book.count / 2))))
        #expect(cut.summary.fileError == "not a readable spreadsheet: it is not a readable ZIP archive: it has no ZIP directory at its end, so it is cut short (is the download or copy complete?) or not a ZIP at all")
        let archive = try [UInt8](Data(contentsOf: try Self.zip([("a.csv", Self.csv)], in: dir, name: "whole.zip")))
        let cutArchive = readFile(dir.write("kesik.zip", Array(archive.prefix(archive.count - 30))))
        #expect(cutArchive.summary.fileError?.hasSuffix("not a readable ZIP archive: it has no ZIP directory at its end, so it is cut short (is the download or copy complete?) or not a ZIP at all") == true,
                "\(cutArchive.summary.fileError ?? "")")
    }

    @Test func zipBombsAreRefused() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let zeros = [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20)
        let url = try Self.zip([("bomb.csv", zeros), ("a.csv", Self.csv)], in: dir)
        let o = readFile(url)
        let bomb = o.summary.members.first { $0.file.hasSuffix("bomb.csv") }
        #expect(bomb?.fileError?.contains("expands more than 1000 times") == true, "\(bomb?.fileError ?? "")")
        #expect(o.records.count == 2)
        var small = InputReader(aliases: bundledAliases) { _ in SourceOptions() }
        small.limits.maxEntryBytes = 16
        var outcome = ReadOutcome()
        outcome.summary = small.read(url: url, name: "a.zip") { outcome.add($0) }
        #expect(outcome.summary.members.allSatisfy { $0.fileError?.contains("more than the 16 allowed") == true })
    }

    @Test func pathTricksAreRefused() throws {
        #expect(ArchiveLimits.pathTrick("../../etc/cron.d/x.csv") != nil)
        #expect(ArchiveLimits.pathTrick("/etc/passwd") != nil)
        #expect(ArchiveLimits.pathTrick("C:\\Windows\\x.csv") != nil)
        #expect(ArchiveLimits.pathTrick("exports/2026/a..b.csv") == nil)
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(try Self.zip([("../evil.csv", Self.csv)], in: dir))
        #expect(o.summary.members.first?.fileError?.contains("points outside the archive") == true)
        #expect(o.records.isEmpty)
    }

    @Test func sourcesRulesMatchTheNameAUserSees() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let url = dir.write("daily.csv.gz", try Self.gzip(Self.csv))
        // Only the rule for `daily.csv.gz` names an existing column: any other name would reject the file.
        let reader = InputReader(aliases: bundledAliases) { name in
            SourceOptions(columns: [.text: name == "daily.csv.gz" ? "yorum" : "no such column"])
        }
        var o = ReadOutcome()
        o.summary = reader.read(url: url, name: "daily.csv.gz") { o.add($0) }
        #expect(o.summary.fileError == nil && o.records.count == 2, "\(o.summary.fileError ?? "")")
    }

    @Test func gzipInsideAZipIsRefusedWithAReason() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(try Self.zip([("daily.csv.gz", try Self.gzip(Self.csv)), ("a.csv", Self.csv)], in: dir))
        #expect(o.summary.members.last?.fileError == "a gzip stream inside an archive is not read: unpack it and put it in the export folder")
        #expect(o.records.count == 2)
    }

    /// A legacy workbook cut short, or an Office file of another kind named `.xls`, is rejected with what is wrong.
    @Test func aDamagedLegacyWorkbookIsRefusedWithAReason() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let book = try Array(Data(contentsOf: RepoPaths.testData.appendingPathComponent("formats/legacy_tr_2026-11-21.xls")))
        let cut = readFile(dir.write("cut.xls", Array(book.prefix(3000))))
        #expect(cut.summary.fileError == "not a readable spreadsheet: its Office container is damaged or cut short (is the file complete?)")
        let other = readFile(dir.write("other.xls", Array(book.prefix(512)) + [UInt8](repeating: 0, count: book.count - 512)))
        #expect(other.summary.fileError == "not a readable spreadsheet: it holds no Excel workbook (is it a Word or PowerPoint file named .xls?)")
        #expect(cut.records.isEmpty && other.records.isEmpty)
    }

    /// An OpenDocument spreadsheet is known by its `mimetype` entry, whatever its name; one inside an
    /// archive is not read; one without content.xml, or without the sheet asked for, is refused with why.
    @Test func openDocumentSpreadsheetsByContentAndWhereTheyAreNot() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let ods = try Array(Data(contentsOf: RepoPaths.testData.appendingPathComponent("formats/calc_sr_2026-11-21.ods")))
        let renamed = readFile(dir.write("izvoz.zip", ods))
        #expect(renamed.summary.format == "ods" && renamed.records.count == 3)
        let inside = readFile(try Self.zip([("anketa.ods", ods), ("a.csv", Self.csv)], in: dir, name: "b.zip"))
        #expect(inside.summary.members.first { $0.file.hasSuffix("anketa.ods") }?.fileError
            == "an OpenDocument spreadsheet (.ods) inside an archive is not read: unpack it and put it in the export folder")
        let empty = readFile(try Self.zip([("mimetype", Array(ODSRecordReader.mediaType.utf8))], in: dir, name: "prazno.ods"))
        #expect(empty.summary.fileError == "not a readable spreadsheet: it has no content.xml (is it an OpenDocument spreadsheet?)")
        let missing = readFile(dir.write("anketa.ods", ods), options: SourceOptions(sheet: "Sheet1"))
        #expect(missing.summary.fileError?.contains("the pipeline names sheet 'Sheet1', which is not in the workbook; sheets: 'Odgovori', 'Beleške'") == true,
                "\(missing.summary.fileError ?? "")")
        let broken = readFile(try Self.zip([("mimetype", Array(ODSRecordReader.mediaType.utf8)), ("content.xml", Array("<a>\n  <b></a>".utf8))], in: dir, name: "bozuk.ods"))
        #expect(broken.summary.fileError?.contains("its content.xml is damaged at line 2, column") == true, "\(broken.summary.fileError ?? "")")
        // Saved with a password: the manifest gives content.xml's encryption, and content.xml is ciphertext.
        let manifest = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
             <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
             <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="2048">
              <manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA">
               <manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/>
               <manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/>
              </manifest:encryption-data>
             </manifest:file-entry>
            </manifest:manifest>
            """
        let ciphertext = (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        let locked = readFile(try Self.zip([("mimetype", Array(ODSRecordReader.mediaType.utf8)), ("content.xml", ciphertext),
                                            ("META-INF/manifest.xml", Array(manifest.utf8))], in: dir, name: "sifreli.ods"))
        #expect(locked.summary.fileError == "not a readable spreadsheet: it is password-protected (encrypted): save a copy without a password")
        let second = readFile(dir.write("anketa2.ods", ods), options: SourceOptions(sheet: "Beleške"))
        #expect(second.records.isEmpty && second.summary.fileError != nil, "the notes sheet has no text column")
    }

    /// A sheet with a report's title above its header (merged across the columns, as reporting tools
    /// export it) is read from the header down, as a CSV is.
    @Test func aSheetsTitleRowsArePassedOver() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        func cell(_ s: String) -> String { "<table:table-cell office:value-type=\"string\"><text:p>\(s)</text:p></table:table-cell>" }
        func row(_ cells: [String]) -> String { "<table:table-row>" + cells.map(cell).joined() + "</table:table-row>" }
        let content = "<office:document-content xmlns:office=\"o\" xmlns:table=\"t\" xmlns:text=\"x\"><office:body><office:spreadsheet><table:table table:name=\"Rapor\">"
            + "<table:table-row><table:table-cell table:number-columns-spanned=\"3\" office:value-type=\"string\"><text:p>Çağrı merkezi anketi – Kasım 2026</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated=\"2\"/></table:table-row>"
            + "<table:table-row/>" + row(["Kayıt No", "Temsilci", "Yorum"]) + row(["1", "Ayşe Yılmaz", "Çok ilgiliydi"])
            + "</table:table></office:spreadsheet></office:body></office:document-content>"
        let o = readFile(try Self.zip([("mimetype", Array(ODSRecordReader.mediaType.utf8)), ("content.xml", Array(content.utf8))], in: dir, name: "rapor.ods"))
        #expect(o.summary.fileError == nil, "\(o.summary.fileError ?? "")")
        #expect(o.records.map(\.text) == ["Çok ilgiliydi"] && o.records.first?.provenance.line == 4)
        #expect(o.summary.layout == "1 title line above the header; sheet 'Rapor'")
    }

    /// An XML Spreadsheet 2003 is known by its namespace under any name (web applications save it as
    /// `.xls`), gzipped or in a ZIP too; a sheet it does not have is named with the ones it has.
    @Test func xmlSpreadsheetsByContent() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let xml = try Array(Data(contentsOf: RepoPaths.testData.appendingPathComponent("formats/excel2003_tr_2026-11-21.xml")))
        let named = readFile(dir.write("disa_aktar.xls", xml))
        #expect(named.summary.format == "xml-spreadsheet" && named.records.count == 3)
        let gzipped = readFile(dir.write("rapor.xml.gz", try Self.gzip(xml)))
        #expect(gzipped.summary.format == "xml-spreadsheet+gzip" && gzipped.records.count == 3)
        let zipped = readFile(try Self.zip([("rapor.xml", xml)], in: dir, name: "c.zip"))
        #expect(zipped.records.count == 3)
        let missing = readFile(dir.write("r.xml", xml), options: SourceOptions(sheet: "Yanıtlar"))
        #expect(missing.summary.fileError?.contains("sheets: 'Anket', 'Notlar'") == true, "\(missing.summary.fileError ?? "")")
    }

    @Test func aLegacyWorkbookInsideAZipIsNotRead() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let book = try Data(contentsOf: RepoPaths.testData.appendingPathComponent("formats/legacy_tr_2026-11-21.xls"))
        let o = readFile(try Self.zip([("eski.xls", Array(book)), ("a.csv", Self.csv)], in: dir))
        #expect(o.summary.members.first { $0.file.hasSuffix("eski.xls") }?.fileError == "a legacy Excel workbook (.xls) inside an archive is not read: unpack it and put it in the export folder")
        #expect(o.records.count == 2)
    }

    @Test func workbookInsideAZipIsNotRead() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let book = try Data(contentsOf: RepoPaths.testData.appendingPathComponent("formats/msforms_mn_2026-11-21.xlsx"))
        let o = readFile(try Self.zip([("form.xlsx", Array(book))], in: dir))
        #expect(o.summary.members.first?.fileError?.contains("an Excel workbook inside an archive is not read") == true)
    }

    @Test func workbookSentAsZipIsReadAsAWorkbook() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let book = try Data(contentsOf: RepoPaths.testData.appendingPathComponent("formats/msforms_mn_2026-11-21.xlsx"))
        let o = readFile(dir.write("form.zip", Array(book)))
        #expect(o.summary.format == "xlsx" && o.records.count == 4)
    }
}

@Suite("Format sniffing and workbook values")
struct SniffingTests {
    @Test(arguments: [
        ("<?xml version=\"1.0\"?><rss/>", "mentions.rss", InputKind.xml),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "export.dat", .xml),
        // A web application's "export to Excel" saves an HTML page as .xls: its table is read
        // (HTMLTableTests), and an .html page in the folder is skipped; an XML root that only begins like <table> is XML.
        ("<html><head><meta charset=utf-8></head><body><table>", "rapor.xls", .htmlPage),
        ("\u{FEFF}  <TABLE border=1><tr><td>1</td></tr>", "rapor.csv", .htmlPage),
        // What scripts write before a bare table so that Excel reads its encoding.
        ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><table>", "export.xls", .htmlPage),
        ("<style>td{mso-number-format:\"\\@\"}</style><table>", "export.xls", .htmlPage),
        ("<metadata><row/></metadata>", "export.xml", .xml),
        ("<!DOCTYPE html><html>", "kaydedilmis.html", .unsupported(reason: "an HTML page, not an export")),
        ("<tables><table_row><text>iyi</text></table_row></tables>", "export.xml", .xml),
        ("\u{FEFF}  <rss>", "noext", .xml),
        ("[{\"text\":\"a\"}]", "social.txt", .json),
        ("{\"text\":\"a\"}\n{\"text\":\"b\"}", "stream.log", .json),
        ("[id],[text]\n1,a", "brackets.csv", .delimited),
        ("id;text\n1;a", "export.dat", .delimited),
        ("id;text\n1;a", "export", .delimited),
        ("id;text\n1;a", "notes.md", .unsupported(reason: "not an export Verbatim reads (a .md file); exports are CSV, TSV, TXT, XML, RSS, Atom, JSON, NDJSON, XLSX, XLS, ODS, HTML tables saved as .xls, or those in .gz or .zip")),
        ("%PDF-1.7", "report.pdf", .unsupported(reason: "not an export: it looks like a PDF document")),
        ("%PDF-1.7", "report.csv", .delimited),
        ("PK\u{03}\u{04}", "book.xlsx", .workbook),
        ("PK\u{03}\u{04}", "book.xlsm", .workbook),
        ("PK\u{03}\u{04}", "exports.zip", .zip),
        ("\u{1F}\u{8B}\u{08}", "daily.csv.gz", .gzip),
    ] as [(String, String, InputKind)])
    func kinds(_ head: String, _ name: String, _ kind: InputKind) {
        #expect(FormatSniffer.kind(head: Array(head.utf8), fileName: name) == kind)
    }

    @Test func lockAndHiddenFilesAreSkippedByName() {
        #expect(FormatSniffer.skipReason(fileName: "~$anket.xlsx")?.contains("Office lock file") == true)
        #expect(FormatSniffer.skipReason(fileName: ".~lock.anket.csv#")?.contains("LibreOffice lock file") == true)
        #expect(FormatSniffer.skipReason(fileName: ".DS_Store") == "a hidden file")
        #expect(FormatSniffer.skipReason(fileName: "anket.csv~") == "an editor's backup file")
        #expect(FormatSniffer.skipReason(fileName: "anket.csv") == nil)
    }

    @Test(arguments: [
        (1.0, false, "1900-01-01"), (59.0, false, "1900-02-28"), (61.0, false, "1900-03-01"),
        (46347.0, false, "2026-11-21"), (46347.5, false, "2026-11-21 12:00"), (46347.3875, false, "2026-11-21 09:18"),
        (46347.35500, false, "2026-11-21 08:31:12"),
        (0.0, true, "1904-01-01"), (44885.0, true, "2026-11-21"),
    ] as [(Double, Bool, String)])
    func excelSerialDates(_ serial: Double, _ date1904: Bool, _ text: String) {
        #expect(ExcelDate.text(serial: serial, date1904: date1904) == text)
    }

    @Test func theFictitiousLeapDayIsNotADate() {
        #expect(ExcelDate.text(serial: 60, date1904: false) == nil)
        #expect(ExcelDate.text(serial: -1, date1904: false) == nil)
    }

    @Test(arguments: [("yyyy\\-mm\\-dd", true), ("dd.mm.yyyy hh:mm", true), ("General", false), ("0.00", false),
                      ("[Red]0.00", false), ("\"day \"0", false), ("#,##0", false), ("[$-41F]d mmmm yyyy", true)])
    func dateFormats(_ code: String, _ isDate: Bool) {
        #expect(XLSXParts.isDateFormat(code) == isDate)
    }
}
