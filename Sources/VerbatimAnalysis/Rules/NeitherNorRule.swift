import VerbatimCore

/// "Neither … nor" with an affirmative verb: `Ne özür dilediler ne de paramı iade ettiler` ("they neither
/// apologised nor refunded my money"), `Ne aradılar ne de mesaj attılar`. In a sentence where a `nor`
/// (`negation.tsv`: Turkish `ne de`) follows a `neither` (`ne`), each member from the first `neither` on
/// negates the first term after it (within the negation window, in its clause) when that is praise, and one
/// that reaches no term is a complaint on its own, as a negation word is (`UnattachedNegationRule`). A
/// sentence that negates otherwise, with a negation word or a negated verb (`Ne operatör ne de müdür bana
/// dönmedi`), is the colloquial concord of `ne … ne` with a negated verb: it says "not" once, and the
/// members do nothing. A lone `ne` is "what" (`Ne güzel bir hizmet`),
/// and `ne … ne` without `de` is left alone: it is as often "how …, how …" (`ne hızlı ne güzel`).
/// Runs after `NegationWordRule` and before `UnattachedNegationRule`.
struct NeitherNorRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .neitherNor = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Ne özür dilediler ne de paramı iade ettiler"),
            .init(language: .tr, text: "Ne ilgilendiler ne de yardımcı oldular"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Ne güzel bir hizmet"),
            .init(language: .tr, text: "Ne zaman arasam yardımcı oluyorlar"),
            .init(language: .tr, text: "Özür dilediler ve paramı iade ettiler"),
            .init(language: .tr, text: "Ne de güzel anlattınız"),
            .init(language: .tr, text: "Ne operatör ne de müdür bana yardımcı olmadı"),
        ])

    /// A member of the construction: where it stands, its words, whether it is a `nor`, and its entry.
    private struct Member { var start: Int; var length: Int; var nor: Bool; var name: String }

    func apply(to text: inout ScoredText) {
        guard !text.lex.norWords.isEmpty else { return }
        let members = Self.members(in: text)
        guard members.count >= 2 else { return }
        // Decided before any member negates: its own negation is not "elsewhere".
        let active = members.filter { Self.isActive($0, among: members, text.tokens) && !Self.isNegatedElsewhere(sentence: text.tokens[$0.start].sentence, text) }
        var added = false
        for m in active {
            let name = m.name
            if let h = text.firstTerm(after: m.start + m.length - 1) {
                // A complaint reached is left as it is: a member's first term is as often a noun of the sentence
                // (`Ne gecikme için bir açıklama yaptılar ne de …`, "they neither explained the delay nor …") as
                // what did not happen.
                guard text.hits[h].valence > 0 else { continue }
                text.hits[h].valence = text.constants.negated(text.hits[h].valence)
                text.hits[h].negations += 1
                text.note(h, .neitherNor(name))
            } else {
                text.addUnattachedNegation(at: m.start, named: name, .negationAlone)
                added = true
            }
        }
        guard added else { return }
        text.hits.sort { $0.start < $1.start }
        text.updateCoverage()
    }

    /// Whether the sentence negates by other means (a negation word or a negated verb, a term negated in any
    /// way): "neither … nor" with a negated verb is colloquial concord (`Ne operatör ne de müdür bana
    /// dönmedi`, "neither the agent nor the manager got back to me"), which says "not" once.
    private static func isNegatedElsewhere(sentence: Int, _ text: ScoredText) -> Bool {
        text.hits.contains { text.tokens[$0.start].sentence == sentence && $0.negations > 0 }
            || text.tokens.indices.contains { k in
                guard text.tokens[k].sentence == sentence else { return false }
                switch text.roles[k] {
                case .negatorBefore, .negatorAfter, .negatedVerb, .loanNegatorBefore, .loanNegatorAfter: return true
                default: return false
                }
            }
    }

    /// The words of the text that are members (`nor` first where both match: `ne de` over `ne`), outside hits.
    private static func members(in text: ScoredText) -> [Member] {
        // Each read in place: a copy of the whole lexicon would retain every index in it.
        let (nor, neither) = (text.lex.norBytes, text.lex.neitherBytes)
        // The byte lengths of the members' first words: most words have none of them, and are passed over on it.
        let lengths = text.lex.memberLengths
        let tokens = text.tokens
        // Most texts have no `nor` at all: one pass over the words' lengths says so before any is compared.
        guard tokens.indices.contains(where: { tokens[$0].kind == .word && lengths.contains(tokens[$0].form.count) && match(nor, at: $0, tokens) != nil })
        else { return [] }
        var found: [Member] = []
        var k = 0
        while k < tokens.count {
            guard tokens[k].kind == .word, lengths.contains(tokens[k].form.count), !text.covered[k] else { k += 1; continue }
            if let e = match(nor, at: k, tokens) {
                found.append(Member(start: k, length: nor[e].count, nor: true, name: text.lex.norWords[e].joined(separator: " "))); k += nor[e].count
            } else if let e = match(neither, at: k, tokens) {
                found.append(Member(start: k, length: neither[e].count, nor: false, name: text.lex.neitherWords[e].joined(separator: " "))); k += neither[e].count
            } else {
                k += 1
            }
        }
        return found
    }

    /// Whether member `m` is part of a "neither … nor": in its sentence a `neither` stands at or before it,
    /// and a `nor` after that `neither`.
    private static func isActive(_ m: Member, among members: [Member], _ tokens: TokenList) -> Bool {
        let sentence = tokens[m.start].sentence
        let same = members.filter { tokens[$0.start].sentence == sentence }
        guard let first = same.first(where: { !$0.nor }), first.start <= m.start else { return false }
        return same.contains { $0.nor && $0.start > first.start }
    }

    /// The position in `entries` (longest first) of the first whose words are the consecutive words at `k`, or nil.
    private static func match(_ entries: [[[UInt8]]], at k: Int, _ tokens: TokenList) -> Int? {
        entries.indices.first { e in
            k + entries[e].count <= tokens.count && entries[e].indices.allSatisfy { w in
                tokens[k + w].kind == .word && tokens[k + w].form.count == entries[e][w].count
                    && tokens.withForm(k + w) { $0.elementsEqual(entries[e][w]) }
            }
        }
    }
}
