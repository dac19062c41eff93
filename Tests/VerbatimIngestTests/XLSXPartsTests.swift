import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
import VerbatimXML
import ZIPFoundation
@testable import VerbatimIngest

/// The XML parts of a workbook, read from memory: cell types, shared and inline strings, styles.
@Suite("XLSX parts")
struct XLSXPartsTests {
    func reader(_ xml: String) -> XMLEventReader {
        XMLEventReader(source: MemoryByteSource(Array(xml.utf8)), name: "part.xml")!
    }

    @Test func cellsOfEveryType() {
        let sheet = """
            <worksheet><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>Yorum</t></is></c><c r="C1" t="s"><v>0</v></c></row>
            <row r="3"><c t="inlineStr"><is><r><t>Çok </t></r><r><t>iyi</t></r><rPh><t>x</t></rPh></is></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c s="1"><v>46347.25</v></c><c><v>4.5</v></c><c t="str"><v>formül</v></c></row>
            <row r="4"/>
            </sheetData></worksheet>
            """
        var rows = XLSXRowStream(reader: reader(sheet), shared: ["Puan"], dateStyles: [1], date1904: false)
        let first = rows.next()
        #expect(first?.line == 1)
        #expect(first?.cells == ["Yorum", "", "Puan"], "a missing cell is empty; C1 is the third column")
        let second = rows.next()
        #expect(second?.line == 3, "the row number, not the count of rows")
        #expect(second?.cells == ["Çok iyi", "TRUE", "#N/A", "2026-11-21 06:00", "4.5", "formül"])
        #expect(rows.next()?.cells == [])
        #expect(rows.next() == nil)
    }

    @Test func sharedStringsWithRunsAndPhoneticGuides() {
        let sst = "<sst><si><t>Tarih</t></si><si><r><rPr><b/></rPr><t>Kısa </t></r><r><t>yorum</t></r></si><si/><si><t>a</t><rPh><t>ignored</t></rPh></si></sst>"
        #expect(XLSXParts.sharedStrings(reader(sst), limit: 1000) == ["Tarih", "Kısa yorum", "", "a"])
        #expect(XLSXParts.sharedStrings(reader(sst), limit: 8) == nil, "past the limit")
    }

    @Test func dateStylesFromBuiltInAndCustomFormats() {
        let styles = """
            <styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts>
            <cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>
            <cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"><alignment/></xf></cellXfs></styleSheet>
            """
        #expect(XLSXParts.dateStyles(reader(styles)) == [1, 2, 4])
    }

    @Test func workbookSheetsRelationshipsAndEpoch() {
        let wb = XLSXParts.workbook(reader("""
            <workbook xmlns:r="r"><workbookPr date1904="1"/><sheets><sheet name="Özet" sheetId="1" r:id="rId2"/><sheet name="Yanıtlar" sheetId="2" r:id="rId1"/></sheets></workbook>
            """))
        #expect(wb.sheets.map(\.name) == ["Özet", "Yanıtlar"] && wb.sheets.map(\.relationship) == ["rId2", "rId1"] && wb.date1904)
        let rels = XLSXParts.relationships(reader("""
            <Relationships><Relationship Id="rId1" Target="worksheets/sheet2.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet1.xml"/></Relationships>
            """))
        #expect(rels == ["rId1": "xl/worksheets/sheet2.xml", "rId2": "xl/worksheets/sheet1.xml"])
    }

    /// A macro-enabled workbook: its data is read, its macros are only noted.
    @Test func xlsmDataIsReadAndMacrosNoted() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let url = dir.url.appendingPathComponent("form.xlsm")
        try FileManager.default.copyItem(at: RepoPaths.testData.appendingPathComponent("formats/msforms_mn_2026-11-21.xlsx"), to: url)
        let archive = try Archive(url: url, accessMode: .update)
        let macro = [UInt8](repeating: 0xCC, count: 64)
        try archive.addEntry(with: "xl/vbaProject.bin", type: .file, uncompressedSize: Int64(macro.count), compressionMethod: .none) { p, n in
            Data(macro[Int(p)..<Int(p) + n])
        }
        let o = readFile(url)
        #expect(o.records.count == 4)
        #expect(o.summary.layout?.contains("macro-enabled workbook: data read, macros never run") == true, "\(o.summary.layout ?? "")")
    }
}
