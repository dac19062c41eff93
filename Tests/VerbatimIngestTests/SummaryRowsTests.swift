import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// Summary lines under a table (`SummaryRows`, labels in `lexicons/headers.tsv`) and rows of empty
/// fields: neither is a response, and neither is a reject.
@Suite("Summary lines and empty rows")
struct SummaryRowsTests {
    /// A panel export with a blank line of delimiters and a totals line under it (one field, where the
    /// header has five), then a paged report's "Genel Toplam" with a number in the rating column.
    @Test func aTotalsLineUnderTheTableIsSkippedAndNamed() throws {
        let csv = """
            id;tarih;temsilci;puan;yorum
            1;2026-11-20;Ayşe;5;Çok ilgiliydi, teşekkürler
            2;2026-11-20;Mehmet;1;Kimse yardımcı olmadı
            ;;;;
            Toplam kayıt: 2
            GENEL TOPLAM;;;3;

            """
        let (records, rejects, summary) = try readCSV("anket_tr.csv", Array(csv.utf8))
        #expect(records.map(\.id) == ["1", "2"])
        #expect(rejects.isEmpty, "\(rejects.map(\.reason))")
        #expect(summary.read == 2, "skipped lines are not rows read")
        #expect(summary.layout == "2 summary lines skipped: lines 5, 6 (the first 'Toplam kayıt: 2')")
    }

    /// A row whose text cell holds a comment is read whatever its first cell says; a first cell that
    /// only begins like a label ("Toplamda") is no summary line, so its empty text is rejected as before.
    @Test func onlyARowWithoutTextIsASummaryLine() throws {
        let csv = """
            temsilci;yorum
            Toplam;Toplam 3 kez aradım, çözülmedi.
            Toplamda;
            Ortalama;

            """
        let (records, rejects, summary) = try readCSV("anket_tr.csv", Array(csv.utf8))
        #expect(records.map(\.text) == ["Toplam 3 kez aradım, çözülmedi."])
        #expect(rejects.map(\.provenance.line) == [3])
        #expect(rejects.map(\.reason) == ["empty feedback text"])
        #expect(summary.layout == "summary line skipped: line 4, 'Ortalama'")
    }

    /// An average under the rating column is a summary line, not a rating without text: it would pull
    /// the file's CSAT towards itself. A rated row above it is still one.
    @Test func anAverageUnderTheRatingsIsNoRating() {
        let csv = "id;temsilci;puan;yorum\n1;Ayşe;5;Harika.\n2;Ayşe;3;\nOrt.;;4,0;\n"
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("anket_tr.csv", Array(csv.utf8)))
        #expect(o.records.count == 1 && o.rated.map(\.id) == ["2"] && o.rejects.isEmpty)
        #expect(o.summary.layout == "summary line skipped: line 4, 'Ort.'")
    }

    /// Labels in every language of the bundled list, in either case and without diacritics, and a
    /// stem label (`сформирован*`).
    @Test(arguments: ["ИТОГО:", "Всего 245", "Барлығы", "Nijt", "Нийт дүн", "Ukupno: 37", "УКУПНО", "Sayfa toplamı", "Sayfa Toplami",
                      "Rapor tarihi: 21.11.2026", "Сформировано 21.11.2026", "Grand total (245)", "Ср.", "AVG"])
    func everyLanguagesLabelsAreKnown(_ label: String) {
        let known = bundledAliases.isSummaryLabel(label)
        #expect(known == (label != "Nijt"), "'\(label)'")
    }

    /// Ids of a file without an id column stay as they were: a skipped line still takes its position.
    @Test func skippedLinesKeepTheIdsOfTheRowsAfterThem() throws {
        let withBlank = "temsilci;yorum\nAyşe;İyi.\n;\nMehmet;Kötü.\n"
        let withFooter = "temsilci;yorum\nAyşe;İyi.\nToplam;\nMehmet;Kötü.\n"
        let withReject = "temsilci;yorum\nAyşe;İyi.\nx;\nMehmet;Kötü.\n"
        let ids = try [withBlank, withFooter, withReject].map { try readCSV("anket_tr.csv", Array($0.utf8)).0.map(\.id) }
        #expect(ids[0] == ids[2])
        #expect(ids[1] == ids[2])
    }

    /// A worksheet read from an HTML page: the totals row of a web panel's "export to Excel".
    @Test func aSheetsTotalsRowIsSkipped() {
        let page = """
            <html><body><table><tr><th>ID</th><th>Temsilci</th><th>Puan</th><th>Yorum</th></tr>
            <tr><td>1</td><td>Ayşe</td><td>5</td><td>Harika.</td></tr>
            <tr><td>2</td><td>Işıl</td><td>1</td><td>Berbat.</td></tr>
            <tr><td colspan="2"><b>Toplam</b></td><td>3</td><td></td></tr></table></body></html>
            """
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("panel.xls", Array(page.utf8)))
        #expect(o.records.map(\.text) == ["Harika.", "Berbat."])
        #expect(o.rejects.isEmpty, "\(o.rejects.map(\.reason))")
        #expect(o.summary.layout == "summary line skipped: line 4, 'Toplam'; table 1 of 1")
    }

    /// Many summary lines: five are named, the rest counted, and memory does not follow them.
    @Test func manySummaryLinesAreCounted() throws {
        var csv = "temsilci;yorum\nAyşe;İyi.\n"
        for _ in 0..<1000 { csv += "Ara toplam;\n" }
        let (records, _, summary) = try readCSV("anket_tr.csv", Array(csv.utf8))
        #expect(records.count == 1)
        #expect(summary.layout == "1000 summary lines skipped: lines 3, 4, 5, 6, 7 and 995 more (the first 'Ara toplam')")
    }

    /// A `summary` line of `headers.tsv` without a word is an error naming its line.
    @Test func aSummaryLabelWithoutAWordIsAnError() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let url = dir.write("headers.tsv", Array("text\tyorum\nsummary\t**\n".utf8))
        #expect(throws: IngestError.self) { try HeaderAliases(contentsOf: url) }
        do { _ = try HeaderAliases(contentsOf: url) } catch {
            #expect("\(error)".contains("line 2: a summary label needs a word"), "\(error)")
        }
    }
}
