/// A theme mentioned in a record's tokens: by a keyword of `themes.tsv`, or by an aspect phrase of
/// `aspects.tsv`.
public struct ThemeKeyword: Sendable, Hashable {
    /// The theme id.
    public var theme: String
    /// The tokens the keyword or phrase covers.
    public var range: Range<Int>
    /// The keyword or phrase as written in its data file (the entry's own text, not a copy).
    public var keyword: String

    public init(theme: String, range: Range<Int>, keyword: String) {
        self.theme = theme
        self.range = range
        self.keyword = keyword
    }
}
