import Foundation
import Testing
import VerbatimTestSupport
@testable import VerbatimIngest

/// A date column's order (`DateOrder`): day first, as the exports of these countries write it, or
/// month first, as US tools such as SurveyMonkey do; and 12-hour times.
@Suite("Date order and 12-hour times")
struct DateOrderTests {
    @Test(arguments: [
        ("11/21/2026 08:31:12 PM", true, "2026-11-21T20:31:12"),
        ("11/21/2026 8:31 am", true, "2026-11-21T08:31:00"),
        ("11/05/2026", true, "2026-11-05"),
        ("11/05/2026", false, "2026-05-11"),
        ("21.11.2026 12:05 AM", false, "2026-11-21T00:05:00"),
        ("21.11.2026 12:05 PM", false, "2026-11-21T12:05:00"),
        ("21.11.2026 9:14 p.m.", false, "2026-11-21T21:14:00"),
        ("2026-11-21 09:14", true, "2026-11-21T09:14:00"),
    ])
    func aDateIsReadInItsColumnsOrder(raw: String, monthFirst: Bool, expected: String) {
        #expect(DateNormalizer.normalize(raw, monthFirst: monthFirst) == expected, "\(raw)")
    }

    @Test(arguments: ["21.11.2026 13:05 PM", "21.11.2026 0:05 AM", "11/21/2026", "21.11.2026 09:14 AMX"])
    func notADateInDayFirstOrderOrWithABadClock(raw: String) {
        #expect(DateNormalizer.normalize(raw) == nil, "\(raw)")
    }

    /// The first answers decide: a first number past 12 says day first, a second one month first; a
    /// column with both, or with neither, stays day first, unless 12-hour times say it is a US tool's.
    @Test func theFirstAnswersDecideTheOrder() {
        #expect(DateOrder.decide(explicit: nil, answers: ["11/21/2026", "11/05/2026"])?.order == .monthFirst)
        #expect(DateOrder.decide(explicit: nil, answers: ["11/05/2026 1:00 PM"])?.reason == "its first answers have 12-hour times ('11/05/2026 1:00 PM'), as US tools write dates")
        #expect(DateOrder.decide(explicit: nil, answers: ["21/11/2026", "05/11/2026 1:00 PM"]) == nil)
        #expect(DateOrder.decide(explicit: nil, answers: ["21/11/2026", "11/21/2026"]) == nil, "a column of both orders is not decided")
        #expect(DateOrder.decide(explicit: nil, answers: ["05.11.2026", "2026-11-21", ""]) == nil)
        #expect(DateOrder.decide(explicit: .dayFirst, answers: ["11/21/2026"])?.order == .dayFirst)
        // The byte readers behind it.
        #expect(DateOrder.leadingDayAndMonth(" 7/11/2026 10:00")! == (7, 11) && DateOrder.leadingDayAndMonth("21-11-2026")! == (21, 11))
        #expect(DateOrder.leadingDayAndMonth("2026-11-21") == nil && DateOrder.leadingDayAndMonth("7/11/26") == nil && DateOrder.leadingDayAndMonth("") == nil)
        #expect(DateOrder.endsWithMeridiem("11/05/2026 1:00 PM") && DateOrder.endsWithMeridiem("1:00 p.m.") && DateOrder.endsWithMeridiem("8:31am "))
        #expect(!DateOrder.endsWithMeridiem("21.11.2026 09:14") && !DateOrder.endsWithMeridiem("Program") && !DateOrder.endsWithMeridiem("AM"))
    }

    /// A US export's dates are all read, and the manifest says how; without it, 21 November was rejected
    /// and 5 November read as 11 May.
    @Test func aUSExportsDatesAreRead() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let csv = "id;Date;yorum\n1;11/21/2026 08:31:12 AM;Çok iyi hizmet\n2;11/21/2026;Berbat hizmet\n3;11/05/2026 1:00 PM;İyi\n"
        let o = readFile(dir.write("a.csv", Array(csv.utf8)))
        #expect(o.records.map(\.date) == ["2026-11-21T08:31:12", "2026-11-21", "2026-11-05T13:00:00"])
        #expect(o.summary.dateOrder == "column 'Date': month first (11/21/2026): its first answers include '11/21/2026 08:31:12 AM', whose second number is past 12")
        #expect(o.rejects.isEmpty)
        // The pipeline's word wins where the answers cannot tell.
        let ambiguous = "id;tarih;yorum\n1;05/11/2026;İyi\n"
        let told = readFile(dir.write("b.csv", Array(ambiguous.utf8)), options: SourceOptions(dateOrder: .monthFirst))
        #expect(told.records.map(\.date) == ["2026-05-11"])
        #expect(readFile(dir.write("c.csv", Array(ambiguous.utf8))).records.map(\.date) == ["2026-11-05"])
        // A day-first column whose later answer is month first is rejected, saying what to set.
        let late = "id;tarih;yorum\n1;21/11/2026;İyi\n2;11/22/2026;Kötü\n"
        #expect(readFile(dir.write("d.csv", Array(late.utf8))).rejects.first?.reason.contains("set date_order: month_first") == true)
    }

    /// SurveyMonkey's End Date (when the answers were sent) is its date, month first with 12-hour times.
    @Test func aSurveyMonkeyExportIsDatedByItsEndDate() {
        let o = readFile(RepoPaths.testData.appendingPathComponent("formats/surveymonkey_sr_2026-11-21.csv"))
        #expect(o.records.first?.date == "2026-11-21T08:33:40", "End Date 11/21/2026 08:33:40 AM, not Start Date 08:31:12")
        #expect(o.records.allSatisfy { $0.date != nil } && o.rejects.isEmpty)
        #expect(o.summary.dateOrder?.hasPrefix("column 'End Date': month first (11/21/2026)") == true)
    }
}
