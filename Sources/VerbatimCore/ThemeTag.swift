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

    /// `theme:polarity` (written by `list`, the one place that spells it).
    public var text: String { Self.list([self], separator: "") }

    /// A tag read back from its `text`: split at the last `:`, so that a theme id may hold one;
    /// nil when there is no `:` or what follows the last one is not a label.
    public init?(parsing text: some StringProtocol) {
        guard let colon = text.lastIndex(of: ":"), let polarity = SentimentLabel(rawValue: String(text[text.index(after: colon)...])) else {
            return nil
        }
        self.init(theme: String(text[..<colon]), polarity: polarity)
    }

    /// The tags' texts joined with `separator`.
    ///
    /// An array, not any sequence: its callers are in other modules, where a generic function runs
    /// unspecialized, through witness tables (about 10,000 instructions a record's list).
    public static func list(_ tags: [ThemeTag], separator: String) -> String {
        // Each tag as `theme:polarity`, written byte by byte (it runs for every record `records.csv` writes).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tags.count * 24)
        for k in tags.indices {
            // Each string's bytes read in place (`append(contentsOf: s.utf8)` copies a byte at a time).
            if k > 0 { UTF8Bytes.append(separator, to: &bytes) }
            UTF8Bytes.append(tags[k].theme, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            UTF8Bytes.append(tags[k].polarity.rawValue, to: &bytes)
        }
        return UTF8Bytes.string(valid: bytes)
    }
}

extension ThemeMention {
    /// The theme and its polarity, as outputs write them.
    public var tag: ThemeTag { ThemeTag(theme: theme, polarity: polarity) }
}
