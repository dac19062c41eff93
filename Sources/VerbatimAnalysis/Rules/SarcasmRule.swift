import VerbatimCore

/// Sarcastic praise: praise standing alone between commas (`Harika,`, `Керемет,`, `, bravo majstori`),
/// beside a part of the same clause that says something bad happened again or still goes on (`yine`, `тағы
/// да`, `дахиад`, `opet`, `опять`; `hâlâ`, `әлі`, `još uvek`, `до сих пор`: `<lang>/again.tsv`), means the
/// opposite of itself. Every positive term and emoji of
/// the two parts turns negative (`Harika, yine internet kesildi 👏`; `Opet nestalo struje, bravo
/// majstori`). Praise with nothing bad beside it (`Süper, yine çok hızlı geldi`), and praise that is not
/// alone in its part (`Yine internet kesildi ama teknisyen harikaydı`), are left alone.
struct SarcasmRule: SentimentRule {
    static func marks(_ mark: RuleMark) -> Bool { if case .sarcasm = mark { true } else { false } }

    static let examples = RuleExamples(
        triggering: [
            .init(language: .tr, text: "Harika, yine internet kesildi 👏"),
            .init(language: .kk, text: "Керемет, тағы да интернет жоқ"),
            .init(language: .sr, text: "Super, opet nema struje"),
            .init(language: .mn, text: "Гайхалтай, дахиад л интернет тасарлаа"),
            .init(language: .kk, text: "Отлично, опять не работает приложение"),
            .init(language: .sr, text: "Супер, опет не ради апликација"),
            .init(language: .sr, text: "Opet nestalo struje u celom kraju, bravo majstori"),
            .init(language: .tr, text: "Yine internet kesildi, tebrikler 👏"),
            .init(language: .tr, text: "Harika, hâlâ internet yok"),
            .init(language: .sr, text: "Bravo, još uvek nema struje"),
            .init(language: .kk, text: "Спасибо, до сих пор не работает"),
        ],
        nonTriggering: [
            .init(language: .tr, text: "Süper, yine çok hızlı geldi"),
            .init(language: .tr, text: "Yine internet kesildi ama teknisyen harikaydı"),
            .init(language: .tr, text: "Harika bir hizmet, internet kesildi ama hemen düzeldi"),
            .init(language: .tr, text: "Teşekkürler, internet kesildi"),
            .init(language: .tr, text: "Çok güzel, tekrar arayacağım"),
            .init(language: .tr, text: "Kurgu mükemmel, oyunculuk çok iyi, yine de bazı sahneler sıkıcı"),
            .init(language: .tr, text: "Harika, yine de bazı sorunlar var"),
            .init(language: .tr, text: "Yine internet kesildi, teknisyen geldi ve hemen düzeltti, teşekkürler"),
            .init(language: .kk, text: "Тауар уақытылы жеткізілді, әлі қолданған жоқпын"),
            .init(language: .kk, text: "Ақшамды әлі қайтармады, хотя кешірім сұрады"),
            .init(language: .tr, text: "Başka bir sorunum olursa yine sizi ararım, teşekkürler"),
        ])

    /// The most words praise standing alone may have, the praise word included (`Harika`, `Çok güzel`,
    /// `bravo majstori`, `Teşekkürler Turkcell`).
    static let praiseWords = 3
    /// How strong praise must be to be read as sarcastic (`harika` +3, `bravo` +3, `teşekkür*` +2; not
    /// a learned word's few tenths), and a complaint beside it (`kesil*` −1.5, `nema struje` −2).
    static let praiseStrength = 1.5
    static let complaintStrength = 1.0

    func apply(to text: inout ScoredText) {
        // An "again" word, and praise strong enough to be sarcastic (most texts with the one lack the other).
        guard text.wordKinds & TermAutomaton.Kind.againWords.bit != 0,
              text.hits.indices.contains(where: { text.hits[$0].kind == .term && text.hits[$0].valence >= Self.praiseStrength })
        else { return }
        let parts = text.tokens.parts()
        for k in parts.indices.dropLast() where text.tokens[parts[k].lowerBound].clause == text.tokens[parts[k + 1].lowerBound].clause {
            let (a, b) = (parts[k], parts[k + 1])
            if let again = sarcasm(praise: a, complaint: b, text) ?? sarcasm(praise: b, complaint: a, text) {
                flip(a.lowerBound..<b.upperBound, again, &text)
            }
        }
    }

    /// The "again" word that makes `praise` sarcastic beside `complaint`, when it does: `praise` is praise
    /// alone, and `complaint` holds an "again" word and a complaint.
    private func sarcasm(praise: Range<Int>, complaint: Range<Int>, _ text: ScoredText) -> String? {
        guard isPraiseAlone(praise, text), let again = againWord(in: complaint, text) else { return nil }
        // A complaint there, other than an aspect entry made of the word itself, which says only that it
        // happens again (`tekrar ara*`: "Çok güzel, tekrar arayacağım"; not `opet ne radi`, a complaint).
        // A complaint of the lexicon; not a negation with nothing to negate, which an "again" or "still" word
        // beside it makes "not yet" (`әлі қолданған жоқпын`, "I have not used it yet").
        // Not a complaint a real condition supposes (`Başka bir sorunum olursa yine sizi ararım, teşekkürler`:
        // "if I have another problem I'll call you again, thanks").
        let supposed = ConditionRule.mayHaveCondition(text) ? ConditionRule.conditions(in: complaint, text).map(\.0) : []
        for h in text.hits.indices where complaint.contains(text.hits[h].start) && text.hits[h].valence <= -Self.complaintStrength
            && text.hits[h].kind != .unattachedNegation {
            let start = text.hits[h].start
            if supposed.contains(where: { $0.contains(start) }) { continue }
            if text.hits[h].aspect == nil || !(start..<(start + text.hits[h].length)).contains(again.at) { return again.word }
        }
        return nil
    }

    /// Turns every positive term and emoji that starts in `range` negative.
    private func flip(_ range: Range<Int>, _ again: String, _ text: inout ScoredText) {
        for h in text.hits.indices where range.contains(text.hits[h].start) && text.hits[h].valence > 0 {
            text.turnAround(h, .sarcasm(again))
        }
    }

    /// Whether `part` is praise alone: a few words, a positive term among them, nothing negative, and no
    /// contrast or concessive word (`, хотя кешірім сұрады`, "though they apologised", is a concession).
    private func isPraiseAlone(_ part: Range<Int>, _ text: ScoredText) -> Bool {
        var words = 0
        for j in part where text.tokens[j].kind == .word || text.tokens[j].kind == .contrast {
            words += 1
            if words > Self.praiseWords || text.tokens[j].kind == .contrast { return false }
        }
        var strong = false
        for h in text.hits.indices where part.contains(text.hits[h].start) {
            let valence = text.hits[h].valence
            if valence <= 0 { return false }
            if text.hits[h].kind == .term && valence >= Self.praiseStrength { strong = true }
        }
        return strong && !part.contains { text.tokens[$0].kind == .word && text.lex.concessives.longestMatch(in: text.tokens, at: $0) != nil }
    }

    /// The first word of `range` that says "again": as its data file writes it, and where.
    private func againWord(in range: Range<Int>, _ text: ScoredText) -> (word: String, at: Int)? {
        for j in range where text.tokens[j].kind == .word {
            if let m = text.lex.againWords.longestMatch(in: text.tokens, at: j) { return (m.text, j) }
        }
        return nil
    }
}
