import VerbatimCore

extension SummaryJSONWriter {
    /// `summary.json`'s `trends` member: null when the run had no history
    /// store, else the two periods and a row per employee, theme and channel
    /// (schema in `docs/summary-schema.md`).
    static func trends(_ report: RunReport) -> JSONValue {
        guard let t = report.trends else { return .null }
        func period(_ p: TrendReport.Period, records: Int) -> JSONValue {
            .object([("from", .string(p.from)), ("to", .string(p.to)), ("records", .int(records))])
        }
        func side(_ s: SentimentTally) -> JSONValue {
            .object([("n", .int(s.n)), ("positive", .int(s.positive)), ("neutral", .int(s.neutral)), ("negative", .int(s.negative)),
                     ("net_sentiment", .double(s.netSentiment))])
        }
        func rating(_ r: TrendReport.RatingChange?) -> JSONValue {
            guard let r else { return .null }
            return .object([
                ("current", .double(r.current)), ("previous", .double(r.previous)),
                ("current_n", .int(r.currentCount)), ("previous_n", .int(r.previousCount)),
                ("change", .double(r.change.net)), ("change_ci95", .array([.double(r.change.low), .double(r.change.high)])),
                ("significant", .bool(r.change.significant)),
            ])
        }
        func row(_ keyName: String, _ r: TrendReport.Row, name: String? = nil) -> JSONValue {
            var pairs: [(String, JSONValue)] = [(keyName, .string(r.key))]
            if let name { pairs.append(("name", .string(name))) }
            pairs += [
                ("current", side(r.current)), ("previous", side(r.previous)),
                ("change", r.change.map { .double($0.net) } ?? .null),
                ("change_ci95", r.change.map { .array([.double($0.low), .double($0.high)]) } ?? .null),
                ("significant", .bool(r.change?.significant ?? false)),
                ("note", r.note.map { .string($0) } ?? .null),
                ("csat", rating(r.csat)), ("nps", rating(r.nps)),
            ]
            return .object(pairs)
        }
        return .object([
            ("period_days", .int(t.periodDays)),
            ("current", period(t.current, records: t.total.current.n)),
            ("previous", period(t.previous, records: t.total.previous.n)),
            ("min_responses", .int(t.minResponses)),
            ("net_sentiment", .object([
                ("current", .double(t.total.current.netSentiment)), ("previous", .double(t.total.previous.netSentiment)),
                ("change", t.total.change.map { .double($0.net) } ?? .null),
                ("change_ci95", t.total.change.map { .array([.double($0.low), .double($0.high)]) } ?? .null),
                ("significant", .bool(t.total.change?.significant ?? false)),
            ])),
            ("csat", rating(t.total.csat)),
            ("nps", rating(t.total.nps)),
            ("employees", .array(t.employees.map { row("employee", $0) })),
            ("themes", .array(t.themes.map { row("theme", $0, name: report.themeName($0.key)) })),
            ("channels", .array(t.channels.map { row("channel", $0) })),
        ])
    }
}
