import ArgumentParser
import Foundation
import Logging
import VerbatimPipeline
import VerbatimStore

extension Verbatim {
    /// `verbatim run`: the nightly job, or re-processing of one folder.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a pipeline over a folder of exports and write the reports.",
            discussion: ExitCodes.help)

        @Option(name: .long, help: "Pipeline file.")
        var pipeline = "pipelines/nightly.yaml"

        @Option(name: .long, help: "Folder of exports to read instead of the pipeline's `input:`.")
        var input: String?

        @Option(name: .long, help: "Folder to write the reports to (replaced atomically) instead of <output>/<date>/.")
        var out: String?

        @Option(name: .long, help: "The run's \"today\" (YYYY-MM-DD), for reproducible outputs.")
        var asOf: String?

        @Option(name: .long, help: "Files processed at once (default: all cores).")
        var jobs: Int?

        @Flag(name: .long, help: "Print only warnings and errors (and no progress line).")
        var quiet = false

        @Option(name: .long, help: "History store (SQLite file, or a postgresql:// URL) instead of the pipeline's `store:` (default var/verbatim.sqlite).")
        var store: String?

        @Flag(name: .long, help: "Run without the history store: nothing is skipped or recorded, and there are no trends.")
        var noStore = false

        @Flag(name: .long, help: "Read every file again, even those the store has seen with the same content (nightly runs skip them; runs with --input or --out always read everything).")
        var reprocess = false

        @Flag(name: .long, help: "Exit 4 instead of 2 when rows or files were rejected (reports and history are still written).")
        var strict = false

        @Option(name: .long, help: "Log lines on standard error: human, or json (one object per line, for log collectors).")
        var logFormat: LogFormat = .human

        @Option(name: .long, help: ArgumentHelp("Read every N-th file of `verbatim list`, starting at I (0-based, like $JOB_COMPLETION_INDEX); with --files-from, only the partial's label.", valueName: "I/N"))
        var shard: String?

        @Option(name: .long, help: ArgumentHelp("Read only the files listed in FILE (- for standard input), as `verbatim list` prints them.", valueName: "FILE"))
        var filesFrom: String?

        @Option(name: .long, help: ArgumentHelp("Write this shard's partial result to FILE (- for standard output) instead of reports; `verbatim merge` combines them. Shards never touch the store.", valueName: "FILE"))
        var partial: String?

        func validate() throws {
            if let shard, RunPartial.Shard(argument: shard) == nil {
                throw ValidationError("--shard takes I/N with 0 <= I < N (for example 0/3, 1/3, 2/3), not '\(shard)'")
            }
            if (shard != nil || filesFrom != nil), partial == nil { throw ValidationError("--shard and --files-from need --partial FILE (or - for standard output)") }
            if partial != nil, out != nil { throw ValidationError("--partial writes a partial, not reports: leave out --out (`verbatim merge --out` writes the reports)") }
            if partial != nil, store != nil { throw ValidationError("shards never touch the history store: leave out --store (`verbatim merge --store` records the run)") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if store != nil, noStore { throw ValidationError("--store and --no-store cannot be used together") }
            if let store, store.isEmpty || store.hasSuffix("/") { throw ValidationError("--store needs a file path, such as var/verbatim.sqlite, or a postgresql:// URL") }
        }

        func run() throws {
            bootstrap(quiet: quiet, format: logFormat)
            let (config, resources) = try loadPipeline(pipeline, report: logFormat == .json ? logError : printError)
            let runner = PipelineRunner(config: config, resources: resources)
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            if let partial { return try runShard(runner, partial: partial, cwd: cwd) }
            let progress = quiet ? nil : TerminalProgress()
            let options = PipelineRunner.Options(
                input: input.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL },
                out: out.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL },
                asOf: asOf, jobs: jobs, reprocess: reprocess,
                store: noStore ? .disabled : store.map { .at(HistoryBackends.url($0, relativeTo: cwd)) } ?? .configured,
                progress: progress?.progress)
            progress?.start()
            let outcome: PipelineRunner.Outcome
            do {
                outcome = try runner.run(options)
                progress?.stop()
            } catch {
                // The runner has logged the failure (one line, with the reason).
                progress?.stop()
                if case .store(.locked) = error { throw ExitCodes.storeBusy }
                throw ExitCodes.failedNothingWritten
            }
            guard outcome.wroteReports else {
                print("Nothing new: every input file (\(outcome.filesSeenBefore)) was processed by an earlier run; reports unchanged (--reprocess reads them again)")
                return
            }
            print("Reports written to \(relativePath(outcome.folder))")
            if outcome.rejected > 0 || outcome.filesRejected > 0 { throw strict ? ExitCodes.rejectedStrict : ExitCodes.completedWithRejects }
        }

        /// One shard: its partial to a file or standard output; exit 0 when it is complete (rejects are data in it).
        private func runShard(_ runner: PipelineRunner, partial: String, cwd: URL) throws {
            var list: [String]?
            if let filesFrom {
                let data = filesFrom == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: filesFrom)
                guard let data else {
                    printError("verbatim: cannot read the file list '\(filesFrom)'")
                    throw ExitCodes.failedNothingWritten
                }
                list = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
            }
            let options = PipelineRunner.ShardOptions(
                input: input.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }, asOf: asOf, jobs: jobs,
                shard: shard.flatMap(RunPartial.Shard.init(argument:)), filesFrom: list,
                partial: partial == "-" ? nil : URL(fileURLWithPath: partial, relativeTo: cwd).standardizedFileURL)
            do {
                let outcome = try runner.writePartial(options)
                if !quiet {
                    printError("shard \(shard ?? "-"): \(outcome.files) files, \(outcome.accepted) records accepted, \(outcome.rejected) rejected; partial written to \(partial == "-" ? "standard output" : partial)")
                }
            } catch {
                printError("verbatim: \(error)")
                throw ExitCodes.failedNothingWritten
            }
        }
    }
}

/// Sets up logging on standard error: human-readable lines (coloured on a
/// terminal unless NO_COLOR is set) or one JSON object per line.
func bootstrap(quiet: Bool, format: LogFormat = .human) {
    let level: Logger.Level = quiet ? .warning : .info
    LoggingSystem.bootstrap { label in
        switch format {
        case .human:
            var h = ConsoleLogHandler(label: label)
            h.logLevel = level
            return h
        case .json:
            var h = JSONLogHandler(label: label)
            h.logLevel = level
            return h
        }
    }
}

/// An error before the run starts, as a log line (for `--log-format json`, where stderr carries only JSON).
func logError(_ message: String) {
    Logger(label: "verbatim").error("\(message)")
}

func relativePath(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    let p = url.standardizedFileURL.path
    return p.hasPrefix(cwd + "/") ? String(p.dropFirst(cwd.count + 1)) : p
}
