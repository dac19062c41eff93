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

    public func split(_ tokens: TokenList, language: Language) -> TokenList {
        guard tokens.indices.contains(where: { tokens[$0].emphasis.contains(.fromHashtag) }), let lex = lexicons.languages[language] else { return tokens }
        var out = tokens
        var kept: [Token] = []
        kept.reserveCapacity(tokens.count + 2)
        for i in tokens.indices {
            let t = tokens[i]
            guard t.kind == .word, t.emphasis.contains(.fromHashtag), !knowsExactly(Self.one(tokens.form(i), alternative: tokens.alternative(i)), lex) else {
                kept.append(t); continue
            }
            let scalars = Array(tokens.form(i).unicodeScalars)
            var done = false
            // Longest first part first; each part at least 2 letters.
            var cut = scalars.count - 2
            while cut >= 2, !done {
                let a = String(String.UnicodeScalarView(scalars[..<cut]))
                let b = String(String.UnicodeScalarView(scalars[cut...]))
                if knowsExactly(Self.one(a), lex), knows(Self.one(b), lex) {
                    kept.append(out.word(like: t, text: a))
                    kept.append(out.word(like: t, text: b))
                    done = true
                }
                cut -= 1
            }
            if !done { kept.append(t) }
        }
        out.replaceTokens(with: kept)
        return out
    }

    /// A word alone, as a list to look up.
    private static func one(_ form: String, alternative: String? = nil) -> TokenList {
        var one = TokenList([(kind: .word, form: form, surface: form)])
        if alternative != nil { one.setAlternative(0, alternative) }
        return one
    }

    /// True when some term matches the word (a stem may match a longer word).
    private func knows(_ one: TokenList, _ lex: LanguageLexicon) -> Bool {
        lex.sentiment.longestMatch(in: one, at: 0) != nil || lex.themes.longestMatch(in: one, at: 0) != nil
            || lex.intensifiers.longestMatch(in: one, at: 0) != nil
    }

    /// True when a term covers the word with nothing left over (so `kötühizmet` is not "known" through `kötü*`).
    private func knowsExactly(_ one: TokenList, _ lex: LanguageLexicon) -> Bool {
        for m in [lex.sentiment.longestMatch(in: one, at: 0)?.remainderSpan, lex.themes.longestMatch(in: one, at: 0)?.remainderSpan,
                  lex.intensifiers.longestMatch(in: one, at: 0)?.remainderSpan] {
            if let r = m, r.count == 0 { return true }
        }
        return false
    }
}
