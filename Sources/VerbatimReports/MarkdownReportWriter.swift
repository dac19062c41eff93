import VerbatimCore

/// Writes `report.md`: a one-page summary for email or chat.
public enum MarkdownReportWriter {
    public static func render(_ report: RunReport) -> String {
        var md = "# Verbatim report — \(report.pipelineName), \(report.asOf)\n\n"
        md += headline(report)
        md += notableChanges(report)
        md += skippedNote(report)
        md += scorecard(report)
        md += themesSection(report)
        md += verbatimsSection(report)
        md += channelsSection(report)
        md += languagesSection(report)
        md += rejectedFilesSection(report)
        md += filesNotReadSection(report)
        md += trendsSection(report)
        return md
    }

    /// The totals' line: records, labels, net sentiment, the survey figures, and what was set aside.
    static func headline(_ report: RunReport) -> String {
        let t = report.aggregate.total
        var md = "**\(t.n)** records from **\(report.files.count)** files"
        md += " · \(t.positive) positive (\(pct(t.positiveShare))), \(t.neutral) neutral, \(t.negative) negative (\(pct(t.negativeShare)))"
        md += " · net sentiment \(NumberFormat.fixed(t.netSentiment, 2))"
        md += surveyFigures(t)
        // The comments worth reading first: a high rating over a clearly negative text, or the reverse.
        if t.disagreements > 0 {
            md += " · \(t.disagreements) comment\(t.disagreements == 1 ? "" : "s") pointing against \(t.disagreements == 1 ? "its" : "their") rating"
        }
        let rated = report.ratedWithoutText
        if rated > 0 { md += " · \(RatedResponse.described(count: rated)), counted in the survey figures" }
        if report.setAside > 0 { md += " · \(report.setAside) set aside as no customer's feedback (a chat's service lines and own posts, surveys never answered: manifest.json)" }
        if report.rejectedRecords > 0 { md += " · \(report.rejectedRecords) rejected (see rejects.csv)" }
        if report.filesNotExports > 0 {
            md += " · \(report.filesNotExports == 1 ? "1 file" : "\(report.filesNotExports) files") not read (listed below)"
        }
        return md + "\n\n"
    }

    /// The employees, ranked, with CSAT and NPS columns when the run has such ratings (mentions have none).
    static func scorecard(_ report: RunReport) -> String {
        let t = report.aggregate.total
        let csatColumn = t.csatCount > 0, npsColumn = t.npsCount > 0
        var md = "## Employees\n\n"
        md += "| Rank | Employee | n | Positive | Neutral | Negative | Net | Positive share (95% CI) |"
        md += (csatColumn ? " CSAT (ratings) |" : "") + (npsColumn ? " NPS (ratings) |" : "") + "\n"
        md += "|---:|---|---:|---:|---:|---:|---:|---|" + (csatColumn ? "---:|" : "") + (npsColumn ? "---:|" : "") + "\n"
        for row in report.employeeScorecard {
            let s = row.tally
            let ci = s.positiveInterval
            let rank = row.rank.map { "\($0)" } ?? (row.employee == RunAggregate.unassigned ? "—" : "too few responses")
            let net = s.n == 0 ? "—" : NumberFormat.fixed(s.netSentiment, 2)
            let share = s.n == 0 ? "—" : "\(pct(s.positiveShare)) (\(pct(ci.low))–\(pct(ci.high)))"
            md += "| \(rank) | \(row.employee.replacingPipes()) | \(s.n) | \(s.positive) | \(s.neutral) | \(s.negative) | \(net) | \(share) |"
            if csatColumn { md += " \(s.csatPercent.map { "\(NumberFormat.fixed($0, 0))% (\(s.csatCount))" } ?? "—") |" }
            if npsColumn { md += " \(s.nps.map { "\(signed($0)) (\(s.npsCount))" } ?? "—") |" }
            md += "\n"
        }
        md += "\nRanked by the lower bound of the 95% Wilson interval on the positive share; employees with fewer than \(report.minResponses) responses are not ranked."
        if csatColumn { md += " CSAT: \(SurveyRating.Scale.csat.definition)." }
        if npsColumn { md += " NPS: \(SurveyRating.Scale.nps.definition)." }
        return md + "\n"
    }

