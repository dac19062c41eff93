import VerbatimCore

extension MarkdownReportWriter {
    /// The line under the totals when the run skipped files seen before (nightly runs).
    static func skippedNote(_ report: RunReport) -> String {
        guard report.filesSeenBefore > 0 else { return "" }
        let files = report.filesSeenBefore == 1 ? "1 file was" : "\(report.filesSeenBefore) files were"
        return "\(files) processed by earlier runs and skipped: their records are in the trends below, "
            + "not in these tables (see manifest.json; `--reprocess` reads them again).\n\n"
    }

    /// `## Trends`: net sentiment this period against the previous one, per
    /// employee, theme and channel, from the history store. Empty without a store.
    static func trendsSection(_ report: RunReport) -> String {
        guard let t = report.trends else { return "" }
        func net(_ v: Double) -> String { NumberFormat.fixed(v, 2) }
        var md = "\n## Trends: \(t.current.from) – \(t.current.to) against \(t.previous.from) – \(t.previous.to)\n\n"
        guard t.hasBothPeriods else {
            md += "Trends appear once the history store holds responses of both periods "
                + "(now \(t.total.previous.responses) in the previous \(t.periodDays) days, \(t.total.current.responses) in this period).\n"
            return md
        }
        md += "Net sentiment from the history store (every run so far), this period against the previous \(t.periodDays) days. "
        md += "▲ or ▼ marks a change whose 95% interval excludes zero; with fewer than \(t.minResponses) responses "
        md += "in a period a change is not judged.\n\n"
        func change(_ r: TrendReport.Row) -> String {
            guard let c = r.change else { return r.note ?? "" }
            let mark = c.significant ? (c.net > 0 ? " ▲" : " ▼") : ""
            return "\(net(c.net)) (\(net(c.low)) to \(net(c.high)))\(mark)" + (r.note.map { ", \($0)" } ?? "")
        }
        // Only rows present in both periods; the others are in summary.json.
        func table(_ title: String, _ plural: String, _ rows: [TrendReport.Row], name: (String) -> String) -> String {
            let compared = rows.filter { $0.change != nil }
            var s = ""
            if !compared.isEmpty {
                s += "| \(title) | n before → now | Net before → now | Change (95% CI) |\n|---|---:|---:|---|\n"
                // Largest falls first.
                for r in compared.sorted(by: { $0.change!.net != $1.change!.net ? $0.change!.net < $1.change!.net : $0.key < $1.key }) {
                    s += "| \(cell(name(r.key))) | \(r.previous.n) → \(r.current.n) | \(net(r.previous.netSentiment)) → \(net(r.current.netSentiment)) | \(change(r)) |\n"
                }
                s += "\n"
            }
            // Rows with ratings alone (responses without text) have no sentiment to compare.
            let onlyOne = rows.filter { $0.change == nil && $0.hasRecords }.count
            if onlyOne > 0 { s += "\(onlyOne) \(plural) with records in only one of the periods are listed in summary.json.\n\n" }
            return s
        }
        md += "**All records:** \(t.total.previous.n) → \(t.total.current.n), net \(net(t.total.previous.netSentiment)) → \(net(t.total.current.netSentiment))"
        md += t.total.change.map { c in ", change \(net(c.net)) (\(net(c.low)) to \(net(c.high)))\(c.significant ? (c.net > 0 ? " ▲" : " ▼") : "")" } ?? ""
        md += "\n\n"
        md += table("Employee", "employees", t.employees) { $0 }
        md += table("Theme", "themes", t.themes) { report.themeName($0) }
        md += table("Channel", "channels", t.channels) { $0 }
        md += ratingsTable(t)
        while md.hasSuffix("\n\n") { md.removeLast() }
        return md
    }

    /// Under the headline, the changes since the previous period that are larger than sampling noise (the
    /// trends' ▲ and ▼, which stand at the end of the page), or a line saying there are none. Nothing
    /// until the store holds responses of both periods.
    static func notableChanges(_ report: RunReport) -> String {
        guard let t = report.trends, t.hasBothPeriods else { return "" }
        let changes = t.notableChanges
        let since = "since the previous \(t.periodDays) days (\(t.previous.from) – \(t.previous.to))"
        guard !changes.isEmpty else { return "No change \(since) is larger than sampling noise (see Trends).\n\n" }
        var md = "**Changes \(since)** larger than sampling noise (95% intervals, in Trends below):\n\n"
        for c in changes {
            let name: String
            switch c.subject {
            case .all: name = c.figure == .net ? "All records" : "All responses"
            case let .employee(e): name = cell(e)
            case let .theme(id): name = report.themeName(id)
            case let .channel(c): name = "\(cell(c)) (channel)"
            }
            let figure: String
            switch c.figure {
            case .net: figure = "net sentiment \(NumberFormat.fixed(c.previous, 2)) → \(NumberFormat.fixed(c.current, 2))"
            case .rating(.csat): figure = "CSAT \(NumberFormat.fixed(c.previous, 0))% → \(NumberFormat.fixed(c.current, 0))% (\(signed(c.change.net)) points)"
            case .rating(.nps): figure = "NPS \(signed(c.previous)) → \(signed(c.current)) (\(signed(c.change.net)) points)"
            }
            md += "- \(c.isFall ? "▼" : "▲") \(name): \(figure)\n"
        }
        return md + "\n"
    }

    /// A name as a table cell: a `|` would end it, a line break the row.
    static func cell(_ s: String) -> String {
        String(s.map { $0 == "|" ? "¦" : $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    /// The survey figures' moves, for all responses and per employee with ratings in both periods (largest
    /// CSAT fall first): every rating counts, with a comment or without. A column pair per scale some row has;
    /// empty when none has one.
    static func ratingsTable(_ t: TrendReport) -> String {
        let scales = t.ratingScales
        guard !scales.isEmpty else { return "" }
        func points(_ v: Double) -> String { signed(v) }
        func figures(_ r: TrendReport.RatingChange?, _ scale: SurveyRating.Scale) -> String {
            guard let r else { return " — | |" }
            func figure(_ v: Double) -> String { scale == .csat ? "\(NumberFormat.fixed(v, 0))%" : signed(v) }
            let mark = r.change.significant ? (r.change.net > 0 ? " ▲" : " ▼") : ""
            return " \(figure(r.previous)) (\(r.previousCount)) → \(figure(r.current)) (\(r.currentCount)) |"
                + " \(points(r.change.net)) (\(points(r.change.low)) to \(points(r.change.high)))\(mark) |"
        }
        var md = "**Survey ratings**, every rating with a comment or without, this period against the previous one; changes in points, "
        md += "▲ or ▼ where the 95% interval excludes zero and each period has \(t.minResponses) ratings."
        for scale in scales { md += " \(scale.name): \(scale.definition)." }
        md += "\n\n| |" + scales.map { " \($0.name) before → now | Change (95% CI) |" }.joined() + "\n|---|"
        md += String(repeating: "---:|---|", count: scales.count) + "\n"
        for (name, r) in [("All responses", t.total)] + t.employeesWithRatingChanges.map({ ($0.key, $0) }) {
            md += "| \(cell(name)) |" + scales.map { figures(r.rating($0), $0) }.joined() + "\n"
        }
        return md + "\n"
    }
}
