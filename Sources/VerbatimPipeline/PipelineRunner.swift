import Foundation
import Logging
import VerbatimAnalysis
import VerbatimCore
import VerbatimIngest
import VerbatimReports
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

        public init(input: URL? = nil, out: URL? = nil, asOf: String? = nil, jobs: Int? = nil) {
            self.input = input
            self.out = out
            self.asOf = asOf
            self.jobs = jobs
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
    }

    public static let toolVersion = "0.1.0"

    public let config: PipelineConfiguration
    public let resources: LoadedResources
    let logger: Logger

    public init(config: PipelineConfiguration, resources: LoadedResources, logger: Logger = Logger(label: "verbatim")) {
        self.config = config
        self.resources = resources
        self.logger = logger
    }

    public func run(_ options: Options = Options()) throws(RunError) -> Outcome {
        let started = Date()
        let asOf = try (options.asOf ?? config.asOf).map { s throws(RunError) -> String in
            guard s.count == 10, DateNormalizer.normalize(s) == s else { throw .badAsOf(s) }
            return s
        } ?? Self.today()
        let input = options.input ?? config.input
        let files = try InputCatalog.files(in: input)
        guard !files.isEmpty else { throw .noInputFiles(input.path) }

        let nightly = options.out == nil
        let folder = try OutputFolder(final: options.out ?? config.output.appendingPathComponent(asOf))
        do {
            let stages = StageRegistry.build(config, text: resources.text, lexicons: resources.lexicons, roster: resources.roster)
            let spoolDir = folder.staging.appendingPathComponent(".spool")
            try? FileManager.default.createDirectory(at: spoolDir, withIntermediateDirectories: true)

            let slots = ResultSlots(count: files.count)
            let jobs = max(1, min(options.jobs ?? config.jobs ?? ProcessInfo.processInfo.activeProcessorCount, files.count))
            let next = Counter()
            DispatchQueue.concurrentPerform(iterations: jobs) { _ in
                while true {
                    let k = next.take()
                    guard k < files.count else { return }
                    let spool = spoolDir.appendingPathComponent("\(k).csv")
                    slots.set(k, processFile(files[k].url, name: files[k].name, stages: stages, spool: spool))
                }
            }

            var aggregate = RunAggregate(verbatimLimit: config.verbatimLimit)
            var summaries: [FileReadSummary] = []
            var keptSpools: [URL] = []
            var rejects = CSVTableWriter(header: RecordRowFormatter.rejectHeader)
            var rejectedCount = 0
            for k in files.indices {
                let r = slots.get(k)
                summaries.append(r.summary)
                for j in r.rejects { rejects.appendRow(RecordRowFormatter.rejectRow(j)) }
                rejectedCount += r.summary.fileError != nil && r.summary.format == "xml" ? r.summary.read : r.summary.rejected
                guard r.keep else { continue }
                aggregate.merge(r.aggregate)
                keptSpools.append(r.spool)
            }
            // records.csv streams from the spools: record rows are never all in memory.
            if config.reports.contains("records.csv") {
                try folder.concatenate("records.csv", header: CSVTableWriter(header: RecordRowFormatter.recordHeader).text, parts: keptSpools)
            }
            try? FileManager.default.removeItem(at: spoolDir)

            let rules = config.sentimentRules
            let report = RunReport(
                pipelineName: config.name, asOf: asOf, toolVersion: Self.toolVersion, aggregate: aggregate, files: summaries,
                rejectedRecords: rejectedCount, minResponses: config.minResponses,
                positiveThreshold: rules.positiveThreshold, negativeThreshold: rules.negativeThreshold,
                themeNames: resources.lexicons.themeNames, locale: config.locale, strings: resources.reportStrings)
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
            try folder.install()
            if nightly { OutputFolder.pointLatest(root: config.output, at: asOf) }
            let outcome = Outcome(
                folder: folder.final, files: summaries, accepted: aggregate.total.n, rejected: rejectedCount,
                filesRejected: summaries.filter { $0.fileError != nil }.count, seconds: Date().timeIntervalSince(started))
            return outcome
        } catch {
            folder.discard()
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
    }

    func processFile(_ url: URL, name: String, stages: [any RecordStage], spool: URL) -> FileResult {
        var aggregate = RunAggregate(verbatimLimit: config.verbatimLimit)
        var rejects: [Reject] = []
        var rows = CSVRowSpool(url: spool)
        let options = config.options(for: (name as NSString).lastPathComponent)
        let emit: (ReadEvent) -> Void = { event in
            switch event {
            case var .record(record):
                for stage in stages { stage.process(&record) }
                aggregate.add(record)
                rows.append(RecordRowFormatter.recordRow(record))
            case let .reject(j):
                rejects.append(j)
            }
        }
        let summary: FileReadSummary
        if url.pathExtension.lowercased() == "xml" {
            summary = XMLRecordReader(options: options, aliases: resources.aliases).read(path: url.path, name: name, emit: emit)
        } else {
            summary = CSVRecordReader(options: options, aliases: resources.aliases).read(url: url, name: name, emit: emit)
        }
        rows.close()
        // An XML file that is not well-formed is rejected whole; keep only its file-level reject.
        let whole = summary.fileError != nil && summary.format == "xml"
        if whole { rejects = rejects.filter(\.wholeFile) }
        if summary.fileError != nil { logger.warning("\(name): \(summary.fileError!)") }
        return FileResult(summary: summary, aggregate: aggregate, rejects: rejects, spool: spool, keep: !whole)
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

/// A shared work counter for the file workers.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value - 1 }
}
