import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// Dates written with a month's name (`MonthNames`, `lexicons/months.tsv`), as a long-date cell saved as CSV keeps them.
@Suite("Dates with month names")
struct MonthNamesTests {
    static let months: MonthNames = {
        let (months, issues) = MonthNames.load(RepoPaths.lexicons.appendingPathComponent("months.tsv"))
        precondition(issues.isEmpty, "lexicons/months.tsv: \(issues)")
        return months
    }()

    static let choices: RatingChoices = {
        let (choices, issues) = RatingChoices.load(RepoPaths.lexicons.appendingPathComponent("rating_choices.tsv"))
        precondition(issues.isEmpty, "lexicons/rating_choices.tsv: \(issues)")
        return choices
    }()

    @Test(arguments: [
        ("21 Kasım 2026", "2026-11-21"), ("21 KASIM 2026", "2026-11-21"), ("21 kasim 2026 14:05", "2026-11-21T14:05:00"),
        ("21 Kas 2026", "2026-11-21"), ("Cumartesi, 21 Kasım 2026", "2026-11-21"), ("3 Şubat 2026", "2026-02-03"),
        ("31 Aralık 2026 23:59:30", "2026-12-31T23:59:30"), ("12 Ağustos 2026", "2026-08-12"),
        ("21 ноября 2026 г.", "2026-11-21"), ("21 ноября 2026г.", "2026-11-21"), ("1 мая 2026 года", "2026-05-01"),
        ("21 қараша 2026 ж.", "2026-11-21"), ("2026 жылғы 21 қараша", "2026-11-21"),
        ("2026 оны 11 сарын 21", "2026-11-21"), ("2026 оны 11-р сарын 21", "2026-11-21"),
        ("21. novembra 2026.", "2026-11-21"), ("21. новембар 2026.", "2026-11-21"), ("5. maja 2026. godine", "2026-05-05"),
        ("21-Nov-26", "2026-11-21"), ("26 Kasım 21", "2021-11-26"), ("21-Nov-2026", "2026-11-21"), ("Nov 21, 2026", "2026-11-21"), ("November 21, 2026 9:30", "2026-11-21T09:30:00"),
        // A 12-hour clock (Meltwater: `21-Nov-2026 08:31AM`): 12 AM is midnight, 12 PM noon.
        ("21-Nov-2026 08:31AM", "2026-11-21T08:31:00"), ("21-Nov-2026 09:05PM", "2026-11-21T21:05:00"),
        ("Nov 21, 2026 12:10 a.m.", "2026-11-21T00:10:00"), ("21 Nov 2026 12:00 pm", "2026-11-21T12:00:00"),
    ])
    func aNamedMonthIsRead(_ raw: String, _ expected: String) {
        #expect(DateNormalizer.normalizeNamed(raw, months: Self.months) == expected, "\(raw)")
    }

    /// What is not a date stays unread: no year, a day the month does not have, two months, an unknown
    /// word after the start, a two-digit year before the month, a number too long.
    @Test(arguments: ["21 Kasım", "31 Kasım 2026", "21 Kasım Aralık 2026", "21 Kasım yok 2026", "26-Nov-21x",
                      "21 Kasım 20266", "Kasım", "", "2026 оны 21", "21-Nov-2026 13:05PM", "21-Nov-2026 00:30AM"])
    func whatIsNotADateStaysUnread(_ raw: String) {
        #expect(DateNormalizer.normalizeNamed(raw, months: Self.months) == nil, "\(raw)")
    }

    /// Without the file, only numeric dates are read.
    @Test func withoutMonthNamesNoneIsRead() {
        #expect(DateNormalizer.normalizeNamed("21 Kasım 2026", months: MonthNames()) == nil)
    }

    /// A run reads them from an export's date column: the rows are records, not rejects.
    @Test func anExportsLongDatesAreRead() {
        let o = Self.read("id;tarih;yorum\n1;21 Kasım 2026 09:15;Çok ilgiliydi.\n2;3 Şubat 2026;Berbat.\n3;31 Şubat 2026;Yanlış tarih.\n")
        #expect(o.records.map(\.date) == ["2026-11-21T09:15:00", "2026-02-03"])
        #expect(o.rejects.map(\.reason) == ["unreadable date '31 Şubat 2026' (expected e.g. 21.11.2026, 21.11.2026 09:14, 2026-11-21 or 21 Kasım 2026)"])
    }

    /// A word given two months, or a line that is not `key<TAB>word`, is an issue naming its line.
    @Test(arguments: [("11\tkasım\n12\tkasim\n", 2), ("13\tkasım\n", 1), ("# c\n\n11\tgenel toplam\n", 3), ("month\tkasım\n", 1)])
    func aBadLineIsAnIssue(_ text: String, _ line: Int) {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let (_, issues) = MonthNames.load(dir.write("months.tsv", Array(text.utf8)))
        #expect(issues.map(\.line) == [line], "\(issues)")
    }

    /// A rating column that holds the text of the choice (a survey tool's default export): its rating.
    @Test(arguments: [("Çok memnunum", 5.0), ("ÇOK MEMNUNUM.", 5), ("cok memnunum", 5), ("Memnun değilim", 2), ("Hiç memnun değilim", 1),
                      ("Очень недоволен", 1), ("Доволен", 4), ("Өте ризамын", 5), ("Сэтгэл хангалуун бус", 2), ("Veoma zadovoljna", 5),
                      ("Незадовољан", 2), ("Neither satisfied nor dissatisfied", 3)])
    func aChoiceIsItsRating(_ cell: String, _ rating: Double) {
        #expect(Self.choices.rating(cell) == rating, "\(cell)")
        #expect(Self.choices.rating(cell + " ama") == nil, "the whole cell, not its start")
    }

    /// A run reads them from an export's rating column: the rows are records with their rating.
    @Test func anExportsChoicesAreRead() {
        let o = Self.read("id;puan;yorum\n1;Çok memnunum;Harika.\n2;Memnun değilim;Geç döndüler.\n3;Belki;Bilmem.\n")
        #expect(o.records.map(\.ratings.primary?.value) == [5, 2])
        #expect(o.rejects.map(\.reason) == ["rating 'Belki' is not a number from 0 to 10 nor a choice listed in lexicons/rating_choices.tsv"])
    }

    /// `csv` read as a run reads it (`bundledAliases` hold the bundled month names and rating choices).
    static func read(_ csv: String) -> ReadOutcome {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        var o = ReadOutcome()
        o.summary = InputReader(aliases: bundledAliases) { _ in SourceOptions() }.read(url: dir.write("anket_tr.csv", Array(csv.utf8)), name: "anket_tr.csv") { o.add($0) }
        return o
    }
}
