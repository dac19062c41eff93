import Foundation
import Testing
import VerbatimCore
@testable import VerbatimReports

/// One employee or channel, however the exports spell it, is one row of the tables (`NameFold`,
/// `RunAggregate.foldingNames`).
@Suite("Names counted as one")
struct NameFoldTests {
    @Test(arguments: [
        ["Ayşe Yılmaz", "AYŞE YILMAZ", "ayşe yılmaz", "Ayse Yilmaz", "Ayşe  Yılmaz", " Ayşe\tYılmaz"],
        ["Јелена Петровић", "Jelena Petrović", "JELENA PETROVIC", "Jelena Petrovic"],
        ["Đorđe Ilić", "Djordje Ilic", "Ђорђе Илић"],
        ["Айгүл Сәрсенова", "Айгул Сарсенова", "АЙГҮЛ САРСЕНОВА"],
        ["Twitter", "twitter", "TWITTER"],
        ["E-mail", "Email", "e-mail", "E mail", "E‑mail"],
        ["И-мэйл", "Имэйл"],
        ["Ana Marić-Petrović", "Ana Marić Petrović", "Ana Maric–Petrovic"],
        ["Çağrı Merkezi", "ÇAĞRI MERKEZİ", "cagri merkezi"],
    ])
    func spellingsOfOneNameShareAKey(_ spellings: [String]) {
        let keys = Set(spellings.map(NameFold.key))
        #expect(keys.count == 1, "\(spellings) → \(keys)")
    }

    /// Different names stay apart: another person, another letter that is not a mark (`ы` and `о`).
    @Test func differentNamesStayApart() {
        #expect(NameFold.key("Ayşe Yılmaz") != NameFold.key("Ayşe Yıldız"))
        #expect(NameFold.key("Marko") != NameFold.key("Marija"))
        #expect(NameFold.key("Болат") != NameFold.key("Булат"))
        #expect(NameFold.key("Telefon") != NameFold.key("Telegram"))
    }

    /// Two surnames that differ by their marks are two people, though their key is one; a spelling
    /// without the marks that fits both is counted on its own; a spelling that fits one joins it.
    @Test func namesThatDifferByTheirMarksAreTwoPeople() {
        #expect(NameFold.key("Marko Ćirić") == NameFold.key("Marko Čirić"))
        #expect(!NameFold.sameName("Marko Ćirić", "Marko Čirić"))
        #expect(NameFold.sameName("Marko Ćirić", "MARKO ĆIRIĆ") && NameFold.sameName("Marko Ćirić", "Марко Ћирић"))
        #expect(NameFold.sameName("Marko Ćirić", "Marko Ciric") && NameFold.sameName("Marko Čirić", "Marko Ciric"))
        #expect(NameFold.sameName("Ayşe Yılmaz", "AYŞE YILMAZ") && NameFold.sameName("ÇAĞRI MERKEZİ", "Çağrı Merkezi"))
        #expect(!NameFold.sameName("Нұрлан", "Нүрлан") && NameFold.sameName("Нұрлан", "Нурлан"))
        let counts = ["Marko Ćirić": 5, "MARKO ĆIRIĆ": 1, "Марко Ћирић": 2, "Marko Čirić": 4, "Marko Ciric": 3, "Ana Ilić": 2, "Ana Ilic": 1]
        let merges = NameFold.merges(counts)
        #expect(merges["MARKO ĆIRIĆ"] == "Marko Ćirić" && merges["Марко Ћирић"] == "Marko Ćirić" && merges["Marko Ćirić"] == "Marko Ćirić")
        #expect(merges["Marko Čirić"] == nil, "alone under its own spelling: \(merges)")
        #expect(merges["Marko Ciric"] == nil, "fits both people: counted on its own")
        #expect(merges["Ana Ilic"] == "Ana Ilić")
        #expect(NameFold.match("Marko Ciric", among: ["Marko Ćirić", "Marko Čirić"]) == nil)
        #expect(NameFold.match("MARKO ČIRIĆ", among: ["Marko Ćirić", "Marko Čirić"]) == "Marko Čirić")
        // The order the spellings come in changes nothing.
        let spellings = counts.map { (name: $0.key, count: $0.value) }.sorted { $0.name < $1.name }
        let a = NameFold.people(spellings).map { $0.map(\.name).sorted() }.sorted { $0.joined() < $1.joined() }
        let b = NameFold.people(spellings.reversed()).map { $0.map(\.name).sorted() }.sorted { $0.joined() < $1.joined() }
        #expect(a == b)
    }

