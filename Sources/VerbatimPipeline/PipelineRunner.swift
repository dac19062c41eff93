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
        public var filesSkipped = 0
        /// False when a nightly run found nothing new and left the reports as they were.
        public var wroteReports = true
        /// `nightly` or `reprocess`.
        public var mode = "reprocess"
        /// The store's id of this run, when the run had a store.
        public var storeRunId: Int64?
    }

    public static let toolVersion = "0.1.0"
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
    /// Order, so that a run killed at any point leaves the previous reports
    /// and the store as they were: the store's changes are one transaction,
    /// opened first; the reports are written to a staging folder, swapped
    /// into place, and only then is the transaction committed. (Killed
    /// between the two, the new reports stand and the store does not have
    /// them: the next run reads those files again, counting nothing twice.)
    func execute(_ options: Options, started: Date) throws(RunError) -> Outcome {
        var timings = RunTimings()
        let asOf = try (options.asOf ?? config.asOf).map { s throws(RunError) -> String in
            guard s.count == 10, DateNormalizer.normalize(s) == s else { throw .badAsOf(s) }
            return s
        } ?? Self.today()
        let input = options.input ?? config.input
        let inventory = try InputCatalog.inventory(of: input)
        for s in inventory.skipped { logger.warning("\(s.name): skipped: \(s.reason)") }
        let files = inventory.files
        guard !files.isEmpty else { throw .noInputFiles(input.path) }
        timings.lap("list inputs")

        let nightly = options.out == nil
        let history = try RunHistory.begin(config: config, options: options, asOf: asOf, input: input, files: files,
                                           started: started, logger: logger, timings: &timings)
        let todo = files.indices.filter { history.prior[$0] == nil }
        // One line per file the store has seen: at info level, since a nightly folder keeps its old files.
        for (k, p) in history.prior.enumerated() { if let p { logger.info("\(files[k].name): skipped: same content processed by run \(p.runId) (as of \(p.asOf))") } }
        if todo.isEmpty {
            // A nightly run that has seen every file: nothing to report, the reports stay as they are.
            var totals = RunTotals(status: .nothingNew)
            totals.filesSkipped = files.count
            totals.durationSeconds = Date().timeIntervalSince(started)
            let runId = history.session?.runId
            do { try history.commit(totals) } catch { throw .store(error) }
            var outcome = Outcome(folder: options.out ?? config.output.appendingPathComponent(asOf), files: [], accepted: 0, rejected: 0,
                                  filesRejected: 0, seconds: Date().timeIntervalSince(started))
            outcome.filesSkipped = files.count
            outcome.wroteReports = false
            outcome.mode = history.mode.rawValue
            outcome.storeRunId = runId
            return outcome
        }
        let folder: OutputFolder
        do { folder = try OutputFolder(final: options.out ?? config.output.appendingPathComponent(asOf)) } catch {
            history.fail(error, seconds: Date().timeIntervalSince(started))
            throw error
        }
        do throws(RunError) {
            let stages = StageRegistry.build(config, text: resources.text, lexicons: resources.lexicons, roster: resources.roster)
            let stageNames = config.stages.filter(\.enabled).map(\.use)
            let spoolDir = folder.staging.appendingPathComponent(".spool")
            try? FileManager.default.createDirectory(at: spoolDir, withIntermediateDirectories: true)

            let slots = ResultSlots(count: files.count)
            let cores = max(1, options.jobs ?? config.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            let jobs = min(cores, todo.count)
            let share = CoreShare(cores: cores)
            let next = Counter()
            let keepForStore = history.hasStore
            let sizes = history.entries.map(\.size)
            options.progress?.start(files: todo.count, bytes: todo.reduce(0) { $0 + sizes[$1] })
            DispatchQueue.concurrentPerform(iterations: jobs) { _ in
                while true {
                    let t = next.take()
                    guard t < todo.count else { return }
                    let k = todo[t]
                    let spool = spoolDir.appendingPathComponent("\(k).csv")
                    let storeSpool = keepForStore ? spoolDir.appendingPathComponent("\(k).store") : nil
                    share.begin()
                    slots.set(k, processFile(files[k].url, name: files[k].name, stages: stages, spool: spool, storeSpool: storeSpool,
                                             progress: options.progress, share: share))
                    share.end()
                    options.progress?.fileDone(bytes: sizes[k])
                }
            }
            timings.lap("read and analyse")

            var aggregate = RunAggregate(verbatimLimit: config.verbatimLimit)
            var summaries: [FileReadSummary] = []
            var keptSpools: [URL] = []
            var rejects = CSVTableWriter(header: RecordRowFormatter.rejectHeader)
            var rejectedCount = 0
            var perFile: [FileReadSummary?] = Array(repeating: nil, count: files.count)
            var rejectedWhole = Array(repeating: false, count: files.count)
            var stageNanos = Array(repeating: UInt64(0), count: stageNames.count)
            var fileNanos: UInt64 = 0, analyseNanos: UInt64 = 0
            for k in todo {
                let r = slots.get(k)
                summaries.append(r.summary)
                perFile[k] = r.summary
                rejectedWhole[k] = !r.keep
                for (i, n) in r.stageNanos.enumerated() where i < stageNanos.count { stageNanos[i] += n }
                fileNanos += r.nanos
                analyseNanos += r.analyseNanos
                for j in r.rejects { rejects.appendRow(RecordRowFormatter.rejectRow(j, masker: resources.masker)) }
                rejectedCount += r.summary.rejectedRecords
                try history.write(k, summary: r.summary, rejectedWhole: !r.keep, spool: r.storeSpool)
                guard r.keep else { continue }
                aggregate.merge(r.aggregate)
                keptSpools.append(r.spool)
            }
            timings.stages = zip(stageNames, stageNanos).map { ($0, Double($1) / 1e9) }
            timings.reading = Double(fileNanos - min(fileNanos, analyseNanos)) / 1e9
            timings.lap("merge and write history")
            // records.csv streams from the spools: record rows are never all in memory.
            if config.reports.contains("records.csv") {
                try folder.concatenate("records.csv", header: CSVTableWriter(header: RecordRowFormatter.recordHeader).text, parts: keptSpools)
            }
            try? FileManager.default.removeItem(at: spoolDir)

            let rules = config.sentimentRules
            var report = RunReport(
                pipelineName: config.name, asOf: asOf, toolVersion: Self.toolVersion, aggregate: aggregate, files: summaries,
                rejectedRecords: rejectedCount, minResponses: config.minResponses,
                positiveThreshold: rules.positiveThreshold, negativeThreshold: rules.negativeThreshold,
                themeNames: resources.lexicons.themeNames, locale: config.locale, strings: resources.reportStrings)
            report.trends = try history.trends(asOf: asOf, settings: config.trends, minResponses: config.minResponses)
            report.filesSkipped = files.count - todo.count + inventory.skipped.count
            if let masker = resources.masker { report = report.masked(by: masker) }
            timings.lap("trends")
            for name in config.reports {
                switch name {
                case "summary.json": try folder.write(name, SummaryJSONWriter.render(report))
                case "records.csv": break  // written above, from the spools
                case "rejects.csv": try folder.write(name, rejects.text)
                case "employees.csv": try folder.write(name, AggregateCSVWriter.employees(report))
                case "themes.csv": try folder.write(name, AggregateCSVWriter.themes(report))
                case "employee_themes.csv": try folder.write(name, AggregateCSVWriter.employeeThemes(report))
                case "report.md": try folder.write(name, MarkdownReportWriter.render(report))
                case "report.html": try folder.write(name, HTMLReportWriter.render(report))
                default: preconditionFailure("report '\(name)' is in knownReports but not written: add it here")
                }
            }
            timings.lap("write reports")
            var manifest = RunManifest(config: config, history: history, asOf: asOf, outputFolder: folder.final, summaries: perFile,
                                       rejectedWhole: rejectedWhole, timings: timings, started: started, jobs: jobs)
            manifest.skipped = inventory.skipped
            try folder.write("manifest.json", manifest.render())
            var outcome = Outcome(
                folder: folder.final, files: summaries, accepted: aggregate.total.n, rejected: rejectedCount,
                filesRejected: summaries.filter { $0.fileError != nil }.count, seconds: Date().timeIntervalSince(started))
            outcome.filesSkipped = files.count - todo.count
            outcome.mode = history.mode.rawValue
            outcome.storeRunId = history.session?.runId
            try folder.install()
            if nightly { OutputFolder.pointLatest(root: config.output, at: asOf) }
            #if DEBUG
            // For the kill test (which runs the debug binary): hold the run between the swap and the commit.
            // Release builds (`make run`, `make install`) have no failpoint.
            if ProcessInfo.processInfo.environment["VERBATIM_FAILPOINT"] == "pause-before-commit" { Thread.sleep(forTimeInterval: 60) }
            #endif
            var totals = RunTotals(status: rejectedCount > 0 ? .completedWithRejects : .completed)
            totals.filesRead = todo.count
            totals.filesSkipped = outcome.filesSkipped
            totals.filesRejected = outcome.filesRejected
            totals.recordsAccepted = outcome.accepted
            totals.recordsRejected = rejectedCount
            totals.durationSeconds = Date().timeIntervalSince(started)
            do { try history.commit(totals) } catch {
                history.fail(.store(error), seconds: totals.durationSeconds)
                throw RunError.historyNotSaved(reports: folder.final.path, error)
            }
            outcome.seconds = Date().timeIntervalSince(started)
            return outcome
        } catch {
            folder.discard()
            history.fail(error, seconds: Date().timeIntervalSince(started))
            throw error
        }
    }

    /// The partial result of one file.
    struct FileResult: Sendable {
        var summary: FileReadSummary
        var aggregate: RunAggregate
        var rejects: [Reject]
        var spool: URL
        /// False when the whole file was rejected (its records do not count).
        var keep: Bool
        /// The file's records for the history store, when the run has one.
        var storeSpool: URL?
        /// Time in each enabled stage (CPU, summed over the workers a batch was split over), in the
        /// whole file, and in analysing batches (wall clock), in nanoseconds.
        var stageNanos: [UInt64] = []
        var nanos: UInt64 = 0
        var analyseNanos: UInt64 = 0
    }

    func processFile(_ url: URL, name: String, stages: [any RecordStage], spool: URL, storeSpool: URL? = nil,
                     progress: RunProgress? = nil, share: CoreShare? = nil) -> FileResult {
        let fileStart = DispatchTime.now().uptimeNanoseconds
        var aggregate = RunAggregate(verbatimLimit: config.verbatimLimit)
        var rejects: [Reject] = []
        var rows = CSVRowSpool(url: spool)
        var stored = storeSpool.map(StoreRowSpool.init(url:))
        var stageNanos = Array(repeating: UInt64(0), count: stages.count)
        // Records are analysed in batches, split over the cores this file may use now (all of them
        // when it is the only file left), then added in their order, so the output does not depend on it.
        var batch = RecordBatch(capacity: Self.batchSize)
        var analyseNanos: UInt64 = 0
        func flush() {
            let t0 = DispatchTime.now().uptimeNanoseconds
            batch.analyse(stages: stages, workers: share?.width ?? 1, nanos: &stageNanos)
            analyseNanos += DispatchTime.now().uptimeNanoseconds - t0
            for record in batch.records {
                aggregate.add(record)
                rows.append(RecordRowFormatter.recordRow(record, masker: resources.masker))
                stored?.append(record)
            }
            progress?.add(records: batch.records.count)
            batch.records.removeAll(keepingCapacity: true)
        }
        let emit: (ReadEvent) -> Void = { event in
            switch event {
            case let .record(record):
                batch.records.append(record)
                if batch.records.count == Self.batchSize { flush() }
            case let .reject(j):
                rejects.append(j)
            }
        }
        let config = self.config
        var summary = InputReader(aliases: resources.aliases) { config.options(for: ($0 as NSString).lastPathComponent) }
            .read(url: url, name: name, emit: emit)
        flush()
        rows.close()
        // A file's error may quote its content: masked before the log, the manifest and the reports see it.
        if let masker = resources.masker {
            summary.fileError = summary.fileError.map(masker.mask)
            for k in summary.members.indices { summary.members[k].fileError = summary.members[k].fileError.map(masker.mask) }
        }
        stored?.close()
        // An XML file that is not well-formed is rejected whole; keep only its file-level reject.
        let whole = summary.fileError != nil && summary.discardsRecords
        if whole { rejects = rejects.filter(\.wholeFile) }
        for s in [summary] + summary.members {
            if let error = s.fileError { logger.warning("\(s.file): \(error)") }
            if let reason = s.skipReason { logger.warning("\(s.file): skipped: \(reason)") }
        }
        return FileResult(summary: summary, aggregate: aggregate, rejects: rejects, spool: spool, keep: !whole, storeSpool: storeSpool,
                          stageNanos: stageNanos, nanos: DispatchTime.now().uptimeNanoseconds - fileStart, analyseNanos: analyseNanos)
    }

    static func today() -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone.current
        let c = cal.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}

