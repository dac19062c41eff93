import VerbatimCore

/// Splits words written together in a hashtag (`#kötühizmet`, `#hvalaljubaznom`)
/// into two words the lexicons know (`kötü` + `hizmet`), so that both the
/// sentiment and the theme of each part count.
///
/// A split is made only when the whole word matches nothing and both parts
/// match a sentiment term, a theme keyword or an intensifier (words or
/// stems); the longest known first part wins.
public struct HashtagSplitter: Sendable {
    public let lexicons: LexiconSet

    public init(lexicons: LexiconSet) { self.lexicons = lexicons }

    public func split(_ tokens: [Token], language: Language) -> [Token] {
        guard tokens.indices.contains(where: { tokens[$0].emphasis.contains(.fromHashtag) }), let lex = lexicons.languages[language] else { return tokens }
        var out: [Token] = []
        out.reserveCapacity(tokens.count + 2)
        for t in tokens {
            guard t.kind == .word, t.emphasis.contains(.fromHashtag), !knowsExactly(t, lex) else { out.append(t); continue }
            let scalars = Array(t.form.unicodeScalars)
            var done = false
            // Longest first part first; each part at least 2 letters.
            var cut = scalars.count - 2
            while cut >= 2, !done {
                var a = t, b = t
                a.form = String(String.UnicodeScalarView(scalars[..<cut]))
                b.form = String(String.UnicodeScalarView(scalars[cut...]))
                a.alternative = nil; b.alternative = nil
                if knowsExactly(a, lex), knows(b, lex) {
                    a.surface = a.form; b.surface = b.form
                    out.append(a); out.append(b)
                    done = true
                }
                cut -= 1
            }
            if !done { out.append(t) }
        }
        return out
    }

    /// True when some term matches the word (a stem may match a longer word).
    private func knows(_ t: Token, _ lex: LanguageLexicon) -> Bool {
        let one = [t]
        return lex.sentiment.longestMatch(in: one, at: 0) != nil || lex.themes.longestMatch(in: one, at: 0) != nil
            || lex.intensifiers.longestMatch(in: one, at: 0) != nil
    }

    /// True when a term covers the word with nothing left over (so `kötühizmet` is not "known" through `kötü*`).
    private func knowsExactly(_ t: Token, _ lex: LanguageLexicon) -> Bool {
        let one = [t]
        for m in [lex.sentiment.longestMatch(in: one, at: 0)?.remainder, lex.themes.longestMatch(in: one, at: 0)?.remainder,
                  lex.intensifiers.longestMatch(in: one, at: 0)?.remainder] {
            if let r = m, r.isEmpty { return true }
        }
        return false
    }
}
