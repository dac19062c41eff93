import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// Reads a file with the bundled header aliases and returns records, rejects and the summary.
func readCSV(_ name: String, _ bytes: [UInt8], options: SourceOptions = SourceOptions()) throws -> ([FeedbackRecord], [Reject], FileReadSummary) {
    let dir = TemporaryFolder()
    defer { dir.remove() }
    let url = dir.write(name, bytes)
    let aliases = bundledAliases
    var records: [FeedbackRecord] = []
    var rejects: [Reject] = []
    let summary = CSVRecordReader(options: options, aliases: aliases).read(url: url, name: name) { e in
        switch e {
        case let .record(r): records.append(r)
        case .rated, .setAside: break  // RatedResponseTests and HelpdeskExportTests read them, through ReadOutcome
        case let .reject(j): rejects.append(j)
        }
    }
    return (records, rejects, summary)
}

@Suite("CSV/TSV reader")
struct CSVRecordReaderTests {
    /// Google Play's review export names the reviewer's device language: a hint for a text too short to
    /// identify (`FeedbackRecord.contextLanguage`), not a declaration; a region is dropped, and a language
    /// that is not scored (Russian, English) hints nothing.
    @Test func aReviewersLanguageIsAHintNotADeclaration() throws {
        let csv = """
            Package Name,App Version Code,Reviewer Language,Device,Review Submit Date and Time,Star Rating,Review Title,Review Text
            kz.bank.app,412,kk,a52,2026-11-21T09:14:00Z,5,,Жақсы
            kz.bank.app,412,sr_RS,a52,2026-11-21T09:15:00Z,5,,Super
            kz.bank.app,412,ru,a52,2026-11-21T09:16:00Z,1,,Ужас
            kz.bank.app,412,xx,a52,2026-11-21T09:17:00Z,4,,Ok

            """
        let (records, rejects, _) = try readCSV("reviews_reviews_kz.bank.app_202611.csv", Array(csv.utf8))
        #expect(rejects.isEmpty, "\(rejects.map(\.reason))")
        #expect(records.map(\.contextLanguage) == [.kk, .sr, nil, nil])
        #expect(records.allSatisfy { $0.declaredLanguage == nil }, "the text is still identified from its words")
    }

    /// Two UTF-8 exports joined with `cat` (each with Excel's byte-order mark): the second header is
    /// neither a record nor a reject ("unreadable date 'Tarih'"); it is skipped and counted. A row that
    /// only begins like the header is read.
    @Test func aRepeatedHeaderIsSkippedAndCounted() throws {
        let one = "\u{FEFF}Yanıt No;Tarih;Puan;Yorum\n1;21.11.2026;5;Harika hizmet.\n"
        let two = "\u{FEFF}Yanıt No;Tarih;Puan;Yorum\n2;22.11.2026;1;Berbat.\nYanıt No;22.11.2026;3;Tarih\n"
        let (records, rejects, summary) = try readCSV("birlesik.csv", Array((one + two + " Yanıt No ; Tarih;Puan;Yorum;\n").utf8))
        #expect(records.map(\.id) == ["1", "2", "Yanıt No"])
        #expect(records.map(\.provenance.line) == [2, 4, 5], "lines stay the file's")
        #expect(rejects.isEmpty, "\(rejects.map(\.reason))")
        #expect(summary.read == 3)
        #expect(summary.layout == "2 repeated header lines skipped", "the BOM line and the padded one")
    }

