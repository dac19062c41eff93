import VerbatimCore

/// Writes `report.html`: one self-contained page for the manager's morning
/// read — headline numbers, the sortable employee scorecard, the theme ×
/// sentiment chart, the employee × theme heatmap, the daily trend, and the
/// verbatims with their evidence on demand.
///
/// No external assets and nothing fetched (a Content-Security-Policy says
/// so to the browser); CSS, script and SVG are inline. Every string from
/// the exports is escaped with `HTMLEscaping`. The bytes depend only on the
/// report, so runs on the same inputs give identical files. Headings and
/// theme names are in `report.locale`.
public struct HTMLReportWriter: Sendable {
    public let report: RunReport
    let numbers: LocalizedNumbers

    public init(report: RunReport) {
        self.report = report
        numbers = LocalizedNumbers(strings: report.strings, locale: report.locale)
    }

    public static func render(_ report: RunReport) -> String { HTMLReportWriter(report: report).page() }

    /// A UI string, escaped.
    func t(_ key: String, _ values: [String: String] = [:]) -> String {
        HTMLEscaping.escape(values.isEmpty ? report.strings.text(key, report.locale) : report.strings.format(key, report.locale, values))
    }

    func esc(_ s: String) -> String { HTMLEscaping.escape(s) }

    /// An employee's display name (`(unassigned)` in the report's language), escaped.
    func employeeName(_ e: String) -> String { e == RunAggregate.unassigned ? t("unassigned") : esc(e) }

    func themeName(_ id: String) -> String { report.themeName(id, language: report.locale.rawValue) }

    /// A channel as the report's locale names it (`Phone` is `Утас` in Mongolian), escaped; "(no channel)" for none.
    func channelName(_ c: String) -> String {
        c == RunAggregate.noChannel ? t("channel.none") : esc(report.strings.channel(c, report.locale))
    }