    /// Themes with their negative mentions first.
    static func themesSection(_ report: RunReport) -> String {
        let themes = report.aggregate.byTheme
        guard !themes.isEmpty else { return "" }
        var md = "\n## Themes driving negative sentiment\n\n"
        md += "| Theme | Mentions | Positive | Negative | Net |\n|---|---:|---:|---:|---:|\n"
        for (id, s) in themes.sorted(by: { $0.value.negative != $1.value.negative ? $0.value.negative > $1.value.negative : $0.key < $1.key }) {
            md += "| \(report.themeName(id).replacingPipes()) | \(s.n) | \(s.positive) | \(s.negative) | \(NumberFormat.fixed(s.netSentiment, 2)) |\n"
        }
        return md
    }

    /// The run's most negative and most positive verbatims, with their source.
    static func verbatimsSection(_ report: RunReport) -> String {
        let top = report.aggregate.topVerbatims
        guard !top.positive.isEmpty || !top.negative.isEmpty else { return "" }
        var md = "\n## Notable verbatims\n\n"
        for e in top.negative + top.positive {
            let v = e.sample
            let who = v.employee.map { " — \($0.replacingPipes())" } ?? ""
            md += "- **\(NumberFormat.fixed(v.score, 2))** “\(v.text.replacingPipes())”\(who) (`\(v.file.replacingPipes()):\(v.line)`)\n"
        }
        return md
    }

    static func languagesSection(_ report: RunReport) -> String {
        var md = "\n## Languages\n\n"
        for (lang, s) in report.aggregate.byLanguage.sorted(by: { $0.key < $1.key }) {
            let name = Language(rawValue: lang)?.displayName ?? lang
            md += "- \(name): \(s.n) (\(s.positive) positive, \(s.negative) negative)\n"
        }
        return md
    }

    /// The files with an error: rejected whole, or read up to it (their records before it counted).
    static func rejectedFilesSection(_ report: RunReport) -> String {
        let failed = report.files.filter { $0.fileError != nil }
        guard !failed.isEmpty else { return "" }
        var md = "\n## Files with an error\n\n"
        for f in failed { md += "- `\(f.file)` (\(f.rejectedWhole ? "rejected whole" : "read up to the error")): \(f.fileError!)\n" }
        return md
    }

    /// The input files not read (not exports, or not openable), each with why.
    static func filesNotReadSection(_ report: RunReport) -> String {
        guard !report.filesNotRead.isEmpty else { return "" }
        var md = "\n## Files not read\n\n"
        for f in report.filesNotRead { md += "- `\(f.name)`: \(f.reason)\n" }
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
            md += "- \(name): \(s.n) (\(s.positive) positive, \(s.negative) negative)" + surveyFigures(s) + "\n"
        }
        return md
    }

    /// " · CSAT 49% (152 ratings) · NPS +12 (40 ratings)", each figure when it has ratings.
    fileprivate static func surveyFigures(_ t: SentimentTally) -> String {
        var out = ""
        if let csat = t.csatPercent { out += " · CSAT \(NumberFormat.fixed(csat, 0))% (\(ratings(t.csatCount)))" }
        if let nps = t.nps { out += " · NPS \(signed(nps)) (\(ratings(t.npsCount)))" }
        return out
    }

    fileprivate static func pct(_ v: Double) -> String { NumberFormat.fixed(v * 100, 0) + "%" }

    /// "152 ratings", "1 rating".
    fileprivate static func ratings(_ n: Int) -> String { "\(n) rating\(n == 1 ? "" : "s")" }

    /// A whole NPS with its sign: "+12", "-8", "0".
    static func signed(_ v: Double) -> String {
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
