/// A word or phrase that carries polarity only for one theme (`lexicons/<lang>/aspects.tsv`):
/// `uzun` is negative for wait_time, `<n> dakika` (a stated wait) too, `üçüncü kez` is negative for
/// repeat_contact, `hâlâ` after a promise is negative for promises.
public struct AspectCue: Sendable, Hashable {
    /// Where a cue counts, and whether it marks its theme by itself.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Marks the theme and carries the valence wherever it stands (`<n> dakika`, `treći put`).
        case phrase
        /// Carries the valence only in a segment that mentions the theme by another word (`uzun`, `dugo`, `удаан`;
        /// `<n> saat` with `bekledim`, not in `8 saat şarj`).
        case cue
        /// Carries the valence when the theme was mentioned earlier in the same sentence or the one before,
        /// even across a contrast (a promise, then `hâlâ`, `još uvek`, `әлі`, `одоо болтол`).
        case outcome
    }

    /// The theme id (from `lexicons/themes.tsv`).
    public var theme: String
    public var kind: Kind
    /// Valence, −4…4, as in `sentiment.tsv`.
    public var valence: Double

    public init(theme: String, kind: Kind, valence: Double) {
        self.theme = theme
        self.kind = kind
        self.valence = valence
    }

    /// The placeholder for a number in a term: digits (`20`, `1,5`) or a word of `numbers.tsv` (`yirmi`, `pola`).
    public static let numberPlaceholder = "<n>"
    /// The term of an `outcome` that stands for any negation or negative term after the theme in its sentence (a negated
    /// verb, a negation word, a negated term): a promise, then "it never came".
    public static let negationPlaceholder = "<not>"
}
