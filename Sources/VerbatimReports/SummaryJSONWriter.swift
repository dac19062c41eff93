import VerbatimCore

/// Writes `summary.json`: run metadata and every aggregate, in a versioned
/// schema documented in `docs/summary-schema.md`.
public enum SummaryJSONWriter {
    /// 2 (2026-12-05): a verbatim's `rating` is `csat` and `nps`, each on its own scale.
    public static let schemaVersion = 2

    public static func render(_ report: RunReport) -> String {
        let agg = report.aggregate
        let tally = TallyFields.json
        func cells(_ map: [String: SentimentTally], key: String) -> JSONValue {
            .array(map.keys.sorted().map { k in .object([(key, .string(k))] + tally(map[k]!)) })
        }
        let employees: JSONValue = .array(report.employeeScorecard.map { row in
            .object([("employee", .string(row.employee)), ("rank", row.rank.map { .int($0) } ?? .null),
                     ("note", row.note.map { .string($0) } ?? .null)]
                    + tally(row.tally) + [("verbatims", verbatims(agg.topByEmployee[row.employee]))])
        })
        let themes: JSONValue = .array(report.themeOrder.map { id in
            .object([("theme", .string(id)), ("name", .string(report.themeName(id)))] + tally(agg.byTheme[id]!)
                    + [("verbatims", verbatims(agg.topByTheme[id]))])
        })
        let employeeThemes: JSONValue = .array(agg.byEmployeeTheme.keys.sorted().flatMap { e in
            agg.byEmployeeTheme[e]!.keys.sorted().map { t in
                JSONValue.object([("employee", .string(e)), ("theme", .string(t))] + tally(agg.byEmployeeTheme[e]![t]!))
            }
        })
        let files: JSONValue = .array(report.files.map { f in
            .object([("file", .string(f.file)), ("format", .string(f.format)), ("encoding", .string(f.encoding)),
                     ("delimiter", f.delimiter.map { .string($0) } ?? .null), ("read", .int(f.read)),
                     ("accepted", .int(f.accepted)), ("rated_without_text", .int(f.rated)), ("rejected", .int(f.rejected)),
                     ("set_aside", .int(f.setAside)),
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
                ("files_skipped", .int(report.filesSkipped)),
                ("files_seen_before", .int(report.filesSeenBefore)),
                ("records_read", .int(report.files.reduce(0) { $0 + $1.read })),
                ("records_rejected", .int(report.rejectedRecords)),
                ("rated_without_text", .int(report.ratedWithoutText)),
                ("set_aside", .int(report.setAside)),
            ] + tally(agg.total))),
            ("verbatims", verbatims(agg.topVerbatims)),
            ("employees", employees),
            ("themes", themes),
            ("employee_themes", employeeThemes),
            ("languages", cells(agg.byLanguage, key: "language")),
            ("channels", cells(agg.byChannel, key: "channel")),
            ("days", cells(agg.byDay, key: "day")),
            ("sources", cells(agg.bySource, key: "source")),
            ("files", files),
            ("trends", trends(report)),
        ])
        return root.serialized()
    }

    /// `{"positive": [...], "negative": [...]}`: the kept verbatims, best first.
    static func verbatims(_ top: TopVerbatims?) -> JSONValue {
        func entry(_ e: TopVerbatims.Entry) -> JSONValue {
            let v = e.sample
            return .object([
                ("record_id", .string(v.recordId)), ("source_file", .string(v.file)), ("line", .int(v.line)),
                ("date", v.date.map { .string($0) } ?? .null), ("employee", v.employee.map { .string($0) } ?? .null),
                ("employee_mention", v.employeeMention.map { .string($0) } ?? .null),
                ("channel", v.channel.map { .string($0) } ?? .null), ("language", .string(v.language)),
                ("csat", v.ratings.csat.map { .double($0, SurveyRating.decimals($0)) } ?? .null),
                ("nps", v.ratings.nps.map { .double($0, SurveyRating.decimals($0)) } ?? .null),
                ("sentiment", .string(v.label.rawValue)), ("score", .double(v.score)), ("rank_score", .double(e.key)),
                ("text", .string(v.text)), ("evidence", .string(v.evidence)), ("themes", .array(v.themes.map { .string($0) })),
            ])
        }
        return .object([
            ("positive", .array((top?.positive ?? []).map(entry))),
            ("negative", .array((top?.negative ?? []).map(entry))),
        ])
    }
}
