import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
import VerbatimText
@testable import VerbatimAnalysis

@Suite("Employee mentions")
struct EmployeeMentionTests {
    static let roster = """
        id\tname\taliases\tlanguages
        TR-1\tAyşe Yılmaz\tAyşe|Ayşe Hanım\ttr
        TR-2\tEmre Şahin\tEmre Bey|Emre\ttr
        TR-3\tAyşe Kaya\t\ttr
        KZ-1\tАйгерім Сәрсенова\tАйгерім\tkk
        KZ-2\tДана Қасымова\tДана\tkk
        MN-1\tНомин\t\tmn
        RS-1\tJelena Petrović\tJelena\tsr
        RS-2\tМилош Стојановић\tMiloš\tsr
        RS-3\tАна Николић\tAna\tsr

        """

    static let stage: EmployeeMentionStage = {
        let (roster, issues) = Roster.parse(Self.roster, file: "roster.tsv")
        precondition(issues.isEmpty, "\(issues)")
        let text = try! String(contentsOf: RepoPaths.lexicons.appendingPathComponent("name_endings.tsv"), encoding: .utf8)
        let (endings, endingIssues) = NameEndings.parse(text, file: "name_endings.tsv")
        precondition(endingIssues.isEmpty, "\(endingIssues)")
        return EmployeeMentionStage(matcher: RosterMatcher(roster: roster, endings: endings))
    }()

    /// (text, language, expected employee or nil, expected words as written)
    static let cases: [(String, Language, String?, String?)] = [
        ("Ayşe Hanım'a çok teşekkürler 🙏", .tr, "Ayşe Yılmaz", "Ayşe Hanım'a"),
        ("Ayşe'ye teşekkürler, çok sabırlıydı", .tr, "Ayşe Yılmaz", "Ayşe'ye"),
        ("Ayşeye teşekkürler", .tr, "Ayşe Yılmaz", "Ayşeye"),
        ("AYŞE HANIM ÇOK KİBARDI", .tr, "Ayşe Yılmaz", "AYŞE HANIM"),
        ("Ayşe Kaya'ya ulaşamadım", .tr, "Ayşe Kaya", "Ayşe Kaya'ya"),  // the longer name wins over the alias Ayşe
        ("Temsilciniz Emre Bey sorunumu dinledi", .tr, "Emre Şahin", "Emre Bey"),
        ("Ayşegül Hanım çok iyiydi", .tr, nil, nil),  // not an ending: another name
        ("ayşe hanım çok iyiydi", .tr, nil, nil),  // names are written with a capital
        ("Ayşe ve Emre ilgilendi", .tr, nil, nil),  // two employees: none
        ("Emre Bey iyiydi, Emre'ye teşekkürler", .tr, "Emre Şahin", "Emre Bey"),  // the same one twice
        ("Ana sayfa açılmıyor", .tr, nil, nil),  // Ana is a Serbian employee, not the Turkish word
        ("Айгерімге үлкен рахмет", .kk, "Айгерім Сәрсенова", "Айгерімге"),
        ("Айгерімнің көмегі үшін рахмет", .kk, "Айгерім Сәрсенова", "Айгерімнің"),
        ("Бұл дана кеңес болды", .kk, nil, nil),  // the word "wise", not the employee Дана
        ("Ажилтан Номинд баярлалаа", .mn, "Номин", "Номинд"),
        ("Hvala Jeleni na strpljenju", .sr, "Jelena Petrović", "Jeleni"),
        ("Хвала Јелени на стрпљењу", .sr, "Jelena Petrović", "Јелени"),
        ("Rekao sam Milošu sve", .sr, "Милош Стојановић", "Milošu"),
        ("Ani je trebalo dva minuta", .sr, "Ана Николић", "Ani"),
        ("Jelen je pretrčao put", .sr, nil, nil),  // a deer, not Jelena
    ]

    @Test(arguments: cases)
    func attributesFromTheText(_ c: (String, Language, String?, String?)) {
        var r = FeedbackRecord(id: "1", provenance: Provenance(file: "x.xml", line: 1), text: c.0)
        r.tokens = Tokenizer.tokenize(c.0)
        r.language = c.1
        Self.stage.process(&r)
        #expect(r.employee == c.2, "\(c.0)")
        #expect(r.employeeMention == c.3, "\(c.0)")
    }

    @Test func anEmployeeFromTheExportIsKept() {
        var r = FeedbackRecord(id: "1", provenance: Provenance(file: "x.csv", line: 2), employee: "Mehmet Demir", text: "Ayşe Hanım'a teşekkürler")
        r.tokens = Tokenizer.tokenize(r.text)
        r.language = .tr
        Self.stage.process(&r)
        #expect(r.employee == "Mehmet Demir")
        #expect(r.employeeMention == nil)
    }

    @Test func rosterMistakesNameFileAndLine() {
        let text = """
            id,name,aliases
            1,Ayşe Yılmaz,Ayşe|"Ayşe Hanım"
            2,Ayşe Kaya,ayşe
            1,Someone,
            3,,x
            4,Ana,,xx

            """
        let (roster, issues) = Roster.parse(text, file: "roster.csv")
        let messages = issues.map(\.description)
        #expect(messages.contains("roster.csv line 3: 'ayşe' is already a name or alias of Ayşe Yılmaz (line 2); a mention must point at one employee"))
        #expect(messages.contains("roster.csv line 4: id '1' is already used on line 2"))
        #expect(messages.contains { $0.hasPrefix("roster.csv line 5: expected id, name") })
        #expect(messages.contains("roster.csv line 6: unknown language 'xx'; expected tr, kk, mn, sr or ru"))
        #expect(roster.employees.first?.aliases == ["Ayşe", "Ayşe Hanım"], "quoted CSV fields")
    }

    @Test func theBundledRosterIsValid() throws {
        let text = try String(contentsOf: RepoPaths.fixtures.appendingPathComponent("roster.tsv"), encoding: .utf8)
        let (roster, issues) = Roster.parse(text, file: "roster.tsv")
        #expect(issues.isEmpty, "\(issues)")
        #expect(roster.employees.count >= 17)
    }
}
