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

    /// Hashed by case. A `RawRepresentable` enum otherwise hashes its `rawValue`, a `String`, at each
    /// look-up of the tables keyed by language (the scorer's, the tagger's, the contrast words'), per record.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }

    /// The case's position in `allCases` (its order), without searching it.
    private var ordinal: UInt8 {
        switch self {
        case .tr: 0
        case .kk: 1
        case .mn: 2
        case .sr: 3
        case .ru: 4
        case .und: 5
        }
    }

    public static func < (lhs: Language, rhs: Language) -> Bool { lhs.ordinal < rhs.ordinal }
}
