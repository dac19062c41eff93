import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// App-store and review-site exports: Google Play Console writes each review beside the developer's
/// reply, which holds more free text than most reviews; the review is the feedback, never the reply.
/// Google Business Profile and 2GIS answer with JSON, the company's answer nested in the review.
@Suite("App-store and review-site exports")
struct AppStoreExportTests {
    /// Google Play Console's columns (its export is UTF-16 with a BOM; the encoding is read elsewhere).
    static let play = """
        Package Name,App Version Code,App Version Name,Reviewer Language,Device,Review Submit Date and Time,Review Submit Millis Since Epoch,\
        Review Last Update Date and Time,Review Last Update Millis Since Epoch,Star Rating,Review Title,Review Text,Developer Reply Date and Time,\
        Developer Reply Millis Since Epoch,Developer Reply Text,Review Link
        kz.bank.app,412,4.12.30,kk,a53,2026-12-05T10:11:12Z,1796465472000,2026-12-05T10:11:12Z,1796465472000,1,,\
        "Қосымша ашылмайды, өте нашар",2026-12-05T12:00:00Z,1796472000000,\
        "Сәлеметсіз бе! Кешіріңіз, біз мәселені шешу үшін жұмыс істеп жатырмыз. Бізге қоңырау шалыңыз, біз сізге міндетті түрде көмектесеміз.",\
        https://play.google.com/store/apps/details?id=kz.bank.app&reviewId=1
        kz.bank.app,412,4.12.30,ru,a54,2026-12-05T11:11:12Z,1796469072000,2026-12-05T11:11:12Z,1796469072000,5,,"Отличное приложение, всё быстро",,,,\
        https://play.google.com/store/apps/details?id=kz.bank.app&reviewId=2

        """