    func page() -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"\(report.locale.htmlLanguage)\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTMLReportAssets.contentSecurityPolicy)\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"Verbatim \(esc(report.toolVersion))\">\n"
        h += "<title>\(t("title")) — \(esc(report.pipelineName)), \(esc(report.asOf))</title>\n"
        h += "<style>\n\(HTMLReportAssets.css)\n</style>\n</head>\n<body>\n"
        h += "<header><h1>\(t("title"))</h1><p>\(t("subtitle", ["pipeline": report.pipelineName, "date": report.asOf]))</p></header>\n<main>\n"
        h += headline()
        h += scorecard()
        h += trendsSection()
        h += themeChart() + trendChart()
        h += heatmap()
        h += verbatims()
        h += "<div class=\"grid2\">\n" + channels() + languages() + files() + "</div>\n"
        h += "</main>\n<footer>\(t("footer", ["version": report.toolVersion, "date": report.asOf]))</footer>\n"
        h += "<script>\n\(HTMLReportAssets.script)\n</script>\n</body>\n</html>\n"
        return h
    }

    func headline() -> String {
        let total = report.aggregate.total
        func card(_ cls: String, _ key: String, _ value: String, _ sub: String) -> String {
            "<div class=\"card \(cls)\"><div class=\"k\">\(t(key))</div><div class=\"v\">\(value)</div><div class=\"s\">\(sub)</div></div>\n"
        }
        var h = "<div class=\"cards\" id=\"headline\">\n"
        h += card("", "headline.records", "\(total.n)", t("headline.files", ["n": "\(report.files.count)"]))
        h += card("pos", "headline.positive", numbers.percent(total.positiveShare), "\(total.positive)")
        h += card("neg", "headline.negative", numbers.percent(total.negativeShare), "\(total.negative)")
        h += card("", "headline.net", numbers.signed(total.netSentiment, 2), "−1 … +1")
        if let csat = total.csatPercent { h += card("", "headline.csat", numbers.percentValue(csat), "n = \(total.csatCount)") }
        if let nps = total.nps { h += card("", "headline.nps", numbers.signed(nps, 0), "n = \(total.npsCount)") }
        // Files rejected whole and files that stopped part-way alike: each is in the files table with its error.
        let filesRejected = report.files.filter { $0.fileError != nil }.count
        h += card(report.rejectedRecords > 0 ? "neg" : "", "headline.rejected", "\(report.rejectedRecords)",
                  filesRejected > 0 ? t("headline.files_rejected", ["n": "\(filesRejected)"]) : "rejects.csv")
        return h + "</div>\n"
    }

    /// The scorecard columns: key (for sorting and the URL hash), string key, numeric.
    static let scorecardColumns: [(key: String, label: String, numeric: Bool)] = [
        ("rank", "col.rank", true), ("employee", "col.employee", false), ("n", "col.n", true),
        ("positive", "col.positive", true), ("neutral", "col.neutral", true), ("negative", "col.negative", true),
        ("net", "col.net", true), ("positive_share", "col.positive_share", true), ("mean_score", "col.mean_score", true),
        ("csat", "col.csat", true), ("nps", "col.nps", true), ("disagreements", "col.disagreements", true),
    ]

    func scorecard() -> String {
        var h = "<section id=\"employees\"><h2>\(t("section.scorecard"))</h2>\n"
        h += "<p class=\"hint\">\(t("scorecard.hint", ["n": "\(report.minResponses)"]))</p>\n"
        h += "<div class=\"scroll\"><table id=\"scorecard\">\n<thead><tr>"
        for c in Self.scorecardColumns {
            h += "<th data-key=\"\(c.key)\" data-type=\"\(c.numeric ? "number" : "text")\"\(c.numeric ? " class=\"num\"" : "")><button type=\"button\">\(t(c.label))</button></th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        for (k, row) in report.employeeScorecard.enumerated() {
            let s = row.tally
            let ci = s.positiveInterval
            func num(_ sort: String, _ shown: String) -> String { "<td class=\"num\" data-v=\"\(sort)\">\(shown)</td>" }
            h += "<tr\(row.rank == nil ? " class=\"unranked\"" : "")>"
            let note = row.note.map { $0 == "no employee named" ? t("note.unassigned") : t("note.too_few") }
            h += row.rank.map { num("\($0)", "\($0)") } ?? num("", "—")
            h += "<td class=\"name\" data-v=\"\(esc(row.employee))\"><a href=\"#v-emp-\(k)\">\(employeeName(row.employee))</a>"
            h += (note.map { " <span class=\"note\">\($0)</span>" } ?? "") + "</td>"
            h += num("\(s.n)", "\(s.n)") + num("\(s.positive)", "\(s.positive)") + num("\(s.neutral)", "\(s.neutral)")
            h += num("\(s.negative)", "\(s.negative)")
            if s.n == 0 {  // ratings without text only: no sentiment to show
                h += num("", "—") + num("", "—") + num("", "—")
            } else {
                h += num(NumberFormat.fixed(s.netSentiment, 4), "<span class=\"\(s.netSentiment > 0 ? "pos-t" : s.netSentiment < 0 ? "neg-t" : "")\">\(numbers.signed(s.netSentiment, 2))</span>")
                h += num(NumberFormat.fixed(ci.low, 4), "\(numbers.percent(s.positiveShare)) <span class=\"ci\">(\(numbers.percent(ci.low))–\(numbers.percent(ci.high)))</span>")
                h += num(NumberFormat.fixed(s.meanScore, 4), numbers.signed(s.meanScore, 2))
            }
            h += num(s.csatPercent.map { NumberFormat.fixed($0, 1) } ?? "", s.csatPercent.map { numbers.percentValue($0) } ?? "—")
            h += num(s.nps.map { NumberFormat.fixed($0, 1) } ?? "", s.nps.map { numbers.signed($0, 0) } ?? "—")
            h += num("\(s.disagreements)", "\(s.disagreements)")
            h += "</tr>\n"
        }
        return h + "</tbody></table></div></section>\n"
    }

    func themeChart() -> String {
        let agg = report.aggregate
        let order = report.themeOrder.sorted {
            let a = agg.byTheme[$0]!.negative, b = agg.byTheme[$1]!.negative
            return a != b ? a > b : $0 < $1
        }
        var h = "<section id=\"themes\"><h2>\(t("section.themes"))</h2><p class=\"hint\">\(t("themes.hint"))</p>\n"
        if order.isEmpty { return h + "<p class=\"empty-list\">\(t("no_data"))</p></section>\n" }
        let chart = ThemeSentimentChart(
            bars: order.map { .init(label: themeName($0), tally: agg.byTheme[$0]!) },
            labels: (report.strings.text("label.positive", report.locale), report.strings.text("label.neutral", report.locale),
                     report.strings.text("label.negative", report.locale)),
            numbers: numbers)
        h += chart.svg()
        return h + "\n</section>\n"
    }

    func trendChart() -> String {
        let days = report.aggregate.byDay.filter { $0.key.count == 10 }.sorted { $0.key < $1.key }.map { (day: $0.key, tally: $0.value) }
        var h = "<section id=\"trend-section\"><h2>\(t("section.trend"))</h2><p class=\"hint\">\(t("trend.hint"))</p>\n"
        if days.isEmpty { return h + "<p class=\"empty-list\">\(t("no_data"))</p></section>\n" }
        var chart = DailyTrendChart(days: days, recordsLabel: report.strings.text("trend.records", report.locale),
                                    netLabel: report.strings.text("trend.net", report.locale), numbers: numbers)
        chart.minResponses = report.minResponses
        chart.fewLabel = report.strings.format("trend.few", report.locale, ["n": "\(report.minResponses)"])
        h += chart.svg()
        return h + "\n</section>\n"
    }

    func heatmap() -> String {
        let agg = report.aggregate
        let themes = report.themeOrder
        let employees = report.employeeScorecard.map(\.employee).filter { agg.byEmployeeTheme[$0] != nil }
        var h = "<section id=\"heatmap-section\"><h2>\(t("section.heatmap"))</h2><p class=\"hint\">\(t("heatmap.hint"))</p>\n"
        if themes.isEmpty || employees.isEmpty { return h + "<p class=\"empty-list\">\(t("no_data"))</p></section>\n" }
        let unassigned = report.strings.text("unassigned", report.locale)
        let map = EmployeeThemeHeatmap(
            rows: employees.map { $0 == RunAggregate.unassigned ? unassigned : $0 },
            columns: themes.map(themeName),
            cells: employees.map { e in themes.map { agg.byEmployeeTheme[e]?[$0] } },
            numbers: numbers, netLabel: report.strings.text("trend.net", report.locale))
        h += "<div class=\"scroll\">" + map.svg() + "</div>"
        return h + "\n</section>\n"
    }

    func languages() -> String {
        var h = "<section id=\"languages\"><h2>\(t("section.languages"))</h2>\n<table><thead><tr>"
        h += "<th></th><th class=\"num\">\(t("col.n"))</th><th class=\"num\">\(t("col.positive"))</th><th class=\"num\">\(t("col.negative"))</th><th class=\"num\">\(t("col.net"))</th></tr></thead><tbody>\n"
        for (code, s) in report.aggregate.byLanguage.sorted(by: { $0.key < $1.key }) {
            let name = Language(rawValue: code) != nil ? t("lang.\(code)") : esc(code)
            h += "<tr><td>\(name)</td><td class=\"num\">\(s.n)</td><td class=\"num\">\(s.positive)</td><td class=\"num\">\(s.negative)</td><td class=\"num\">\(numbers.signed(s.netSentiment, 2))</td></tr>\n"
        }
        return h + "</tbody></table></section>\n"
    }

    /// The channels, most responses first, with their CSAT and NPS when the run has such ratings.
    func channels() -> String {
        guard report.hasChannels else { return "" }
        let rows = report.channelsByResponses
        let total = report.aggregate.total
        let csat = total.csatCount > 0, nps = total.npsCount > 0
        var h = "<section id=\"channels\"><h2>\(t("section.channels"))</h2>\n<div class=\"scroll\"><table><thead><tr>"
        h += "<th></th><th class=\"num\">\(t("col.n"))</th><th class=\"num\">\(t("col.positive"))</th><th class=\"num\">\(t("col.negative"))</th><th class=\"num\">\(t("col.net"))</th>"
        h += (csat ? "<th class=\"num\">\(t("col.csat"))</th>" : "") + (nps ? "<th class=\"num\">\(t("col.nps"))</th>" : "") + "</tr></thead><tbody>\n"
        for (channel, s) in rows {
            let name = channelName(channel)
            h += "<tr><td>\(name)</td><td class=\"num\">\(s.n)</td><td class=\"num\">\(s.positive)</td><td class=\"num\">\(s.negative)</td>"
            h += "<td class=\"num\">\(s.n == 0 ? "—" : numbers.signed(s.netSentiment, 2))</td>"
            if csat { h += "<td class=\"num\">\(s.csatPercent.map { numbers.percentValue($0) } ?? "—")</td>" }
            if nps { h += "<td class=\"num\">\(s.nps.map { numbers.signed($0, 0) } ?? "—")</td>" }
            h += "</tr>\n"
        }
        return h + "</tbody></table></div></section>\n"
    }

    func files() -> String {
        var h = "<section id=\"files\"><h2>\(t("section.files"))</h2>\n<div class=\"scroll\"><table><thead><tr>"
        h += "<th>\(t("files.file"))</th><th>\(t("files.format"))</th><th class=\"num\">\(t("files.read"))</th><th class=\"num\">\(t("files.accepted"))</th><th class=\"num\">\(t("files.rated"))</th><th class=\"num\">\(t("files.rejected"))</th></tr></thead><tbody>\n"
        for f in report.files {
            let format = [f.format, f.encoding, f.delimiter.map { $0 == "\t" ? "TAB" : $0 }].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
            h += "<tr><td>\(esc(f.file))"
            if let error = f.fileError { h += "<div class=\"note neg-t\">\(t(f.rejectedWhole ? "files.error" : "files.stopped")): \(esc(error))</div>" }
            if f.setAside > 0 { h += "<div class=\"note\">\(t("files.set_aside", ["n": String(f.setAside)]))</div>" }
            h += "</td><td>\(esc(format))</td><td class=\"num\">\(f.read)</td><td class=\"num\">\(f.accepted)</td><td class=\"num\">\(f.rated)</td><td class=\"num\">\(f.rejected)</td></tr>\n"
        }
        // The files not read, after those read: nothing of them is counted, so their numbers are dashes.
        for f in report.filesNotRead {
            h += "<tr><td>\(esc(f.name))<div class=\"note\">\(t("files.not_read")): \(esc(f.reason))</div></td>"
            h += "<td>—</td><td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">—</td></tr>\n"
        }
        return h + "</tbody></table></div></section>\n"
    }
}
