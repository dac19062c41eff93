import Testing
import VerbatimIngest

@Suite("Dates in local forms")
struct DateNormalizerTests {
    @Test(arguments: [
        ("21.11.2026", "2026-11-21"),
        ("21.11.2026.", "2026-11-21"),
        ("21.11.2026 09:14", "2026-11-21T09:14:00"),
        ("21.11.2026. 10:15", "2026-11-21T10:15:00"),
        ("21/11/2026", "2026-11-21"),
        ("2026-11-21", "2026-11-21"),
        ("2026.11.21", "2026-11-21"),
        ("2026-11-21 14:05", "2026-11-21T14:05:00"),
        ("2026-11-21T09:14:00+05:00", "2026-11-21T09:14:00+05:00"),
        ("2026-11-21T09:14:00Z", "2026-11-21T09:14:00Z"),
        ("2026-11-21T09:14:00.250+0300", "2026-11-21T09:14:00+03:00"),
        ("Sat, 21 Nov 2026 10:02:00 +0300", "2026-11-21T10:02:00+03:00"),
        ("21 Nov 2026 10:02:00 GMT", "2026-11-21T10:02:00Z"),
        // Digits alone: a system's compact date and time, and Excel's serial day (a cell that lost its date format).
        ("20261121", "2026-11-21"),
        ("20261121143005", "2026-11-21T14:30:05"),
        ("46347", "2026-11-21"),
        ("46347.5", "2026-11-21T12:00:00"),
        ("46347,25", "2026-11-21T06:00:00"),
        ("45292.999988", "2024-01-01T23:59:59"),
        ("20000", "1954-10-03"),
        ("80000", "2119-01-11"),
        // Social-listening APIs: Unix time in seconds or milliseconds (read in UTC), Twitter's `created_at`, a zone's name.
        ("1795249872", "2026-11-21T08:31:12Z"),
        ("1795249872000", "2026-11-21T08:31:12Z"),
        ("1795249872999", "2026-11-21T08:31:12Z"),
        ("1795249872.75", "2026-11-21T08:31:12Z"),
        ("1000000000", "2001-09-09T01:46:40Z"),
        ("Sat Nov 21 08:31:12 +0000 2026", "2026-11-21T08:31:12+00:00"),
        ("Sat Nov 21 08:31:12 2026", "2026-11-21T08:31:12"),
        ("Sun Nov  1 23:05:00 +0300 2026", "2026-11-01T23:05:00+03:00"),
        ("2026-11-21 08:31:12 UTC", "2026-11-21T08:31:12Z"),
        ("21.11.2026 08:31 GMT", "2026-11-21T08:31:00Z"),
        ("2026-11-21 08:31:12 +0000", "2026-11-21T08:31:12+00:00"),
        // Excel's short date in Turkish, Russian, Kazakh and Serbian: a year of two digits, 20xx (since 2026-12-07).
        ("21.11.26", "2026-11-21"),
        ("06.12.26 14:35", "2026-12-06T14:35:00"),
        ("21/11/26", "2026-11-21"),
        // The abbreviation of "year" after it: Russian `г.` (год), Kazakh `ж.` (жыл).
        ("6.12.2026 г.", "2026-12-06"),
        ("6.12.2026 г", "2026-12-06"),
        ("6.12.2026 ж. 14:35", "2026-12-06T14:35:00"),
    ])
    func parses(_ raw: String, _ expected: String) {
        #expect(DateNormalizer.normalize(raw) == expected)
    }

    /// US tools' short date, month first when the column is (`DateOrder`).
    @Test func aTwoDigitYearMonthFirst() {
        #expect(DateNormalizer.normalize("11/21/26 9:14 PM", monthFirst: true) == "2026-11-21T21:14:00")
        #expect(DateNormalizer.normalize("11/21/26", monthFirst: false) == nil, "no 21st month")
    }

    @Test(arguments: ["31.02.2026", "yesterday", "2026-13-01", "21-11-26", "31.02.26", "21.11.2026 года", "", "21.11.2026 25:00", "12:30",
                      "20261131", "2026112", "19991", "80001", "46347.", "46347,", "4634", "202611211430", "20261121250000",
                      // Not Unix time: a leading 0, 9 or 11 digits, a fraction of milliseconds, past 2200; not Twitter's date: 31 November.
                      "0763713872", "176371387", "17952498720", "1795249872.", "1795249872000.5", "9999999999",
                      "Sat Nov 31 08:31:12 2026", "Sat Nov 21 08:31:12 +0000", "2026-11-21 08:31:12 CEST"])
    func rejects(_ raw: String) {
        #expect(DateNormalizer.normalize(raw) == nil)
    }
}

@Suite("Header aliases")
struct HeaderAliasTests {
    @Test func keyIgnoresCaseAccentsAndPunctuation() {
        #expect(HeaderAliases.key("Yanıt No") == HeaderAliases.key("YANIT_NO"))
        #expect(HeaderAliases.key("Açıklama") == "aciklama")
        #expect(HeaderAliases.key("Қызметкер") == HeaderAliases.key("қызметкер"))
    }

    @Test func explicitMappingWinsAndMissingTextIsAnError() throws {
        let aliases = HeaderAliases(pairs: [(.text, "comment"), (.employee, "agent")])
        let m = try ColumnMapping(headers: ["Agent", "Comment", "Notes"], explicit: [.text: "Notes"], aliases: aliases)
        #expect(m[.text] == 2)
        #expect(m[.employee] == 0)
        #expect(throws: IngestError.noTextColumn(headers: ["A", "B"])) {
            try ColumnMapping(headers: ["A", "B"], explicit: [:], aliases: aliases)
        }
    }
}
