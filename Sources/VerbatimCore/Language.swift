/// A language Verbatim can identify.
///
/// `tr`, `kk`, `mn` and `sr` are scored; `ru` is recognised so that Russian
/// feedback is not misfiled as Kazakh or Mongolian (and is scored with the
/// Russian words their lexicons read, `borrowings`); `und` means undetermined
/// (too short, another language, or no letters).
public enum Language: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case tr, kk, mn, sr, ru, und

    /// The languages that have lexicons and are scored.
    public static let scored: [Language] = [.tr, .kk, .mn, .sr]

    /// The languages whose words customers mix into a scored language's feedback, by that language:
    /// Kazakh and Mongolian feedback mixes in Russian, and their lexicons read its data (`lexicons/ru/`).
    /// A whole text in such a language is scored as a borrowing one reads it: the language of its file
    /// when that one borrows it, else the first that does (`FeedbackRecord.scoringLanguage`).
    public static let borrowings: [Language: [Language]] = [.kk: [.ru], .mn: [.ru]]

    /// Whether a scored language's lexicon reads this language's words (`borrowings`).
    public var isBorrowed: Bool { Self.borrowings.values.contains { $0.contains(self) } }

    /// English name, for reports.
    public var displayName: String {
        switch self {
        case .tr: "Turkish"
        case .kk: "Kazakh"
        case .mn: "Mongolian"
        case .sr: "Serbian"
        case .ru: "Russian"
        case .und: "Undetermined"
        }
    }

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
