import Foundation
import VerbatimCore
import VerbatimPipeline
import VerbatimPrivacy
import VerbatimReports

/// The report writers on arbitrary names and text: `summary.json`, `report.md`, `report.html`, the
/// aggregate CSV files and the `records.csv` row, with personal data masked and not.
///
/// The input is cut at U+0001 into an employee, a channel, a text, a file name and a date (what is
/// missing stays empty); three records are analysed from them (the text, the text of another
/// employee with the fuzzed channel, a plain one) and aggregated, and every writer renders them in a
/// locale picked by the input's length. Besides a crash, it stops when:
/// - `summary.json` is not JSON;
/// - `report.html` holds a `<script` of the input's (the page has one script of its own, and any
///   other would run);
/// - a CSV table has a row whose field count is not its header's (a name broke out of its cell).
func fuzzReports(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = input.split(separator: "\u{1}", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
    func part(_ k: Int) -> String { k < parts.count ? parts[k] : "" }
    let analyzer = ReportFuzz.analyzer
    var records = [
        analyzer.analyze(part(2), language: nil, id: "1"), analyzer.analyze(part(2) + " " + part(0), language: .tr, id: "2"),
        analyzer.analyze("Temsilci çok kibardı ama bekleme uzundu", language: .tr, id: "3"),
    ]
    for k in records.indices {
        records[k].employee = k == 0 ? part(0) : k == 1 ? "Ayşe" : nil
        records[k].channel = k == 1 ? part(1) : nil
        records[k].provenance = Provenance(file: part(3).isEmpty ? "x.csv" : part(3), line: k + 2)
        records[k].date = part(4).isEmpty ? nil : part(4)
        records[k].ratings = k == 0 ? SurveyRating.Ratings(SurveyRating.Score(inferring: Double(size % 11))) : .none
    }
    var aggregate = RunAggregate()
    for r in records { aggregate.add(r, evidence: RecordRowFormatter.evidenceString(r)) }
    var file = FileReadSummary(file: part(3), format: "csv")
    file.read = 3
    file.accepted = 3
    let locale = ReportLocale.allCases[size % ReportLocale.allCases.count]
    var report = RunReport(
        pipelineName: part(1), asOf: "2026-11-21", toolVersion: "0", aggregate: aggregate, files: [file], rejectedRecords: 0,
        minResponses: 1, positiveThreshold: 0.05, negativeThreshold: -0.05, themeNames: ReportFuzz.resources.lexicons.themeNames,
        locale: locale, strings: ReportFuzz.resources.reportStrings)
    report.trends = ReportFuzz.trends(employee: part(0), channel: part(1))
    // A file not read, named and explained by the input (its reason quotes a file's bytes in the run).
    report.filesNotRead = [FileNotRead(name: part(3), reason: part(2))]
    for r in [report, report.masked(by: ReportFuzz.masker)] {
        ReportFuzz.check(r, records, input)
    }
    return 0
}

enum ReportFuzz {
    /// Trends in which the fuzzed employee and channel moved beyond noise, with survey ratings: the
    /// notable changes, the trend tables and the ratings table all name them.
    static func trends(employee: String, channel: String) -> TrendReport {
        func tally(_ positive: Int, _ negative: Int, csat: Double?) -> SentimentTally {
            var t = SentimentTally()
            for _ in 0..<positive { t.add(label: .positive, score: 0.5, ratings: SurveyRating.Ratings(csat: csat), disagrees: false) }
            for _ in 0..<negative { t.add(label: .negative, score: -0.5, ratings: SurveyRating.Ratings(nps: 3), disagrees: false) }
            return t
        }
        let fall = (current: tally(0, 12, csat: nil), previous: tally(12, 0, csat: 5))
        let rise = (current: tally(12, 0, csat: 5), previous: tally(0, 12, csat: nil))
        // The fuzzed names may be the fixed ones: the first of a name counts.
        func cells(_ pairs: [(String, (current: SentimentTally, previous: SentimentTally))]) -> [String: (current: SentimentTally, previous: SentimentTally)] {
            Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        }
        return TrendReport(
            periodDays: 7, current: .init(from: "2026-11-15", to: "2026-11-21"), previous: .init(from: "2026-11-08", to: "2026-11-14"),
            minResponses: 2, total: fall, employees: cells([(employee, fall), ("Ayşe", rise)]), themes: ["billing": fall],
            employeeNames: [employee], channels: cells([(channel, rise), ("Telefon", fall)]), channelNames: [channel])
    }

    static let resources: LoadedResources = {
        let r = LoadedResources.loadCollectingIssues(lexicons: URL(fileURLWithPath: "lexicons"), referencedFrom: "fuzz")
        guard r.issues.filter(\.isError).isEmpty else { fatalError("run from the repository root: \(r.issues)") }
        return r
    }()
    static let analyzer = RecordAnalyzer(resources: resources)
    static let masker: PersonalDataMasker = {
        let (rules, issues) = MaskingRules.load(directory: URL(fileURLWithPath: "lexicons/pii"))
        guard issues.isEmpty else { fatalError("run from the repository root: \(issues)") }
        return rules.masker
    }()

    static func check(_ report: RunReport, _ records: [FeedbackRecord], _ input: String) {
        func fail(_ what: String) -> Never { fatalError("\(what) for \(String(reflecting: input))") }
        let json = SummaryJSONWriter.render(report)
        if (try? JSONSerialization.jsonObject(with: Data(json.utf8))) == nil { fail("summary.json is not JSON") }
        _ = MarkdownReportWriter.render(report)
        let html = HTMLReportWriter.render(report)
        if html.components(separatedBy: "<script").count != 2 { fail("report.html has a script of the input's") }
        for (name, table) in [
            ("employees.csv", AggregateCSVWriter.employees(report)), ("themes.csv", AggregateCSVWriter.themes(report)),
            ("employee_themes.csv", AggregateCSVWriter.employeeThemes(report)),
        ] {
            checkTable(name, table, fail)
        }
        var rows = CSVTableWriter(header: RecordRowFormatter.recordHeader)
        for r in records { rows.appendRow(RecordRowFormatter.recordRow(r, evidence: RecordRowFormatter.evidenceString(r), masker: masker)) }
        checkTable("records.csv", rows.text, fail)
    }

    /// Every row of a CSV table (RFC 4180, as the writers quote) has its header's number of fields.
    static func checkTable(_ name: String, _ text: String, _ fail: (String) -> Never) {
        var counts: [Int] = []
        var fields = 1, quoted = false
        // A doubled quote inside a quoted cell closes and reopens it, which leaves the count as it is.
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ",") where !quoted: fields += 1
            case UInt8(ascii: "\n") where !quoted: counts.append(fields); fields = 1
            default: break
            }
        }
        if let header = counts.first, counts.contains(where: { $0 != header }) { fail("\(name): rows of \(Set(counts).sorted()) fields") }
    }
}
