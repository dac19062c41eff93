import Foundation
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// The header aliases the pipeline ships, with its month names and rating choices, loaded once for all tests.
let bundledAliases: HeaderAliases = {
    let (aliases, issues) = HeaderAliases.load(lexicons: RepoPaths.lexicons)
    precondition(issues.isEmpty, "lexicons: \(issues)")
    return aliases
}()

/// Reads the file at `url` with the reader the pipeline would pick for it (`InputReader`: by
/// content, then by name), under the name `name` (default: the file's own name).
func readFile(_ url: URL, name: String? = nil, options: SourceOptions = SourceOptions()) -> ReadOutcome {
    var outcome = ReadOutcome()
    outcome.summary = InputReader(aliases: bundledAliases) { _ in options }.read(url: url, name: name ?? url.lastPathComponent) { outcome.add($0) }
    return outcome
}

/// Seconds `body` takes.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}
