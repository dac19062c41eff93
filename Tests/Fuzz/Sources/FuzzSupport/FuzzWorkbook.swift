import Foundation
import ZIPFoundation

/// A minimal valid workbook around fuzzed bytes: the fuzzer's input becomes its worksheet or
/// its shared strings, so mutations reach the XLSX parts' XML instead of failing at the ZIP layer.
public enum FuzzWorkbook {
    static let contentTypes = #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#
    static let workbook = #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    static let rels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
    static let styles = #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>"#
    static let sheet = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Puan</t></is></c></row><row r="2"><c r="A2" s="1"><v>46347</v></c><c r="B2" t="s"><v>2</v></c><c r="C2"><v>4</v></c></row><row r="3"><c r="A3" s="1"><v>46347.5</v></c><c r="B3" t="s"><v>3</v></c><c r="C3" t="b"><v>1</v></c></row></sheetData></worksheet>"#
    static let shared = #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Tarih</t></si><si><t>Yorum</t></si><si><r><t>Çok </t></r><r><t>iyi</t></r></si><si><t>Kötü</t><rPh><t>x</t></rPh></si></sst>"#

    /// Writes a workbook whose worksheet is `sheet`.
    public static func write(sheet: [UInt8], name: String) -> String { write(name, sheet: sheet, shared: Array(shared.utf8)) }

    /// Writes a workbook whose shared strings are `sharedStrings`.
    public static func write(sharedStrings: [UInt8], name: String) -> String { write(name, sheet: Array(sheet.utf8), shared: sharedStrings) }

    static func write(_ name: String, sheet: [UInt8], shared: [UInt8]) -> String {
        write(name, parts: [
            ("[Content_Types].xml", Array(contentTypes.utf8)), ("xl/workbook.xml", Array(workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(rels.utf8)), ("xl/styles.xml", Array(styles.utf8)),
            ("xl/sharedStrings.xml", shared), ("xl/worksheets/sheet1.xml", sheet),
        ])
    }

    /// Writes an OpenDocument spreadsheet whose `content.xml` is `content` (its `mimetype` first, as Calc writes it).
    public static func write(openDocumentContent content: [UInt8], name: String) -> String {
        write(name, parts: [("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", content)])
    }

    static func write(_ name: String, parts: [(String, [UInt8])]) -> String {
        let path = FuzzInput.folder + "/" + name
        try? FileManager.default.removeItem(atPath: path)
        do {
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
            for (entry, bytes) in parts {
                try archive.addEntry(with: entry, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .none) { position, size in
                    Data(bytes[Int(position)..<Int(position) + size])
                }
            }
        } catch {
            fatalError("cannot write the workbook: \(error)")
        }
        return path
    }
}
