import VerbatimCore

/// The verbatims section of `report.html`: the run's most positive and most
/// negative feedback, then per employee and per theme, each verbatim a
/// `<details>` whose summary is the text and whose body is the evidence.
extension HTMLReportWriter {
    func verbatims() -> String {
        let agg = report.aggregate
        var h = "<section id=\"verbatims\"><h2>\(t("section.verbatims"))</h2><p class=\"hint\">\(t("verbatims.hint"))</p>\n"
        h += "<details class=\"group\" id=\"v-all\" open><summary>\(t("verbatims.overall"))</summary>\n\(lists(agg.topVerbatims))</details>\n"
        h += "<h3>\(t("verbatims.by_employee"))</h3>\n"
        for (k, row) in report.employeeScorecard.enumerated() {
            h += "<details class=\"group\" id=\"v-emp-\(k)\"><summary>\(employeeName(row.employee)) <span class=\"s\">· \(t("col.n")) \(row.tally.n)</span></summary>\n"
            h += lists(agg.topByEmployee[row.employee]) + "</details>\n"
        }
        h += "<h3>\(t("verbatims.by_theme"))</h3>\n"
        for (k, id) in report.themeOrder.enumerated() {
            h += "<details class=\"group\" id=\"v-theme-\(k)\"><summary>\(esc(themeName(id))) <span class=\"s\">· \(agg.byTheme[id]?.n ?? 0)</span></summary>\n"
            h += lists(agg.topByTheme[id]) + "</details>\n"
        }
        return h + "</section>\n"
    }

    /// The two lists of a cell side by side: most positive, most negative.
    func lists(_ top: TopVerbatims?) -> String {
        func list(_ title: String, _ entries: [TopVerbatims.Entry]) -> String {
            var h = "<div><h3>\(title)</h3>\n"
            if entries.isEmpty { h += "<p class=\"empty-list\">\(t("verbatims.none"))</p>\n" }
            for e in entries { h += verbatim(e.sample) }
            return h + "</div>\n"
        }
        return "<div class=\"cols\">\n" + list(t("verbatims.most_positive"), top?.positive ?? [])
            + list(t("verbatims.most_negative"), top?.negative ?? []) + "</div>\n"
    }

    /// One verbatim: its text, and on demand its score, evidence, themes and source.
    func verbatim(_ v: VerbatimSample) -> String {
        var h = "<details class=\"verbatim \(v.label.rawValue)\"><summary><span class=\"score \(v.label == .positive ? "pos-t" : v.label == .negative ? "neg-t" : "")\">\(numbers.signed(v.score, 2))</span>\(esc(v.text))</summary>\n<dl>"
        h += "<dt>\(t("verbatim.evidence"))</dt><dd>\(esc(v.evidence))</dd>"
        if !v.themes.isEmpty {
            let themes = v.themes.map { item -> String in
                guard let tag = ThemeTag(parsing: item) else { return esc(item) }
                let polarity = tag.polarity
                return "\(esc(themeName(tag.theme))) <span class=\"\(polarity == .positive ? "pos-t" : polarity == .negative ? "neg-t" : "")\">\(t("label.\(polarity.rawValue)"))</span>"
            }
            h += "<dt>\(t("verbatim.themes"))</dt><dd>\(themes.joined(separator: " · "))</dd>"
        }
        if !v.ratings.isEmpty {
            let shown = v.ratings.scores.map { "\(numbers.decimal($0.value, SurveyRating.decimals($0.value))) / \(Int($0.scale.highest))" }
            h += "<dt>\(t("verbatim.rating"))</dt><dd>\(shown.joined(separator: " · "))</dd>"
        }
        if let mention = v.employeeMention, let e = v.employee {
            h += "<dt>\(t("verbatim.mentioned"))</dt><dd>\(esc(mention)) → \(esc(e))</dd>"
        }
        let source = [v.file + ":\(v.line)", v.recordId, v.date ?? "", v.channel.map { report.strings.channel($0, report.locale) } ?? "", v.employee ?? ""]
        h += "<dt>\(t("verbatim.source"))</dt><dd>\(source.filter { !$0.isEmpty }.map(esc).joined(separator: " · "))</dd>"
        return h + "</dl></details>\n"
    }
}
