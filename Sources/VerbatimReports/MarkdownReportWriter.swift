import VerbatimCore

/// Writes `report.md`: a one-page summary for email or chat.
public enum MarkdownReportWriter {
    public static func render(_ report: RunReport) -> String {
        let t = report.aggregate.total
        func pct(_ v: Double) -> String { NumberFormat.fixed(v * 100, 0) + "%" }
        func cell(_ s: String) -> String { s.replacingPipes() }
        var md = "# Verbatim report — \(report.pipelineName), \(report.asOf)\n\n"
        md += "**\(t.n)** records from **\(report.files.count)** files"
        md += " · \(t.positive) positive (\(pct(t.positiveShare))), \(t.neutral) neutral, \(t.negative) negative (\(pct(t.negativeShare)))"
        md += " · net sentiment \(NumberFormat.fixed(t.netSentiment, 2))"
        if let csat = t.csatPercent { md += " · CSAT \(NumberFormat.fixed(csat, 0))% (\(Self.ratings(t.csatCount)))" }
        if let nps = t.nps { md += " · NPS \(Self.signed(nps)) (\(Self.ratings(t.npsCount)))" }
        // The comments worth reading first: a high rating over a clearly negative text, or the reverse.
        if t.disagreements > 0 {
            md += " · \(t.disagreements) comment\(t.disagreements == 1 ? "" : "s") pointing against \(t.disagreements == 1 ? "its" : "their") rating"
        }
        let rated = report.ratedWithoutText
        if rated > 0 { md += " · \(RatedResponse.described(count: rated)), counted in the survey figures" }
        if report.rejectedRecords > 0 { md += " · \(report.rejectedRecords) rejected (see rejects.csv)" }
        md += "\n\n"
        md += skippedNote(report)

        md += "## Employees\n\n"
        // The survey figures' columns only when the run has such ratings (mentions have none).
        let csatColumn = t.csatCount > 0, npsColumn = t.npsCount > 0
        md += "| Rank | Employee | n | Positive | Neutral | Negative | Net | Positive share (95% CI) |"
        md += (csatColumn ? " CSAT (ratings) |" : "") + (npsColumn ? " NPS (ratings) |" : "") + "\n"
        md += "|---:|---|---:|---:|---:|---:|---:|---|" + (csatColumn ? "---:|" : "") + (npsColumn ? "---:|" : "") + "\n"
        for row in report.employeeScorecard {
            let s = row.tally
            let ci = s.positiveInterval
            let rank = row.rank.map { "\($0)" } ?? (row.employee == RunAggregate.unassigned ? "—" : "too few responses")
            let net = s.n == 0 ? "—" : NumberFormat.fixed(s.netSentiment, 2)
            let share = s.n == 0 ? "—" : "\(pct(s.positiveShare)) (\(pct(ci.low))–\(pct(ci.high)))"
            md += "| \(rank) | \(cell(row.employee)) | \(s.n) | \(s.positive) | \(s.neutral) | \(s.negative) | \(net) | \(share) |"
            if csatColumn { md += " \(s.csatPercent.map { "\(NumberFormat.fixed($0, 0))% (\(s.csatCount))" } ?? "—") |" }
            if npsColumn { md += " \(s.nps.map { "\(Self.signed($0)) (\(s.npsCount))" } ?? "—") |" }
            md += "\n"
        }
        md += "\nRanked by the lower bound of the 95% Wilson interval on the positive share; employees with fewer than \(report.minResponses) responses are not ranked."
        if csatColumn { md += " CSAT: \(SurveyRating.Scale.csat.definition)." }
        if npsColumn { md += " NPS: \(SurveyRating.Scale.nps.definition)." }
        md += "\n"

        let themes = report.aggregate.byTheme
        if !themes.isEmpty {
            md += "\n## Themes driving negative sentiment\n\n"
            md += "| Theme | Mentions | Positive | Negative | Net |\n|---|---:|---:|---:|---:|\n"
            for (id, s) in themes.sorted(by: { $0.value.negative != $1.value.negative ? $0.value.negative > $1.value.negative : $0.key < $1.key }) {
                md += "| \(cell(report.themeName(id))) | \(s.n) | \(s.positive) | \(s.negative) | \(NumberFormat.fixed(s.netSentiment, 2)) |\n"
            }
        }

        let top = report.aggregate.topVerbatims
        if !top.positive.isEmpty || !top.negative.isEmpty {
            md += "\n## Notable verbatims\n\n"
            for e in top.negative + top.positive {
                let v = e.sample
                let who = v.employee.map { " — \(cell($0))" } ?? ""
                md += "- **\(NumberFormat.fixed(v.score, 2))** “\(cell(v.text))”\(who) (`\(cell(v.file)):\(v.line)`)\n"
            }
        }

        md += channelsSection(report)
        md += "\n## Languages\n\n"
        for (lang, s) in report.aggregate.byLanguage.sorted(by: { $0.key < $1.key }) {
            let name = Language(rawValue: lang)?.displayName ?? lang
            md += "- \(name): \(s.n) (\(s.positive) positive, \(s.negative) negative)\n"
        }
        let failed = report.files.filter { $0.fileError != nil }
        if !failed.isEmpty {
            md += "\n## Files rejected\n\n"
            for f in failed { md += "- `\(f.file)`: \(f.fileError!)\n" }
        }
        md += trendsSection(report)
        return md
    }
}

extension MarkdownReportWriter {
    /// The channels, most responses first: "- Telefon: 57 (20 positive, 30 negative) · CSAT 45% · NPS -12".
    static func channelsSection(_ report: RunReport) -> String {
        guard report.hasChannels else { return "" }
        let rows = report.channelsByResponses
        var md = "\n## Channels\n\n"
        for (channel, s) in rows {
            let name = channel == RunAggregate.noChannel ? "(no channel)" : channel.replacingPipes()
            md += "- \(name): \(s.n) (\(s.positive) positive, \(s.negative) negative)"
            if let csat = s.csatPercent { md += " · CSAT \(NumberFormat.fixed(csat, 0))% (\(ratings(s.csatCount)))" }
            if let nps = s.nps { md += " · NPS \(signed(nps)) (\(ratings(s.npsCount)))" }
            md += "\n"
        }
        return md
    }

    /// "152 ratings", "1 rating".
    fileprivate static func ratings(_ n: Int) -> String { "\(n) rating\(n == 1 ? "" : "s")" }

    /// A whole NPS with its sign: "+12", "-8", "0".
    fileprivate static func signed(_ v: Double) -> String {
        let text = NumberFormat.fixed(v, 0)
        return text == "0" || text == "-0" ? "0" : v > 0 ? "+" + text : text
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        var out = ""
        for c in self {
            if c == "|" { out += "\\|" } else if c == "\n" || c == "\r" { out += " " } else { out.append(c) }
        }
        return out
    }
}
