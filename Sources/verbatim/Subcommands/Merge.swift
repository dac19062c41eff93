import ArgumentParser
import Foundation
import VerbatimPipeline
import VerbatimStore

extension Verbatim {
    /// `verbatim merge`: the partials of a sharded run into the reports of one run.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge the partials of a sharded run (verbatim run --shard I/N --partial FILE) into its reports.",
            discussion: """
                Writes the same reports as a single `verbatim run` over all the partials' files (byte for byte; \
                manifest.json records the shards), records the run in the history store and computes the trends. \
                Refuses partials of another pipeline file, linguistic data or Verbatim version, of a different \
                number of shards, a shard missing or given twice, or a file in two partials.

                """ + ExitCodes.help)

        @Option(name: .long, help: "Pipeline file (the one the shards ran with).")
        var pipeline = "pipelines/nightly.yaml"

        @Option(name: .long, help: "Folder to write the reports to (replaced atomically).")
        var out: String

        @Option(name: .long, help: "The run's \"today\" (YYYY-MM-DD); default: the pipeline's as_of, else the shards' date.")
        var asOf: String?

        @Option(name: .long, help: "History store (SQLite file, or a postgresql:// URL) instead of the pipeline's `store:`.")
        var store: String?

        @Flag(name: .long, help: "Merge without the history store: nothing is recorded, and there are no trends.")
        var noStore = false

        @Flag(name: .long, help: "Print only warnings and errors.")
        var quiet = false

        @Flag(name: .long, help: "Exit 4 instead of 2 when rows or files were rejected.")
        var strict = false

        @Option(name: .long, help: "Log lines on standard error: human, or json.")
        var logFormat: LogFormat = .human

        @Argument(help: "Partial files, or a folder of them (- for standard input).")
        var partials: [String]

        func validate() throws {
            if partials.isEmpty { throw ValidationError("give the partials to merge (files, or a folder of them)") }
            if store != nil, noStore { throw ValidationError("--store and --no-store cannot be used together") }
        }

        func run() throws {
            bootstrap(quiet: quiet, format: logFormat)
            let (config, resources) = try loadPipeline(pipeline, report: logFormat == .json ? logError : printError)
            let runner = PipelineRunner(config: config, resources: resources)
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let url = { (p: String) in URL(fileURLWithPath: p, relativeTo: cwd).standardizedFileURL }
            let options = PipelineRunner.MergeOptions(
                partials: partials.map { $0 == "-" ? URL(fileURLWithPath: "/-") : url($0) }, out: url(out), asOf: asOf,
                store: noStore ? .disabled : store.map { .at(HistoryBackends.url($0, relativeTo: cwd)) } ?? .configured)
            let outcome: PipelineRunner.Outcome
            do { outcome = try runner.merge(options) } catch {
                // The runner has logged the failure (one line, with the reason).
                if case .store(.locked) = error { throw ExitCodes.storeBusy }
                throw ExitCodes.failedNothingWritten
            }
            print("Reports written to \(relativePath(outcome.folder))")
            if outcome.rejected > 0 || outcome.filesRejected > 0 { throw strict ? ExitCodes.rejectedStrict : ExitCodes.completedWithRejects }
        }
    }
}
