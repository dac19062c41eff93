import VerbatimCore

/// The first words of every term in a group of term indexes (whole words
/// and `*` stems), so that one walk over a word's bytes tells whether any of
/// those indexes can match there. Most words of a comment start no term;
/// the sentiment scorer skips its per-index look-ups for them.
struct FirstWordFilter: Sendable {
    private static let stem: UInt8 = 1, whole: UInt8 = 2
    private var firstWords = UTF8Trie<UInt8>()

    init() {}

    mutating func add<Payload>(_ index: TermIndex<Payload>) {
        for term in index.terms {
            guard let first = term.words.first else { continue }
            firstWords.insert(first.form, first.isStem ? Self.stem : Self.whole) { $0 | $1 }
        }
    }

    /// False when no term of the indexes can start at this token (its form or its elongation alternative).
    func mayStart(_ token: Token) -> Bool {
        mayStart(token.form) || (token.alternative.map(mayStart) ?? false)
    }

    func mayStart(_ form: String) -> Bool {
        let count = form.utf8.count
        var found = false
        firstWords.forEachPrefix(of: form) { length, flags in
            if flags & Self.stem != 0 || (length == count && flags & Self.whole != 0) { found = true }
        }
        return found
    }
}
