import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
import VerbatimXML
@testable import VerbatimIngest

/// The rows of an OpenDocument sheet, read from memory: value types, repeats, paragraphs, the sheet chosen.
@Suite("OpenDocument sheet rows")
struct ODSRowStreamTests {
    func rows(_ tables: String, sheet: String? = nil) -> ODSRowStream {
        let xml = "<office:document-content xmlns:office=\"o\" xmlns:table=\"t\" xmlns:text=\"x\"><office:body><office:spreadsheet>\(tables)</office:spreadsheet></office:body></office:document-content>"
        return ODSRowStream(reader: XMLEventReader(source: MemoryByteSource(Array(xml.utf8)), name: "content.xml")!, sheet: SheetChoice(sheet))
    }

    func all(_ stream: inout ODSRowStream) -> [(line: Int, cells: [String])] {
        var out: [(line: Int, cells: [String])] = []
        while let row = stream.next() { out.append(row) }
        return out
    }

    @Test func cellsOfEveryTypeReadAsTheirValueNotAsShown() {
        var stream = rows("""
            <table:table table:name="A"><table:table-row>\
            <table:table-cell office:value-type="float" office:value="4.5"><text:p>4,50</text:p></table:table-cell>\
            <table:table-cell office:value-type="percentage" office:value="0.8"><text:p>80%</text:p></table:table-cell>\
            <table:table-cell office:value-type="currency" office:value="120"><text:p>120,00 ₺</text:p></table:table-cell>\
            <table:table-cell office:value-type="date" office:date-value="2026-11-21T09:14:00"><text:p>21.11.2026</text:p></table:table-cell>\
            <table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>YANLIŞ</text:p></table:table-cell>\
            <table:table-cell office:value-type="string"><text:p>Bir <text:span>iki</text:span><text:s text:c="2"/>üç</text:p><text:p>dört<text:tab/>beş</text:p>\
            <office:annotation><text:p>yorum değil</text:p></office:annotation></table:table-cell>\
            </table:table-row></table:table>
            """)
        let found = all(&stream)
        #expect(found.count == 1)
        #expect(found.first?.cells == ["4.5", "0.8", "120", "2026-11-21T09:14:00", "FALSE", "Bir iki  üç\ndört\tbeş"])
    }

    /// Calc fills a sheet to its end with repeated empty cells and rows: they are counted, never expanded;
    /// repeated cells and rows with content are expanded.
    @Test func repeatsAreExpandedOnlyWhereThereIsContent() {
        var stream = rows("""
            <table:table table:name="A">\
            <table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16000"/></table:table-row>\
            <table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>\
            <table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>\
            <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>\
            </table:table>
            """)
        let found = all(&stream)
        #expect(found.map(\.line) == [1, 5, 6], "three empty rows counted, the repeated row given twice")
        #expect(found.map(\.cells) == [["", "", "x", "x"], ["7"], ["7"]])
    }

    @Test func theNamedSheetIsReadAndTheWalkStopsAfterIt() {
        let tables = """
            <table:table table:name="Özet"><table:table-row><table:table-cell office:value-type="string"><text:p>özet</text:p></table:table-cell></table:table-row></table:table>\
            <table:table table:name="Yanıtlar"><table:table-row><table:table-cell office:value-type="string"><text:p>yanıt</text:p></table:table-cell></table:table-row></table:table>\
            <table:table table:name="Son"><table:table-row><table:table-cell office:value-type="string"><text:p>son</text:p></table:table-cell></table:table-row></table:table>
            """
        var first = rows(tables)
        #expect(all(&first).map(\.cells) == [["özet"]])
        #expect(first.sheet == "Özet")
        var named = rows(tables, sheet: "Yanıtlar")
        #expect(all(&named).map(\.cells) == [["yanıt"]])
        #expect(named.sheet == "Yanıtlar" && named.sheetNames == ["Özet", "Yanıtlar"])
        var missing = rows(tables, sheet: "Sheet1")
        #expect(all(&missing).isEmpty && missing.sheet == nil)
        #expect(missing.sheetNames == ["Özet", "Yanıtlar", "Son"], "a sheet not found: every name is known for the message")
    }

    /// A merged cell's covered cells keep the columns after it in place.
    @Test func coveredCellsKeepTheirColumn() {
        var stream = rows("""
            <table:table table:name="A"><table:table-row>\
            <table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>a</text:p></table:table-cell><table:covered-table-cell/>\
            <table:table-cell office:value-type="string"><text:p>c</text:p></table:table-cell>\
            </table:table-row></table:table>
            """)
        #expect(all(&stream).first?.cells == ["a", "", "c"])
    }
}
