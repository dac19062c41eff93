import VerbatimCore

/// A compiled list of terms (words, `*` stems and multi-word expressions)
/// for fast longest-match lookup over tokens.
///
/// Used for sentiment terms, theme keywords and intensifiers. `Payload` is
/// what a term carries (a valence, a theme id, a scalar).
public struct TermIndex<Payload: Sendable>: Sendable {
    /// One word of a term: its folded form and whether it is a stem.
    public struct Word: Sendable, Hashable {
        public var form: String
        public var isStem: Bool
    }

    /// One term as written in its file.
    public struct Term: Sendable {
        public var words: [Word]
        public var payload: Payload
        /// How the term is written in the data file (`memnun*`, `dönüş yapmadı`).
        public var text: String
        public var source: String
        public var line: Int
    }

    /// The result of a match at a token position.
    public struct Match: Sendable {
        public var term: Term
        /// Number of tokens covered.
        public var length: Int
        /// For a stem match on the last word: what follows the stem in that word (`medim` in `beğenmedim`).
        public var remainder: String
        /// True when any word matched through a stem.
        public var viaStem: Bool
    }

    private var exact: [String: [Int]] = [:]
    private var stems: [String: [Int]] = [:]
    private var maxStemLength = 0
    public private(set) var terms: [Term] = []

    public init() {}

    public var count: Int { terms.count }

    /// Adds a term; a later term with the same text replaces an earlier one (user lexicons override).
    public mutating func add(_ term: Term) {
        if let existing = terms.firstIndex(where: { $0.words == term.words }) {
            terms[existing] = term
            return
        }
        let index = terms.count
        terms.append(term)
        let first = term.words[0]
        if first.isStem {
            stems[first.form, default: []].append(index)
            maxStemLength = max(maxStemLength, first.form.unicodeScalars.count)
        } else {
            exact[first.form, default: []].append(index)
        }
    }

    /// The position of an existing term with the same words, if any.
    public func find(_ words: [Word]) -> Term? { terms.first { $0.words == words } }

    /// Parses `term` text (`memnun*`, `dönüş yapmadı`) into words folded for `language`.
    public static func words(of text: String, language: Language) -> [Word] {
        text.split(separator: " ").map { w in
            let isStem = w.hasSuffix("*")
            let body = isStem ? String(w.dropLast()) : String(w)
            let form = language == .und ? LanguageFoldingShim.defaultLower(body) : LanguageFoldingShim.fold(body, language)
            return Word(form: form, isStem: isStem)
        }
    }

    /// The longest term starting at token `i` whose words are consecutive tokens for which `isWord` holds.
    public func longestMatch(in tokens: [Token], at i: Int, isWord: (Token) -> Bool = { $0.kind == .word }) -> Match? {
        if let m = longestMatch(in: tokens, at: i, useAlternative: false, isWord: isWord) { return m }
        // An elongated word squeezed to one letter per run did not match: try two (`удааан` → `удаан`).
        guard tokens[i].alternative != nil else { return nil }
        return longestMatch(in: tokens, at: i, useAlternative: true, isWord: isWord)
    }

    private func longestMatch(in tokens: [Token], at i: Int, useAlternative: Bool, isWord: (Token) -> Bool) -> Match? {
        let first = useAlternative ? tokens[i].alternative! : tokens[i].form
        var candidates: [Int] = exact[first] ?? []
        if !stems.isEmpty {
            let scalars = first.unicodeScalars
            var end = scalars.endIndex
            var len = scalars.count
            if len > maxStemLength { end = scalars.index(scalars.startIndex, offsetBy: maxStemLength); len = maxStemLength }
            while len >= 1 {
                if let list = stems[String(scalars[scalars.startIndex..<end])] { candidates.append(contentsOf: list) }
                end = scalars.index(before: end)
                len -= 1
            }
        }
        guard !candidates.isEmpty else { return nil }
        var best: Match?
        var bestRank = (0, 0, 0)
        for c in candidates {
            let term = terms[c]
            guard i + term.words.count <= tokens.count else { continue }
            var remainder = ""
            var viaStem = false
            var stemChars = 0
            var ok = true
            for (k, w) in term.words.enumerated() {
                let t = tokens[i + k]
                guard isWord(t) else { ok = false; break }
                let form = k == 0 && useAlternative ? t.alternative! : t.form
                if w.isStem {
                    guard form.hasPrefix(w.form) else { ok = false; break }
                    viaStem = true
                    stemChars += w.form.count
                    if k == term.words.count - 1 || term.words.count == 1 { remainder = String(form.dropFirst(w.form.count)) }
                } else {
                    guard form == w.form else { ok = false; break }
                    stemChars += 1000
                }
            }
            guard ok else { continue }
            // More words first; then exact over stem; then the longer stem.
            let rank = (term.words.count, viaStem ? 0 : 1, stemChars)
            if best == nil || rank > bestRank {
                best = Match(term: term, length: term.words.count, remainder: remainder, viaStem: viaStem)
                bestRank = rank
            }
        }
        return best
    }
}
