import VerbatimCore

/// Writes `summary.json`: run metadata and every aggregate, in a versioned
/// schema documented in `docs/summary-schema.md`.
public enum SummaryJSONWriter {
    public static let schemaVersion = 1

    public static func render(_ report: RunReport) -> String {
        let agg = report.aggregate
        func tally(_ t: SentimentTally) -> [(String, JSONValue)] {
            let p = t.positiveInterval, n = t.negativeInterval
            return [
                ("n", .int(t.n)), ("positive", .int(t.positive)), ("neutral", .int(t.neutral)), ("negative", .int(t.negative)),
                ("positive_share", .double(t.positiveShare)), ("neutral_share", .double(t.neutralShare)),
                ("negative_share", .double(t.negativeShare)), ("net_sentiment", .double(t.netSentiment)),
                ("mean_score", .double(t.meanScore)),
                ("positive_share_ci95", .array([.double(p.low), .double(p.high)])),
                ("negative_share_ci95", .array([.double(n.low), .double(n.high)])),
                ("mean_rating_csat", .optional(t.meanCSAT, 2)), ("csat_percent", .optional(t.csatPercent, 1)),
                ("nps", .optional(t.nps, 1)), ("rating_text_disagreements", .int(t.disagreements)),
            ]
        }
        func cells(_ map: [String: SentimentTally], key: String) -> JSONValue {
            .array(map.keys.sorted().map { k in .object([(key, .string(k))] + tally(map[k]!)) })
        }
        let employees: JSONValue = .array(report.employeeScorecard.map { row in
            .object([("employee", .string(row.employee)), ("rank", row.rank.map { .int($0) } ?? .null),
                     ("note", row.rank == nil ? .string(row.employee == RunAggregate.unassigned ? "no employee named" : "too few responses") : .null)]
                    + tally(row.tally))
        })
        let themeOrder = report.themeNames.map(\.id).filter { agg.byTheme[$0] != nil } + agg.byTheme.keys.filter { id in !report.themeNames.contains { $0.id == id } }.sorted()
        let themes: JSONValue = .array(themeOrder.map { id in
            .object([("theme", .string(id)), ("name", .string(report.themeName(id)))] + tally(agg.byTheme[id]!))
        })
        let employeeThemes: JSONValue = .array(agg.byEmployeeTheme.keys.sorted().flatMap { e in
            agg.byEmployeeTheme[e]!.keys.sorted().map { t in
                JSONValue.object([("employee", .string(e)), ("theme", .string(t))] + tally(agg.byEmployeeTheme[e]![t]!))
            }
        })
        let files: JSONValue = .array(report.files.map { f in
            .object([("file", .string(f.file)), ("format", .string(f.format)), ("encoding", .string(f.encoding)),
                     ("delimiter", f.delimiter.map { .string($0) } ?? .null), ("read", .int(f.read)),
                     ("accepted", .int(f.accepted)), ("rejected", .int(f.rejected)),
                     ("error", f.fileError.map { .string($0) } ?? .null)])
        })
        let root: JSONValue = .object([
            ("schema_version", .int(schemaVersion)),
            ("run", .object([
                ("pipeline", .string(report.pipelineName)), ("as_of", .string(report.asOf)),
                ("tool_version", .string(report.toolVersion)), ("min_responses", .int(report.minResponses)),
                ("thresholds", .object([("positive", .double(report.positiveThreshold)), ("negative", .double(report.negativeThreshold))])),
            ])),
            ("totals", .object([
                ("files", .int(report.files.count)),
                ("files_rejected", .int(report.files.filter { $0.fileError != nil }.count)),
                ("records_read", .int(report.files.reduce(0) { $0 + $1.read })),
                ("records_rejected", .int(report.rejectedRecords)),
            ] + tally(agg.total))),
            ("employees", employees),
            ("themes", themes),
            ("employee_themes", employeeThemes),
            ("languages", cells(agg.byLanguage, key: "language")),
            ("channels", cells(agg.byChannel, key: "channel")),
            ("days", cells(agg.byDay, key: "day")),
            ("sources", cells(agg.bySource, key: "source")),
            ("files", files),
        ])
        return root.serialized()
    }
}