    /// The spelling shown: the most used; among as many, mixed case, single spaces, the marks kept; then code points.
    @Test func theShownSpelling() {
        #expect(NameFold.display([("AYŞE YILMAZ", 5), ("Ayşe Yılmaz", 2)]) == "AYŞE YILMAZ")
        #expect(NameFold.display([("AYŞE YILMAZ", 2), ("Ayşe Yılmaz", 2), ("ayşe yılmaz", 2)]) == "Ayşe Yılmaz")
        #expect(NameFold.display([("Ayse Yilmaz", 1), ("Ayşe  Yılmaz", 1), ("Ayşe Yılmaz", 1)]) == "Ayşe Yılmaz")
        #expect(NameFold.display([("twitter", 3), ("Twitter", 3)]) == "Twitter")
        // The order the spellings come in does not change the choice.
        let spellings: [(name: String, count: Int)] = [("Jelena Petrović", 4), ("Јелена Петровић", 4), ("JELENA PETROVIĆ", 4)]
        #expect(NameFold.display(spellings) == NameFold.display(spellings.reversed()))
    }

    /// A run's tables: one scorecard row per employee, with every spelling's records, themes and
    /// verbatims; one row per channel. Before, the five spellings were five unranked rows.
    @Test func theRunsTablesCountEachEmployeeOnce() {
        var agg = RunAggregate()
        let spellings = ["Ayşe Yılmaz", "AYŞE YILMAZ", "ayşe yılmaz", "Ayse Yilmaz", "Ayşe Yılmaz", "Mehmet Kaya"]
        for (k, employee) in spellings.enumerated() {
            agg.add(scoredRecord("r\(k)", employee: employee, text: "Çok kibar", score: k == 2 ? -0.6 : 0.8, line: k + 2,
                                 channel: k % 2 == 0 ? "Telefon" : "TELEFON"))
        }
        let report = RunReport(pipelineName: "t", asOf: "2026-11-21", toolVersion: "0", aggregate: agg, files: [], rejectedRecords: 0,
                               minResponses: 3, positiveThreshold: 0.05, negativeThreshold: -0.05, themeNames: [])
        let card = report.employeeScorecard
        #expect(card.map(\.employee) == ["Ayşe Yılmaz", "Mehmet Kaya"])
        #expect(card.first?.tally.n == 5 && card.first?.tally.negative == 1 && card.first?.rank == 1)
        #expect(report.aggregate.byEmployeeTheme.keys.sorted() == ["Ayşe Yılmaz", "Mehmet Kaya"])
        #expect(report.aggregate.byEmployeeTheme["Ayşe Yılmaz"]?["courtesy"]?.n == 5)
        #expect(report.aggregate.topByEmployee["Ayşe Yılmaz"]?.negative.count == 1)
        #expect(report.aggregate.byChannel.keys.sorted() == ["Telefon"] && report.aggregate.byChannel["Telefon"]?.n == 6)
    }

    /// Folding the merged aggregate of two shards gives what folding one run's gives.
    @Test func shardsFoldAsOneRun() {
        let records = (0..<12).map { k in
            scoredRecord("r\(k)", employee: ["Jelena Petrović", "Јелена Петровић", "JELENA PETROVIC"][k % 3], text: "x", score: 0.5,
                         line: k + 2, channel: "Telefon")
        }
        var one = RunAggregate(), a = RunAggregate(), b = RunAggregate()
        for (k, r) in records.enumerated() {
            one.add(r)
            if k < 5 { a.add(r) } else { b.add(r) }
        }
        a.merge(b)
        #expect(one.foldingNames().byEmployee.keys.sorted() == a.foldingNames().byEmployee.keys.sorted())
        #expect(one.foldingNames().byEmployee.count == 1)
    }

    /// The trends show the run's spelling for an employee the store spells several ways.
    @Test func trendsUseTheRunsNames() {
        func tally(_ n: Int) -> SentimentTally {
            var t = SentimentTally()
            for _ in 0..<n { t.add(label: .positive, score: 0.5, ratings: SurveyRating.Ratings(), disagrees: false) }
            return t
        }
        let t = TrendReport(periodDays: 7, current: .init(from: "2026-11-15", to: "2026-11-21"), previous: .init(from: "2026-11-08", to: "2026-11-14"),
                            minResponses: 1, total: (tally(6), tally(4)),
                            employees: ["AYŞE YILMAZ": (tally(3), tally(2)), "Ayse Yilmaz": (tally(3), tally(2))], themes: [:],
                            employeeNames: ["Ayşe Yılmaz"])
        #expect(t.employees.map(\.key) == ["Ayşe Yılmaz"] && t.employees.first?.current.n == 6)
    }
}
