import ArgumentParser

/// The `verbatim` command: batch analysis of customer feedback exports.
@main
struct Verbatim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verbatim",
        abstract: "Analyse customer-feedback exports: sentiment, themes and employee scorecards.",
        discussion: ExitCodes.help,
        version: "0.1.0",
        subcommands: [Run.self, List.self, Merge.self, Validate.self, Check.self, Classify.self],
        defaultSubcommand: nil
    )
}
