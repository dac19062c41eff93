import VerbatimCore

/// Negation words (`değil`, `емес`, `биш`, `nije`, and Russian `не` for Russian words only): each
/// negates the nearest term within `window` words of it in its clause, not across a comma. A negated
/// verb right after a term negates it too (`sorunla karşılaşmadım`: no problem), and so does a complaint
/// that is a negated verb right after praise (`hızlı gelmedi`, `тез келмеді`: what did not happen was
/// the praise). Praise of one theme (an aspect phrase, `zamanında`) takes a negation word before it
/// (`niste vratili novac`) and a negator right after it (`zamanında değil`, `zamanında gelmedi`), not one
/// further after. Praise right after a complaint that begins with a negation word is negated too (`nije
/// stigao na vreme`). Several negators on
/// one term count once. A term with a negative-polarity word in it (`енді ешқашан`, "never again") is not
/// negated by the negated verb after it, which it was written for (`енді ешқашан алмаймын`). A term that is itself negated, beginning with a negation word (`ne radi`,
/// `nisu odgovorili`, `не работает`), is not negated again by one before it: `nikad ne radi`, "it
/// never works", is negative concord, not a double negation.
struct NegationWordRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .negation = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Hizmet iyi değil"),
            .init(language: .tr, text: "Personel kibar değil"),
            .init(language: .kk, text: "Қызмет жақсы емес"),
            .init(language: .mn, text: "Үйлчилгээ сайн биш"),
            .init(language: .sr, text: "Usluga nije dobra"),
            .init(language: .tr, text: "Kargo zamanında gelmedi"),
            .init(language: .kk, text: "Тапсырыс тез келмеді"),
            .init(language: .kk, text: "Оператор дұрыс түсіндірмеді"),
            .init(language: .sr, text: "Paket nije stigao na vreme"),
            .init(language: .sr, text: "Zašto mi još niste vratili novac?"),
            .init(language: .tr, text: "Teslimat zamanında değil"),
            .init(language: .tr, text: "Kargo dediği gibi gelmedi"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Hizmet iyi"),
            .init(language: .kk, text: "Қызмет жақсы"),
            .init(language: .sr, text: "Usluga je dobra"),
            .init(language: .sr, text: "Aplikacija nikad ne radi"),
            .init(language: .sr, text: "Na mejl mi nikad nisu odgovorili"),
            .init(language: .tr, text: "Kargo hızlı, ürün gelmedi"),
            .init(language: .tr, text: "İki gündür açılmıyor"),
            .init(language: .tr, text: "Zamanında geldi"),
            .init(language: .kk, text: "Қызметкер сыпайы күттірмеді"),
            .init(language: .kk, text: "Енді ешқашан сатып алмаймын"),
            .init(language: .mn, text: "Дахиж хэзээ ч авахгүй"),
        ])

    func apply(to text: inout ScoredText) {
        for h in text.hits.indices where text.hits[h].kind == .term && (text.hits[h].negatable || isThemePraise(h, text)) {
            var (before, after) = text.hits[h].negatable ? negators(of: h, in: &text) : themePraiseNegators(of: h, in: &text)
            if before.isEmpty, after == nil, let k = negatedComplaintRightBefore(h, in: text) { before = [k] }
            if after == nil, !before.isEmpty, beginsNegated(h, text) { continue }
            if before.isEmpty, after != nil, hasConcordWord(h, text) { continue }
            if !before.isEmpty || after != nil {
                text.hits[h].valence = text.constants.negated(text.hits[h].valence)
                text.hits[h].negations += 1
                if text.explains {
                    // In text order: the negators before the hit were found walking back from it.
                    let words = (before.reversed() + [after].compactMap { $0 }).map { negator(at: $0, in: text) }
                    text.note(h, .negation(words.count == 1 ? words[0] : words.joined(separator: " ")))
                }
            }
        }
    }

    /// Whether hit `h`'s first word is a negation word that stands before what it negates (`ne`, `nije`;
    /// Russian `не` for a Russian term): the term is a negated idiom.
    private func beginsNegated(_ h: Int, _ text: ScoredText) -> Bool {
        let start = text.hits[h].start
        // Read in place: choosing the index into a local copies it, with its references.
        if text.hits[h].loan { return text.lex.loanNegatorsBefore.longestMatch(in: text.tokens, at: start) != nil }
        return text.lex.negatorsBefore.longestMatch(in: text.tokens, at: start) != nil
    }

    /// Whether hit `h` has a negative-polarity word in it (`енді ешқашан`, `дахиж хэзээ ч`, `bir daha
    /// asla`: `concord` in `negation.tsv`): it was written for the negated verb that follows it, which is
    /// negative concord ("never will I buy"), not a negation of "never".
    private func hasConcordWord(_ h: Int, _ text: ScoredText) -> Bool {
        let start = text.hits[h].start
        return (start..<(start + text.hits[h].length)).contains { text.lex.concordWords.longestMatch(in: text.tokens, at: $0) != nil }
    }

    /// A negator as its explanation shows it: its entry, or a negated verb as written.
    private func negator(at k: Int, in text: ScoredText) -> String {
        switch text.roles[k] {
        // A negated verb, or the first word of a term (`nije` of `nije stigao`, `gelmedi`): as written.
        case .negatedVerb, .none: text.tokens.surface(k)
        default: text.word(of: text.roles[k])
        }
    }

    /// Whether hit `h` is praise of one theme (an aspect phrase: `zamanında`, `dediği gibi`, `na vreme`),
    /// which words do not negate as a rule (`iki gündür açılmıyor` is not "not two days"), but a negation
    /// word before it or a negator right after it does: `zamanında değil`, `zamanında gelmedi`, `nije
    /// stigao na vreme`, `niste vratili novac`, `nije bilo kao što su obećali` say that it did not happen.
    private func isThemePraise(_ h: Int, _ text: ScoredText) -> Bool {
        text.hits[h].aspect != nil && text.hits[h].valence > 0
    }

    /// Whether hit `h` is praise that a negated verb beside it negates: hand-written (a learned word is
    /// often a noun, `тауар келмеді`, which a negated verb after it does not negate), or of one theme.
    private func isPraiseOfWhatHappened(_ h: Int, _ text: ScoredText) -> Bool {
        text.hits[h].valence > 0 && (text.hits[h].aspect != nil || text.hits[h].handWritten)
    }

    /// The negator right after hit `h` (a negation word, a negated verb, a complaint that is a negated
    /// verb), in its clause, marked as used.
    private func negatorRightAfter(_ h: Int, in text: inout ScoredText) -> Int? {
        let k = text.hits[h].start + text.hits[h].length
        guard k < text.tokens.count, text.tokens[k].kind == .word, text.tokens[k].clause == text.hits[h].clause else { return nil }
        switch text.roles[k] {
        case .negatorAfter, .negatedVerb: text.usedNegator[k] = true; return k
        default: return negatedVerbTerm(at: k, after: h, in: text) ? k : nil
        }
    }

    /// Whether a negated verb that is a term of its own (a complaint, `gelmedi`, `келмеді`, `жеткізбеді`, or
    /// praise negated inside the word, `çözmediler`, `түсіндірмеді`) starts at word `k`, right after praise
    /// `h`: then the praise is what did not happen (`zamanında gelmedi`, "did not come on time"; `тез
    /// келмеді`; `дұрыс түсіндірмеді`), and is negated as before a negated verb that is no term (`hızlı
    /// yapmadılar`). The verb keeps its own valence.
    private func negatedVerbTerm(at k: Int, after h: Int, in text: ScoredText) -> Bool {
        guard isPraiseOfWhatHappened(h, text) else { return false }
        // In text order (`negatedComplaintRightBefore`): the hit after is `h + 1`.
        let n = h + 1
        // A complaint (`gelmedi`), or praise negated inside the word (`түсіндірмеді` under `түсіндір*`); not
        // a complaint negated inside the word, which is praise (`сыпайы күттірмеді`, "polite, did not keep
        // me waiting").
        guard n < text.hits.count, text.hits[n].start == k, text.hits[n].kind == .term,
              (text.hits[n].base < 0) != (text.hits[n].affixNegation != nil) else { return false }
        return text.lexicon.automaton.negatedEnding(of: text.tokens, at: k) != nil
    }

    /// The first word of a complaint that begins with a negation word and ends right before praise `h`, in
    /// its clause (`nije stigao na vreme`, "did not arrive on time"; `nisu odgovorili brzo`): where the
    /// negation word stands before the verb, the praise after the verb is what did not happen.
    private func negatedComplaintRightBefore(_ h: Int, in text: ScoredText) -> Int? {
        // The hits are in text order here (the term finder's, the aspects sorted in): the one before is `h - 1`.
        guard h > 0, isPraiseOfWhatHappened(h, text) else { return nil }
        let p = h - 1
        guard text.hits[p].start + text.hits[p].length == text.hits[h].start, text.hits[p].kind == .term, text.hits[p].base < 0,
              text.hits[p].clause == text.hits[h].clause, beginsNegated(p, text)
        else { return nil }
        return text.hits[p].start
    }

    /// The positions of the negators before and after hit `h` that reach it, marked as used.
    private func negators(of h: Int, in text: inout ScoredText) -> (before: [Int], after: Int?) {
        // One copy of the tokens for both sides (a copy retains and releases their buffers).
        let tokens = text.tokens
        let before = negatorsBefore(h, tokens, in: &text)
        return (before, negatorAfter(h, tokens, in: &text))
    }

    /// The negators of theme praise `h` (`isThemePraise`): negation words before it, a negator right after it.
    private func themePraiseNegators(of h: Int, in text: inout ScoredText) -> (before: [Int], after: Int?) {
        let tokens = text.tokens
        let before = negatorsBefore(h, tokens, in: &text)
        return (before, negatorRightAfter(h, in: &text))
    }

    /// The negation words before hit `h` within the window, in its clause and not across a comma ("qabıldamadı,
    /// sebebin de aytpadı": a comma separates predicates), marked as used.
    @inline(__always) private func negatorsBefore(_ h: Int, _ tokens: TokenList, in text: inout ScoredText) -> [Int] {
        let window = text.constants.window
        // The hit's fields, not the hit: a copy of it would retain its strings.
        let hit = (start: text.hits[h].start, clause: text.hits[h].clause, loan: text.hits[h].loan)
        var before: [Int] = []
        var distance = 0
        var k = hit.start - 1
        while k >= 0, distance < window, tokens[k].clause == hit.clause, !text.covered[k], !tokens.isComma(at: k) {
            if tokens[k].kind == .word { distance += 1 } else { k -= 1; continue }
            if case .negatorBefore = text.roles[k] { before.append(k); text.usedNegator[k] = true }
            if hit.loan, case .loanNegatorBefore = text.roles[k] { before.append(k) }
            k -= 1
        }
        return before
    }

    /// The negator after hit `h` that reaches it: a negation word within the window, a negated verb right
    /// after it, or a negated verb that is a term of its own right after praise; marked as used.
    @inline(__always) private func negatorAfter(_ h: Int, _ tokens: TokenList, in text: inout ScoredText) -> Int? {
        let window = text.constants.window
        let hit = (start: text.hits[h].start, length: text.hits[h].length, clause: text.hits[h].clause, loan: text.hits[h].loan)
        var distance = 0
        var k = hit.start + hit.length
        if k < tokens.count, tokens[k].clause == hit.clause, negatedVerbTerm(at: k, after: h, in: text) { return k }
        while k < tokens.count, distance < window, tokens[k].clause == hit.clause, !text.covered[k], !tokens.isComma(at: k) {
            if tokens[k].kind == .word { distance += 1 } else { k += 1; continue }
            if case .negatorAfter = text.roles[k] { text.usedNegator[k] = true; return k }
            if hit.loan, case .loanNegatorAfter = text.roles[k] { return k }
            // A negated verb negates only the word right before it ("sorunla karşılaşmadım").
            if case .negatedVerb = text.roles[k], distance == 1 { text.usedNegator[k] = true; return k }
            k += 1
        }
        return nil
    }
}
