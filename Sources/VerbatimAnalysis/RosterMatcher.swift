import VerbatimCore
import VerbatimText

/// Finds the employees of a roster named in a record's words.
///
/// A name or alias is a sequence of words; it matches the same number of
/// consecutive words of the text, each folded for the record's language and
/// each either equal to the roster's word or that word declined
/// (`NameEndings`); an apostrophe suffix (`Ayşe'ye`) is already split off
/// by the tokenizer. The first word must be written with a capital letter,
/// as names are, so that a name that is also a common word (`Дана`, "wise")
/// is not taken for the employee. At each position the longest name wins,
/// so `Ayşe Kaya` beats an alias `Ayşe` of someone else.
public struct RosterMatcher: Sendable {
    /// One way of naming one employee, folded for one language.
    struct Pattern: Sendable {
        var employee: Int
        var words: [String]
    }

    public let roster: Roster
    public let endings: NameEndings
    /// Patterns per language, indexed by the first letter of their first word.
    let patterns: [Language: [Character: [Pattern]]]

    public init(roster: Roster, endings: NameEndings) {
        self.roster = roster
        self.endings = endings
        var patterns: [Language: [Character: [Pattern]]] = [:]
        for lang in Language.allCases {
            var index: [Character: [Pattern]] = [:]
            for (k, e) in roster.employees.enumerated() where e.languages.isEmpty || e.languages.contains(lang) {
                for p in e.patterns {
                    let tokens = Tokenizer.tokenize(p)
                    let words = tokens.indices.filter { tokens[$0].kind == .word && !tokens[$0].emphasis.contains(.apostropheSuffix) }
                        .map { LanguageFolding.fold(tokens.surface($0), for: lang) }
                    guard let first = words.first?.first else { continue }
                    index[first, default: []].append(Pattern(employee: k, words: words))
                }
            }
            for key in index.keys { index[key]!.sort { $0.words.count > $1.words.count } }
            patterns[lang] = index
        }
        self.patterns = patterns
    }

    /// A name found in a text: the employee and the words as written.
    public struct Mention: Sendable, Hashable {
        public var employee: Roster.Employee
        /// The words as written, with an apostrophe suffix (`Ayşe Hanım'a`).
        public var text: String
    }

    /// Every mention in `tokens`, in text order.
    public func mentions(in tokens: TokenList, language: Language) -> [Mention] {
        guard let index = patterns[language] else { return [] }
        // Words with their position; an apostrophe suffix belongs to the word before it.
        var words: [(form: String, at: Int)] = []
        for (i, t) in tokens.enumerated() where t.kind == .word && !t.emphasis.contains(.apostropheSuffix) {
            words.append((LanguageFolding.fold(tokens.surface(i), for: language), i))
        }
        var found: [Mention] = []
        var w = 0
        while w < words.count {
            guard let initial = words[w].form.first, let candidates = index[initial],
                  tokens.surface(words[w].at).unicodeScalars.first?.properties.isUppercase == true,
                  let p = candidates.first(where: { matches($0, words, from: w, tokens: tokens, language: language) })
            else { w += 1; continue }
            let first = words[w].at
            var last = words[w + p.words.count - 1].at
            if last + 1 < tokens.count, tokens[last + 1].emphasis.contains(.apostropheSuffix) { last += 1 }
            found.append(Mention(employee: roster.employees[p.employee], text: Self.surface(tokens, first...last)))
            w += p.words.count
        }
        return found
    }

    func matches(_ p: Pattern, _ words: [(form: String, at: Int)], from w: Int, tokens: TokenList, language: Language) -> Bool {
        guard w + p.words.count <= words.count else { return false }
        for (k, name) in p.words.enumerated() {
            if k > 0 {
                // Consecutive in the text: nothing between but an apostrophe suffix.
                let gap = words[w + k].at - words[w + k - 1].at
                if gap > 2 || (gap == 2 && !tokens[words[w + k].at - 1].emphasis.contains(.apostropheSuffix)) { return false }
            }
            if !endings.matches(words[w + k].form, name: name, language: language) { return false }
        }
        return true
    }

    /// The words as written: suffixes joined with an apostrophe, words with a space.
    static func surface(_ tokens: TokenList, _ range: ClosedRange<Int>) -> String {
        var s = ""
        for i in range {
            if tokens[i].emphasis.contains(.apostropheSuffix) { s += "'" + tokens.surface(i) } else { s += (s.isEmpty ? "" : " ") + tokens.surface(i) }
        }
        return s
    }
}
