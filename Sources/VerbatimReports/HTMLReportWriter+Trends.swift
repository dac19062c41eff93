/// The trends section of `report.html`: net sentiment this period against
/// the previous one, for all records, per employee and per theme, from the
/// history store (`RunReport.trends`). The same rows as `report.md`'s
/// `## Trends` (rows present in both periods, largest fall first), with
/// the 95% interval and ▲/▼ where it excludes zero; a change resting on
/// fewer than `min_responses` records in a period is not shown. No section
/// without a history store.
extension HTMLReportWriter {
    func trendsSection() -> String {
        guard let trends = report.trends else { return "" }
        var h = "<section id=\"trends\"><h2>\(t("section.trends"))</h2>\n"
        h += "<p class=\"hint\">\(t("trends.periods", ["current": "\(trends.current.from) – \(trends.current.to)", "previous": "\(trends.previous.from) – \(trends.previous.to)"]))</p>\n"
        guard trends.hasBothPeriods else {
            h += "<p class=\"empty-list\" id=\"trends-waiting\">\(t("trends.waiting", ["previous": "\(trends.total.previous.n)", "current": "\(trends.total.current.n)"]))</p>\n"
            return h + "</section>\n"
        }
        h += "<p class=\"hint\">\(t("trends.hint", ["days": "\(trends.periodDays)", "n": "\(trends.minResponses)"]))</p>\n"
        h += "<div class=\"scroll\"><table id=\"trends-table\">\n"
        h += "<thead><tr><th></th><th class=\"num\">\(t("trends.n"))</th><th class=\"num\">\(t("trends.net"))</th><th>\(t("trends.change"))</th></tr></thead>\n"
        h += "<tbody>\n" + trendRow(trends.total, name: t("trends.all"), cls: "total", minimum: trends.minResponses) + "</tbody>\n"
        h += trendGroup(t("col.employee"), trends.employees, minimum: trends.minResponses, name: employeeName)
        h += trendGroup(t("trends.theme"), trends.themes, minimum: trends.minResponses) { esc(themeName($0)) }
        return h + "</table></div></section>\n"
    }

    /// One `<tbody>` of rows compared in both periods, largest fall first, and a
    /// line counting the rows with records in only one period.
    func trendGroup(_ title: String, _ rows: [TrendReport.Row], minimum: Int, name: (String) -> String) -> String {
        let compared = rows.filter { $0.change != nil }.sorted {
            $0.change!.net != $1.change!.net ? $0.change!.net < $1.change!.net : $0.key < $1.key
        }
        var h = "<tbody><tr class=\"group\"><th colspan=\"4\">\(title)</th></tr>\n"
        for r in compared { h += trendRow(r, name: name(r.key), cls: "", minimum: minimum) }
        let onlyOne = rows.count - compared.count
        if onlyOne > 0 { h += "<tr class=\"note\"><td colspan=\"4\">\(t("trends.only_one", ["n": "\(onlyOne)"]))</td></tr>\n" }
        return h + "</tbody>\n"
    }

    /// A row: counts and net sentiment before → now, and the change with its
    /// interval and mark, or "too few responses" in its place.
    func trendRow(_ r: TrendReport.Row, name: String, cls: String, minimum: Int) -> String {
        var h = "<tr\(cls.isEmpty ? "" : " class=\"\(cls)\"")><td>\(name)</td>"
        h += "<td class=\"num\">\(r.previous.n) → \(r.current.n)</td>"
        h += "<td class=\"num\">\(numbers.signed(r.previous.netSentiment, 2)) → \(numbers.signed(r.current.netSentiment, 2))</td>"
        let enough = r.current.n >= minimum && r.previous.n >= minimum
        guard let c = r.change, enough else {
            return h + "<td class=\"change few\">\(t("trends.too_few"))</td></tr>\n"
        }
        let mark = c.significant ? (c.net > 0 ? " <span class=\"pos-t mark\">▲</span>" : " <span class=\"neg-t mark\">▼</span>") : ""
        let tone = c.significant ? (c.net > 0 ? "pos-t" : "neg-t") : ""
        h += "<td class=\"change\" data-v=\"\(NumberFormat.fixed(c.net, 4))\"><span class=\"\(tone)\">\(numbers.signed(c.net, 2))</span>"
        h += " <span class=\"ci\">(\(numbers.signed(c.low, 2)) … \(numbers.signed(c.high, 2)))</span>\(mark)</td>"
        return h + "</tr>\n"
    }
}
