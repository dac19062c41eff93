import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// One export of a kind the sniffer must recognise, and what reading it must give.
struct FormatCase: CustomTestStringConvertible, Sendable {
    /// File name under `Tests/Data/formats/`.
    var file: String
    var format: String
    var records: Int
    var rejects: Int = 0
    /// A fragment of the layout the manifest reports (survey tool, sheet).
    var layout: String? = nil
    /// The column read as text, and a fragment of why.
    var textColumn: String? = nil
    var textReason: String? = nil
    /// A fragment of the reason it is skipped, when it is not read.
    var skipped: String? = nil
    var options = SourceOptions()
    var check: (@Sendable (ReadOutcome) -> Void)? = nil

    var testDescription: String { file }
}

/// Every kind of export Verbatim reads, from the folder that the pipeline test also runs whole
/// (`FormatFolderTests`). Each file is its own example: its records, rejects and reasons.
@Suite("Export formats by content")
struct FormatInputTests {
    static let folder = RepoPaths.testData.appendingPathComponent("formats")

    static let cases: [FormatCase] = [
        FormatCase(file: "qualtrics_tr_2026-11-21.csv", format: "csv", records: 5, rejects: 1, layout: "Qualtrics",
                   textColumn: "Q2_TEXT", textReason: "no header names the text column") { o in
            #expect(o.records.first?.id == "R_1a2B3c4D5e6F7g8", "ResponseId is the id")
            #expect(o.records.first?.provenance.line == 4, "three header rows: the first answer is line 4")
            #expect(o.records.first?.employee == "Ayşe Demir", "the employee is found by the question text 'Temsilci'")
            #expect(o.records.first?.date == "2026-11-21T09:04:41", "RecordedDate is the date")
            #expect(o.rejects.first?.reason == "empty feedback text")
        },
        FormatCase(file: "surveymonkey_sr_2026-11-21.csv", format: "csv", records: 5, layout: "SurveyMonkey",
                   textColumn: "Šta bismo mogli da poboljšamo?", textReason: "free text in 5 of the 5") { o in
            #expect(o.records.first?.id == "118842210931")
            #expect(o.records.first?.provenance.line == 3, "the sub-answer row is a header row, not a reject")
            #expect(o.records.first?.employee == "Jelena Petrović")
        },
        FormatCase(file: "googleforms_kk_2026-11-21.csv", format: "csv", records: 5, layout: "Google Forms",
                   textColumn: "Бізге не ұнады, не ұнамады? Толығырақ жазыңыз") { o in
            #expect(o.records.first?.date == "2026-11-21T09:12:44")
        },
        FormatCase(file: "msforms_mn_2026-11-21.xlsx", format: "xlsx", records: 4, layout: "Microsoft Forms",
                   textColumn: "Санал, гомдлоо дэлгэрэнгүй бичнэ үү") { o in
            #expect(o.records.map(\.id) == ["1", "2", "3", "4"])
            #expect(o.records.first?.date == "2026-11-21T09:05:40", "Completion time, a serial date in a date style, to the second")
            #expect(o.records.first?.provenance.line == 2, "line is the sheet row")
        },
        FormatCase(file: "libreoffice_tr_2026-11-21.xlsx", format: "xlsx", records: 3, layout: "sheet 'lo_src'", textColumn: "Yorum") { o in
            #expect(o.records.map(\.date) == ["2026-11-19", "2026-11-20", "2026-11-21"])
            #expect(o.records.map(\.ratings.primary?.value) == [5, 2, 4])
            #expect(o.records.first?.text == "Sorunum ilk aramada çözüldü; temsilci çok ilgiliydi.", "shared strings")
        },
        FormatCase(file: "mac1904_tr_2026-11-21.xlsx", format: "xlsx", records: 2, layout: "1904 dates", textColumn: "Yorum",
                   options: SourceOptions(sheet: "Yorumlar")) { o in
            #expect(o.records.map(\.date) == ["2026-11-20", "2026-11-21"], "the 1904 epoch")
            #expect(o.records.map(\.ratings.primary?.value) == [4.5, 2])
        },
        // Excel 97–2003 (BIFF8, strings in UTF-16) as xlwt writes it: scripts/fixtures/make_xls.py.
        FormatCase(file: "legacy_tr_2026-11-21.xls", format: "xls", records: 3, layout: "sheet 'Yanıtlar'", textColumn: "Yorum",
                   options: SourceOptions(sheet: "Yanıtlar")) { o in
            #expect(o.summary.encoding == "utf-16le")
            #expect(o.records.map(\.id) == ["TR-XLS-1", "TR-XLS-2", "TR-XLS-3"])
            #expect(o.records.map(\.date) == ["2026-11-19", "2026-11-20T14:30:00", "2026-11-21"], "date and date-time cells")
            #expect(o.records.map(\.ratings.primary?.value) == [5, 1, 4.5], "numbers: whole and fractional")
            #expect(o.records.first?.text == "İlk aramada çözüldü, teşekkür ederim.")
            #expect(o.records.map(\.provenance.line) == [2, 3, 4], "line is the sheet row")
            #expect(o.rated.map(\.provenance.line) == [5] && o.rated.map(\.ratings.primary?.value) == [3], "a rating without a comment")
        },
        // LibreOffice Calc's OpenDocument, as scripts/fixtures/make_ods.py writes it (the sheet filled to its end).
        FormatCase(file: "calc_sr_2026-11-21.ods", format: "ods", records: 3, layout: "sheet 'Odgovori'", textColumn: "Komentar") { o in
            #expect(o.summary.encoding == "utf-8")
            #expect(o.records.map(\.id) == ["SR-ODS-1", "SR-ODS-2", "SR-ODS-3"])
            #expect(o.records.map(\.date) == ["2026-11-19", "2026-11-20T14:30:00", "2026-11-21"], "office:date-value, not the date shown")
            #expect(o.records.map(\.ratings.primary?.value) == [5, 1.5, 4], "office:value (1.5), not the 1,50 shown")
            #expect(o.records[1].text == "Čekao sam   nedelju dana.\nNiko se nije javio.", "paragraphs and <text:s>; the comment left out")
            #expect(o.records[2].employee == "Ана Николић" && o.records[2].channel == nil, "a merged cell's covered cell is the empty channel")
            #expect(o.rated.map(\.provenance.line) == [5] && o.rated.map(\.ratings.primary?.value) == [3], "a rating without a comment")
        },
        // Excel's "XML Spreadsheet 2003", as older reporting systems export it: a worksheet, not a feed of <Row>s.
        FormatCase(file: "excel2003_tr_2026-11-21.xml", format: "xml-spreadsheet", records: 3, layout: "1 title line above the header; sheet 'Anket'",
                   textColumn: "Yorum") { o in
            #expect(o.records.map(\.id) == ["TR-X03-1", "TR-X03-2", "TR-X03-3"])
            #expect(o.records.map(\.provenance.line) == [4, 5, 6], "the sheet's row numbers (ss:Index skips row 2)")
            #expect(o.records.map(\.date) == ["2026-11-20T10:05:00", nil, "2026-11-21T16:40:00"], "ss:Index=3 leaves the date empty")
            #expect(o.records.map(\.ratings.primary?.value) == [5, 1, 4])
            #expect(o.records.first?.text == "Sorunum hemen çözüldü, çok teşekkürler.", "inline formatting dropped, the comment left out")
        },
        // A web panel's "export to Excel": an HTML page in windows-1254 named .xls (scripts/fixtures/make_html_xls.py).
        FormatCase(file: "panel_tr_2026-11-21.xls", format: "html", records: 3, layout: "table 2 of 2", textColumn: "Yorum") { o in
            #expect(o.summary.encoding == "windows-1254")
            #expect(o.records.map(\.id) == ["TR-HTML-1", "TR-HTML-2", "TR-HTML-3"])
            #expect(o.records.map(\.date) == ["2026-11-21", "2026-11-21", "2026-11-21"], "rowspan gives the date to both rows")
            #expect(o.records.map(\.ratings.primary?.value) == [4.5, 1, nil], "x:num, not the 4,5 shown; &nbsp; is no rating")
            #expect(o.records.map(\.text) == ["Çok ilgiliydi,\nsorunum hemen çözüldü.", "Yarım saat bekledim & kimse yardımcı olmadı.", "İade süreci\ngayet hızlıydı."])
            #expect(o.records.map(\.provenance.line) == [2, 3, 4], "the row's number in its table")
            #expect(o.rated.map(\.provenance.line) == [5] && o.rated.map(\.ratings.primary?.value) == [3], "a rating without a comment")
        },
        FormatCase(file: "social_sr_2026-11-21.json", format: "json", records: 3, rejects: 1) { o in
            #expect(o.records.map(\.id) == ["fb-20261121-001", "fb-20261121-002", "ig-20261121-003"])
            #expect(o.records.first?.channel == "Facebook")
            #expect(o.records.first?.provenance.line == 2, "an array element's line is where it starts")
            #expect(o.rejects.first?.provenance.line == 32)
        },
        // Telegram Desktop's chat export of a support group: the customers' messages are read; a service line,
        // the group's own answer and a photo without a caption are set aside, not rejected.
        FormatCase(file: "telegram_kk_2026-11-21.json", format: "json", records: 3, layout: "records in the array 'messages'") { o in
            #expect(o.records.map(\.id) == ["502", "504", "506"])
            #expect(o.records.map(\.channel) == ["Telegram", "Telegram", "Telegram"])
            #expect(o.records[1].text == "Оператор өте сыпайы, мәселені тез шешті", "formatted text, its runs joined")
            #expect(o.setAside == [.serviceLine, .ownMessage, .mediaOnly])
        },
        FormatCase(file: "mentions_kk_2026-11-21.ndjson", format: "ndjson", records: 3, rejects: 1) { o in
            #expect(o.records.map(\.provenance.line) == [1, 3, 4])
            #expect(o.rejects.first?.provenance.line == 2)
            #expect(o.rejects.first?.reason.hasPrefix("not a JSON object") == true)
        },
        // Brandwatch's CSV: a preamble of label and value lines above the header; `Full Text`, or `Snippet` where it is empty.
        FormatCase(file: "listening_tr_2026-11-21.csv", format: "csv", records: 3, layout: "6 title lines above the header",
                   textColumn: "Full Text | Snippet", textReason: "where it is empty, the first of 'Snippet'") { o in
            #expect(o.records.map(\.provenance.line) == [9, 10, 11])
            #expect(o.records[1].text == "Mağazadaki temsilci çok ilgiliydi, teşekkürler")
            #expect(o.records.map(\.channel) == ["Twitter", "Instagram", "Twitter"], "the page type, as channels.tsv names its network")
        },
        // Brandwatch's API: the text is `fullText`, or `snippet` where that is empty; Twitter's date form and Unix seconds.
        FormatCase(file: "brandwatch_sr_2026-11-21.json", format: "json", records: 3, layout: "records in the array 'results'") { o in
            #expect(o.records.map(\.id) == ["bw-9001", "bw-9002", "bw-9003"])
            #expect(o.records[1].text == "Već treći put zovem zbog istog kvara i niko ne zna ništa", "the snippet, as the full text is empty")
            #expect(o.records.map(\.date) == ["2026-11-21T09:12:00+00:00", "2026-11-21T14:30:00+00:00", "2026-11-21T12:00:00Z"])
            #expect(o.records.map(\.channel) == ["Twitter", "Twitter", "Facebook"], "pageType, as channels.tsv names its network")
        },
        // Talkwalker's stream: each post three objects deep, its time in Unix milliseconds; the control line at the end is a reject that names its keys.
        FormatCase(file: "talkwalker_tr_2026-11-21.ndjson", format: "ndjson", records: 2, rejects: 1, layout: "each record's fields under 'chunk_result.data.data'") { o in
            #expect(o.records.map(\.date) == ["2026-11-21T08:31:12Z", "2026-11-21T09:30:00Z"])
            #expect(o.records.map(\.declaredLanguage) == [.tr, .tr])
            #expect(o.rejects.first?.reason.contains("(keys: 'chunk_control', 'chunk_type')") == true)
        },
        FormatCase(file: "daily_tr_2026-11-21.csv.gz", format: "csv+gzip", records: 3, textColumn: "Yorum") { o in
            #expect(o.summary.delimiter == ";")
            #expect(o.records.last?.text == "Sorun çözüldü ama bekleme süresi uzundu.")
        },
        FormatCase(file: "exports_2026-11-21.zip", format: "zip", records: 4) { o in
            #expect(o.summary.members.map(\.file) == ["exports_2026-11-21.zip!anketa_sr.csv", "exports_2026-11-21.zip!sanal_mn.xml"])
            #expect(o.records.map(\.provenance.file) == ["exports_2026-11-21.zip!anketa_sr.csv", "exports_2026-11-21.zip!anketa_sr.csv",
                                                         "exports_2026-11-21.zip!sanal_mn.xml", "exports_2026-11-21.zip!sanal_mn.xml"])
            #expect(o.records.last?.employee == "Тэмүүлэн Ганбат")
        },
        FormatCase(file: "mentions_tr_2026-11-21.rss", format: "xml", records: 2) { o in
            #expect(o.records.map(\.id) == ["rss-tr-1", "rss-tr-2"])
        },
        FormatCase(file: "haftalik_rapor.pdf", format: "unsupported", records: 0, skipped: "looks like a PDF document"),
        FormatCase(file: ".~lock.qualtrics_tr_2026-11-21.csv#", format: "", records: 0, skipped: "LibreOffice lock file"),
        FormatCase(file: "~$msforms_mn_2026-11-21.xlsx", format: "", records: 0, skipped: "Office lock file"),
    ]

    /// Without `sheet:`, the legacy workbook's first sheet (a summary) is read, and the reason names the other.
    @Test func aLegacyWorkbooksFirstSheetWithoutTextNamesTheOthers() {
        let o = readFile(Self.folder.appendingPathComponent("legacy_tr_2026-11-21.xls"))
        #expect(o.summary.fileError?.contains("the first sheet, 'Özet', has no feedback text column") == true, "\(o.summary.fileError ?? "")")
        #expect(o.summary.fileError?.contains("the workbook also has 'Yanıtlar'") == true)
        #expect(o.records.isEmpty)
    }

    @Test(arguments: cases)
    func readsAsAsserted(_ c: FormatCase) throws {
        let url = Self.folder.appendingPathComponent(c.file)
        if let reason = FormatSniffer.skipReason(fileName: c.file) {
            #expect(reason.contains(c.skipped ?? "—"), "\(reason)")
            return
        }
        let outcome = readFile(url, options: c.options)
        let s = outcome.summary
        #expect(s.format == c.format)
        if let skipped = c.skipped {
            #expect(s.skipReason?.contains(skipped) == true, "\(s.skipReason ?? "not skipped")")
            #expect(outcome.records.isEmpty && outcome.rejects.isEmpty)
            return
        }
        #expect(s.fileError == nil, "\(s.fileError ?? "")")
        #expect(outcome.problems() == [])
        #expect(outcome.records.count == c.records)
        #expect(outcome.rejects.count == c.rejects)
        if let layout = c.layout { #expect(s.layout?.contains(layout) == true, "\(s.layout ?? "no layout")") }
        if let column = c.textColumn { #expect(s.textColumn == column, "\(s.textColumn ?? "no text column")") }
        if let reason = c.textReason { #expect(s.textColumnReason?.contains(reason) == true, "\(s.textColumnReason ?? "")") }
        c.check?(outcome)
    }

    /// Every file of the folder is in the table.
    @Test func everyFileHasACase() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
        #expect(Set(files) == Set(Self.cases.map(\.file)))
    }

    /// A `sources:` rule wins over the choice by content.
    @Test func sourcesRuleOverridesTheTextColumn() throws {
        let url = Self.folder.appendingPathComponent("qualtrics_tr_2026-11-21.csv")
        let o = readFile(url, options: SourceOptions(columns: [.text: "Q3"]))
        #expect(o.summary.textColumn == "Q3")
        #expect(o.summary.textColumnReason?.contains("named in the pipeline file") == true)
        #expect(o.records.first?.text == "Ayşe Demir")
    }

    /// The first sheet is read unless `sheet:` names another; a missing sheet is named with those there are.
    @Test func sheetChoice() throws {
        let url = Self.folder.appendingPathComponent("mac1904_tr_2026-11-21.xlsx")
        let first = readFile(url)
        #expect(first.summary.fileError == "the first sheet, 'Özet', has no feedback text column (headers seen: 'Bu sayfa yalnızca özet içerir'); the workbook also has 'Yorumlar': name the sheet to read in the pipeline file (sources: - match: … sheet: …)")
        let missing = readFile(url, options: SourceOptions(sheet: "Yanıtlar"))
        #expect(missing.summary.fileError == "the pipeline names sheet 'Yanıtlar', which is not in the workbook; sheets: 'Özet', 'Yorumlar'")
    }
}