/// Record rows of one file, buffered and appended to a spool file.
struct CSVRowSpool {
    let url: URL
    private var buffer = ""
    private var handle: FileHandle?

    init(url: URL) {
        self.url = url
        FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try? FileHandle(forWritingTo: url)
    }

    mutating func append(_ cells: [CSVTableWriter.Cell]) {
        var w = CSVTableWriter.rowOnly()
        w.appendRow(cells)
        buffer += w.text
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        try? handle?.write(contentsOf: Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() {
        flush()
        try? handle?.close()
        handle = nil
    }
}

/// Results of parallel file processing, one slot per file.
final class ResultSlots: @unchecked Sendable {
    private var slots: [PipelineRunner.FileResult?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ r: PipelineRunner.FileResult) { lock.lock(); slots[k] = r; lock.unlock() }
    func get(_ k: Int) -> PipelineRunner.FileResult { lock.lock(); defer { lock.unlock() }; return slots[k]! }
}

/// The cores and the files in progress: a file may split its records over its share of the cores.
final class CoreShare: @unchecked Sendable {
    let cores: Int
    private var active = 0
    private let lock = NSLock()
    init(cores: Int) { self.cores = cores }
    func begin() { lock.lock(); active += 1; lock.unlock() }
    func end() { lock.lock(); active -= 1; lock.unlock() }
    /// The workers a file in progress may use now.
    var width: Int { lock.lock(); defer { lock.unlock() }; return max(1, cores / max(1, active)) }
}

/// A shared work counter for the file workers.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value - 1 }
}
