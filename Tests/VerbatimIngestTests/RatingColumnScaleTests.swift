import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// A rating's scale is its column's (`RatingColumnScale`), and survey questions name columns
/// (`QuestionColumns`): what a run reads from the exports survey tools write.
@Suite("Rating column scales and question columns")
struct RatingColumnScaleTests {
    /// `text` written as `name` and read as a run reads it, with `options`.
    static func read(_ text: String, name: String = "anket_tr.csv", options: SourceOptions = SourceOptions()) -> ReadOutcome {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        return readFile(dir.write(name, Array(text.utf8)), options: options)
    }

    static func scales(_ o: ReadOutcome) -> [String] {
        o.records.map { $0.ratings.text ?? "-" } + o.rated.map { "\($0.ratings.text ?? "-") without text" }
    }

    /// What the manifest says of the rating columns: "name: scale".
    static func notes(_ o: ReadOutcome) -> [String] { o.summary.ratingColumns.map { "\($0.name): \($0.scale)" } }

    /// An NPS survey's detractors who answered 1 to 5 are detractors: the column's name says 0–10.
    /// Read by value, 3, 2 and 4 were CSAT ratings and the NPS of 10, 9, 8, 3, 2, 4 came out +66.7
    /// instead of −16.7.
    @Test func anNPSColumnsLowAnswersAreDetractors() {
        let o = Self.read("""
            id,tarih,temsilci,NPS,yorum
            1,21.11.2026,Ayşe,10,Harika hizmet teşekkürler
            2,21.11.2026,Ayşe,9,Gayet iyiydi
            3,21.11.2026,Ayşe,8,Fena değildi
            4,21.11.2026,Ayşe,3,Hiç memnun kalmadım
            5,21.11.2026,Ayşe,2,Sorunum çözülmedi
            6,21.11.2026,Ayşe,4,

            """)
        #expect(Self.scales(o) == ["10/10", "9/10", "8/10", "3/10", "2/10", "4/10 without text"])
        var tally = SentimentTally()
        for r in o.records { tally.add(ratings: r.ratings) }
        for r in o.rated { tally.add(ratings: r.ratings) }
        #expect(tally.npsCount == 6 && tally.csatCount == 0 && abs(tally.nps! - (-100.0 / 6)) < 1e-9)
        #expect(Self.notes(o) == ["NPS: NPS 0–10: its name 'NPS' (lexicons/headers.tsv: nps)"])
    }

    /// A column whose name does not say is decided by its first answers: a number below 1 (a 0) or above
    /// 5 makes it 0–10 for every answer; answers of 1–5 only leave each rating to its value.
    @Test(arguments: [
        ("9;Çok iyi\n2;Kötü hizmet\n", ["9/10", "2/10"], "NPS 0–10: its first answers include '9', which no 1–5 scale gives"),
        ("0;Berbat\n4;Fena değil\n", ["0/10", "4/10"], "NPS 0–10: its first answers include '0', which no 1–5 scale gives"),
        ("4/10;Fena değil\n5;Orta\n", ["4/10", "5/10"], "NPS 0–10: its first answers include '4/10', which no 1–5 scale gives"),
        ("4;İyi\n2;Kötü\n", ["4/5", "2/5"], "each rating by its value (below 1 or above 5: NPS 0–10; else CSAT 1–5)"),
        // Found by the CSV fuzzer: `.5` was a CSAT rating of 0.5, under the 1–5 scale's lowest.
        (".5;Yarım puan\n4;İyi\n", ["0.5/10", "4/10"], "NPS 0–10: its first answers include '.5', which no 1–5 scale gives"),
    ])
    func aPlainColumnIsDecidedByItsFirstAnswers(rows: String, expected: [String], scale: String) {
        let o = Self.read("puan;yorum\n" + rows)
        #expect(Self.scales(o) == expected)
        #expect(Self.notes(o) == ["puan: " + scale])
        #expect(o.rejects.isEmpty, "\(o.rejects.map(\.reason))")
    }

