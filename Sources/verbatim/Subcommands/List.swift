import ArgumentParser
import Foundation
import VerbatimPipeline
import VerbatimStore

extension Verbatim {
    /// `verbatim list`: the input files, for drivers that plan shards.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Print every input file as `bytes<TAB>relative path`, sorted by the path's bytes (the order shards are cut in).",
            discussion: """
                A path holding a line break, a TAB or another control character, a `"` or a `\\` is written in double \
                quotes with C escapes (`"a\\nb.csv"`), as git writes such paths; `run --files-from` reads both forms.
                """)

        @Option(name: .long, help: "Pipeline file (for its `input:` and `store:`).")
        var pipeline = "pipelines/nightly.yaml"

        @Option(name: .long, help: "Folder of exports instead of the pipeline's `input:`.")
        var input: String?

        @Flag(name: .long, help: "Leave out files whose content an earlier run processed (those a nightly run skips).")
        var unseen = false

        @Option(name: .long, help: "History store for --unseen instead of the pipeline's `store:`.")
        var store: String?

        func validate() throws {
            if store != nil, !unseen { throw ValidationError("--store is for --unseen") }
        }

        func run() throws {
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let url = { (p: String) in URL(fileURLWithPath: p, relativeTo: cwd).standardizedFileURL }
            var folder = input.map(url)
            var settings: StoreSettings?
            if folder == nil || unseen {
                let config: PipelineConfiguration
                do { config = try PipelineConfiguration.load(path: pipeline) } catch {
                    printError("verbatim: \(error)")
                    throw ExitCodes.configurationError
                }
                folder = folder ?? config.input
                if unseen {
                    settings = store.map { StoreSettings(path: HistoryBackends.url($0, relativeTo: cwd), lockTimeout: config.store?.lockTimeout ?? StoreSettings.defaultLockTimeout) }
                        ?? config.store
                }
            }
            do {
                let lines = try InputListing.lines(input: folder!, unseenIn: settings)
                if !lines.isEmpty { print(lines.joined(separator: "\n")) }
            } catch {
                printError("verbatim: \(error)")
                throw ExitCodes.failedNothingWritten
            }
        }
    }
}
