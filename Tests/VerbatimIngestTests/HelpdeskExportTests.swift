import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// A helpdesk's satisfaction export as Zendesk writes it: `Via` is the channel, the score is `Good` or
/// `Bad` with its words, and a survey nobody answered says `Offered` where a rating would be.
@Suite("Helpdesk satisfaction exports")
struct HelpdeskExportTests {
    static let zendesk = """
        Ticket ID,Created at,Assignee,Via,Satisfaction Score,Satisfaction Comment
        1201,2026-12-05 10:11,Ayşe Yılmaz,Web Widget,"Good, I'm satisfied","Hızlı çözdünüz, teşekkürler"
        1202,2026-12-05 11:20,Can Demir,Phone call (incoming),"Bad, I'm unsatisfied","3 gündür cevap bekliyorum, berbat"
        1203,2026-12-05 12:00,Can Demir,Mobile SDK,Offered,"Anket gelmedi ama sorun çözüldü"
        1204,2026-12-05 12:30,Ayşe Yılmaz,Email,Good,
        1205,2026-12-05 13:00,Ayşe Yılmaz,Messaging,Unoffered,
        1206,2026-12-05 14:00,Can Demir,Email,,

        """

    @Test func everyColumnIsReadAndAnUnansweredSurveyIsNoRating() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("zendesk.csv", Self.zendesk))
        #expect(o.problems().isEmpty, "\(o.problems())")
        #expect(o.records.map(\.id) == ["1201", "1202", "1203"])
        #expect(o.records.map(\.channel) == ["Website", "Phone", "Mobile app"])
        #expect(o.records.map(\.employee) == ["Ayşe Yılmaz", "Can Demir", "Can Demir"])
        #expect(o.records.map(\.ratings.csat) == [4, 2, nil], "Good 4, Bad 2 (satisfied, dissatisfied); Offered: no rating")
        #expect(o.rated.map(\.ratings.csat) == [4], "a Good without a comment counts in the CSAT")
        // Unoffered and no comment: a survey never answered, counted aside (a helpdesk's export is mostly such
        // rows, and as rejects they failed every strict nightly run); a row with nothing at all is still a reject.
        #expect(o.summary.notFeedback == [NotFeedbackCount(what: .unansweredSurvey, count: 1)])
        #expect(o.rejects.map(\.provenance.line) == [7] && o.rejects.map(\.reason) == ["empty feedback text"])
        #expect(o.summary.read == o.summary.accepted + o.summary.rated + o.summary.rejected + o.summary.setAside)
        #expect(o.summary.ratingColumns.map(\.name) == ["Satisfaction Score"] && o.summary.ratingColumns.allSatisfy(\.isRead))
        #expect(o.summary.textColumnReason?.contains("its header is a text column name") == true)
    }

    /// A helpdesk used in Kazakhstan (Usedesk) rates on five Russian labels, Отлично to Ужасно: each was
    /// read but `Нормально` and `Ужасно`, whose rows were rejected ("not a number … nor a choice").
    @Test func theFiveLabelsOfARussianHelpdeskSurvey() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let csv = "Номер тикета,Дата создания тикета,Канал,Сотрудник,Оценка,Отзыв клиента\n"
            + ["Отлично", "Хорошо", "Нормально", "Плохо", "Ужасно"].enumerated().map { "U-\($0.offset),2026-11-21 12:00:00,Email,Динара,\($0.element),Ответ \($0.offset)" }.joined(separator: "\n") + "\n"
        let o = readFile(dir.write("usedesk.csv", csv))
        #expect(o.rejects.isEmpty, "\(o.rejects.map(\.reason))")
        #expect(o.records.map(\.ratings.csat) == [5, 4, 3, 2, 1])
        let choices = bundledAliases.ratingChoices
        #expect(["тамаша", "қалыпты", "жаман", "хэвийн", "harika", "idare eder", "berbat", "normalno", "ужасно"].map(choices.rating) == [5, 3, 2, 3, 5, 3, 1, 3, 1])
    }

    @Test func noAnswerIsNoRating() {
        let choices = bundledAliases.ratingChoices
        for cell in ["Offered", "UNOFFERED", "Нет ответа", "yanıtsız", "bez odgovora"] {
            #expect(choices.isNoAnswer(cell) && choices.rating(cell) == nil, "\(cell)")
        }
        #expect(!choices.isNoAnswer("Good") && choices.rating("Good, I'm satisfied") == 4 && choices.rating("bad") == 2)
        // Freshdesk's faces and its older three choices.
        #expect(["Extremely Happy", "Happy", "Neutral", "Unhappy", "Extremely unhappy"].map(choices.rating) == [5, 4, 3, 2, 1])
        #expect(["Awesome", "Not Good"].map(choices.rating) == [5, 2])
        #expect(!RatingChoices().isNoAnswer("Offered"), "without the file, nothing")
    }
}
