import Foundation
import VerbatimCore

/// Column and element names that map to record fields, loaded from `headers.tsv`.
///
/// Matching ignores case, accents, spaces and punctuation, so `Yanıt No`,
/// `yanit_no` and `YANIT NO` are the same name.
public struct HeaderAliases: Sendable {
    private var fieldByKey: [String: RecordField] = [:]
    /// The rating columns whose name says the 1–5 scale (`csat<TAB>alias`: "CSAT", "Stars"). An NPS
    /// column's name is the `nps` field's alias.
    private var csatKeys: Set<String> = []
    /// Words that make a column's header a survey question asking for a field (`csat question<TAB>memnun*`).
    private var questionWords: [(kind: QuestionKind, phrase: HeaderPhrase)] = []

    /// What a survey question asks for, when its header holds one of its words.
    public enum QuestionKind: String, Sendable, CaseIterable {
        /// A satisfaction question (CSAT 1–5): "Hizmetimizden ne kadar memnun kaldınız?"
        case csat = "csat question"
        /// The recommendation question (NPS 0–10, the `nps` field): "Bizi tavsiye etme olasılığınız nedir?"
        case nps = "nps question"
        /// A rating question that does not say its scale: "Görüşmeyi puanlayın" (its answers decide).
        case rating = "rating question"
        /// The employee the survey is about: "Sizi arayan temsilcimizin adı".
        case employee = "employee question"
    }
    /// The labels of a summary line under a table (`summary<TAB>label`).
    private var summaryLabels: [HeaderPhrase] = []
    /// Words that make a column the company's writing, never the customer's feedback (`company text<TAB>reply*`):
    /// Google Play's `Developer Reply Text` holds more free text than the review beside it.
    private var companyTextWords: [HeaderPhrase] = []
    /// The keys of a JSON record that hold the person who wrote it (`person<TAB>author`): a record's
    /// fields are never looked for inside them (a user's `description` is a profile, not feedback).
    private var personKeys: Set<String> = []
    /// The month names a date column may be written with (`months.tsv`, loaded beside this file by
    /// the run): the readers match them as they match the header's names.
    public var months = MonthNames()
    /// The texts a rating column may hold instead of a number (`rating_choices.tsv`, loaded beside this file).
    public var ratingChoices = RatingChoices()
    /// The channel names shown for what exports write, and of link hosts (`channels.tsv`, loaded beside this file).
    public var channelNames = ChannelNames()

    /// The pseudo-field of `headers.tsv` that lists summary-line labels.
    static let summaryField = "summary"
    /// The pseudo-field of `headers.tsv` that lists the names of rating columns on the 1–5 scale.
    static let csatField = "csat"
    /// The pseudo-field of `headers.tsv` that lists the keys holding a post's author.
    static let personField = "person"
    /// The pseudo-field of `headers.tsv` that lists the words of a column the company wrote.
    static let companyTextField = "company text"

    public init(pairs: [(RecordField, String)], summaryLabels: [String] = [], csatNames: [String] = []) {
        for (field, alias) in pairs { fieldByKey[Self.key(alias)] = field }
        for alias in csatNames {
            fieldByKey[Self.key(alias)] = .rating
            csatKeys.insert(Self.key(alias))
        }
        self.summaryLabels = summaryLabels.compactMap(HeaderPhrase.init)
    }

