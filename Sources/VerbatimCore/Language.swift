/// A language Verbatim can identify.
///
/// `tr`, `kk`, `mn` and `sr` are scored; `ru` is recognised so that Russian
/// feedback is not misfiled as Kazakh or Mongolian; `und` means
/// undetermined (too short, another language, or no letters).
public enum Language: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case tr, kk, mn, sr, ru, und

    /// The languages that have lexicons and are scored.
    public static let scored: [Language] = [.tr, .kk, .mn, .sr]

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
