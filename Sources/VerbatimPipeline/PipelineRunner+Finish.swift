import Foundation
import VerbatimCore
import VerbatimReports
import VerbatimStore

extension PipelineRunner {
    /// Where the merge step writes, and what it records about the run.
    struct FinishStep {
        var history: RunHistory
        var folder: OutputFolder
        var asOf: String
        var started: Date
        var jobs: Int
        /// A nightly run points `<output>/latest` at its folder.
        var nightly: Bool
        /// The partials merged, for `manifest.json` (nil for a single run).
        var shards: [RunManifest.Shard]?
        /// Files under the input not read because of their name or kind (a single run lists them).
        var skipped: [InputCatalog.Skipped] = []
    }

    /// The partials' files, combined in path order, with duplicates folded.
    struct Combined {
        var aggregate: RunAggregate
        var summaries: [FileReadSummary] = []
        var rejects = CSVTableWriter(header: RecordRowFormatter.rejectHeader)
        var rejectedCount = 0
        var rows: [URL] = []
        var filesRead = 0
        /// Per history entry: the reader's summary (nil for skipped files), records folded.
        var perFile: [FileReadSummary?]
        var folded: [Int]
    }

    /// The merge step, shared by `run` and `merge`: folds the partials' duplicates,
    /// writes each file to the store, writes the reports and `manifest.json`,
    /// swaps them into place and commits.
    func finish(_ partials: consuming [RunPartial], _ step: FinishStep, timings: RunTimings) throws(RunError) -> Outcome {
        var timings = timings
        let stageNames = partials.first?.header.stages ?? []
        // Taken out of the partials, so that the tallies freed below are not held by them.
        var files = (consume partials).flatMap(\.files).sorted { $0.entry.name.utf8.lexicographicallyPrecedes($1.entry.name.utf8) }
        let spoolDir = step.folder.staging.appendingPathComponent(".spool")
        try? FileManager.default.createDirectory(at: spoolDir, withIntermediateDirectories: true)
        let combined = try combine(
            files, try DuplicateFolding.fold(files, verbatimLimit: config.verbatimLimit, scratch: spoolDir, cores: step.jobs), history: step.history,
            stageNames: stageNames, timings: &timings)
        // The files' tallies are in `combined` now: freed before the store write needs its cache.
        for k in files.indices { files[k].aggregate = nil }
        MemoryRelease.returnFreedMemory()
        timings.lap("merge")
        try writeHistory(files, step.history)
        timings.lap("write history")
        try writeReports(combined, step, timings: &timings)
        try? FileManager.default.removeItem(at: spoolDir)
        var outcome = Outcome(
            folder: step.folder.final, files: combined.summaries, accepted: combined.aggregate.total.n, rejected: combined.rejectedCount,
            filesRejected: combined.summaries.filter(\.rejectedWhole).count, seconds: Date().timeIntervalSince(step.started))
        outcome.filesSeenBefore = step.history.prior.compactMap { $0 }.count
        outcome.filesNotExports = step.skipped.count
        outcome.mode = step.history.mode.rawValue
        outcome.storeRunId = step.history.session?.runId
        outcome.duplicatesFolded = combined.folded.reduce(0, +)
        try commit(step, outcome: &outcome, filesRead: combined.filesRead)
        return outcome
    }