    /// Loads `field<TAB>alias` lines (and `summary<TAB>label`). Throws `IngestError.badAliasFile` naming the line.
    public init(contentsOf url: URL) throws {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw IngestError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        var pairs: [(RecordField, String)] = []
        var labels: [String] = []
        var csatNames: [String] = []
        var questions: [(QuestionKind, HeaderPhrase)] = []
        var persons: Set<String> = []
        var companyText: [HeaderPhrase] = []
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            if parts.count >= 2, parts[0] == Self.summaryField {
                guard HeaderPhrase(String(parts[1])) != nil else {
                    throw IngestError.badAliasFile(path: url.path, line: n + 1, reason: "a summary label needs a word (letters or digits)")
                }
                labels.append(String(parts[1]))
                continue
            }
            if parts.count >= 2, let kind = QuestionKind(rawValue: String(parts[0])) {
                guard let phrase = HeaderPhrase(String(parts[1])) else {
                    throw IngestError.badAliasFile(path: url.path, line: n + 1, reason: "a question's words need a word (letters or digits)")
                }
                questions.append((kind, phrase))
                continue
            }
            if parts.count >= 2, parts[0] == Self.csatField, !parts[1].isEmpty {
                csatNames.append(String(parts[1]))
                continue
            }
            if parts.count >= 2, parts[0] == Self.companyTextField {
                guard let phrase = HeaderPhrase(String(parts[1])) else {
                    throw IngestError.badAliasFile(path: url.path, line: n + 1, reason: "a company column's words need a word (letters or digits)")
                }
                companyText.append(phrase)
                continue
            }
            if parts.count >= 2, parts[0] == Self.personField {
                let key = Self.key(String(parts[1]))
                guard !key.isEmpty else {
                    throw IngestError.badAliasFile(path: url.path, line: n + 1, reason: "a person's key needs a word (letters or digits)")
                }
                persons.insert(key)
                continue
            }
            guard parts.count >= 2, let field = RecordField(rawValue: String(parts[0])), !parts[1].isEmpty else {
                let kinds = RecordField.allCases.map(\.rawValue) + [Self.csatField, Self.personField, Self.companyTextField]
                    + QuestionKind.allCases.map(\.rawValue)
                throw IngestError.badAliasFile(path: url.path, line: n + 1,
                    reason: "expected 'field<TAB>alias' with field one of \(kinds.joined(separator: ", ")), or '\(Self.summaryField)<TAB>label'")
            }
            pairs.append((field, String(parts[1])))
        }
        self.init(pairs: pairs, summaryLabels: labels, csatNames: csatNames)
        questionWords = questions.map { (kind: $0.0, phrase: $0.1) }
        personKeys = persons
        companyTextWords = companyText
    }

    /// The words the readers match, as a run loads them from a lexicon folder: `headers.tsv` with
    /// `months.tsv`, `rating_choices.tsv` and `channels.tsv` beside it; the issues of each file.
    public static func load(lexicons: URL) -> (HeaderAliases, [DataFileIssue]) {
        var issues: [DataFileIssue] = []
        let url = lexicons.appendingPathComponent("headers.tsv")
        var aliases = HeaderAliases(pairs: [])
        do { aliases = try HeaderAliases(contentsOf: url) } catch {
            issues.append(DataFileIssue(file: url.path, line: 0, message: "\(error)"))
        }
        let monthIssues: [DataFileIssue], choiceIssues: [DataFileIssue], channelIssues: [DataFileIssue]
        (aliases.months, monthIssues) = MonthNames.load(lexicons.appendingPathComponent("months.tsv"))
        (aliases.ratingChoices, choiceIssues) = RatingChoices.load(lexicons.appendingPathComponent("rating_choices.tsv"))
        (aliases.channelNames, channelIssues) = ChannelNames.load(lexicons.appendingPathComponent("channels.tsv"))
        return (aliases, issues + monthIssues + choiceIssues + channelIssues)
    }

    /// Whether `cell` (a row's first filled cell) starts with a summary-line label: "Toplam kayıt: 245", "ИТОГО".
    public func isSummaryLabel(_ cell: String) -> Bool {
        guard !summaryLabels.isEmpty else { return false }
        let words = Self.words(cell)
        return summaryLabels.contains { $0.begins(words) }
    }

    /// The field a header names, if any.
    public func field(forHeader header: String) -> RecordField? { fieldByKey[Self.key(header)] }

    /// Whether a column's header says the company wrote it (a reply to the review, an agent's note): its
    /// text is never taken for the customer's when no header names the text column.
    public func isCompanyText(_ header: String) -> Bool {
        guard !companyTextWords.isEmpty else { return false }
        let words = Self.words(header)
        return companyTextWords.contains { $0.occurs(in: words) }
    }

    /// Whether a JSON key holds the person who wrote a post (`author`, `user`), whose fields are not the record's.
    public func isPerson(_ key: String) -> Bool { personKeys.contains(Self.key(key)) }

    /// What a question header asks for, by the first of its words found in `header`, in the order
    /// `headers.tsv` lists them; nil when none is.
    public func questionKind(forHeader header: String) -> QuestionKind? {
        guard !questionWords.isEmpty else { return nil }
        let words = Self.words(header)
        return questionWords.first { $0.phrase.occurs(in: words) }?.kind
    }

    /// The scale a rating column's header names ("CSAT", "Stars": 1–5), if any; an NPS column is the `nps` field.
    public func ratingScale(forHeader header: String) -> SurveyRating.Scale? {
        if csatKeys.contains(Self.key(header)) { return .csat }
        return fieldByKey[Self.key(header)] == .nps ? .nps : nil
    }

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

/// Words matched in a cell or a header (`headers.tsv`'s `summary` labels and question words): whole
/// words, or a word's start for a word written with `*` (`сформирован*`, `tavsiye*`, `оператор* аты*`).
struct HeaderPhrase: Sendable {
    let words: [String]
    /// Per word: it matches a word's start (written with `*`: `оператор* аты*`).
    let stems: [Bool]

    /// nil when the label holds no word.
    init?(_ label: String) {
        var words: [String] = [], stems: [Bool] = []
        for token in label.split(whereSeparator: \.isWhitespace) {
            let parts = HeaderAliases.words(String(token))
            words += parts
            stems += parts.indices.map { $0 == parts.count - 1 && token.hasSuffix("*") }
        }
        guard !words.isEmpty else { return nil }
        self.words = words
        self.stems = stems
    }

    /// Whether a cell's `cellWords` begin with this label.
    func begins(_ cellWords: [String]) -> Bool {
        guard cellWords.count >= words.count else { return false }
        for (k, w) in words.enumerated() {
            if stems[k] ? !cellWords[k].hasPrefix(w) : cellWords[k] != w { return false }
        }
        return true
    }

    /// Whether the phrase's words stand together anywhere in `cellWords`.
    func occurs(in cellWords: [String]) -> Bool {
        guard cellWords.count >= words.count else { return false }
        return (0...(cellWords.count - words.count)).contains { begins(Array(cellWords[$0...])) }
    }
}
