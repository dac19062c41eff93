import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// What reading one sample export in `fixtures/exports/` without configuration must give.
struct FixtureExport: CustomTestStringConvertible, Sendable {
    var file: String
    /// The encoding recorded in the summary (for XML, as libxml2 reports the declaration).
    var encoding: String
    /// The delimiter recorded in the summary (`tab` for TAB); nil for XML.
    var delimiter: String?
    var records: Int
    var rejects: Int = 0
    var rated: Int = 0
    /// A record that must be there, decoded: its id and its exact text.
    var sampleID: String
    var sampleText: String
    /// Its employee, when the export names one.
    var sampleEmployee: String? = nil
    /// A fragment of the whole-file error, for the export that is meant to fail.
    var fileError: String? = nil

    var testDescription: String { file }
}

@Suite("Sample exports in fixtures/")
struct FixtureExportTests {
    static let folder = RepoPaths.fixtures.appendingPathComponent("exports")

    static let exports: [FixtureExport] = [
        // Spreadsheet "Unicode text": UTF-16 LE with BOM, TAB, CRLF, a .txt file, a cell with a line break.
        FixtureExport(file: "tr_unicode_metin_2026-11-21.txt", encoding: "utf-16le", delimiter: "tab", records: 8,
                      sampleID: "TR-20106", sampleText: "Tarife değişikliği yapıldı.\nAncak ek ücret konusunda bilgi verilmedi.",
                      sampleEmployee: "Zeynep Kaya"),
        // Serbian Cyrillic in windows-1251 (ђ ј љ њ ћ џ), semicolons, CRLF.
        FixtureExport(file: "sr_cirilica_cp1251_2026-11-21.csv", encoding: "windows-1251", delimiter: ";", records: 8,
                      sampleID: "RS-3507", sampleText: "Оператер је био стрпљив; све ми је објаснио корак по корак.",
                      sampleEmployee: "Милош Стојановић"),
        // Serbian Latin in windows-1250 (č ć đ š ž), semicolons, CRLF.
        FixtureExport(file: "sr_latinica_cp1250_2026-11-21.csv", encoding: "windows-1250", delimiter: ";", records: 8,
                      sampleID: "RS-3605", sampleText: "Užasno iskustvo, niko ne zna šta radi. Raskidam ugovor!",
                      sampleEmployee: "Marko Jovanović"),
        // Kazakh, pipe-delimited UTF-8, LF; headers Маман / Түсініктеме.
        FixtureExport(file: "kk_qonyrau_pipe_2026-11-21.csv", encoding: "utf-8", delimiter: "|", records: 8,
                      sampleID: "KZ-5603", sampleText: "Интернет сол күні қосылды, бірақ шебер кешігіп келді.",
                      sampleEmployee: "Дана Қасымова"),
        // Mongolian, comma-delimited UTF-8 with CR-only line ends (an old Mac export); headers Оноо / Санал.
        FixtureExport(file: "mn_sanal_cr_2026-11-21.csv", encoding: "utf-8", delimiter: ",", records: 8,
                      sampleID: "MN-7808", sampleText: "Төлбөрийн талаар буруу мэдээлэл өгсөн, дахин залгах хэрэгтэй болсон.",
                      sampleEmployee: "Тэмүүжин Ганбат"),
        // Turkish in windows-1254 with three bad rows and a rating without a comment (TRB-204).
        FixtureExport(file: "tr_cagri_merkezi_cp1254_2026-11-21.csv", encoding: "windows-1254", delimiter: ";", records: 3, rejects: 3, rated: 1,
                      sampleID: "TRB-201", sampleText: "İşlemim hemen yapıldı, çok nazik bir personeldi.", sampleEmployee: "Selin Aydın"),
        FixtureExport(file: "kk_saualnama_2026-11-21.csv", encoding: "utf-8", delimiter: ",", records: 24,
                      sampleID: "KZ-5502", sampleText: "Чатта жауап күту өте ұзақ болды. Қырық минуттан кейін ғана оператор қосылды.",
                      sampleEmployee: "Нұрлан Әбенов"),
        FixtureExport(file: "mn_sanal_2026-11-21.tsv", encoding: "utf-8", delimiter: "tab", records: 22,
                      sampleID: "MN-7702", sampleText: "Чатаар бичээд 40 минут хүлээсэн, эцэст нь салбар дээр оч гэсэн. Цаг алдсан л болов.",
                      sampleEmployee: "Тэмүүжин Ганбат"),
        FixtureExport(file: "sr_anketa_2026-11-21.csv", encoding: "utf-8", delimiter: ",", records: 24,
                      sampleID: "RS-3302", sampleText: "Čekao sam 25 minuta da se neko uključi u čet, a onda sam dobio odgovor koji ne rešava ništa.",
                      sampleEmployee: "Marko Jovanović"),
        FixtureExport(file: "sr_cirilica_2026-11-21.csv", encoding: "utf-8", delimiter: ";", records: 12,
                      sampleID: "RS-3402", sampleText: "Чекала сам пола сата у чету, а на крају ми је речено да позовем телефоном.",
                      sampleEmployee: "Ана Николић"),
        FixtureExport(file: "tr_anket_2026-11-21.csv", encoding: "utf-8", delimiter: ";", records: 26,
                      sampleID: "TR-10232", sampleText: "Yarım saat bekledikten sonra bağlandım, sorum da tam olarak yanıtlanmadı.",
                      sampleEmployee: "Mehmet Demir"),
        FixtureExport(file: "kk_mentions_2026-11-21.xml", encoding: "utf-8", records: 10,
                      sampleID: "", sampleText: "Кеше картам бұғатталып қалды"),
        FixtureExport(file: "mn_atom_2026-11-21.xml", encoding: "utf-8", records: 9,
                      sampleID: "", sampleText: "Сүлд банкны апп өчигдрөөс хойш нэвтрэхгүй байна."),
        FixtureExport(file: "sr_drustvene_2026-11-21.xml", encoding: "utf-8", records: 10,
                      sampleID: "", sampleText: "Treći dan bez interneta u Novom Sadu, a na broj podrške niko se ne javlja. Dokle više?!"),
        FixtureExport(file: "tr_sosyal_2026-11-21.xml", encoding: "utf-8", records: 10,
                      sampleID: "", sampleText: "3 gündür evde internet yok, çağrı merkezine 40 dakikadır bağlanmaya çalışıyorum."),
        // Cut off in the middle of its second record: the first, whole, is read; the file's reject says where it stops.
        FixtureExport(file: "sr_prekinut_izvoz_2026-11-21.xml", encoding: "utf-8", records: 1, rejects: 0,
                      sampleID: "RS-X-1", sampleText: "Brzo i ljubazno, hvala!", fileError: "truncated export?"),
    ]

