import Foundation
import Logging
import VerbatimAnalysis
import VerbatimCore
import VerbatimIngest
import VerbatimReports
import VerbatimStore
import VerbatimText

/// Runs a pipeline: reads every export, streams records through the
/// stages, aggregates them and writes the reports.
///
/// Files are processed in parallel (`jobs`), each into its own partial
/// result (aggregate, spooled `records.csv` rows, rejects); partials are
/// merged in file-name order, so the output does not depend on timing.
/// Only aggregates are held in memory; record rows go to disk as they
/// are produced.
public struct PipelineRunner: Sendable {
    /// What the command line may override.
    public struct Options: Sendable {
        public var input: URL?
        /// Exact output folder (instead of `<output>/<as-of>/`).
        public var out: URL?
        /// The run's "today", `YYYY-MM-DD` (default: the local date).
        public var asOf: String?
        public var jobs: Int?
        /// Read every file again even when the store has seen its content (`--reprocess`).
        /// Runs with `input` or `out` set always do.
        public var reprocess = false
        /// The history store to use (`--store`, `--no-store`).
        public var store = StoreChoice.configured
        /// Counters for a progress line, when one is shown.
        public var progress: RunProgress?

        public init(
            input: URL? = nil, out: URL? = nil, asOf: String? = nil, jobs: Int? = nil, reprocess: Bool = false,
            store: StoreChoice = .configured, progress: RunProgress? = nil
        ) {
            self.input = input
            self.out = out
            self.asOf = asOf
            self.jobs = jobs
            self.reprocess = reprocess
            self.store = store
            self.progress = progress
        }
    }

    /// What a finished run produced.
    public struct Outcome: Sendable {
        public var folder: URL
        public var files: [FileReadSummary]
        public var accepted: Int
        public var rejected: Int
        public var filesRejected: Int
        public var seconds: Double
        /// Files a nightly run skipped because earlier runs processed the same content.
        public var filesSeenBefore = 0
        /// Files of the input that are not exports (a PDF, a lock file, a link to nothing), listed with why.
        public var filesNotExports = 0
        /// Files of the input not read, for either reason.
        public var filesSkipped: Int { filesSeenBefore + filesNotExports }
        /// False when a nightly run found nothing new and left the reports as they were.
        public var wroteReports = true
        /// `nightly` or `reprocess`.
        public var mode = "reprocess"
        /// The store's id of this run, when the run had a store.
        public var storeRunId: Int64?
        /// Records left out of the tables because a later export of the same source has them.
        public var duplicatesFolded = 0
    }

    /// Records analysed together, split over the cores a file may use.
    static let batchSize = 1024

    public let config: PipelineConfiguration
    public let resources: LoadedResources
    let logger: Logger

    public init(config: PipelineConfiguration, resources: LoadedResources, logger: Logger = Logger(label: "verbatim")) {
        self.config = config
        self.resources = resources
        self.logger = logger
    }

    /// One run: reads the files (those a nightly run has not seen), writes the
    /// reports, `manifest.json` and the history store. `run` wraps it with
    /// the summary log line and the metrics file.
    ///
    /// Three steps: `plan` (list and fingerprint the inputs, open the store,
    /// decide what to skip), `readFiles` (the partial of every file to read,
    /// as one shard of a sharded run makes it), and `finish` (the merge
    /// step that `verbatim merge` runs too: fold duplicates, write the store
    /// and the reports, commit). So a single run is "partial of everything,
    /// then merge", and a sharded run merged gives the same bytes.
    ///
    /// Order, so that a run killed at any point leaves the previous reports
    /// and the store as they were: the store's changes are one transaction,
    /// opened first; the reports are written to a staging folder, swapped
    /// into place, and only then is the transaction committed. (Killed
    /// between the two, the new reports stand and the store does not have
    /// them: the next run reads those files again, counting nothing twice.)
    func execute(_ options: Options, started: Date) throws(RunError) -> Outcome {
        var timings = RunTimings()
        let plan = try self.plan(options, started: started, timings: &timings)
        let history = plan.history
        let todo = plan.files.indices.filter { history.prior[$0] == nil }
        if todo.isEmpty { return try nothingNew(plan, options: options, started: started) }
        let folder: OutputFolder
        do { folder = try OutputFolder(final: options.out ?? config.output.appendingPathComponent(plan.asOf), input: options.input ?? config.input) } catch {
            history.fail(error, seconds: Date().timeIntervalSince(started))
            throw error
        }
        do throws(RunError) {
            let spoolDir = folder.staging.appendingPathComponent(".spool")
            try? FileManager.default.createDirectory(at: spoolDir, withIntermediateDirectories: true)
            let cores = coreCount(jobs: options.jobs)
            let partial = try readFiles(todo.map { (plan.files[$0], history.entries[$0]) }, keyed: plan.keyed, header: plan.header,
                                        spoolDir: spoolDir, cores: cores, progress: options.progress, storeLines: history.hasStore)
            timings.lap("read and analyse")
            MemoryRelease.returnFreedMemory()
            let step = FinishStep(history: history, folder: folder, asOf: plan.asOf, started: started, jobs: min(cores, todo.count),
                                  nightly: options.out == nil, shards: nil, skipped: plan.skipped)
            return try finish([consume partial], step, timings: timings)
        } catch {
            folder.discard()
            history.fail(error, seconds: Date().timeIntervalSince(started))
            throw error
        }
    }

