/// The themes a keyword of `themes.tsv` signals, in file order (`LanguageLexicon.themes`).
///
/// The first is held in place: theme ids are short enough for a `String` to keep inline, so reading a
/// matched keyword's theme touches no memory but the keyword's own. (As an array of their own, the
/// themes of each keyword were a separate allocation, and reading its count was the first cache miss of
/// every keyword match: half of `AspectMatcher.keywordMentions`'s time, by `perf`.)
public struct ThemeList: Sendable, Equatable, Sequence {
    public private(set) var first: String
    /// The themes after the first: empty for nearly every keyword.
    public private(set) var rest: [String] = []

    public init(_ first: String) { self.first = first }

    /// The list with `theme` added at the end.
    public func appending(_ theme: String) -> ThemeList {
        var list = self
        list.rest.append(theme)
        return list
    }

    public func makeIterator() -> Iterator { Iterator(list: self) }

    public struct Iterator: IteratorProtocol {
        let list: ThemeList
        /// -1 before the first theme, then the position in `rest`.
        var position = -1

        public mutating func next() -> String? {
            defer { position += 1 }
            if position < 0 { return list.first }
            return position < list.rest.count ? list.rest[position] : nil
        }
    }
}
