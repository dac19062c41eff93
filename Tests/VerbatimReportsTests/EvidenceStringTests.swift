import Testing
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

    @Test func theLineJoinsEachPieceAsItsSummaryShowsIt() {
        let pieces = [
            Evidence(matched: "kötü", term: "kötü", baseValence: -2.5, finalValence: 1.05, rules: ["negation(değil)", "intensifier(çok)"], clause: 0),
            Evidence(matched: "berbat", term: "berbat*", baseValence: -3.124, finalValence: -3.124, rules: [], clause: 1, learned: "n_pos=3 n_neg=140; hand -3"),
            Evidence(matched: "!", term: "!", baseValence: 0, finalValence: 0.29, rules: ["emphasis(!×1)"], clause: -1),
            Evidence(matched: "iyi", term: "iyi", baseValence: 0.07, finalValence: 2, rules: [], clause: 0),
        ]
        #expect(pieces.map(\.summary) == [
            "kötü -2.5 [negation(değil), intensifier(çok)] → +1.05", "berbat* -3.12 learned(n_pos=3 n_neg=140; hand -3)",
            "! 0 [emphasis(!×1)] → +0.29", "iyi +0.07 → +2",
        ])
        #expect(Evidence.line(pieces) == pieces.map(\.summary).joined(separator: "; "))
        #expect(Evidence.line([]) == "")
    }
}
