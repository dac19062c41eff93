import Foundation
import VerbatimCore
import VerbatimReports
import VerbatimStore

/// `manifest.json`, written into every report folder: what the run read
/// (each input with its SHA-256, encoding and counts, or why it was
/// skipped), with which configuration (hashes of the pipeline file and the
/// linguistic data, tool version), into which store, and how long each
/// part took.
///
/// It holds times, so it differs from run to run and `verbatim check`
/// does not compare it. Its layout is in `docs/manifest.md`.
struct RunManifest {
    static let version = 1
    /// The manifest's name in a reports folder.
    static let fileName = "manifest.json"

    var config: PipelineConfiguration
    var history: RunHistory
    var asOf: String
    var outputFolder: URL
    /// Per input file, in catalog order: the reader's summary, nil for skipped files.
    var summaries: [FileReadSummary?]
    var timings: RunTimings
    var started: Date
    var jobs: Int
    /// Files not read because of their name or kind (hidden, lock files, not exports).
    var skipped: [InputCatalog.Skipped] = []
    /// Per input file: records left out because a later export of the same source has them.
    var folded: [Int] = []
    /// The partials a `verbatim merge` combined (nil for a single run).
    var shards: [Shard]?

    /// One partial given to `verbatim merge`.
    struct Shard {
        var path: String
        /// `I/N`, when the partial says which shard it is.
        var label: String?
        var files: Int
    }

    func render() -> String {
        let info = history.info
        var inputs: [JSONValue] = []
        for (k, e) in history.entries.enumerated() {
            var pairs: [(String, JSONValue)] = [
                ("file", .string(e.name)), ("path", .string(e.path)), ("size", .int(Int(e.size))),
                ("sha256", e.sha256.isEmpty ? .null : .string(e.sha256)),
            ]
            if let prior = history.prior[k] {
                pairs += [
                    ("status", .string("skipped")),
                    ("skipped_because", .string("same content processed by run \(prior.runId) (as of \(prior.asOf)) from \(prior.path)")),
                ]
            } else if let s = summaries[k] {
                pairs += Self.readPairs(s)
                pairs.append(("duplicates_folded", .int(k < folded.count ? folded[k] : 0)))
                if let w = history.writes[k] {
                    pairs.append(("store", .object([
                        ("new", .int(w.new)), ("updated", .int(w.updated)),
                        ("duplicates_in_run", .int(w.duplicates)), ("removed", .int(w.removed)),
                        ("rated_without_text", .int(w.ratedWithoutText)),
                    ])))
                }
            }
            inputs.append(.object(pairs))
        }
        for s in skipped {
            inputs.append(.object([
                ("file", .string(s.name)), ("path", .string(s.path)), ("size", .int(Int(s.size))), ("sha256", .null),
                ("status", .string("skipped")), ("skipped_because", .string(s.reason)),
            ]))
        }
        let read = summaries.compactMap { $0 }
        let seconds: (Double) -> JSONValue = { .double($0, 3) }
        let pipeline: JSONValue = .object([
            ("name", .string(config.name)), ("file", .string(config.file)), ("sha256", .string(info.configSHA256)),
        ])
        let lexicons: JSONValue = .object([("path", .string(config.lexicons.path)), ("sha256", .string(info.lexiconSHA256))])
        var run: [(String, JSONValue)] = [
            ("as_of", .string(asOf)), ("mode", .string(info.mode.rawValue)), ("started_at", .string(LogTimestamp.utc(started))),
            ("input", .string(info.input)), ("output", .string(outputFolder.path)), ("jobs", .int(jobs)),
        ]
        run.append(("store", history.storeURL.map { .string(HistoryBackends.describe($0)) } ?? .null))
        run.append(("store_run_id", history.session.map { .int(Int($0.runId)) } ?? .null))
        if let shards {
            run.append(("merged_partials", .array(shards.map {
                .object([("partial", .string($0.path)), ("shard", $0.label.map { .string($0) } ?? .null), ("files", .int($0.files))])
            })))
        }
        let totals: [(String, JSONValue)] = [
            ("files", .int(history.entries.count)),
            ("files_read", .int(read.count)),
            ("files_skipped", .int(history.prior.compactMap { $0 }.count + skipped.count + read.filter { $0.skipReason != nil }.count)),
            ("files_rejected", .int(read.filter { Self.status($0) == "rejected" }.count)),
            ("records_read", .int(read.reduce(0) { $0 + $1.read })),
            ("rated_without_text", .int(read.reduce(0) { $0 + $1.rated })),
            ("set_aside", .int(read.reduce(0) { $0 + $1.setAside })),
            ("duplicates_folded", .int(folded.reduce(0, +))),
        ]
        let phases: [(String, JSONValue)] = timings.phases.map { ($0.0, seconds($0.1)) }
        let stages: [(String, JSONValue)] = timings.stages.map { ($0.0, seconds($0.1)) }
        let durations: JSONValue = .object([
            ("phases", .object(phases)), ("reading", seconds(timings.reading)), ("stages", .object(stages)),
            ("total", seconds(timings.phases.reduce(0) { $0 + $1.1 })),
        ])
        let root: JSONValue = .object([
            ("manifest_version", .int(Self.version)), ("tool_version", .string(VerbatimVersion.current)),
            ("pipeline", pipeline), ("lexicons", lexicons), ("run", .object(run)), ("totals", .object(totals)),
            ("inputs", .array(inputs)), ("durations_seconds", durations),
        ])
        return root.serialized()
    }