    @Test(arguments: exports)
    func readsWithoutConfiguration(_ e: FixtureExport) throws {
        let outcome = readFile(Self.folder.appendingPathComponent(e.file))
        let s = outcome.summary
        #expect(outcome.problems() == [])
        #expect(s.encoding == e.encoding)
        #expect(s.delimiter == e.delimiter)
        #expect(s.accepted == e.records)
        #expect(s.rejected == e.rejects)
        #expect(s.rated == e.rated)
        if let fragment = e.fileError {
            #expect(s.fileError?.contains(fragment) == true, "\(s.fileError ?? "no file error")")
            return
        }
        #expect(s.fileError == nil)
        if e.sampleID.isEmpty {
            // XML mentions: the sample is the start of a post's text.
            #expect(outcome.records.contains { $0.text.hasPrefix(e.sampleText) }, "no record starts with \(e.sampleText)")
        } else {
            let r = try #require(outcome.records.first { $0.id == e.sampleID })
            #expect(r.text == e.sampleText)
            #expect(r.employee == e.sampleEmployee)
            #expect(!r.ratings.isEmpty && r.date != nil && r.channel != nil)
        }
    }

    /// Every sample export has a row in the table above, so a new one cannot go untested.
    @Test func everyExportIsCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasPrefix(".") }
        #expect(Set(files) == Set(Self.exports.map(\.file)))
    }
}