    /// Adds the files up in path order (the store is written after, by `writeHistory`).
    private func combine(
        _ files: [RunPartial.File], _ folded: [DuplicateFolding.Folded], history: RunHistory, stageNames: [String],
        timings: inout RunTimings
    ) throws(RunError) -> Combined {
        let index = Dictionary(history.entries.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let count = history.entries.count
        var c = Combined(aggregate: RunAggregate(verbatimLimit: config.verbatimLimit), perFile: Array(repeating: nil, count: count),
                         folded: Array(repeating: 0, count: count))
        var stageNanos = Array(repeating: UInt64(0), count: stageNames.count)
        var fileNanos: UInt64 = 0, analyseNanos: UInt64 = 0
        for (f, fold) in zip(files, folded) {
            guard let k = index[f.entry.name] else { continue }
            let r = f.summary
            c.summaries.append(r)
            c.perFile[k] = r
            c.folded[k] = fold.folded
            c.filesRead += 1
            for (i, n) in f.stageNanos.enumerated() where i < stageNanos.count { stageNanos[i] += n }
            fileNanos += f.nanos
            analyseNanos += f.analyseNanos
            for j in f.rejects { c.rejects.appendRow(RecordRowFormatter.rejectRow(j, masker: resources.masker)) }
            c.rejectedCount += r.rejected
            guard !f.rejectedWhole else { continue }
            do { c.aggregate.merge(try fold.aggregate.load()) } catch { throw .partial(error) }
            c.rows.append(fold.rows)
        }
        timings.stages = zip(stageNames, stageNanos).map { ($0, Double($1) / 1e9) }
        timings.reading = Double(fileNanos - min(fileNanos, analyseNanos)) / 1e9
        return c
    }

    /// Writes each file read to the store, in path order (`files` is), its records streamed from its spool.
    private func writeHistory(_ files: [RunPartial.File], _ history: RunHistory) throws(RunError) {
        let index = Dictionary(history.entries.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        for f in files {
            guard let k = index[f.entry.name] else { continue }
            try history.write(k, summary: f.summary, spool: f.storeLines)
        }
    }

    /// Writes every report the pipeline asks for, and `manifest.json`, to the staging folder.
    private func writeReports(_ c: Combined, _ step: FinishStep, timings: inout RunTimings) throws(RunError) {
        let rules = config.sentimentRules
        var report = RunReport(
            pipelineName: config.name, asOf: step.asOf, toolVersion: VerbatimVersion.current, aggregate: c.aggregate, files: c.summaries,
            rejectedRecords: c.rejectedCount, minResponses: config.minResponses,
            positiveThreshold: rules.positiveThreshold, negativeThreshold: rules.negativeThreshold,
            themeNames: resources.lexicons.themeNames, locale: config.locale, strings: resources.reportStrings)
        report.trends = try step.history.trends(asOf: step.asOf, settings: config.trends, minResponses: config.minResponses,
                                                employeeNames: Array(report.aggregate.byEmployee.keys),
                                                channelNames: Array(report.aggregate.byChannel.keys), channels: resources.aliases.channelNames)
        report.filesSeenBefore = step.history.prior.compactMap { $0 }.count
        report.filesNotRead = step.skipped.map { FileNotRead(name: $0.name, reason: $0.reason) }
        if let masker = resources.masker { report = report.masked(by: masker) }
        timings.lap("trends")
        let folder = step.folder
        for name in config.reports {
            switch name {
            case "summary.json": try folder.write(name, SummaryJSONWriter.render(report))
            case "records.csv":
                // Streamed from the spools (the folded files' rows among them): record rows are never all in memory.
                try folder.concatenate(name, header: CSVTableWriter(header: RecordRowFormatter.recordHeader).text, parts: c.rows)
            case "rejects.csv": try folder.write(name, c.rejects.text)
            case "employees.csv": try folder.write(name, AggregateCSVWriter.employees(report))
            case "themes.csv": try folder.write(name, AggregateCSVWriter.themes(report))
            case "employee_themes.csv": try folder.write(name, AggregateCSVWriter.employeeThemes(report))
            case "channels.csv": try folder.write(name, AggregateCSVWriter.channels(report))
            case "report.md": try folder.write(name, MarkdownReportWriter.render(report))
            case "report.html": try folder.write(name, HTMLReportWriter.render(report))
            default: preconditionFailure("report '\(name)' is in knownReports but not written: add it here")
            }
        }
        timings.lap("write reports")
        var manifest = RunManifest(config: config, history: step.history, asOf: step.asOf, outputFolder: folder.final, summaries: c.perFile,
                                   timings: timings, started: step.started, jobs: step.jobs)
        manifest.folded = c.folded
        manifest.skipped = step.skipped
        manifest.shards = step.shards
        try folder.write(RunManifest.fileName, manifest.render())
    }

    /// Swaps the reports into place, points `latest`, and only then commits the store's transaction.
    private func commit(_ step: FinishStep, outcome: inout Outcome, filesRead: Int) throws(RunError) {
        try step.folder.install()
        if step.nightly, let problem = OutputFolder.pointLatest(root: config.output, at: step.asOf) { logger.warning("\(problem)") }
        #if DEBUG
        // For the kill test (which runs the debug binary): hold the run between the swap and the commit.
        // Release builds (`make run`, `make install`) have no failpoint.
        if ProcessInfo.processInfo.environment["VERBATIM_FAILPOINT"] == "pause-before-commit" { Thread.sleep(forTimeInterval: 60) }
        #endif
        var totals = RunTotals(status: outcome.rejected > 0 ? .completedWithRejects : .completed)
        totals.filesRead = filesRead
        totals.filesSkipped = outcome.filesSkipped
        totals.filesRejected = outcome.filesRejected
        totals.recordsAccepted = outcome.accepted
        totals.recordsRejected = outcome.rejected
        totals.durationSeconds = Date().timeIntervalSince(step.started)
        do { try step.history.commit(totals) } catch {
            step.history.fail(.store(error), seconds: totals.durationSeconds)
            throw RunError.historyNotSaved(reports: step.folder.final.path, error)
        }
        outcome.seconds = Date().timeIntervalSince(step.started)
    }
}
