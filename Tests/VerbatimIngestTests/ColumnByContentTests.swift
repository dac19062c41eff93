import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// One table whose date or channel column a header may not name, and what reading it must find.
struct ContentColumnCase: CustomTestStringConvertible, Sendable {
    var name: String
    var csv: String
    /// The dates and channels of the records, in order (nil: the field is not read).
    var dates: [String?]
    var channels: [String?]
    /// The fields found by content, in order (`FileReadSummary.columnsByContent`).
    var byContent: [String] = []
    var notRead: [String] = []
    var hasDate = true

    var testDescription: String { name }
}

/// `ColumnByContent`'s examples: the column taken when no header names the field, and the columns
/// never taken (numbers that parse as dates, a column half of dates, one a header already names).
@Suite("Date and channel columns by content")
struct ColumnByContentTests {
    static let cases: [ContentColumnCase] = [
        ContentColumnCase(
            name: "Turkish names headers.tsv does not list",
            csv: "Müşteri Segmenti,Tarih Bilgisi,Temsilci,Nereden,Yorumunuz\n"
                + "Bireysel,05.12.2026 14:35,Ayşe,Telefon,Temsilci kibardı ama işlem uzun sürdü\n"
                + "Kurumsal,06.12.2026,Can,Canlı Destek,\"Sorunum hâlâ çözülmedi, çok kötü\"\n",
            dates: ["2026-12-05T14:35:00", "2026-12-06"], channels: ["Phone", "Chat"],
            byContent: ["date", "channel"], notRead: ["Müşteri Segmenti"]),
        ContentColumnCase(
            name: "month-first dates and channel codes",
            csv: "ref,when,medium,comment\nA1,11/21/2026 9:14 AM,SOCIALMEDIA_TWITTER,\"Kargo hâlâ gelmedi, rezalet bir hizmet\"\n"
                + "A2,11/22/2026 10:02 AM,Email,\"Teşekkürler, çok hızlı döndünüz bana\"\n",
            dates: ["2026-11-21T09:14:00", "2026-11-22T10:02:00"], channels: ["Twitter", "Email"],
            byContent: ["date", "channel"], notRead: ["ref"]),
        ContentColumnCase(
            name: "record numbers that parse as dates are not dates",
            csv: "Ref,Kod,Yorum\n50012,20261205,\"Temsilci çok yardımcı oldu, teşekkürler\"\n50013,20261206,Bekleme süresi çok uzundu maalesef\n",
            dates: [nil, nil], channels: [nil, nil], notRead: ["Ref", "Kod"], hasDate: false),
        ContentColumnCase(
            name: "a column with one answer in ten that is no date is not taken (it would reject that row)",
            csv: "Gün,Yorum\n" + (1...9).map { "0\($0).12.2026,\"Hizmetten memnun kaldım, teşekkürler \($0)\"\n" }.joined()
                + "bilinmiyor,\"Hizmetten memnun kaldım, teşekkürler 10\"\n",
            dates: Array(repeating: nil, count: 10), channels: Array(repeating: nil, count: 10), notRead: ["Gün"], hasDate: false),
        ContentColumnCase(
            name: "an app's versions are not dates, nor dates without their whole year",
            csv: "Sürüm,Gün,Yorum\n4.12.30,06.12.26,\"Uygulama açılmıyor, rezalet\"\n5.2.14,07.12.26,\"Güncellemeden sonra çok yavaş\"\n",
            dates: [nil, nil], channels: [nil, nil], notRead: ["Sürüm", "Gün"], hasDate: false),
        ContentColumnCase(
            name: "a column half of dates is not the date",
            csv: "Etiket,Yorum\n05.12.2026,\"Hizmetten memnun kaldım, teşekkürler\"\nacil,Hizmetten memnun kalmadım hiç\n",
            dates: [nil, nil], channels: [nil, nil], notRead: ["Etiket"], hasDate: false),
        ContentColumnCase(
            name: "a named date column wins, and the first of two date columns is taken",
            csv: "Doğum,Tarih,Kayıt,Yorum\n01.02.1980,05.12.2026,04.12.2026,\"Hizmetten memnun kaldım, teşekkürler\"\n",
            dates: ["2026-12-05"], channels: [nil], notRead: ["Doğum", "Kayıt"]),
        ContentColumnCase(
            name: "of two unnamed date columns the leftmost is taken",
            csv: "Başlangıç,Bitiş,Yorum\n04.12.2026,05.12.2026,\"Hizmetten memnun kaldım, teşekkürler\"\n",
            dates: ["2026-12-04"], channels: [nil], byContent: ["date"], notRead: ["Bitiş"]),
        ContentColumnCase(
            name: "product names are not channels",
            csv: "Ürün,Yorum\nKredi kartı,\"Kart limitim artırılmadı, çok kötü\"\nMobil bankacılık,\"Uygulama sürekli donuyor, rezalet\"\n",
            dates: [nil, nil], channels: [nil, nil], notRead: ["Ürün"], hasDate: false),
        ContentColumnCase(
            name: "contact-centre names now in headers.tsv",
            csv: "Talep No,Gönderim Tarihi,İletişim Kanalı,Atanan,Yorum\nT-1,05.12.2026,E-posta,Ayşe,\"Sorunum çözüldü, teşekkürler\"\n",
            dates: ["2026-12-05"], channels: ["Email"]),
    ]

    @Test(arguments: cases)
    func readsTheColumn(_ c: ContentColumnCase) {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("survey.csv", c.csv))
        #expect(o.problems().isEmpty, "\(o.problems())")
        #expect(o.records.map(\.date) == c.dates)
        #expect(o.records.map(\.channel) == c.channels)
        #expect(o.summary.columnsByContent.map(\.field) == c.byContent)
        #expect(o.summary.columnsNotRead == c.notRead)
        #expect(o.summary.hasDateColumn == c.hasDate)
    }

    @Test func theManifestSaysWhichColumnAndWhy() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("survey.csv", Self.cases[0].csv))
        #expect(o.summary.columnsByContent.map(\.name) == ["Tarih Bilgisi", "Nereden"])
        #expect(o.summary.columnsByContent.first?.reason
            == "column 'Tarih Bilgisi': no header names the date column; the 2 answers sampled are all dates")
    }

    @Test func theNewHeaderNamesMapWithoutContent() {
        let o = readFile(TemporaryFolder().removedAtExit().write("t.csv", Self.cases.last!.csv))
        #expect(o.records.first?.id == "T-1", "Talep No is the id")
        #expect(o.records.first?.employee == "Ayşe", "Atanan (assigned to) is the employee")
        #expect(o.summary.columnsByContent.isEmpty, "every field is named by its header")
    }
}
