/// A theme with the polarity a record gives it, written `theme:polarity` (`delivery:negative`).
///
/// The one home of that text: the `themes` column of `records.csv`, the themes
/// column of `classify --explain`, the top verbatims of the reports (and the
/// partials that carry them) all write a tag with `text`, and `report.html`
/// reads one back with `init(parsing:)`. Each output joins its list of tags
/// with its own separator (`; ` in `records.csv`, `,` in `classify`).
public struct ThemeTag: Sendable, Hashable {
    public var theme: String
    public var polarity: SentimentLabel

    public init(theme: String, polarity: SentimentLabel) {
        self.theme = theme
        self.polarity = polarity
    }

    /// `theme:polarity`.
    public var text: String { "\(theme):\(polarity.rawValue)" }

    /// A tag read back from its `text`: split at the last `:`, so that a theme id may hold one;
    /// nil when there is no `:` or what follows the last one is not a label.
    public init?(parsing text: some StringProtocol) {
        guard let colon = text.lastIndex(of: ":"), let polarity = SentimentLabel(rawValue: String(text[text.index(after: colon)...])) else {
            return nil
        }
        self.init(theme: String(text[..<colon]), polarity: polarity)
    }

    /// The tags' texts joined with `separator`.
    public static func list(_ tags: some Sequence<ThemeTag>, separator: String) -> String {
        tags.map(\.text).joined(separator: separator)
    }
}

extension ThemeMention {
    /// The theme and its polarity, as outputs write them.
    public var tag: ThemeTag { ThemeTag(theme: theme, polarity: polarity) }
}
