import VerbatimCore

/// A language's final-consonant alternations (`<lang>/alternations.tsv`): a word whose last consonant
/// changes before a suffix that starts with a vowel (Turkish `abonelik` → `aboneliğimi`, `kitap` →
/// `kitabı`; Kazakh `жауап` → `жауабы`, `кешік` → `кешігіп`). A `*` stem is written in the dictionary form,
/// so without these it misses every such inflected form, and an analyst had to list the changed stem by
/// hand beside it (`sağlamlığ*`).
///
/// Each term of the language's indexes with such a stem gets a twin whose stem ends in the changed
/// letter: same payload, text, file and line, so an explanation names the entry as written. A stem
/// changes when its form ends in a listed consonant after a vowel and has at least
/// `minimumSyllables` vowels: words of one syllable mostly keep theirs (`ok` → `oku`, `yok` → `yoku`).
/// A twin whose words some entry already has is not added: what an analyst wrote wins.
public struct StemAlternations: Sendable {
    /// The fewest vowels a stem has for its last consonant to change.
    public static let minimumSyllables = 2

    /// The letters that make a syllable, folded like the language's words.
    private(set) var vowels: Set<Character> = []
    /// Final consonant → what it becomes before a vowel, folded.
    private(set) var finals: [(final: String, becomes: String)] = [] {
        didSet { finalEndings = Set(finals.compactMap { $0.final.unicodeScalars.last }) }
    }
    /// The last scalar of each listed final.
    private var finalEndings: Set<Unicode.Scalar> = []

    public var isEmpty: Bool { finals.isEmpty }

    /// Parses the lines of `file` (none: a language without the file has no alternations), folding its letters
    /// for `language`; problems go to `issues` with their line.
    static func parse(_ lines: [DataLine], file: String, _ language: Language, issues: inout [DataFileIssue]) -> StemAlternations {
        var result = StemAlternations()
        var finalLines: [Int] = []
        for l in lines {
            switch l.fields[0] {
            case "vowels" where l.fields.count >= 2 && !l.fields[1].isEmpty && !l.fields[1].contains(" "):
                result.vowels.formUnion(LanguageFoldingShim.fold(l.fields[1], language))
            case "final" where l.fields.count >= 3 && !l.fields[1].isEmpty && !l.fields[2].isEmpty:
                result.finals.append((LanguageFoldingShim.fold(l.fields[1], language), LanguageFoldingShim.fold(l.fields[2], language)))
                finalLines.append(l.line)
            default:
                issues.append(DataFileIssue(file: file, line: l.line, message: "expected 'vowels<TAB>letters' (no spaces) or 'final<TAB>consonant<TAB>becomes<TAB>comment'"))
            }
        }
        if result.vowels.isEmpty, let first = finalLines.first {
            issues.append(DataFileIssue(file: file, line: first, message: "no 'vowels' line: which stems have syllables enough to change cannot be told"))
            result.finals = []
        }
        return result
    }

    /// The forms a stem word also takes, or none: `abonelik` → `aboneliğ` (one per listed final it ends in).
    func alternatives(of form: String) -> [String] {
        // Most stems end in no listed consonant: their last scalar says so without a `Character` walked.
        guard let last = form.unicodeScalars.last, finalEndings.contains(last) else { return [] }
        var found: [String] = []
        for (final, becomes) in finals where form.hasSuffix(final) {
            let head = form.dropLast(final.count)
            guard let before = head.last, vowels.contains(before),
                  head.reduce(0, { $0 + (vowels.contains($1) ? 1 : 0) }) >= Self.minimumSyllables else { continue }
            found.append(String(head) + becomes)
        }
        return found
    }

    /// Every other spelling of a term's words: each stem word as written or in one of its alternatives
    /// (none when no stem word has one, the most common case, with nothing built).
    func variants<Payload>(of words: [TermIndex<Payload>.Word]) -> [[TermIndex<Payload>.Word]] {
        let alternativeForms = words.map { $0.isStem ? alternatives(of: $0.form) : [] }
        guard alternativeForms.contains(where: { !$0.isEmpty }) else { return [] }
        var all: [[TermIndex<Payload>.Word]] = [[]]
        for (word, others) in zip(words, alternativeForms) {
            let forms = [word.form] + others
            all = all.flatMap { prefix in forms.map { prefix + [TermIndex<Payload>.Word(form: $0, isStem: word.isStem)] } }
        }
        return Array(all.dropFirst())  // the first is the term as written
    }

    /// Adds to `index` the twins of its terms (see the type's comment).
    func extend<Payload>(_ index: inout TermIndex<Payload>) {
        for term in index.terms where term.words.contains(where: \.isStem) {
            for words in variants(of: term.words) where index.find(words) == nil {
                var twin = term
                twin.words = words
                index.add(twin)
            }
        }
    }

    /// Per term of `index`, the position of the entry it spells: its own, or for a twin the entry's (the first
    /// term of the same file, line and text), so that the learner counts a twin as the entry as written.
    /// Kept apart from `TermIndex`: a larger index is a slower copy on the scorer's path.
    static func entries<Payload>(of index: TermIndex<Payload>) -> [Int] {
        var first: [String: Int] = [:]
        var entries: [Int] = []
        entries.reserveCapacity(index.terms.count)
        for (k, t) in index.terms.enumerated() {
            let key = "\(t.source)\u{0}\(t.line)\u{0}\(t.text)"
            if let e = first[key] { entries.append(e) } else { first[key] = k; entries.append(k) }
        }
        return entries
    }

    /// Extends every term index of a language (`TermAutomaton.visitIndexes`).
    struct Extender: TermAutomaton.IndexVisitor {
        let alternations: StemAlternations
        mutating func visit<Payload>(_ index: inout TermIndex<Payload>, _ kind: TermAutomaton.Kind) {
            // A mixed-in language's own terms (Russian in Kazakh) do not follow this language's morphology.
            guard ![.loanSentiment, .loanNegatorsBefore, .loanNegatorsAfter].contains(kind) else { return }
            alternations.extend(&index)
        }
    }
}
