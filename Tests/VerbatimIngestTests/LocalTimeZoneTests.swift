import Foundation
import Testing
import VerbatimTestSupport
@testable import VerbatimIngest

/// Times written with a zone, counted in the source's own (`time_zone:`): the same instant in local
/// time, so that a post falls on its local day.
@Suite("Local time zone")
struct LocalTimeZoneTests {
    @Test(arguments: [
        // Almaty is UTC+5: 22:31 UTC is half past three the next morning there.
        ("Asia/Almaty", "2026-11-21T22:31:12Z", "2026-11-22T03:31:12+05:00"),
        ("Asia/Ulaanbaatar", "2026-11-21T23:30:00Z", "2026-11-22T07:30:00+08:00"),
        ("Europe/Istanbul", "2026-12-31T21:00:00Z", "2027-01-01T00:00:00+03:00"),
        // Belgrade keeps summer time: +02:00 in July, +01:00 in November.
        ("Europe/Belgrade", "2026-07-01T22:30:00Z", "2026-07-02T00:30:00+02:00"),
        ("Europe/Belgrade", "2026-11-21T22:30:00Z", "2026-11-21T23:30:00+01:00"),
        // From another offset, and to one west of UTC.
        ("+03:00", "2026-11-21T10:00:00-05:00", "2026-11-21T18:00:00+03:00"),
        ("-03:30", "2026-11-21T02:00:00Z", "2026-11-20T22:30:00-03:30"),
        ("+0500", "2024-02-28T20:00:00Z", "2024-02-29T01:00:00+05:00"),
        ("UTC", "2026-11-21T08:31:12+05:00", "2026-11-21T03:31:12+00:00"),
        // No zone: a local time, or a date alone, stays as written.
        ("Asia/Almaty", "2026-11-21T09:14:00", "2026-11-21T09:14:00"),
        ("Asia/Almaty", "2026-11-21", "2026-11-21"),
    ])
    func anInstantIsWrittenInLocalTime(_ zone: String, _ date: String, _ expected: String) throws {
        let local = try #require(LocalTimeZone(zone))
        #expect(local.local(date) == expected)
    }

    @Test(arguments: ["Asia/Nowhere", "Almaty", "+15:00", "+05:60", "5", "+5", "", "05:00"])
    func whatIsNoZoneIsRefused(_ text: String) {
        #expect(LocalTimeZone(text) == nil)
    }

    /// `days` is the inverse of the civil date the readers already use, over two centuries.
    @Test func daysAndCivilDatesAgree() {
        for day in stride(from: -40_000, through: 80_000, by: 37) {
            let (y, m, d) = ExcelDate.civil(day)
            #expect(ExcelDate.days(y, m, d) == day, "\(y)-\(m)-\(d)")
        }
    }

    /// End to end: a Unix time read from a JSON export lands on the local day.
    @Test func aSourcesTimeZoneMovesAPostToItsLocalDay() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        var options = SourceOptions()
        options.timeZone = LocalTimeZone("Asia/Ulaanbaatar")
        // 2026-11-21T23:30:00Z
        let o = readFile(dir.write("m.ndjson", Array(#"{"id":"1","published":1795303800000,"content":"Оператор маш эелдэг байсан"}"#.utf8)), options: options)
        #expect(o.records.map(\.date) == ["2026-11-22T07:30:00+08:00"])
    }
}