    @Test func turkishHeadersMapWithoutConfiguration() throws {
        let csv = "Yanıt No;Tarih;Temsilci;Kanal;Puan;Yorum\nTR-1;21.11.2026 09:14;Ayşe Yılmaz;Telefon;5;\"Çok ilgiliydi; teşekkürler\"\n"
        let (records, rejects, summary) = try readCSV("tr.csv", Array(csv.utf8))
        #expect(rejects.isEmpty)
        #expect(summary.delimiter == ";")
        let r = try #require(records.first)
        #expect(r.id == "TR-1")
        #expect(r.date == "2026-11-21T09:14:00")
        #expect(r.employee == "Ayşe Yılmaz")
        #expect(r.channel == "Phone", "`Telefon` is the contact channel channels.tsv names Phone")
        #expect(r.ratings.primary?.value == 5)
        #expect(r.text == "Çok ilgiliydi; teşekkürler")
        #expect(r.provenance == Provenance(file: "tr.csv", line: 2))
    }

    /// A name typed with a combining mark (`s` + U+0327, `и` + U+0306, as macOS tools export) is the same
    /// name as the precomposed one, byte for byte, so the history store counts one employee.
    @Test func employeeAndChannelNamesAreComposed() throws {
        let csv = "id,agent,channel,comment\n1,Ays\u{0327}e Yılmaz,O\u{0308}n bu\u{0308}ro,iyi\n2,Ayşe Yılmaz,Ön büro,kötü\n3,Аи\u{0306}дын,Чат,жақсы\n"
        let (records, rejects, _) = try readCSV("names.csv", Array(csv.utf8))
        #expect(rejects.isEmpty)
        #expect(records.map { Array(($0.employee ?? "").utf8) } == [Array("Ayşe Yılmaz".utf8), Array("Ayşe Yılmaz".utf8), Array("Айдын".utf8)])
        // A channel channels.tsv does not list (`Çağrı` is listed, as Phone) is kept as written, composed.
        #expect(Array((records[0].channel ?? "").utf8) == Array("Ön büro".utf8))
    }

    /// Excel's hint line `sep=;` (also quoted, after a byte-order mark, in a code page) names the
    /// delimiter and is not read as the header; rows keep their line numbers. Before, the whole file
    /// was rejected: "no feedback text column found; headers seen: 'sep=', ''".
    @Test(arguments: [
        ("sep=;\nid;yorum;puan\n1;Çok iyi, teşekkürler;5\n2;Berbat;1\n", ";"),
        ("\u{FEFF}\"sep=|\"\r\nid|yorum|puan\r\n1|Çok iyi, teşekkürler|5\r\n2|Berbat|1\r\n", "|"),
        ("SEP=,\nid,yorum,puan\n1,\"Çok iyi, teşekkürler\",5\n2,Berbat,1\n", ","),
    ])
    func excelsSeparatorLineNamesTheDelimiter(_ csv: String, _ delimiter: String) throws {
        let (records, rejects, summary) = try readCSV("hint.csv", Array(csv.utf8))
        #expect(rejects.isEmpty, "\(rejects.map(\.reason))")
        #expect(summary.delimiter == delimiter)
        #expect(records.map(\.text) == ["Çok iyi, teşekkürler", "Berbat"])
        #expect(records.map(\.provenance.line) == [3, 4], "the hint is line 1, the header line 2")
    }

    /// Reporting tools put the report's name and date range above the header. Those title lines are
    /// passed over (the delimiter is sniffed below them; one with a comma does not make it a comma),
    /// the manifest says so, and rows keep their line numbers. Before, the title was taken for the
    /// header and the file rejected: "no feedback text column found; headers seen: 'Müşteri …'".
    @Test func titleLinesAboveTheHeaderArePassedOver() throws {
        let csv = """
            Müşteri Memnuniyet Anketi, Kasım 2026
            Tarih aralığı: 01.11.2026 - 30.11.2026

            Kayıt No;Tarih;Temsilci;Puan;Yorum
            1;21.11.2026;Ayşe Yılmaz;5;Çok iyi hizmet, teşekkürler
            2;21.11.2026;Mehmet Kaya;1;Berbat, kimse aramadı

            """
        let (records, rejects, summary) = try readCSV("rapor.csv", Array(csv.utf8))
        #expect(rejects.isEmpty, "\(rejects.map(\.reason))")
        #expect(summary.delimiter == ";")
        #expect(summary.layout == "2 title lines above the header")
        #expect(records.map(\.id) == ["1", "2"] && records.map(\.provenance.line) == [5, 6])
        #expect(records.first?.employee == "Ayşe Yılmaz" && records.first?.text == "Çok iyi hizmet, teşekkürler")
    }

