import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
import VerbatimXML
@testable import VerbatimIngest

/// Web applications' "export to Excel": an HTML page with a table, named .xls. The rows of a table as a
/// browser shows them (`HTMLTableRowStream`), and the page read as an export (`HTMLTableRecordReader`).
@Suite("HTML tables")
struct HTMLTableTests {
    func rows(_ page: String, table: Int? = 1) -> [(line: Int, cells: [String])] {
        var stream = HTMLTableRowStream(reader: XMLEventReader(source: MemoryByteSource(Array(page.utf8)), name: "page.xls", dialect: .html(ignoresDeclaredEncoding: true))!, table: table)
        var out: [(line: Int, cells: [String])] = []
        while let row = stream.next() { out.append(row) }
        return out
    }

    func counts(_ page: String) -> [Int] {
        var stream = HTMLTableRowStream(reader: XMLEventReader(source: MemoryByteSource(Array(page.utf8)), name: "page.xls", dialect: .html(ignoresDeclaredEncoding: true))!, table: nil)
        while stream.next() != nil {}
        return stream.rowCounts
    }

    @Test func aCellIsItsTextAsABrowserShowsIt() {
        let found = rows("""
            <table><tr><td>  Bir <b>iki</b>\n   üç </td><td>satır<br>ikinci<br/>üçüncü</td><td><p>paragraf</p><div>blok</div></td>\
            <td>a&amp;b&nbsp;&lt;c&gt;</td><td>&nbsp;</td><td>x<script>var s = "<td>y</td>";</script><style>.a{}</style></td></tr></table>
            """)
        #expect(found.count == 1)
        #expect(found.first?.cells == ["Bir iki üç", "satır\nikinci\nüçüncü", "paragraf\nblok", "a&b <c>", "", "x"])
    }

    /// What browsers mend, the HTML parser mends: cells and rows left open, stray end tags, tags in capitals.
    @Test func unclosedCellsAndStrayTagsAreMended() {
        let found = rows("<TABLE><TR><TD>1<TD>bir</font>\n<TR><td>2<td><i>iki</TABLE>")
        #expect(found.map(\.cells) == [["1", "bir"], ["2", "iki"]])
        #expect(found.map(\.line) == [1, 2])
    }

