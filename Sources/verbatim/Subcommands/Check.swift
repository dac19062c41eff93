import ArgumentParser
import Foundation
import VerbatimPipeline

extension Verbatim {
    /// `verbatim check`: runs the fixture pipeline and compares its outputs with the pinned ones.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Run a pipeline and compare its reports with the expected files; exit 3 on any difference.",
            discussion: """
                The run uses a fresh history store in a temporary folder (never the pipeline's), so trends come from \
                the fixture exports alone; manifest.json holds times and is not compared.
                """ + "\n\n" + ExitCodes.help)

        @Option(name: .long, help: "Pipeline file.")
        var pipeline = "pipelines/fixtures.yaml"

        @Option(name: .long, help: "Folder of expected outputs.")
        var expected = "fixtures/expected"

        @Option(name: .long, help: "The run's \"today\" (YYYY-MM-DD); default: the pipeline's `as_of:`.")
        var asOf: String?

        @Flag(name: .long, help: "Rewrite the expected files with this run's outputs.")
        var update = false

        func run() throws {
            bootstrap(quiet: true)
            let (config, resources) = try loadPipeline(pipeline)
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-check-\(getpid())")
            // A fresh history store, so that trends come from the fixture exports alone.
            let storeDir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-check-store-\(getpid())")
            defer {
                try? FileManager.default.removeItem(at: tmp)
                try? FileManager.default.removeItem(at: storeDir)
            }
            try? FileManager.default.removeItem(at: storeDir)
            let store: PipelineRunner.StoreChoice = config.store == nil ? .disabled : .at(storeDir.appendingPathComponent("history.sqlite"))
            do {
                _ = try PipelineRunner(config: config, resources: resources).run(.init(out: tmp, asOf: asOf, store: store))
            } catch {
                // The runner has logged why.
                throw ExitCodes.failedNothingWritten
            }
            let check = FixtureCheck(expected: URL(fileURLWithPath: expected))
            if update {
                try check.update(from: tmp, files: config.reports)
                print("Updated \(config.reports.count) expected files in \(expected)")
                return
            }
            let differences = check.compare(actual: tmp, files: config.reports)
            if differences.isEmpty {
                print("check: \(config.reports.count) files match \(expected)")
                return
            }
            for d in differences { print("✗ \(d.file)\n\(d.detail)") }
            print("check: \(differences.count) of \(config.reports.count) files differ from \(expected) (run `verbatim check --update` if the change is intended)")
            throw ExitCodes.outputsDiffer
        }
    }
}
