import Foundation
import VerbatimCore

/// Ratings exported as the text of the choice, loaded from `lexicons/rating_choices.tsv`: survey
/// tools write "Çok memnunum" where the respondent clicked 5, "Очень недоволен" for 1. A choice
/// matches the whole cell as a header name matches (`HeaderAliases.key`). Such a row was rejected
/// ("rating 'Çok memnunum' is not a number"), and its comment with it.
///
/// A choice listed with `-` for its rating is no answer: a helpdesk writes the state of a survey it
/// sent and nobody answered (Zendesk's `Offered`), and such a cell is read as an empty one, not
/// rejected as a rating that is not a number.
public struct RatingChoices: Sendable {
    private var choices = FoldedPhrases<Double>()
    /// The value `-` is read as: no rating.
    private static let noAnswer = -1.0

    /// Without choices: only numbers (and labelled numbers, stars) are read.
    public init() {}

    /// Loads `rating<TAB>choice` lines (a rating 0–10, or `-` for no answer); the issues name each line that is not one.
    public static func load(_ url: URL) -> (RatingChoices, [DataFileIssue]) {
        var table = RatingChoices()
        let issues: [DataFileIssue]
        (table.choices, issues) = FoldedPhrases.load(url, keyHelp: "rating 0–10 or -", oneWord: false) { key in
            key == "-" ? noAnswer : Double(key).flatMap { (0...10).contains($0) ? $0 : nil }
        }
        return (table, issues)
    }

    /// The rating a cell's text stands for, or nil (a choice that is no answer is no rating).
    public func rating(_ cell: String) -> Double? { listed(cell).flatMap { $0 == Self.noAnswer ? nil : $0 } }

    /// Whether a cell says the question was not answered (`Offered`, `Нет ответа`): read as empty.
    public func isNoAnswer(_ cell: String) -> Bool { listed(cell) == Self.noAnswer }

    /// What the file lists for a cell's text (`noAnswer` for a `-` line), or nil; no folding without choices.
    private func listed(_ cell: String) -> Double? {
        choices.isEmpty ? nil : choices.value(folded: HeaderAliases.key(cell))
    }
}
