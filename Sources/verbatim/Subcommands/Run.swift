import ArgumentParser
import Foundation
import Logging
import VerbatimPipeline

extension Verbatim {
    /// `verbatim run`: the nightly job, or re-processing of one folder.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        @Flag(name: .long, help: "Print only warnings and errors.")
        var quiet = false

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            bootstrap(quiet: quiet)
            let (config, resources) = try loadPipeline(pipeline)
            let runner = PipelineRunner(config: config, resources: resources)
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let options = PipelineRunner.Options(
                input: input.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL },
                out: out.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL },
                asOf: asOf, jobs: jobs)
            let outcome: PipelineRunner.Outcome
            do { outcome = try runner.run(options) } catch {
                printError("verbatim: \(error)")
                throw ExitCodes.failedNothingWritten
            }
            let logger = Logger(label: "verbatim")
            logger.info("\(outcome.accepted) records accepted, \(outcome.rejected) rejected, from \(outcome.files.count) files (\(outcome.filesRejected) rejected whole) in \(String(format: "%.2f", outcome.seconds)) s")
            print("Reports written to \(relativePath(outcome.folder))")
            if outcome.rejected > 0 || outcome.filesRejected > 0 { throw ExitCodes.completedWithRejects }
        }
    }
}

func bootstrap(quiet: Bool) {
    let level: Logger.Level = quiet ? .warning : .info
    LoggingSystem.bootstrap { label in
        var h = StreamLogHandler.standardError(label: label)
        h.logLevel = level
        return h
    }
}

func relativePath(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    let p = url.standardizedFileURL.path
    return p.hasPrefix(cwd + "/") ? String(p.dropFirst(cwd.count + 1)) : p
}
