import ArgumentParser
import Foundation
import VerbatimCore
import VerbatimPipeline

extension Verbatim {
    /// `verbatim validate`: checks a pipeline file and the data it points at.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check a pipeline file and the lexicons it points at; exit 78 on any error.",
            discussion: ExitCodes.help)

        @Argument(help: "Pipeline file to check.")
        var file: String

        @Flag(name: .long, help: "Also list warnings (repeated entries that agree).")
        var warnings = false

        func run() throws {
            let config: PipelineConfiguration
            do { config = try PipelineConfiguration.load(path: DataHome.pipeline(file)) } catch {
                printError("verbatim: \(error)")
                throw ExitCodes.configurationError
            }
            let resources = LoadedResources.loadCollectingIssues(config)
            let errors = resources.issues.filter(\.isError)
            let warns = resources.issues.filter { !$0.isError }
            for line in DataFileIssue.listed(errors) { printError("error: \(line)") }
            if warnings { for w in warns { printError("warning: \(w)") } }
            print("\(config.file): pipeline '\(config.name)'")
            print("  stages: " + config.stages.map { $0.enabled ? $0.use : "\($0.use) (off)" }.joined(separator: " → "))
            for stage in config.stages where stage.enabled {
                let set = stage.descriptor.options.filter { $0.value(in: stage.rules) != $0.defaultValue }
                if set.isEmpty { continue }
                print("  \(stage.use) options: " + set.map { "\($0.key) \($0.value(in: stage.rules)) (default \($0.defaultValue), \($0.range.lowerBound)…\($0.range.upperBound))" }.joined(separator: ", "))
            }
            print("  input: \(relativePath(config.input))  output: \(relativePath(config.output))  lexicons: \(relativePath(config.lexicons))")
            let store = config.store.map { "\(relativePath($0.path)) (waits up to \(Int($0.lockTimeout)) s for another run)" } ?? "none"
            print("  history store: \(store)  trends: last \(config.trends.periodDays) days against the \(config.trends.periodDays) before"
                  + "  metrics: \(config.metrics.map { relativePath($0) } ?? "none")")
            let counts = resources.lexicons.counts
            print("  sentiment entries: " + Language.scored.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
                  + "; emoji \(resources.lexicons.emoji.count)")
            print("  personal data in report text: " + (resources.masker.map { "masked (\($0.rules.count) rules from \(relativePath(config.lexicons.appendingPathComponent("pii"))))" } ?? "written as read (pii: off)"))
            let ruleAccounts = config.sources.filter { !$0.options.ownAccounts.isEmpty }
            if !config.ownAccounts.isEmpty || !ruleAccounts.isEmpty {
                print("  own accounts, set aside as staff answers: \(config.ownAccounts.count) for every source"
                      + ruleAccounts.map { "; \($0.options.ownAccounts.count) more for '\($0.match)'" }.joined())
            }
            if !config.learnedLexicons.isEmpty {
                print("  learned layers: " + config.learnedLexicons.map { "\($0.language.rawValue) \(relativePath($0.path))" }.joined(separator: ", ")
                      + " (" + Language.scored.compactMap { l in resources.lexicons.languages[l].map { "\(l.rawValue) \($0.learned.count) new terms" } }
                        .filter { !$0.hasSuffix(" 0 new terms") }.joined(separator: ", ") + ")")
            }
            if !errors.isEmpty {
                printError("verbatim: \(errors.count) error(s), \(warns.count) warning(s)")
                throw ExitCodes.configurationError
            }
            print("OK (\(warns.count) warning(s)\(warnings || warns.isEmpty ? "" : "; --warnings lists them"))")
        }
    }
}
