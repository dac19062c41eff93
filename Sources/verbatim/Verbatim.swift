import ArgumentParser
import Foundation
import VerbatimCore
import VerbatimPipeline

/// The `verbatim` command: batch analysis of customer feedback exports.
@main
struct Verbatim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verbatim",
        abstract: "Analyse customer-feedback exports: sentiment, themes and employee scorecards.",
        discussion: ExitCodes.help,
        version: VerbatimVersion.current,
        subcommands: [Run.self, List.self, Merge.self, Validate.self, Check.self, Classify.self, Learn.self],
        defaultSubcommand: nil
    )

    /// `--version` prints the version and the data's hash (computed only then); everything else is parsed as usual.
    static func main() {
        if CommandLine.arguments.dropFirst() == ["--version"] {
            print(DataHome.versionText())
            return
        }
        main(nil)
    }
}
