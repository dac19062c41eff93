import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// Rows with a rating and no comment (`RatedResponse`): neither a record nor a reject.
@Suite("Rated responses without text")
struct RatedResponseTests {
    static let survey = """
        Yanıt No;Tarih;Temsilci;Kanal;Puan;Yorum
        1;20.11.2026 09:05;Ayşe Yılmaz;Telefon;5;Çok ilgiliydi, teşekkürler
        2;20.11.2026 09:40;Ayşe Yılmaz;Telefon;2;
        3;21.11.2026;Mehmet Demir; E-posta ;1;\u{20}\u{20}
        4;21.11.2026;Mehmet Demir;E-posta;x;
        5;31.11.2026;Mehmet Demir;E-posta;4;
        6;21.11.2026;Mehmet Demir;E-posta;;

        """

    /// A rated row is read with the fields a record has (its date normalized, its names trimmed); a row
    /// without text whose rating or date cannot be read is rejected for that field; one with neither
    /// text nor rating for its empty text. Every row is counted once.
    @Test func aRatingWithoutTextIsARatedResponse() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("anket_tr.csv", Array(Self.survey.utf8)))
        #expect(o.records.map(\.id) == ["1"])
        #expect(o.rated.map(\.id) == ["2", "3"])
        #expect(o.rated.map(\.ratings.primary?.value) == [2, 1])
        #expect(o.rated.map(\.date) == ["2026-11-20T09:40:00", "2026-11-21"])
        #expect(o.rated.map(\.employee) == ["Ayşe Yılmaz", "Mehmet Demir"])
        #expect(o.rated.map(\.channel) == ["Phone", "Email"], "named as channels.tsv names them, as records are")
        #expect(o.rated.map(\.provenance.line) == [3, 4])
        #expect(o.rejects.map(\.provenance.line) == [5, 6, 7])
        #expect(o.rejects.map(\.provenance.column) == [5, 2, 6])
        #expect(o.rejects[2].reason == "empty feedback text")
        #expect(o.summary.read == 6 && o.summary.accepted == 1 && o.summary.rated == 2 && o.summary.rejected == 3)
        #expect(o.problems().isEmpty, "\(o.problems())")
    }

    /// The same from a worksheet (a web panel's HTML table), and from a ZIP archive of the CSV: the
    /// archive sums its members' rated responses.
    @Test func sheetsAndArchivesCountThemToo() throws {
        let page = """
            <table><tr><th>ID</th><th>Temsilci</th><th>Puan</th><th>Yorum</th></tr>
            <tr><td>1</td><td>Ayşe</td><td>5</td><td>Harika.</td></tr>
            <tr><td>2</td><td>Işıl</td><td>4</td><td></td></tr></table>
            """
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let sheet = readFile(dir.write("panel.xls", Array(page.utf8)))
        #expect(sheet.records.count == 1 && sheet.rated.map(\.id) == ["2"] && sheet.rejects.isEmpty)
        #expect(sheet.summary.rated == 1)
        let zip = try ArchiveInputTests.zip([("anket_tr.csv", Array(Self.survey.utf8))], in: dir, name: "anket.zip")
        let archive = readFile(zip)
        #expect(archive.summary.rated == 2 && archive.summary.accepted == 1 && archive.summary.rejected == 3)
        #expect(archive.rated.map(\.provenance.file) == ["anket.zip!anket_tr.csv", "anket.zip!anket_tr.csv"])
    }
}

/// Ratings as survey tools and review exports write them beside the number.
@Suite("Ratings with labels and stars")
struct LabelledRatingTests {
    @Test(arguments: [("5 - Çok memnunum", 5.0), ("10 (Extremely likely)", 10), ("4 – Доволен", 4), ("1: Hiç memnun değilim", 1),
                      ("4,5 - İyi", 4.5), ("3 yıldız", 3), ("★★★★☆", 4), ("⭐⭐⭐", 3), ("⭐️⭐️⭐️⭐️⭐️", 5), ("☆☆☆☆☆", 0), ("9 / 10 - Promoter", 9)])
    func aLabelledChoiceIsItsNumber(_ raw: String, _ expected: Double) {
        #expect(RatingParser.parse(raw) == expected, "\(raw)")
    }

    /// A label with another number in it is not read ("5 üzerinden 4" is four out of five), nor a number past 10.
    @Test(arguments: ["5 üzerinden 4", "4 of 5 stars", "12 - Great", "Çok memnun", "5-", "★★★★★★★★★★★", "★ x", "4x4"])
    func whatIsNotAChoiceStaysUnread(_ raw: String) {
        #expect(RatingParser.parse(raw) == nil, "\(raw)")
    }
}
