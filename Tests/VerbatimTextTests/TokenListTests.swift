import Testing
import VerbatimCore
@testable import VerbatimText

/// A record's tokens are byte ranges of one buffer that starts with the text (`TokenList`).
@Suite("Token lists")
struct TokenListTests {
    @Test func aWordsSurfaceIsItsRangeOfTheTextAndAFoldedFormIsAppended() {
        let text = "Kargo GEÇ geldi, çoook kötü"
        let t = Tokenizer.tokenize(text)
        let words = t.indices.filter { t[$0].kind == .word }
        // Surfaces are where the words stand in the text, in UTF-8 bytes.
        let offsets = words.map { Int(t[$0].surface.start) }
        let expected = ["Kargo", "GEÇ", "geldi", "çoook", "kötü"].map { text.utf8.count - String(text[text.range(of: $0)!.lowerBound...]).utf8.count }
        #expect(offsets == expected)
        // A form that is the word as written shares its span; one that folding changed is appended after the text.
        let geldi = words[2], kargo = words[0]
        #expect(t[geldi].form == t[geldi].surface)
        #expect(t[kargo].form != t[kargo].surface && Int(t[kargo].form.start) >= text.utf8.count)
        #expect(t.form(kargo) == "kargo" && t.surface(kargo) == "Kargo")
        #expect(t.alternative(words[3]) == "çook" && t.form(words[3]) == "çok")
    }

    @Test func aNewFormForgetsTheLookUpAndLeavesOtherSpansReadingTheSame() {
        var t = Tokenizer.tokenize("berbat hizmet")
        t[0].lookup = TermLookup(automaton: 7, kinds: 1)
        let before = t
        t.setForm(0, "kötü")
        #expect(t.form(0) == "kötü" && t.surface(0) == "berbat" && t.form(1) == "hizmet")
        #expect(t[0].lookup == TermLookup(), "the mark of the old form is gone")
        #expect(before[0].formIsTokenizers && !t[0].formIsTokenizers, "and the memos know it is not the tokenizer's form any more")
        #expect(before.form(0) == "berbat", "a copy made before keeps its own text")
        #expect(t != before)
    }

    @Test func listsAreEqualWhenTheirTokensSayTheSameWhereverTheTextStands() {
        let a = Tokenizer.tokenize("iki saat bekledim")
        var b = Tokenizer.tokenize("iki saat bekledim")
        #expect(a == b)
        b.setForm(1, "dakika")
        #expect(a != b)
        b.setForm(1, "saat")
        #expect(a == b, "the same text again, at another place in the buffer")
        var c = a
        c[2].clause = 1
        #expect(a != c, "fields other than text count too")
    }

    @Test func aTokenAloneIsLookedUpOnItsOwnAndCommasAreToldByTheirByte() {
        let t = Tokenizer.tokenize("hızlı, güzel")
        let one = t.alone(2)
        #expect(one.count == 1 && one.form(0) == "güzel")
        #expect(t.isComma(at: 1) && !t.isComma(at: 0))
        #expect(Tokenizer.tokenize("a ; b").indices.allSatisfy { !Tokenizer.tokenize("a ; b").isComma(at: $0) })
    }
}