    /// Cells with no `<tr>` around them (a hand-made export's header row, straight in the table or in its
    /// `<thead>`) are a row, as a browser shows them: it ends at the next row or section, or with the
    /// table; a table whose rows all lack `<tr>` is one row, as a browser shows it.
    @Test func cellsWithoutARowAreTheRowABrowserShows() {
        let header = rows("""
            <table><th>ID</th><th>Tarih</th><th>Yorum</th>
            <tr><td>1</td><td>21.11.2026</td><td>iyi</td></tr><tr><td>2</td><td>22.11.2026</td><td>kötü</td></tr></table>
            """)
        #expect(header.map(\.cells) == [["ID", "Tarih", "Yorum"], ["1", "21.11.2026", "iyi"], ["2", "22.11.2026", "kötü"]])
        #expect(header.map(\.line) == [1, 2, 3])
        let sections = rows("""
            <table><thead><th>ID</th><th>Yorum</th></thead><tbody><tr><td>1</td><td>iyi</td></tr></tbody>            <tfoot><td>Toplam</td><td>1</td></tfoot></table>
            """)
        #expect(sections.map(\.cells) == [["ID", "Yorum"], ["1", "iyi"], ["Toplam", "1"]])
        #expect(rows("<table><td>a</td><td>b</td></table><p>sonra</p>").map(\.cells) == [["a", "b"]], "ended by the table's end")
        #expect(rows("<table><td>a<td>b</table>").map(\.cells) == [["a", "b"]], "cells left open")
        #expect(counts("<table><th>ID</th><th>Yorum</th><tr><td>1</td><td>iyi</td></tr></table><table><td></td></table>") == [2, 0],
                "a walk counts the implied row, and not an empty one")
        // Inside a row's cell, a nested table's cells without a row are that table's row, not the outer one's.
        let nested = "<table><tr><td>dış<table><td>iç 1</td><td>iç 2</td></table></td><td>son</td></tr></table>"
        #expect(rows(nested, table: 1).map(\.cells) == [["dış\niç 1 iç 2", "son"]])
        #expect(rows(nested, table: 2).map(\.cells) == [["iç 1", "iç 2"]])
    }

    /// Excel's own HTML gives a number's value beside what it shows; `x:num` without a value means the text is the number.
    @Test func excelsNumberValueIsReadNotTheNumberShown() {
        let found = rows(#"<table><tr><td x:num="4.5">4,5</td><td x:num>3</td><td x:str="'007">007</td></tr></table>"#)
        #expect(found.first?.cells == ["4.5", "3", "007"])
    }

    /// `colspan` leaves the columns it spans empty; `rowspan` gives its value to each row it spans, and the
    /// cells of those rows take the columns after it.
    @Test func spansPlaceTheCellsAsASpreadsheetDoes() {
        let found = rows("""
            <table><tr><td colspan="2">başlık</td><td>c</td></tr>\
            <tr><td rowspan="3">21.11.2026</td><td>a1</td><td>b1</td></tr>\
            <tr><td>a2</td><td>b2</td></tr>\
            <tr><td>a3</td><td rowspan=2 colspan=2>b3</td></tr>\
            <tr><td>d</td><td>a4</td></tr></table>
            """)
        #expect(found.map(\.cells) == [
            ["başlık", "", "c"], ["21.11.2026", "a1", "b1"], ["21.11.2026", "a2", "b2"], ["21.11.2026", "a3", "b3"], ["d", "a4", "b3"],
        ])
    }

    /// Each row belongs to the nearest table around it: a table inside a cell (an old page's layout) is a
    /// table of its own, and a walk counts each table's filled rows.
    @Test func tablesAreNumberedInOrderAndNestedOnesAreTheirOwn() {
        let page = """
            <table><tr><td><img src="logo.png"></td></tr><tr><td>\
            <table><tr><th>ID</th><th>Yorum</th></tr><tr><td>1</td><td>iyi</td></tr><tr><td></td><td></td></tr><tr><td>2</td><td>kötü</td></tr></table>\
            </td></tr></table><table><tr><td>son</td></tr></table>
            """
        #expect(counts(page) == [0, 3, 1], "the outer rows hold no text of their own; the nested table's empty row is not counted")
        #expect(rows(page, table: 2).map(\.cells) == [["ID", "Yorum"], ["1", "iyi"], ["2", "kötü"]])
        #expect(rows(page, table: 2).map(\.line) == [1, 2, 4], "a row's number in its table, empty rows counted")
        #expect(rows(page, table: 1).map(\.cells) == [["ID Yorum\n1 iyi\n2 kötü"]], "the outer table's cell holds the inner table's text")
        #expect(rows(page, table: 3).map(\.cells) == [["son"]])
    }

    /// A page is parsed as it is read, whatever its size: the rows come while most of it is still unread,
    /// also when a 64 KiB chunk ends inside an attribute's value (libxml2 2.9's HTML push parser then
    /// waited for the page's end, holding all of it).
    @Test func aLargePageIsReadAsItStreams() {
        var page = "<html><body><table><tr><th>id</th><th>puan</th><th>yorum</th></tr>\n"
        for i in 0..<20_000 { page += "<tr><td>\(i)</td><td x:num=\"\(i % 5 + 1)\" class=\"xl24\">\(i % 5 + 1)</td><td>Yorum numarası \(i)</td></tr>\n" }
        page += "</table></body></html>"
        let source = CountingSource(Array(page.utf8))
        var stream = HTMLTableRowStream(reader: XMLEventReader(source: source, name: "big.xls", dialect: .html(ignoresDeclaredEncoding: true))!, table: 1)
        var rows = 0
        var readAtRow = [Int: Int]()
        while let row = stream.next() {
            rows += 1
            if row.line % 2000 == 0 { readAtRow[row.line] = source.read }
        }
        #expect(rows == 20_001)
        for (line, read) in readAtRow.sorted(by: { $0.key < $1.key }) {
            // Row n stands at about n/20,001 of the page; the parser reads at most two 64 KiB chunks ahead.
            let expected = page.utf8.count * line / 20_001
            #expect(read <= expected + 2 * 65_536, "row \(line): \(read) bytes read, the row ends near byte \(expected)")
        }
    }

    // MARK: The page as an export

    /// A paged report repeats its header row on every page: those rows are skipped and counted.
    @Test func aPagedReportsRepeatedHeadersAreSkipped() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let header = "<tr><th>ID</th><th>Tarih</th><th>Yorum</th></tr>"
        let page = "<table>" + header + "<tr><td>1</td><td>21.11.2026</td><td>Harika.</td></tr>" + header
            + "<tr><td>2</td><td>21.11.2026</td><td>Berbat.</td></tr>" + header + "</table>"
        let o = readFile(dir.write("sayfali.xls", Array(page.utf8)))
        #expect(o.records.map(\.text) == ["Harika.", "Berbat."])
        #expect(o.rejects.isEmpty, "\(o.rejects.map(\.reason))")
        #expect(o.summary.layout == "2 repeated header lines skipped; table 1 of 1")
        #expect(o.records.map(\.provenance.line) == [2, 4])
    }

    static let page = """
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=%CHARSET%"></head><body>
        <table><tr><td>Dönem:</td><td>Kasım</td></tr></table>
        <table><tr><th>ID</th><th>Temsilci</th><th>Yorum</th></tr>
        <tr><td>1</td><td>Ayşe</td><td>Şikayetim çözülmedi, çok kötü.</td></tr>
        <tr><td>2</td><td>Işıl</td><td>Gayet hızlı ve güler yüzlü.</td></tr></table></body></html>
        """

    func page(charset: String, bytes: (String) -> [UInt8]) -> [UInt8] {
        bytes(Self.page.replacingOccurrences(of: "%CHARSET%", with: charset))
    }

    @Test func theTableWithTheMostRowsIsReadInTheEncodingThePageDeclares() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let encoders: [(charset: String, bytes: (String) -> [UInt8])] = [
            ("windows-1254", { Self.cp1254($0) }), ("ISO-8859-9", { Self.cp1254($0) }), ("utf-8", { Array($0.utf8) }),
        ]
        for (charset, bytes) in encoders {
            let o: ReadOutcome = readFile(dir.write("panel.xls", page(charset: charset, bytes: bytes)))
            #expect(o.summary.format == "html" && o.summary.fileError == nil, "\(charset): \(o.summary.fileError ?? "")")
            #expect(o.summary.encoding == (charset == "utf-8" ? "utf-8" : "windows-1254"), "\(charset)")
            #expect(o.summary.layout == "table 2 of 2")
            #expect(o.records.map(\.text) == ["Şikayetim çözülmedi, çok kötü.", "Gayet hızlı ve güler yüzlü."], "\(charset)")
            #expect(o.records.map(\.employee) == ["Ayşe", "Işıl"])
            #expect(o.records.map(\.provenance.line) == [2, 3])
        }
    }

    /// A page that declares no charset is read in the encoding its bytes show, as a CSV file is.
    @Test func aPageWithoutACharsetIsReadInTheEncodingItsBytesShow() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let text = "<table><tr><td>id<td>коментар<tr><td>1<td>Оператор је био љубазан, хвала! Услуга је одлична.</table>"
        let o = readFile(dir.write("stari.xls", Self.codePage(text, encoding: .windowsCP1251)))
        #expect(o.summary.encoding == "windows-1251")
        #expect(o.records.first?.text == "Оператор је био љубазан, хвала! Услуга је одлична.")
    }

    /// A charset Verbatim does not transcode itself is left to libxml2, which knows it.
    @Test func aCharsetVerbatimDoesNotTranscodeIsDecodedByTheParser() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        // "Оператор грубил" in KOI8-R.
        let koi8: [UInt8] = [239, 208, 197, 210, 193, 212, 207, 210, 32, 199, 210, 213, 194, 201, 204]
        let page = Array("<html><head><meta charset=\"koi8-r\"></head><body><table><tr><td>id</td><td>comment</td></tr><tr><td>1</td><td>".utf8)
            + koi8 + Array("</td></tr></table></body></html>".utf8)
        let o = readFile(dir.write("ru.xls", page))
        #expect(o.records.first?.text == "Оператор грубил", "\(o.summary.fileError ?? "")")
        #expect(o.summary.encoding.lowercased() == "koi8-r")
    }

    @Test func aTableThatIsNotTheDataNamesTheOthersAndTheNamedOneIsRead() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let page = "<table><tr><td>Dönem</td><td>Kasım</td></tr><tr><td>Kanal</td><td>hepsi</td></tr><tr><td>Ekip</td><td>A</td></tr></table>"
            + "<table><tr><th>ID</th><th>Yorum</th></tr><tr><td>1</td><td>Harika</td></tr></table>"
        let first = readFile(dir.write("p.xls", Array(page.utf8)))
        #expect(first.summary.fileError == "the table with the most rows, 'table 1', has no feedback text column (headers seen: 'Dönem', 'Kasım'); the page also has 'table 2': name the table to read in the pipeline file (sources: - match: … sheet: table 2)")
        let named = readFile(dir.write("p.xls", Array(page.utf8)), options: SourceOptions(sheet: "table 2"))
        #expect(named.records.map(\.text) == ["Harika"])
        #expect(readFile(dir.write("p.xls", Array(page.utf8)), options: SourceOptions(sheet: "2")).records.count == 1)
        let missing = readFile(dir.write("p.xls", Array(page.utf8)), options: SourceOptions(sheet: "table 3"))
        #expect(missing.summary.fileError?.contains("'table 1', 'table 2'") == true, "\(missing.summary.fileError ?? "")")
    }

    /// A page without a table of data (an export that failed, a login page saved by mistake) is rejected with a reason.
    @Test func aPageWithoutATableIsRejectedWithAReason() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        for page in ["<html><body><h1>Oturum süreniz doldu</h1><p>Lütfen tekrar giriş yapın.</p></body></html>", "<table></table>", "<html>"] {
            let o = readFile(dir.write("rapor.xls", Array(page.utf8)))
            #expect(o.summary.format == "html" && o.records.isEmpty)
            #expect(o.summary.fileError?.hasPrefix("an HTML page with no table of data in it") == true, "\(page): \(o.summary.fileError ?? "")")
            #expect(o.rejects.count == 1 && o.rejects.first?.wholeFile == true)
        }
    }

    /// Bytes not valid in the page's encoding become U+FFFD: the rest of the page is not read as Latin-1
    /// (libxml2's HTML parser switches to it at the first invalid byte).
    @Test func anInvalidByteSpoilsOneCharacterNotThePage() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let bytes = Array("<meta charset=utf-8><table border=1><tr><td>id</td><td>yorum</td></tr><tr><td>1</td><td>kötü ".utf8) + [0xC3, 0x28]
            + Array(" hizmet</td></tr><tr><td>2</td><td>çok güzel</td></tr></table>".utf8)
        let o = readFile(dir.write("r.xls", bytes))
        #expect(o.records.last?.text == "çok güzel", "\(o.records.map(\.text)) \(o.rejects.map(\.reason))")
    }

    /// Elements nested past libxml2's limit stop the walk: the page is rejected with where, not read in part.
    @Test func aPageNestedTooDeeplyIsRejectedWithWhere() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let page = "<table><tr><th>id</th><th>yorum</th></tr><tr><td>1</td><td>iyi</td></tr><tr><td>2</td><td>"
            + String(repeating: "<div>", count: 300) + "kötü</td></tr></table>"
        let o = readFile(dir.write("derin.xls", Array(page.utf8)))
        #expect(o.summary.fileError?.hasPrefix("not a readable spreadsheet: the page stops being readable at line 1, column") == true, "\(o.summary.fileError ?? "")")
        #expect(o.summary.fileError?.hasSuffix("its elements are nested more than 256 deep") == true)
    }

    @Test func aPageIsReadGzippedAndInsideAZip() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let bytes = page(charset: "utf-8") { Array($0.utf8) }
        let gzipped = readFile(dir.write("rapor.xls.gz", try ArchiveInputTests.gzip(bytes)))
        #expect(gzipped.summary.format == "html+gzip" && gzipped.records.count == 2)
        let zipped = readFile(try ArchiveInputTests.zip([("rapor.xls", bytes)], in: dir, name: "z.zip"))
        #expect(zipped.records.count == 2)
    }

    static func cp1254(_ s: String) -> [UInt8] { codePage(s, encoding: .windowsCP1254) }

    static func codePage(_ s: String, encoding: String.Encoding) -> [UInt8] {
        Array(s.data(using: encoding, allowLossyConversion: true)!)
    }
}

/// Bytes from memory that count how many were read.
final class CountingSource: XMLByteSource {
    let bytes: [UInt8]
    private(set) var read = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        let n = min(count, bytes.count - read)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + read, byteCount: n) }
        read += n
        return n
    }
}
