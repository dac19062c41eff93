import Foundation
import VerbatimCore

/// The words of a data file of `key<TAB>phrase` lines that the readers match as they match header
/// names (`HeaderAliases.key`: case, accents, spaces and punctuation ignored): month names
/// (`MonthNames`), rating choices (`RatingChoices`). A phrase given two different values is an
/// error with its line, so that an analyst's edit never changes a reading silently.
struct FoldedPhrases<Value: Equatable & Sendable>: Sendable {
    private var values: [String: Value] = [:]

    init() {}

    var isEmpty: Bool { values.isEmpty }

    /// The value of a phrase already folded (`HeaderAliases.key`), or nil.
    func value(folded: String) -> Value? { values[folded] }

    /// Loads the file at `url`: `key` reads a line's first field (nil: the line is an error, `keyHelp`
    /// says what it should be); with `oneWord`, a phrase must be one word. A file that is not there
    /// reads nothing, with an issue.
    static func load(_ url: URL, keyHelp: String, oneWord: Bool, key: (String) -> Value?) -> (Self, [DataFileIssue]) {
        var table = Self()
        let (lines, issue) = DataFile.read(url, required: true)
        var issues = issue.map { [$0] } ?? []
        for line in lines ?? [] {
            func bad(_ message: String) { issues.append(DataFileIssue(file: url.path, line: line.line, message: message)) }
            guard line.fields.count == 2, let value = key(line.fields[0]) else { bad("expected '\(keyHelp)<TAB>phrase'"); continue }
            let words = HeaderAliases.words(line.fields[1])
            guard !words.isEmpty, !oneWord || words.count == 1 else {
                bad(words.isEmpty ? "'\(line.fields[1])' has no word" : "'\(line.fields[1])' is not one word"); continue
            }
            let folded = words.joined()
            if let before = table.values[folded], before != value { bad("'\(line.fields[1])' is listed before with another value"); continue }
            table.values[folded] = value
        }
        return (table, issues)
    }
}