    /// A nightly run that has seen every file: nothing to report, the reports stay as they are.
    private func nothingNew(_ plan: Plan, options: Options, started: Date) throws(RunError) -> Outcome {
        let history = plan.history
        var totals = RunTotals(status: .nothingNew)
        totals.filesSkipped = plan.files.count + plan.skipped.count
        totals.durationSeconds = Date().timeIntervalSince(started)
        let runId = history.session?.runId
        do { try history.commit(totals) } catch { throw .store(error) }
        var outcome = Outcome(folder: options.out ?? config.output.appendingPathComponent(plan.asOf), files: [], accepted: 0, rejected: 0,
                              filesRejected: 0, seconds: Date().timeIntervalSince(started))
        outcome.filesSeenBefore = plan.files.count
        outcome.filesNotExports = plan.skipped.count
        outcome.wroteReports = false
        outcome.mode = history.mode.rawValue
        outcome.storeRunId = runId
        return outcome
    }

    /// What a run reads and how: its date, its input files, which of them share a source, and its history.
    struct Plan {
        var asOf: String
        var input: URL
        var files: [(url: URL, name: String)]
        /// Files not read because of their name or kind (hidden, lock files, not exports).
        var skipped: [InputCatalog.Skipped]
        /// Names of the files whose source has another file in the input folder (their records are kept as facts).
        var keyed: Set<String>
        var header: RunPartial.Header
        var history: RunHistory
    }

    /// The cores a run uses: `--jobs`, else the pipeline's `jobs:`, else all of them. Every parallel
    /// phase (hashing the inputs, reading them, the merge) keeps to it.
    func coreCount(jobs: Int?) -> Int { max(1, jobs ?? config.jobs ?? ProcessInfo.processInfo.activeProcessorCount) }

    /// Lists and fingerprints the inputs, opens the store (with its lock) and looks up what a nightly run skips.
    func plan(_ options: Options, started: Date, timings: inout RunTimings) throws(RunError) -> Plan {
        let asOf = try resolveAsOf(options.asOf)
        let input = options.input ?? config.input
        let inventory = try InputCatalog.inventory(of: input)
        for s in inventory.skipped { logger.warning("\(s.name): skipped: \(s.reason)") }
        let files = inventory.files
        guard !files.isEmpty else { throw .noInputFiles(input.path) }
        timings.lap("list inputs")
        let entries = RunHistory.fingerprint(files, cores: coreCount(jobs: options.jobs))
        let header = partialHeader(input: input, asOf: asOf, shard: nil)
        timings.lap("hash inputs")
        let history = try RunHistory.begin(config: config, options: options, header: header, entries: entries, started: started,
                                           logger: logger)
        timings.lap("open history store")
        // One line per file the store has seen: at info level, since a nightly folder keeps its old files.
        for (k, p) in history.prior.enumerated() { if let p { logger.info("\(files[k].name): skipped: same content processed by run \(p.runId) (as of \(p.asOf))") } }
        return Plan(asOf: asOf, input: input, files: files, skipped: inventory.skipped, keyed: Self.sharedSources(files.map(\.name)),
                    header: header, history: history)
    }

    /// The run's date: `--as-of`, the pipeline's `as_of:`, or today.
    func resolveAsOf(_ given: String?) throws(RunError) -> String {
        try (given ?? config.asOf).map { s throws(RunError) -> String in
            guard s.count == 10, DateNormalizer.normalize(s) == s else { throw .badAsOf(s) }
            return s
        } ?? Self.today()
    }

    /// The header of this pipeline's partials: the fingerprints of its pipeline file and linguistic data.
    func partialHeader(input: URL, asOf: String, shard: RunPartial.Shard?) -> RunPartial.Header {
        let fingerprint = RunHistory.configFingerprint(config)
        return RunPartial.Header(pipeline: config.name, configSHA256: fingerprint.config, lexiconSHA256: fingerprint.lexicons,
                                 toolVersion: VerbatimVersion.current, input: input.standardizedFileURL.path, asOf: asOf, shard: shard,
                                 stages: config.stages.filter(\.enabled).map(\.use))
    }

    /// The names whose source (`SourceKey`) has more than one file among `names`.
    static func sharedSources(_ names: [String]) -> Set<String> {
        var bySource: [String: [String]] = [:]
        for n in names { bySource[SourceKey.of(n), default: []].append(n) }
        return Set(bySource.values.filter { $0.count > 1 }.flatMap { $0 })
    }

    static func today() -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone.current
        let c = cal.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}

