import Foundation
import VerbatimCore

/// Column and element names that map to record fields, loaded from `headers.tsv`.
///
/// Matching ignores case, accents, spaces and punctuation, so `Yanıt No`,
/// `yanit_no` and `YANIT NO` are the same name.
public struct HeaderAliases: Sendable {
    private var fieldByKey: [String: RecordField] = [:]
    /// The labels of a summary line under a table (`summary<TAB>label`), as `SummaryLabel`s.
    private var summaryLabels: [SummaryLabel] = []
    /// The month names a date column may be written with (`months.tsv`, loaded beside this file by
    /// the run): the readers match them as they match the header's names.
    public var months = MonthNames()
    /// The texts a rating column may hold instead of a number (`rating_choices.tsv`, loaded beside this file).
    public var ratingChoices = RatingChoices()

    /// The pseudo-field of `headers.tsv` that lists summary-line labels.
    static let summaryField = "summary"

    public init(pairs: [(RecordField, String)], summaryLabels: [String] = []) {
        for (field, alias) in pairs { fieldByKey[Self.key(alias)] = field }
        self.summaryLabels = summaryLabels.compactMap(SummaryLabel.init)
    }

    /// Loads `field<TAB>alias` lines (and `summary<TAB>label`). Throws `IngestError.badAliasFile` naming the line.
    public init(contentsOf url: URL) throws {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw IngestError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        var pairs: [(RecordField, String)] = []
        var labels: [String] = []
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            if parts.count >= 2, parts[0] == Self.summaryField {
                guard SummaryLabel(String(parts[1])) != nil else {
                    throw IngestError.badAliasFile(path: url.path, line: n + 1, reason: "a summary label needs a word (letters or digits)")
                }
                labels.append(String(parts[1]))
                continue
            }
            guard parts.count >= 2, let field = RecordField(rawValue: String(parts[0])), !parts[1].isEmpty else {
                throw IngestError.badAliasFile(path: url.path, line: n + 1,
                    reason: "expected 'field<TAB>alias' with field one of \(RecordField.allCases.map(\.rawValue).joined(separator: ", ")), or '\(Self.summaryField)<TAB>label'")
            }
            pairs.append((field, String(parts[1])))
        }
        self.init(pairs: pairs, summaryLabels: labels)
    }

    /// The words the readers match, as a run loads them from a lexicon folder: `headers.tsv` with
    /// `months.tsv` and `rating_choices.tsv` beside it; the issues of each file.
    public static func load(lexicons: URL) -> (HeaderAliases, [DataFileIssue]) {
        var issues: [DataFileIssue] = []
        let url = lexicons.appendingPathComponent("headers.tsv")
        var aliases = HeaderAliases(pairs: [])
        do { aliases = try HeaderAliases(contentsOf: url) } catch {
            issues.append(DataFileIssue(file: url.path, line: 0, message: "\(error)"))
        }
        let monthIssues: [DataFileIssue], choiceIssues: [DataFileIssue]
        (aliases.months, monthIssues) = MonthNames.load(lexicons.appendingPathComponent("months.tsv"))
        (aliases.ratingChoices, choiceIssues) = RatingChoices.load(lexicons.appendingPathComponent("rating_choices.tsv"))
        return (aliases, issues + monthIssues + choiceIssues)
    }

    /// Whether `cell` (a row's first filled cell) starts with a summary-line label: "Toplam kayıt: 245", "ИТОГО".
    public func isSummaryLabel(_ cell: String) -> Bool {
        guard !summaryLabels.isEmpty else { return false }
        let words = Self.words(cell)
        return summaryLabels.contains { $0.begins(words) }
    }

    /// The field a header names, if any.
    public func field(forHeader header: String) -> RecordField? { fieldByKey[Self.key(header)] }

    /// The matching key: lower-case, no accents (`ı` → `i`), letters and digits only.
    public static func key(_ s: String) -> String { words(s).joined() }

    /// `s` as its words for matching: lower-case, no accents (`ı` → `i`), each a run of letters and digits.
    static func words(_ s: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for u in s.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if u.properties.generalCategory == .nonspacingMark { continue }
            if u == "ı" { word.append("i"); continue }
            if u.properties.isAlphabetic || u.properties.numericType != nil { word.append(u); continue }
            if !word.isEmpty { words.append(String(word)); word = String.UnicodeScalarView() }
        }
        if !word.isEmpty { words.append(String(word)) }
        return words
    }
}

/// A label that begins a summary line (`headers.tsv`'s `summary` lines): whole words from the
/// cell's start, the last one a word's start when the label ends with `*` (`сформирован*`).
struct SummaryLabel: Sendable {
    let words: [String]
    let lastIsStem: Bool

    /// nil when the label holds no word.
    init?(_ label: String) {
        let stem = label.trimmingCharacters(in: .whitespaces).hasSuffix("*")
        let words = HeaderAliases.words(label)
        guard !words.isEmpty else { return nil }
        self.words = words
        lastIsStem = stem
    }

    /// Whether a cell's `cellWords` begin with this label.
    func begins(_ cellWords: [String]) -> Bool {
        guard cellWords.count >= words.count else { return false }
        for (k, w) in words.enumerated() {
            let isLast = k == words.count - 1
            if isLast && lastIsStem ? !cellWords[k].hasPrefix(w) : cellWords[k] != w { return false }
        }
        return true
    }
}
