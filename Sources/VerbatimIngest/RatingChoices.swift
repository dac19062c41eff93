import Foundation
import VerbatimCore

/// Ratings exported as the text of the choice, loaded from `lexicons/rating_choices.tsv`: survey
/// tools write "Çok memnunum" where the respondent clicked 5, "Очень недоволен" for 1. A choice
/// matches the whole cell as a header name matches (`HeaderAliases.key`). Such a row was rejected
/// ("rating 'Çok memnunum' is not a number"), and its comment with it.
public struct RatingChoices: Sendable {
    private var choices = FoldedPhrases<Double>()

    /// Without choices: only numbers (and labelled numbers, stars) are read.
    public init() {}

    /// Loads `rating<TAB>choice` lines (a rating 0–10); the issues name each line that is not one.
    public static func load(_ url: URL) -> (RatingChoices, [DataFileIssue]) {
        var table = RatingChoices()
        let issues: [DataFileIssue]
        (table.choices, issues) = FoldedPhrases.load(url, keyHelp: "rating 0–10", oneWord: false) { key in
            Double(key).flatMap { (0...10).contains($0) ? $0 : nil }
        }
        return (table, issues)
    }

    /// The rating a cell's text stands for, or nil.
    public func rating(_ cell: String) -> Double? {
        choices.isEmpty ? nil : choices.value(folded: HeaderAliases.key(cell))
    }
}