    @Test func theReviewIsTheTextNotTheDevelopersReply() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("reviews_202612.csv", Self.play))
        #expect(o.problems().isEmpty, "\(o.problems())")
        #expect(o.records.map(\.text) == ["Қосымша ашылмайды, өте нашар", "Отличное приложение, всё быстро"])
        #expect(o.summary.textColumn == "Review Text")
        #expect(o.records.map(\.date) == ["2026-12-05T10:11:12Z", "2026-12-05T11:11:12Z"], "the review's date, not its last update")
        #expect(o.records.map(\.ratings.csat) == [1, 5])
        #expect(o.records.map(\.channel) == ["Google Play", "Google Play"], "the review link's host")
    }

    /// Without a header naming the text, the reply is passed over however long it is.
    @Test func aColumnTheCompanyWroteIsNeverTakenForTheCustomers() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let csv = "Puan,Müşteri Notu,Firma Yanıtı\n1,\"Kargo gelmedi, çok kötü\",\"Merhaba, yaşadığınız olumsuz deneyim için çok özür dileriz, ekibimiz sizinle iletişime geçecek.\"\n"
        let o = readFile(dir.write("sikayet.csv", csv))
        #expect(o.summary.textColumn == "Müşteri Notu", "\(o.summary.textColumnReason ?? "")")
        #expect(o.records.map(\.text) == ["Kargo gelmedi, çok kötü"])
    }

    @Test(arguments: [
        ("Developer Reply Text", true), ("Reply", true), ("Firma Yanıtı", true), ("Ответ компании", true), ("Agent Notes", true),
        ("Review Text", false), ("Yanıt No", false), ("Open-Ended Response", false), ("Yorum", false), ("Комментарий", false),
    ])
    func whatTheCompanyWrote(header: String, company: Bool) {
        #expect(bundledAliases.isCompanyText(header) == company)
    }

    /// Google Business Profile's reviews (a bank's branches on Google Maps; its API and Takeout write
    /// the same JSON): the stars as a word (`FIVE`), `comment` the review, `reviewReply` the company's,
    /// `reviewId` and `createTime`. Before, every review was rejected: "rating 'ONE' is not a number".
    @Test func googleBusinessProfileReviews() {
        let json = #"""
            {"reviews": [
              {"name": "accounts/102/locations/55/reviews/R1", "reviewId": "R1", "reviewer": {"displayName": "Айгерим"}, "starRating": "ONE", "comment": "Очередь два часа, операционист грубил", "createTime": "2026-11-21T08:31:12.123456Z", "updateTime": "2026-11-21T08:31:12.123456Z", "reviewReply": {"comment": "Приносим извинения! Спасибо за отзыв.", "updateTime": "2026-11-21T10:02:00Z"}},
              {"name": "accounts/102/locations/55/reviews/R2", "reviewId": "R2", "reviewer": {"displayName": "Нурлан"}, "starRating": "FOUR", "createTime": "2026-11-23T09:15:00Z"},
              {"name": "accounts/102/locations/55/reviews/R3", "reviewId": "R3", "reviewer": {"isAnonymous": true}, "starRating": "TWO", "comment": "(Translated by Google) The queue is long, we waited\n\n(Original)\nКезек өте ұзын, күттік", "createTime": "2026-11-24T09:15:00Z"},
              {"name": "accounts/102/locations/55/reviews/R4", "reviewId": "R4", "starRating": "STAR_RATING_UNSPECIFIED", "comment": "Normal", "createTime": "2026-11-25T09:15:00Z"}
            ], "averageRating": 2.3, "totalReviewCount": 4}
            """#
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("reviews.json", Array(json.utf8)))
        #expect(o.problems().isEmpty && o.rejects.isEmpty, "\(o.problems()) \(o.rejects.map(\.reason))")
        #expect(o.records.map(\.id) == ["R1", "R3", "R4"] && o.rated.map(\.id) == ["R2"])
        #expect(o.records.map(\.ratings.csat) == [1, 2, nil] && o.rated.first?.ratings.csat == 4)
        #expect(o.records.first?.text == "Очередь два часа, операционист грубил", "the review, not the reply")
        #expect(o.records.first?.date == "2026-11-21T08:31:12Z")
        #expect(o.records[1].text == "Кезек өте ұзын, күттік", "the customer's words, without Google's translation")
    }

    /// 2GIS's reviews API (branches in Kazakhstan): `date_created` is the date, `url` names the channel,
    /// and `official_answer`, the company's, is not read.
    @Test func twoGISReviews() {
        let json = #"""
            {"meta": {"code": 200}, "reviews": [
              {"id": "1234567", "text": "Очень долго ждали в очереди", "rating": 1, "url": "https://2gis.kz/almaty/reviews/70000001/review/1234567", "date_created": "2026-11-21T14:31:12.123+06:00", "user": {"id": "u1", "name": "Ерлан"}, "official_answer": {"org_name": "Kaspi Bank", "text": "Приносим извинения!", "date_created": "2026-11-21T16:00:00.000+06:00"}},
              {"id": "1234568", "text": "Қызмет жақсы, рахмет!", "rating": 5, "url": "https://2gis.kz/almaty/reviews/70000001/review/1234568", "date_created": "2026-11-22T10:00:00.000+06:00", "user": {"id": "u2", "name": "Айгуль"}, "official_answer": null}
            ]}
            """#
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("2gis.json", Array(json.utf8)))
        #expect(o.problems().isEmpty && o.rejects.isEmpty)
        #expect(o.records.map(\.date) == ["2026-11-21T14:31:12+06:00", "2026-11-22T10:00:00+06:00"])
        #expect(o.records.map(\.channel) == ["2GIS", "2GIS"] && o.records.map(\.ratings.csat) == [1, 5])
        #expect(o.records.first?.text == "Очень долго ждали в очереди")
    }

    /// Google's translation in front of a review: the original is kept, whatever the markers' language;
    /// a text that only looks like it is left as it is.
    @Test(arguments: [
        ("(Translated by Google) Very good\n\n(Original)\nÇok iyi hizmet", "Çok iyi hizmet"),
        ("(Google tarafından çevrildi) Очень хорошо\r\n\r\n(Orijinal)\r\nÖte jaqsy\r\nrahmet", "Öte jaqsy\nrahmet"),
        ("(Переведено Google) Good\n\n(Оригинал)\nХорошо", "Хорошо"),
        ("(Translated by Google) Only a translation", nil),
        ("(a note) x\n\n(Original)\ntext", nil),
        ("(Translated by Google) x\n(Original)\ntext", nil),
        ("Kargo (Original) geldi", nil),
    ] as [(String, String?)])
    func googlesTranslationIsLeftOut(text: String, original: String?) {
        #expect(MachineTranslation.original(of: text) == original)
    }
}
