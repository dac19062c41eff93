import Testing
import VerbatimTestSupport
import VerbatimCore
@testable import VerbatimReports

@Suite("Evidence strings")
struct EvidenceStringTests {
    /// What a row shows: at most 300 characters (grapheme clusters), then `…`.
    static func reference(_ text: String) -> String { text.count > 300 ? String(text.prefix(300)) + "…" : text }

    @Test(arguments: [
        "harika +3",
        String(repeating: "a", count: 300),
        String(repeating: "a", count: 301),
        String(repeating: "ж", count: 299),  // 598 bytes, 299 characters
        String(repeating: "ж", count: 301),
        String(repeating: "e\u{301}", count: 250),  // 500 scalars, 250 characters
        String(repeating: "e\u{301}", count: 301),
        String(repeating: "👍🏽", count: 299) + "ab",  // two scalars per character
        String(repeating: "x", count: 299) + "🇹🇷🇰🇿",  // the 300th character is a flag of two scalars
    ])
    func aLongLineIsCutAtItsThreeHundredthCharacter(_ text: String) {
        #expect(RecordRowFormatter.truncated(text, to: 300) == Self.reference(text))
    }

    /// The cut read as scalars (`lead`) is the cut by characters whenever it is taken: random texts of
    /// letters that stand alone, mixed with combining marks, joiners, skin tones, flags and CR LF, at every length
    /// around the limit.
    @Test func theScalarCutAgreesWithTheCharacterCut() {
        var rng = SplitMix(state: 42)
        let alone = ["a", "Z", " ", "ş", "ğ", "İ", "ж", "Ә", "ү", "ђ", "č", "–", "…", "₸", "→", "−", "\n", "\t", "ʻ", "!"]
        let joining = ["e\u{301}", "\u{200D}", "👍🏽", "🇹🇷", "\r\n", "\u{FE0F}", "и\u{306}", "\u{483}"]
        var cutByScalars = 0, walkedAsCharacters = 0
        for round in 0..<400 {
            let limit = [1, 2, 5, 20][round % 4]
            let length = limit + Int.random(in: -1...3, using: &rng)
            var text = ""
            for _ in 0..<max(0, length) {
                let rare = Int.random(in: 0..<10, using: &rng) == 0
                text += rare ? joining.randomElement(using: &rng)! : alone.randomElement(using: &rng)!
            }
            let reference = text.count > limit ? String(text.prefix(limit)) + "…" : text
            #expect(RecordRowFormatter.truncated(text, to: limit) == reference, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            switch RecordRowFormatter.lead(text, limit: limit) {
            case .cut: cutByScalars += 1
            case .joining: walkedAsCharacters += 1
            case .short: break
            }
        }
        #expect(cutByScalars > 50, "the scalar cut is taken often enough to be tested")
        #expect(walkedAsCharacters > 50, "so is the walk by characters")
    }

    @Test func theLineJoinsEachPieceAsItsSummaryShowsIt() {
        let pieces = [
            Evidence(term: "kötü", baseValence: -2.5, finalValence: 1.05, rules: [.negation("değil"), .intensifier("çok")], clause: 0),
            Evidence(term: "berbat*", baseValence: -3.124, finalValence: -3.124, rules: [], clause: 1, learned: "n_pos=3 n_neg=140; hand -3"),
            Evidence(term: "!", baseValence: 0, finalValence: 0.29, rules: [.emphasis(bangs: 1)], clause: -1),
            Evidence(term: "iyi", baseValence: 0.07, finalValence: 2, rules: [], clause: 0),
        ]
        #expect(pieces.map(\.summary) == [
            "kötü -2.5 [negation(değil), intensifier(çok)] → +1.05", "berbat* -3.12 learned(n_pos=3 n_neg=140; hand -3)",
            "! 0 [emphasis(!×1)] → +0.29", "iyi +0.07 → +2",
        ])
        #expect(Evidence.line(pieces) == pieces.map(\.summary).joined(separator: "; "))
        #expect(Evidence.line([]) == "")
    }
}

/// Rule marks are values until a row is written: each kind's text, as `--explain`, `records.csv` and the
/// scripts that read them (`scripts/layer_rules.py`) expect it.
@Suite("Rule marks")
struct RuleMarkTests {
    @Test func eachMarkIsWrittenAsTheEvidenceShowsIt() {
        let marks: [(RuleMark, String)] = [
            (.negation("nije nimalo"), "negation(nije nimalo)"), (.affixNegation("-ma"), "negation(-ma)"), (.affixNegation("ne-"), "negation(ne-)"),
            (.intensifier("çok"), "intensifier(çok)"), (.dampener("biraz"), "dampener(biraz)"),
            (.contrastAfter("ama"), "contrast(after ama)"), (.contrastBefore("ali"), "contrast(before ali)"),
            (.concession("iako"), "concession(iako)"), (.mainClause("gerçi"), "main clause(gerçi)"),
            (.caps, "caps"), (.elongation, "elongation"), (.pair, "pair"), (.ruleWord, "rule word"), (.rating, "rating"),
            (.negationAlone, "negation without a sentiment word"), (.negatedVerb, "negated verb"), (.emphasis(bangs: 12), "emphasis(!×12)"),
            (.aspect(theme: "wait_time"), "aspect(wait_time)"), (.aspectCue(theme: "wait_time"), "aspect cue(wait_time)"),
            (.aspectOutcome(theme: "promises"), "aspect outcome(promises)"), (.sarcasm("yine"), "sarcasm(yine)"), (.irony("(!)"), "irony((!))"),
            (.cannotHelp("-mam elde değil"), "cannot help(-mam elde değil)"), (.neitherNor("ne de"), "neither nor(ne de)"),
        ]
        for (mark, text) in marks { #expect(mark.description == text) }
        #expect(marks.filter(\.0.isNegation).map(\.1) == [
            "negation(nije nimalo)", "negation(-ma)", "negation(ne-)", "negation without a sentiment word", "negated verb", "neither nor(ne de)",
        ])
    }
}