    /// In a column whose scale is 1–5, a 0 or an 8 is off the scale: the row is rejected, saying why and
    /// what to change, and the others are read.
    @Test func aValueOffTheColumnsScaleIsRejected() {
        let o = Self.read("id;CSAT;yorum\n1;5;Çok iyi\n2;8;Güzel\n3;0;Kötü\n4;4/10;Orta\n5;2;Yavaş\n")
        #expect(o.records.map(\.id) == ["1", "5"])
        #expect(Self.scales(o) == ["5/5", "2/5"])
        #expect(o.rejects.map(\.provenance.line) == [3, 4, 5])
        #expect(o.rejects.first?.reason == "rating '8' is outside the column's scale, CSAT 1–5: its name 'CSAT' (lexicons/headers.tsv); "
                + "if the column is on the other scale, set rating_scale: in the pipeline's sources")
        #expect(o.rejects.first?.provenance.column == 2)
    }

    /// A survey with a CSAT and an NPS column has both read, each into its own figure. A plain rating
    /// column beside an NPS column is the CSAT; one whose answers say 0–10 is left unread beside it (the
    /// NPS column is named, the other a guess), and one the pipeline puts on 0–10 leaves the NPS column
    /// unread; the manifest says which and why.
    @Test func aSurveyWithBothRatingsHasBothRead() {
        let both = Self.read("id;CSAT;NPS;yorum\n1;4;9;İyi\n2;2;3;Kötü\n3;;10;\n")
        #expect(Self.scales(both) == ["4/5 9/10", "2/5 3/10", "10/10 without text"])
        #expect(Self.notes(both) == ["CSAT: CSAT 1–5: its name 'CSAT' (lexicons/headers.tsv)", "NPS: NPS 0–10: its name 'NPS' (lexicons/headers.tsv: nps)"])
        // A 6 below the rows the header is decided on is off the 1–5 scale the first answers left.
        let rows = (1...TableHeader.sampleRows).map { "\($0);\($0 % 5 + 1);9;İyi" } + ["99;6;10;Orta"]
        let plain = Self.read("id;Puan;NPS;yorum\n" + rows.joined(separator: "\n") + "\n")
        #expect(Self.scales(plain).prefix(2) == ["2/5 9/10", "3/5 9/10"] && plain.records.count == TableHeader.sampleRows)
        #expect(Self.notes(plain).first == "Puan: CSAT 1–5: the rating beside the NPS column 'NPS'")
        #expect(plain.rejects.map(\.reason) == ["rating '6' is outside the column's scale, CSAT 1–5: the rating beside the NPS column 'NPS'; "
                                                + "if the column is on the other scale, set rating_scale: in the pipeline's sources"])
        let tenPoint = Self.read("id;Puan;NPS;yorum\n1;8;9;İyi\n2;3;3;Kötü\n")
        #expect(Self.scales(tenPoint) == ["9/10", "3/10"])
        #expect(Self.notes(tenPoint) == [
            "Puan: not read: its first answers include '8', which no 1–5 scale gives, beside the NPS column 'NPS'; set rating_scale: in the pipeline's sources to read it",
            "NPS: NPS 0–10: its name 'NPS' (lexicons/headers.tsv: nps)",
        ])
        let told = Self.read("id;Puan;NPS;yorum\n1;8;9;İyi\n", options: SourceOptions(ratingScale: .nps))
        #expect(Self.scales(told) == ["8/10"])
        #expect(Self.notes(told).last == "NPS: not read: the rating column 'Puan' is on 0–10 too (rating_scale: nps in the pipeline file), and a response has one NPS")
    }

    /// The pipeline's `rating_scale:` wins over the column's name and answers.
    @Test func thePipelinesScaleWins() {
        let csv = "id;CSAT;yorum\n1;3;Orta\n2;9;İyi\n"
        let o = Self.read(csv, options: SourceOptions(ratingScale: .nps))
        #expect(Self.scales(o) == ["3/10", "9/10"])
        #expect(Self.notes(o) == ["CSAT: NPS 0–10: rating_scale: nps in the pipeline file"])
        let csat = Self.read("id;puan;yorum\n1;3;Orta\n", options: SourceOptions(ratingScale: .csat))
        #expect(Self.scales(csat) == ["3/5"])
    }

    /// A choice's text is a CSAT rating: in a column of 0–10 it is off the scale.
    @Test func aChoiceInAnNPSColumnIsRejected() {
        let o = Self.read("id;NPS;yorum\n1;Çok memnunum;Harika\n2;10;Süper\n")
        #expect(o.records.map(\.id) == ["2"])
        #expect(o.rejects.first?.reason.hasPrefix("rating 'Çok memnunum' is outside the column's scale, NPS 0–10") == true)
    }

    /// Without a column scale, a rating written out of 10 or of 5 is on that scale: "4/10" is a detractor.
    @Test func aWrittenScaleIsTheRatingsOwn() {
        #expect(RatingParser.writtenScale("4/10") == .nps && RatingParser.writtenScale("4 / 5") == .csat)
        #expect(RatingParser.writtenScale("4") == nil && RatingParser.writtenScale("4/7") == nil)
    }

    /// A Google Forms export in Turkish: the timestamp, the agent question, the satisfaction question,
    /// the recommendation question and the open question are read by their questions, each rating into
    /// its own figure, and a rated row without a comment counts.
    @Test func aGoogleFormsExportIsReadByItsQuestions() {
        let o = Self.read("""
            Zaman damgası,Sizi arayan temsilcimizin adı,Hizmetimizden ne kadar memnun kaldınız?,Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir?,Eklemek istediğiniz başka bir şey var mı?
            21.11.2026 09:14:03,Ayşe Yılmaz,5,9,Çok hızlı çözdüler teşekkürler
            21.11.2026 09:20:11,Mehmet Demir,2,3,Üç kere aradım kimse yardımcı olmadı
            21.11.2026 10:01:45,Ayşe Yılmaz,4,8,

            """)
        #expect(o.records.map(\.date) == ["2026-11-21T09:14:03", "2026-11-21T09:20:11"])
        #expect(o.records.map(\.employee) == ["Ayşe Yılmaz", "Mehmet Demir"])
        #expect(Self.scales(o) == ["5/5 9/10", "2/5 3/10", "4/5 8/10 without text"])
        #expect(o.rated.map(\.employee) == ["Ayşe Yılmaz"])
        #expect(Self.notes(o) == [
            "Hizmetimizden ne kadar memnun kaldınız?: CSAT 1–5: its question 'Hizmetimizden ne kadar memnun kaldınız?' (lexicons/headers.tsv: csat question)",
            "Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir?: NPS 0–10: its question 'Bizi bir arkadaşınıza tavsiye etme olasılığınız nedir?' (lexicons/headers.tsv: nps question)",
        ])
    }

    /// With only the recommendation question, it is the rating, on 0–10.
    @Test func aRecommendationQuestionIsNPS() {
        let o = Self.read("Отметка времени,\"Насколько вероятно, что вы порекомендуете нас друзьям?\",Ваш отзыв\n"
                          + "21.11.2026 9:14:03,3,\"Долго ждал ответа, никто не помог\"\n21.11.2026 9:20:11,10,Спасибо за быструю помощь\n",
                          name: "anketa_ru.csv")
        #expect(Self.scales(o) == ["3/10", "10/10"])
        #expect(o.records.first?.date == "2026-11-21T09:14:03")
    }

    /// A question is read only when its answers are that field's: a satisfaction question whose
    /// answers are sentences is not a rating, one answered on 0–10 is neither CSAT nor NPS, and an
    /// agent question answered with numbers is not an employee. The manifest says why the 0–10
    /// satisfaction question is not read, and how to read it.
    @Test func aQuestionWhoseAnswersDoNotFitIsNotRead() {
        let o = Self.read("""
            Timestamp;Memnun kalmadığınız bir şey oldu mu?;Genel memnuniyetiniz (0-10);Temsilci no;Yorum
            21.11.2026;Evet, beklemek zorunda kaldım;9;4411;Uzun bekledim ama sonunda çözdüler
            21.11.2026;Hayır her şey yolundaydı;2;4412;Çok kibar ve hızlıydı teşekkürler

            """)
        #expect(o.records.count == 2)
        #expect(o.records.allSatisfy { $0.ratings.isEmpty && $0.employee == nil })
        #expect(Self.notes(o) == ["""
            Genel memnuniyetiniz (0-10): not read: a satisfaction question ('Genel memnuniyetiniz (0-10)', lexicons/headers.tsv: \
            csat question) answered up to 9, off CSAT's 1–5, and not NPS's recommendation question; to read it on 0–10, set \
            columns: {rating: 'Genel memnuniyetiniz (0-10)'} and rating_scale: nps in the pipeline's sources
            """])
    }

    /// Qualtrics writes an NPS question's group (1 detractor, 2 passive, 3 promoter) beside its answers
    /// (`Q1_NPS_GROUP`, its question "… - Group"): a code, never read as a rating, even when the
    /// question is worded as satisfaction and its group's 1–3 would fit CSAT's 1–5.
    @Test(arguments: ["Bizi bir arkadaşınıza tavsiye eder misiniz?", "Genel olarak ne kadar memnun kaldınız?"])
    func aQualtricsNPSGroupIsNotARating(question: String) {
        let o = Self.read("""
            ResponseId,Q1,Q1_NPS_GROUP,Q2_TEXT
            Response ID,\(question),\(question) - Group,Yorumunuz
            "{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID1_NPS_GROUP""}","{""ImportId"":""QID2_TEXT""}"
            R_1,10,3,Çok hızlı çözdüler teşekkürler
            R_2,3,1,Yarım saat bekledim kimse açmadı
            R_3,8,2,Fena değil ama biraz yavaştı

            """, name: "qualtrics_tr.csv")
        #expect(o.records.count == 3)
        #expect(!Self.notes(o).contains { $0.hasPrefix("Q1_NPS_GROUP") }, "\(Self.notes(o))")
        #expect(!Self.scales(o).contains { $0 == "3/5" || $0 == "1/5" }, "\(Self.scales(o))")
        if question.contains("tavsiye") { #expect(Self.scales(o) == ["10/10", "3/10", "8/10"]) }
    }

    /// A SurveyMonkey choice question spread over one column per option ("Veoma zadovoljan",
    /// "Zadovoljan", "Nezadovoljan") is one rating, read from whichever of its columns a row fills (one
    /// of them alone holds only the respondents who chose its option).
    @Test func aSurveyMonkeyChoiceQuestionIsReadFromItsOptionColumns() {
        let o = readFile(RepoPaths.testData.appendingPathComponent("formats/surveymonkey_sr_2026-11-21.csv"))
        #expect(o.records.map { $0.ratings.text ?? "-" } == ["5/5", "2/5", "4/5", "2/5", "5/5"])
        #expect(o.records.first?.employee == "Jelena Petrović", "'Ime operatera' is the employee's column")
        #expect(o.summary.ratingColumns.first?.name.hasPrefix("Koliko ste zadovoljni uslugom? - Veoma zadovoljan | ") == true)
        // The options must all be ratings: a choice of channels is no rating.
        let channels = Self.read("""
            Respondent ID,Kako ste nas kontaktirali? Ocenite,,Komentar
            ,Telefon,E-pošta,Open-Ended Response
            1,Telefon,,Sve je bilo u redu hvala
            2,,E-pošta,Niko mi nije odgovorio na vreme

            """, name: "sm_sr.csv")
        #expect(channels.records.count == 2 && channels.records.allSatisfy { $0.ratings.isEmpty })
    }

    /// `headers.tsv` lines of question words and scale names load, and a bad one names its line.
    @Test func questionWordsAndScaleNamesLoad() throws {
        #expect(bundledAliases.questionKind(forHeader: "Bizi tavsiye eder misiniz?") == .nps)
        #expect(bundledAliases.questionKind(forHeader: "Оператордың аты-жөні") == .employee)
        #expect(bundledAliases.questionKind(forHeader: "Koliko ste zadovoljni?") == .csat)
        #expect(bundledAliases.questionKind(forHeader: "Yorumunuz") == nil)
        // A mobile operator is no employee: "operator" counts only beside the word for a name.
        #expect(bundledAliases.questionKind(forHeader: "Hangi operatörü kullanıyorsunuz?") == nil)
        #expect(bundledAliases.questionKind(forHeader: "Какой у вас мобильный оператор?") == nil)
        #expect(bundledAliases.questionKind(forHeader: "Operatörün adı") == .employee)
        #expect(bundledAliases.questionKind(forHeader: "Имя оператора, который вам помог") == .employee)
        #expect(bundledAliases.ratingScale(forHeader: "Net Promoter Score") == .nps && bundledAliases.ratingScale(forHeader: "Yıldız") == .csat)
        #expect(bundledAliases.field(forHeader: "NPS") == .nps && bundledAliases.field(forHeader: "CSAT") == .rating)
        #expect(bundledAliases.ratingScale(forHeader: "Puan") == nil)
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let url = dir.write("headers.tsv", Array("text\tyorum\nnps question\t*\n".utf8))
        #expect(throws: IngestError.badAliasFile(path: url.path, line: 2, reason: "a question's words need a word (letters or digits)")) {
            try HeaderAliases(contentsOf: url)
        }
    }
}
