import VerbatimCore

/// The trends section of `report.html`: net sentiment this period against
/// the previous one, for all records, per employee, theme and channel, from the
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
            h += "<p class=\"empty-list\" id=\"trends-waiting\">\(t("trends.waiting", ["previous": "\(trends.total.previous.responses)", "current": "\(trends.total.current.responses)"]))</p>\n"
            return h + "</section>\n"
        }
        h += "<p class=\"hint\">\(t("trends.hint", ["days": "\(trends.periodDays)", "n": "\(trends.minResponses)"]))</p>\n"
        h += notableChanges(trends)
        h += "<div class=\"scroll\"><table id=\"trends-table\">\n"
        h += "<thead><tr><th></th><th class=\"num\">\(t("trends.n"))</th><th class=\"num\">\(t("trends.net"))</th><th>\(t("trends.change"))</th></tr></thead>\n"
        h += "<tbody>\n" + trendRow(trends.total, name: t("trends.all"), cls: "total", minimum: trends.minResponses) + "</tbody>\n"
        h += trendGroup(t("col.employee"), trends.employees, minimum: trends.minResponses, name: employeeName)
        h += trendGroup(t("trends.theme"), trends.themes, minimum: trends.minResponses) { esc(themeName($0)) }
        if !trends.channels.isEmpty { h += trendGroup(t("trends.channel"), trends.channels, minimum: trends.minResponses, name: channelName) }
        return h + "</table></div>\n" + ratingsTable(trends) + "</section>\n"
    }

    /// The changes larger than sampling noise, falls first, as `report.md` lists them under its headline;
    /// or a line saying there are none.
    func notableChanges(_ trends: TrendReport) -> String {
        let changes = trends.notableChanges
        guard !changes.isEmpty else { return "<p id=\"trends-notable\" class=\"empty-list\">\(t("trends.notable_none"))</p>\n" }
        var h = "<p class=\"hint\">\(t("trends.notable"))</p>\n<ul id=\"trends-notable\">\n"
        for c in changes {
            let name: String
            switch c.subject {
            case .all: name = t(c.figure == .net ? "trends.all" : "trends.all_responses")
            case let .employee(e): name = employeeName(e)
            case let .theme(id): name = esc(themeName(id))
            case let .channel(c): name = "\(channelName(c)) (\(t("trends.channel")))"
            }
            let figure: String
            switch c.figure {
            case .net: figure = "\(t("headline.net")) \(numbers.signed(c.previous, 2)) → \(numbers.signed(c.current, 2))"
            case .rating(.csat): figure = "\(t("col.csat")) \(numbers.percentValue(c.previous)) → \(numbers.percentValue(c.current))"
            case .rating(.nps): figure = "\(t("col.nps")) \(numbers.signed(c.previous, 0)) → \(numbers.signed(c.current, 0))"
            }
            let mark = c.isFall ? "<span class=\"neg-t mark\">▼</span>" : "<span class=\"pos-t mark\">▲</span>"
            h += "<li>\(mark) \(name): \(figure)</li>\n"
        }
        return h + "</ul>\n"
    }

    /// CSAT and NPS before → now with their changes in points, for all responses and per employee with ratings
    /// in both periods (largest CSAT fall first), as `report.md`'s survey ratings table: a column pair per scale
    /// some row has. Empty when no row has one.
    func ratingsTable(_ trends: TrendReport) -> String {
        let scales = trends.ratingScales
        guard !scales.isEmpty else { return "" }
        var h = "<h3>\(t("trends.ratings"))</h3>\n<p class=\"hint\">\(t("trends.ratings_hint", ["n": "\(trends.minResponses)"]))</p>\n"
        h += "<div class=\"scroll\"><table id=\"trends-ratings\">\n<thead><tr><th></th>"
        for scale in scales { h += "<th class=\"num\">\(t(scale == .csat ? "trends.csat" : "trends.nps"))</th><th>\(t("trends.change"))</th>" }
        h += "</tr></thead>\n<tbody>\n" + ratingRow(trends.total, scales, name: t("trends.all_responses"), cls: "total") + "</tbody>\n"
        let rows = trends.employeesWithRatingChanges
        if !rows.isEmpty {
            h += "<tbody><tr class=\"group\"><th colspan=\"\(1 + 2 * scales.count)\">\(t("col.employee"))</th></tr>\n"
            for r in rows { h += ratingRow(r, scales, name: employeeName(r.key), cls: "") }
            h += "</tbody>\n"
        }
        return h + "</table></div>\n"
    }

    /// A row of the survey ratings table: each figure before → now (with its count), and its change.
    func ratingRow(_ r: TrendReport.Row, _ scales: [SurveyRating.Scale], name: String, cls: String) -> String {
        func cells(_ scale: SurveyRating.Scale) -> String {
            guard let c = r.rating(scale) else { return "<td class=\"num\">—</td><td></td>" }
            func figure(_ v: Double) -> String { scale == .csat ? numbers.percentValue(v) : numbers.signed(v, 0) }
            return "<td class=\"num\">\(figure(c.previous)) (\(c.previousCount)) → \(figure(c.current)) (\(c.currentCount))</td>"
                + changeCell(c.change, decimals: 0)
        }
        return "<tr\(cls.isEmpty ? "" : " class=\"\(cls)\"")><td>\(name)</td>" + scales.map(cells).joined() + "</tr>\n"
    }

    /// One `<tbody>` of rows compared in both periods, largest fall first, and a
    /// line counting the rows with records in only one period.
    func trendGroup(_ title: String, _ rows: [TrendReport.Row], minimum: Int, name: (String) -> String) -> String {
        let compared = rows.filter { $0.change != nil }.sorted {
            $0.change!.net != $1.change!.net ? $0.change!.net < $1.change!.net : $0.key < $1.key
        }
        var h = "<tbody><tr class=\"group\"><th colspan=\"4\">\(title)</th></tr>\n"
        for r in compared { h += trendRow(r, name: name(r.key), cls: "", minimum: minimum) }
        // Rows with ratings alone (responses without text) have no sentiment to compare.
        let onlyOne = rows.filter { $0.change == nil && $0.hasRecords }.count
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
        return h + changeCell(c, decimals: 2) + "</tr>\n"
    }

    /// A change with its interval, toned and marked ▲/▼ when significant.
    func changeCell(_ c: TrendReport.Change, decimals: Int) -> String {
        let mark = c.significant ? (c.net > 0 ? " <span class=\"pos-t mark\">▲</span>" : " <span class=\"neg-t mark\">▼</span>") : ""
        let tone = c.significant ? (c.net > 0 ? "pos-t" : "neg-t") : ""
        return "<td class=\"change\" data-v=\"\(NumberFormat.fixed(c.net, 4))\"><span class=\"\(tone)\">\(numbers.signed(c.net, decimals))</span>"
            + " <span class=\"ci\">(\(numbers.signed(c.low, decimals)) … \(numbers.signed(c.high, decimals)))</span>\(mark)</td>"
    }
}
