import VerbatimCore

/// Whether text that leaves a run is masked (`pii:` in a pipeline file).
public enum PIIMode: String, Sendable, CaseIterable {
    /// Personal data in report text is replaced by placeholders (the default).
    case mask
    /// Text is written as read, for operators who need it and may keep it.
    case off
}

/// The masking rules of `lexicons/pii/`, one file per country (and
/// `common.tsv` for what every country shares), read and validated once.
///
/// A line is a rule, `kind<TAB>shape<TAB>check<TAB>comment`, or an example
/// that `verbatim validate` and the tests run against all rules together:
/// `mask<TAB>text<TAB>text as masked`, or `keep<TAB>text` for text that
/// must come out unchanged. The format is documented in `lexicons/README.md`.
public struct MaskingRules: Sendable {
    /// One `mask` or `keep` line.
    public struct Example: Sendable {
        public var file: String
        public var line: Int
        public var input: String
        /// The input itself for a `keep` line.
        public var expected: String
    }

    public private(set) var rules: [MaskingRule] = []
    public private(set) var examples: [Example] = []
    /// Currency words and signs (`amount` lines): a number written in thousands beside one is a sum
    /// of money, not personal data (`AmountRun`).
    public private(set) var amountWords: [String] = []

    public init() {}

    /// The masker of these rules.
    public var masker: PersonalDataMasker { PersonalDataMasker(rules: rules, amountWords: amountWords) }

    /// Adds one file's rules and examples; problems come back with file and line.
    public mutating func parse(_ text: String, file: String) -> [DataFileIssue] {
        var issues: [DataFileIssue] = []
        var seen: [String: Int] = [:]
        for l in DataFile.lines(of: text) {
            let f = l.fields
            func issue(_ message: String) { issues.append(DataFileIssue(file: file, line: l.line, message: message)) }
            switch f[0] {
            case "mask":
                guard f.count >= 3, !f[1].isEmpty, !f[2].isEmpty else { issue("a mask example needs the text and the text as masked"); continue }
                examples.append(Example(file: file, line: l.line, input: f[1], expected: f[2]))
            case "amount":
                guard f.count >= 2, !f[1].isEmpty, !f[1].contains(" "), !f[1].unicodeScalars.contains(where: { ("0"..."9").contains($0) }) else {
                    issue("an amount line needs one currency word or sign, without spaces or digits (amount<TAB>төгрөг)")
                    continue
                }
                let word = f[1].lowercased()
                if amountWords.contains(word) {
                    issues.append(DataFileIssue(file: file, line: l.line, message: "the currency '\(f[1])' is listed twice", isError: false))
                    continue
                }
                amountWords.append(word)
            case "keep":
                guard f.count >= 2, !f[1].isEmpty else { issue("a keep example needs the text that must stay as it is"); continue }
                examples.append(Example(file: file, line: l.line, input: f[1], expected: f[1]))
            default:
                guard let kind = MaskingKind(rawValue: f[0]) else {
                    issue("unknown kind '\(f[0])'; expected one of \(MaskingKind.allCases.map(\.rawValue).joined(separator: ", ")), a currency word: amount, or an example: mask, keep")
                    continue
                }
                guard f.count >= 3, let check = MaskingCheck(rawValue: f[2]) else {
                    issue("expected kind, shape and check (one of \(MaskingCheck.allCases.map(\.rawValue).joined(separator: ", ")))")
                    continue
                }
                if let first = seen["\(f[0])\t\(f[1])\t\(f[2])"] {
                    issues.append(DataFileIssue(file: file, line: l.line, message: "the same rule is on line \(first)", isError: false))
                    continue
                }
                seen["\(f[0])\t\(f[1])\t\(f[2])"] = l.line
                do { rules.append(try MaskingRule(kind: kind, shape: f[1], check: check, file: file, line: l.line)) } catch { issue(error.description) }
            }
        }
        return issues
    }

    /// Every example that the rules do not mask as written, as an issue on the example's line.
    public func failingExamples() -> [DataFileIssue] {
        let masker = self.masker
        return examples.compactMap { e in
            let got = masker.mask(e.input)
            guard got != e.expected else { return nil }
            return DataFileIssue(file: e.file, line: e.line, message: "the rules give '\(got)', the example expects '\(e.expected)'")
        }
    }
}