    /// What is not a title: the one column of a one-column table, and a header row itself.
    @Test func titleRowsAreOnlyAboveAWiderHeader() {
        #expect(TableHeader.titleRows([["Yorum"], ["Çok iyi"], ["Berbat"]]) == 0)
        #expect(TableHeader.titleRows([["id", "yorum"], ["1", "iyi"]]) == 0)
        #expect(TableHeader.titleRows([["Rapor", ""], ["", ""], ["id", "yorum"], ["1", "iyi"]]) == 2)
        #expect(TableHeader.titleRows([["Rapor"], ["id", "tarih", "temsilci", "kanal", "puan", "yorum"], ["1", "", "", "", "", "iyi"]]) == 1)
        #expect(TableHeader.titleRows([["Rapor"], ["1", "iyi"], ["id", "tarih", "temsilci", "kanal", "puan", "yorum"]]) == 0,
                "a row far narrower than the table is not its header")
        #expect(TableHeader.titleRows(Array(repeating: ["x"], count: 7) + [["id", "yorum"]]) == 0, "more than \(TableHeader.maxTitleRows) lines is not a title")
    }

    /// A listening tool's preamble (`"Report:","Mentions"`, `"From:","2026-11-20"`: label and value) above
    /// the header that names the text: before, the file was rejected whole ("headers seen: 'Brandwatch'"),
    /// and naming the text column in the pipeline could not help.
    @Test func aReportsPreambleAboveTheHeaderThatNamesTheText() {
        let header = ["Query Id", "Date", "Title", "Url", "Page Type", "Full Text", "Snippet", "Author"]
        let preamble = [["Brandwatch"], ["Report:", "Mentions"], ["Brand:", "Turkcell"], ["From:", "2026-11-20"], ["To:", "2026-11-21"],
                        ["Label:", ""], ["Author:", "a@example.com"]]
        let data = [["1", "2026-11-21", "", "https://t.co/1", "twitter", "Rezalet", "", "ayse"]]
        #expect(TableHeader.titleRows(preamble + [header] + data, explicit: [:], aliases: bundledAliases) == 7)
        // A header the pipeline names (`columns: {text: Post}`), not an alias.
        let named = header.map { $0 == "Full Text" ? "Post Body" : $0 == "Snippet" ? "Excerpt" : $0 }
        #expect(TableHeader.titleRows(preamble + [named] + data, explicit: [.text: "Post Body"], aliases: bundledAliases) == 7)
        #expect(TableHeader.titleRows(preamble + [named] + data, explicit: [:], aliases: bundledAliases) == 0)
        // Qualtrics: its first row (column ids) is as wide as the row of questions that names the text: no preamble.
        let ids = ["ResponseId", "Q1", "Q2_TEXT"], questions = ["Response ID", "Memnun musunuz?", "Yorum"]
        #expect(TableHeader.titleRows([ids, questions, ["R_1", "5", "İyi"]], explicit: [:], aliases: bundledAliases) == 0)
        // More than `maxPreambleRows` lines above: not a preamble.
        let long = Array(repeating: ["Not:", "x"], count: TableHeader.maxPreambleRows + 1)
        #expect(TableHeader.titleRows(long + [header] + data, explicit: [:], aliases: bundledAliases) == 0)
    }

    @Test func aFirstLineThatOnlyLooksLikeAHintIsTheHeader() throws {
        #expect(CSVRecordReader.separatorHint(Array("sep=a\n".utf8)) == nil)
        #expect(CSVRecordReader.separatorHint(Array("sep=;;\n".utf8)) == nil)
        #expect(CSVRecordReader.separatorHint(Array("separator;yorum\n".utf8)) == nil)
        #expect(CSVRecordReader.separatorHint(Array("sep=\t\r\n".utf8)) == 0x09)
        let (records, _, summary) = try readCSV("win1254.csv", Array("sep=;\nid;yorum\n1;".utf8) + [0xC7, 0x6F, 0x6B] + Array(" iyi\n".utf8))
        #expect(summary.encoding == "windows-1254" && records.first?.text == "Çok iyi", "\(summary.encoding ?? "")")
    }

    /// Open-answer questions as survey exports name them are text columns by name, ahead of a column
    /// that holds more text (a note an agent wrote), which reading by content would pick.
    @Test(arguments: ["Görüş ve Önerileriniz", "Şikayet metni", "Пікіріңіз", "Ұсыныстар", "Komentar korisnika", "Primedba", "Utisci",
                      "Сэтгэгдэл бичнэ үү", "Отзыв клиента", "Customer comment", "Feedback text"])
    func surveyQuestionHeadersNameTheTextColumn(_ header: String) throws {
        let csv = "ID;Ayrıntı;\(header)\n1;Müşteri iki kez aradı, kayıt güncellendi, geri dönüş planlandı;İyi\n2;Hat değişikliği talebi iletildi, ekip bilgilendirildi;Kötü\n"
        let (records, rejects, summary) = try readCSV("q.csv", Array(csv.utf8))
        #expect(rejects.isEmpty && summary.textColumn == header, "\(summary.textColumn ?? "none")")
        #expect(records.map(\.text) == ["İyi", "Kötü"])
    }

    @Test(arguments: [
        "ID,Datum,Operater,Kanal,Ocena,Komentar", "ИД,Датум,Оператер,Канал,Оцена,Коментар",
        "ID,Күні,Қызметкер,Арна,Баға,Пікір", "ID,Огноо,Ажилтан,Суваг,Үнэлгээ,Сэтгэгдэл",
    ])
    func headersInEachLanguage(_ header: String) throws {
        let (records, rejects, _) = try readCSV("x.csv", Array("\(header)\nA-1,21.11.2026,Name,Chat,4,Some text\n".utf8))
        #expect(rejects.isEmpty)
        #expect(records.first?.employee == "Name")
        #expect(records.first?.ratings.primary?.value == 4)
        #expect(records.first?.channel == "Chat")
        #expect(records.first?.date == "2026-11-21")
    }

    @Test func badRowsAreRejectedWithLineAndReasonAndTheRestIsKept() throws {
        let csv = """
            id,date,agent,rating,comment
            1,21.11.2026,A,5,good
            2,21.11.2026,A,5
            3,31.02.2026,A,5,bad date
            4,21.11.2026,A,eleven,bad rating
            5,21.11.2026,A,,
            6,21.11.2026,A,4,fine

            """
        let (records, rejects, summary) = try readCSV("rows.csv", Array(csv.utf8))
        #expect(records.map(\.id) == ["1", "6"])
        #expect(rejects.map(\.provenance.line) == [3, 4, 5, 6])
        #expect(rejects[0].reason == "4 fields, header has 5")
        #expect(rejects[1].reason == "no such date '31.02.2026': February 2026 has no day 31 (it has 28)")
        #expect(rejects[2].reason.contains("rating 'eleven'"))
        #expect(rejects[3].reason == "empty feedback text")
        #expect(summary.read == 6 && summary.accepted == 2 && summary.rejected == 4)
        // The column of the field at fault (1-based), none for a row of the wrong shape.
        #expect(rejects.map(\.provenance.column) == [nil, 2, 4, 5])
    }

    @Test func bytesACodePageLeavesUndefinedRejectOnlyThatRow() throws {
        // 0x81 is undefined in windows-1254; 0xFD is ı.
        var bytes = Array("Yorum;Puan\n".utf8)
        bytes += [0x4B, 0x61, 0x70, 0xFD, 0x20, 0x61, 0xE7, 0xFD, 0x6B, 0x3B, 0x35, 0x0A]  // "Kapı açık;5"
        bytes += [0x42, 0x6F, 0x7A, 0x81, 0x75, 0x6B, 0x3B, 0x31, 0x0A]  // "Boz?uk;1"
        let (records, rejects, summary) = try readCSV("cp.csv", bytes, options: SourceOptions(encoding: .windows1254))
        #expect(records.map(\.text) == ["Kapı açık"])
        #expect(rejects.map(\.reason) == ["bytes that are not valid windows-1254"])
        #expect(rejects.first?.provenance == Provenance(file: "cp.csv", line: 3, column: 1))
        #expect(summary.read == 2 && summary.rejected == 1)
    }

    @Test func unpairedUTF16SurrogateRejectsOnlyThatRow() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        func add(_ s: String) { for u in s.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] } }
        add("Yorum\tPuan\r\nİyi\t5\r\nKöt")
        bytes += [0x3D, 0xD8]  // a high surrogate with no low one after it
        add("ü\t1\r\nSon\t4\r\n")
        let (records, rejects, _) = try readCSV("u16.txt", bytes)
        #expect(records.map(\.text) == ["İyi", "Son"])
        #expect(rejects.map(\.reason) == ["bytes that are not valid utf-16le"])
    }

    @Test func txtIsReadOnlyWhenItSniffsAsDelimited() throws {
        let (records, _, summary) = try readCSV("export.txt", Array("Yorum\tPuan\nÇok iyi, teşekkürler\t5\nKötü\t1\n".utf8))
        #expect(summary.delimiter == "tab" && records.count == 2)
        // Prose with a comma in its first line: the comma does not split the other lines alike.
        let prose = "Notlar, 21 Kasım\nToplantı iyi geçti, herkes katıldı.\nYarın devam edeceğiz.\nSonra rapor yazılacak.\n"
        let (r2, j2, s2) = try readCSV("notes.txt", Array(prose.utf8))
        #expect(r2.isEmpty && j2.count == 1)
        #expect(s2.fileError?.contains("not a delimited text file") == true)
        // The same bytes as .csv are read as a one-column file and rejected for having no text column.
        let (_, _, s3) = try readCSV("notes.csv", Array(prose.utf8))
        #expect(s3.fileError?.contains("no feedback text column") == true)
    }

    @Test func workbookRenamedToCSVIsRejectedWhole() throws {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("[Content_Types].xml".utf8)
        let (records, rejects, summary) = try readCSV("anket.csv", zip)
        #expect(records.isEmpty && rejects.count == 1)
        #expect(summary.fileError?.contains("Excel workbook (.xlsx)") == true)
    }

    @Test func fileWithoutTextColumnIsRejectedListingHeaders() throws {
        let (records, rejects, summary) = try readCSV("nocomment.csv", Array("id,agent,score\n1,A,5\n".utf8))
        #expect(records.isEmpty)
        #expect(rejects.count == 1 && rejects[0].wholeFile)
        #expect(summary.fileError?.contains("'id', 'agent', 'score'") == true)
    }

    @Test func missingIDGetsAStableHash() throws {
        let csv = Array("comment\nfirst\nsecond\n".utf8)
        let (a, _, _) = try readCSV("n.csv", csv)
        let (b, _, _) = try readCSV("n.csv", csv)
        #expect(a.map(\.id) == b.map(\.id))
        #expect(a[0].id != a[1].id)
        #expect(a[0].id.hasPrefix("h") && a[0].id.count == 17)
    }

    @Test func utf16LittleEndianSpreadsheetExport() throws {
        let text = "Yorum\tPuan\r\nHarika hizmet 👍\t5\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let (records, _, summary) = try readCSV("unicode.txt", bytes)
        #expect(summary.encoding == "utf-16le")
        #expect(records.first?.text == "Harika hizmet 👍")
        #expect(records.first?.ratings.primary?.value == 5)
    }

    @Test func invalidUTF8InAFieldRejectsOnlyThatRow() throws {
        var bytes = Array("comment\nok\n".utf8)
        bytes += [0x62, 0x61, 0x64, 0xC3, 0x28, 0x0A]  // "bad" + invalid sequence
        bytes += Array("also ok\n".utf8)
        // A long valid prefix keeps detection on UTF-8.
        let (records, rejects, _) = try readCSV("u.csv", bytes, options: SourceOptions(encoding: .utf8))
        #expect(records.map(\.text) == ["ok", "also ok"])
        #expect(rejects.first?.reason.contains("not valid utf-8") == true)
        #expect(rejects.first?.provenance.line == 3)
    }

    @Test func aRowWithTwoBadFieldsIsRejectedForTheFirstColumn() throws {
        // Line 3: the text (column 2) is not UTF-8 and the channel after it holds a NUL; line 4: only the
        // channel is bad; line 5: only the text, found when its string is made.
        var bytes = Array("id,comment,channel\n1,ok,web\n2,bad".utf8) + [0xC3, 0x28] + Array(",we".utf8) + [0x00] + Array("b\n".utf8)
        bytes += Array("3,fine,".utf8) + [0xFF] + Array("\n".utf8)
        bytes += Array("4,".utf8) + [0xC3, 0x28] + Array(",x\n".utf8)
        let (records, rejects, _) = try readCSV("two.csv", bytes, options: SourceOptions(encoding: .utf8))
        #expect(records.map(\.text) == ["ok"])
        #expect(rejects.map { "\($0.provenance.line):\($0.provenance.column ?? 0) \($0.reason)" } == [
            "3:2 bytes that are not valid utf-8", "4:3 bytes that are not valid utf-8", "5:2 bytes that are not valid utf-8",
        ])
    }

    @Test func emptyAndBOMOnlyFilesAreRejectedWhole() throws {
        for bytes: [UInt8] in [[], [0xEF, 0xBB, 0xBF]] {
            let (records, rejects, summary) = try readCSV("e.csv", bytes)
            #expect(records.isEmpty)
            #expect(rejects.count == 1)
            #expect(summary.fileError != nil)
        }
    }

    @Test func headerOnlyFileHasNoRecordsAndNoError() throws {
        let (records, rejects, summary) = try readCSV("h.csv", Array("id,comment\n".utf8))
        #expect(records.isEmpty && rejects.isEmpty && summary.fileError == nil)
    }

    /// A date in the right form with a number that cannot be says which number; any other unreadable value
    /// gets the forms that are read.
    @Test(arguments: [
        ("32.11.2026 09:10", "no such date '32.11.2026 09:10': November 2026 has no day 32 (it has 30)"),
        ("29.02.2027", "no such date '29.02.2027': February 2027 has no day 29 (it has 28)"),
        ("2026-13-01", "no such date '2026-13-01': there is no month 13"),
        ("11/21/2026", "no such date '11/21/2026': there is no month 21 (is the month written first, as in the US? then set date_order: month_first in the pipeline's sources)"),
        ("9999-12-31", "no such date '9999-12-31': the year 9999 is outside 1900–2200"),
        ("dün akşam", "unreadable date 'dün akşam' (expected e.g. 21.11.2026, 21.11.2026 09:14, 2026-11-21 or 21 Kasım 2026)"),
    ])
    func aRejectedDateSaysWhatIsWrongWithIt(_ date: String, _ reason: String) throws {
        let (records, rejects, _) = try readCSV("dates.csv", Array("id,date,text\n1,\(date),iyi\n2,29.02.2028,iyi\n".utf8))
        #expect(records.map(\.id) == ["2"], "29 February 2028 exists")
        #expect(rejects.map(\.reason) == [reason])
    }
}