    /// `skipped` (not an export), `rejected` (nothing read, for a reason) or `processed`.
    static func status(_ s: FileReadSummary) -> String {
        if s.skipReason != nil { return "skipped" }
        return s.rejectedWhole ? "rejected" : "processed"
    }

    /// What reading a file gave: its state, format, counts, the text column chosen, and an archive's entries, each the same way.
    static func readPairs(_ s: FileReadSummary) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = [
            ("status", .string(status(s))),
            ("format", .string(s.format)), ("encoding", .string(s.encoding)),
            ("delimiter", s.delimiter.map { .string($0) } ?? .null),
            ("read", .int(s.read)), ("accepted", .int(s.accepted)),
            ("rated_without_text", .int(s.rated)),
            ("rejected", .int(s.rejected)),
            ("error", s.fileError.map { .string($0) } ?? .null),
        ]
        if !s.notFeedback.isEmpty {
            pairs.append(("set_aside", .object(s.notFeedback.map { ($0.what.rawValue, .int($0.count)) })))
        }
        if let reason = s.skipReason { pairs.append(("skipped_because", .string(reason))) }
        if let layout = s.layout, !layout.isEmpty { pairs.append(("layout", .string(layout))) }
        if let column = s.textColumn {
            pairs.append(("text_column", .object([("name", .string(column)), ("why", .string(s.textColumnReason ?? ""))])))
        }
        if let order = s.dateOrder { pairs.append(("date_order", .string(order))) }
        if !s.ratingColumns.isEmpty {
            pairs.append(("rating_columns", .array(s.ratingColumns.map { .object([("name", .string($0.name)), ("scale", .string($0.scale))]) })))
        }
        if !s.columnsByContent.isEmpty {
            pairs.append(("columns_by_content", .array(s.columnsByContent.map {
                .object([("field", .string($0.field)), ("name", .string($0.name)), ("why", .string($0.reason))])
            })))
        }
        if !s.columnsNotRead.isEmpty { pairs.append(("columns_not_read", .array(s.columnsNotRead.map { .string($0) }))) }
        if !s.members.isEmpty {
            pairs.append(("members", .array(s.members.map { m in
                .object([("file", .string(m.file))] + readPairs(m))
            })))
        }
        return pairs
    }
}
