import Testing
import VerbatimCore
@testable import VerbatimText

@Suite("Text cleaning")
struct TextCleanerTests {
    @Test func markupAndEntitiesAreRemoved() {
        #expect(TextCleaner.clean("<p>Harika&nbsp;hizmet</p><br/>teşekkürler &amp; iyi günler &#128077;") == "Harika hizmet teşekkürler & iyi günler 👍")
    }

    @Test func heartEmoticonAndStrayAngleBracketsSurvive() {
        #expect(TextCleaner.clean("I <3 you, 2 < 3") == "I <3 you, 2 < 3")
    }

    @Test func zeroWidthAndControlCharactersAreFolded() {
        #expect(TextCleaner.clean("a\u{200B}b\u{00AD}c\t\t d\r\n\u{0007}e  ") == "abc d e")
    }

    @Test func nfc() {
        // "ş" as s + combining cedilla becomes the precomposed letter.
        #expect(TextCleaner.clean("s\u{0327}ikayet") == "şikayet")
    }
}

@Suite("Per-language folding")
struct LanguageFoldingTests {
    @Test func turkishDottedAndDotlessI() {
        #expect(LanguageFolding.turkishLower("İLGİSİZ PERSONEL") == "ilgisiz personel")
        #expect(LanguageFolding.turkishLower("IŞIK") == "ışık")
        #expect(LanguageFolding.turkishLower("İstanbul").unicodeScalars.allSatisfy { $0.value != 0x0307 })
        #expect(LanguageFolding.turkishUpper("ilgisiz ışık") == "İLGİSİZ IŞIK")
        #expect(LanguageFolding.turkishLower("Hâlâ") == "hala")
    }

    @Test func defaultLowerNeverLeavesACombiningDot() {
        #expect(LanguageFolding.defaultLower("İYİ") == "iyi")
    }

    @Test func serbianTransliterationBothWays() {
        #expect(LanguageFolding.serbianToLatin("Љубазна и стручна, ђак, џеп, ћуфте, њива") == "Ljubazna i stručna, đak, džep, ćufte, njiva")
        #expect(LanguageFolding.serbianToCyrillic("ljubazna i stručna, đak, džep, ćufte, njiva") == "љубазна и стручна, ђак, џеп, ћуфте, њива")
    }

    @Test func kazakhTypedWithoutItsLettersOrInLatinMeetsTheLexicon() {
        let key = LanguageFolding.fold("ұнады", for: .kk)
        #expect(LanguageFolding.fold("унады", for: .kk) == key, "Russian keyboard")
        #expect(LanguageFolding.fold("unadi", for: .kk) == key, "Latin letters")
        #expect(LanguageFolding.fold("ūnady", for: .kk) == key, "the 2021 alphabet")
        #expect(LanguageFolding.fold("únady", for: .kk) == key, "the 2018 alphabet")
        #expect(LanguageFolding.fold("kóńilim", for: .kk) == LanguageFolding.fold("көңілім", for: .kk))
        #expect(LanguageFolding.fold("qyzmet", for: .kk) == LanguageFolding.fold("қызмет", for: .kk))
        #expect(LanguageFolding.fold("Рахмет", for: .kk) == "рахмет")
    }

    @Test func serbianScriptsAndDiacriticLessSpellingsMeet() {
        let key = LanguageFolding.serbianKey("čekao")
        #expect(LanguageFolding.serbianKey("чекао") == key)
        #expect(LanguageFolding.serbianKey("cekao") == key)
        #expect(LanguageFolding.serbianKey("ЧЕКАО") == key)
        #expect(LanguageFolding.serbianKey("loša") == LanguageFolding.serbianKey("losa"))
        #expect(LanguageFolding.serbianKey("đubre") == LanguageFolding.serbianKey("djubre"))
        #expect(LanguageFolding.serbianKey("џеп") == LanguageFolding.serbianKey("dzep"))
    }
}

@Suite("Tokenizer")
struct TokenizerTests {
    func forms(_ s: String) -> [String] { Tokenizer.tokenize(s).map(\.form) }

    @Test func emojiZWJSequencesAndSkinTonesAreOneToken() {
        let t = Tokenizer.tokenize("teşekkürler 👍🏽 👨‍👩‍👧 ❤️🇹🇷")
        let emoji = t.filter { $0.kind == .emoji }
        #expect(emoji.map(\.form) == ["👍", "👨‍👩‍👧", "❤", "🇹🇷"])
        #expect(emoji[0].surface == "👍🏽")
    }

    @Test func emoticons() {
        let t = Tokenizer.tokenize("super :) ali :( i :D <3 http://x.y/a:b")
        #expect(t.filter { $0.kind == .emoticon }.map(\.form) == [":)", ":(", ":d", "<3"], "emoticons are looked up lower-case")
        #expect(Tokenizer.tokenize("harika :)))))").last?.form == ":)))")
        for (text, form) in [(":DDD", ":d"), ("xDD", "xd"), ("<333", "<3"), ("süper :DD!", ":d")] {
            let emoticons = Tokenizer.tokenize(text).filter { $0.kind == .emoticon }
            #expect(emoticons.map(\.form) == [form], "\(text)")
        }
        #expect(Tokenizer.tokenize("3:DD").allSatisfy { $0.kind != .emoticon }, "not inside a word")
        #expect(t.contains { $0.kind == .url && $0.surface == "http://x.y/a:b" })
    }

    @Test func elongationIsSqueezedAndRemembered() {
        let t = Tokenizer.tokenize("çoooook güzel, өтеее жақсы, suuuper, mükemmel")
        #expect(t.filter { $0.kind == .word }.map(\.form) == ["çok", "güzel", "өте", "жақсы", "super", "mükemmel"])
        #expect(t[0].emphasis.contains(.elongated))
        #expect(!t[1].emphasis.contains(.elongated))
        let doubled = Tokenizer.tokenize("mükemmmmel удааан")
        #expect(doubled.map(\.alternative) == ["mükemmel", "удаан"], "runs squeezed to two letters are tried too")
    }

    @Test func allCapsIsEmphasisOnlyInMixedText() {
        let mixed = Tokenizer.tokenize("Temsilci BERBAT davrandı")
        #expect(mixed[1].emphasis.contains(.allCaps))
        #expect(!mixed[0].emphasis.contains(.allCaps))
        let shouting = Tokenizer.tokenize("HERŞEY BERBAT")
        #expect(shouting.allSatisfy { !$0.emphasis.contains(.allCaps) })
    }

    @Test func apostropheSuffixesSplitOff() {
        let t = Tokenizer.tokenize("Ayşe'ye ve Ayşe’nin ekibine")
        #expect(t.map(\.form) == ["ayşe", "ye", "ve", "ayşe", "nin", "ekibine"])
        #expect(t[1].emphasis.contains(.apostropheSuffix))
    }

    @Test func hashtagsMentionsAndCamelCaseSplit() {
        let t = Tokenizer.tokenize("@Turkcell #KötüHizmet #rezalet")
        #expect(t[0].kind == .mention)
        #expect(t[1].kind == .hashtag)
        #expect(t.filter { $0.kind == .word }.map(\.surface) == ["Kötü", "Hizmet", "rezalet"])
    }

    @Test func sentencesStartNewClausesButDatesDoNot() {
        let t = Tokenizer.tokenize("Geldim 21.11.2026 tarihinde. Kimse yok!! Neden?")
        let words = t.filter { $0.kind == .word }
        #expect(words.map(\.clause) == [0, 0, 1, 1, 2])
        #expect(t.contains { $0.kind == .number && $0.surface == "21.11.2026" })
        let typo = Tokenizer.tokenize("geldi.ama kimse yok")
        #expect(typo.filter { $0.kind == .word }.map(\.clause) == [0, 1, 1, 1], "a dot without a space still ends a sentence")
    }

    @Test func noCrashOnOddInput() {
        for s in ["", "!!!", "\u{FFFD}\u{FFFD}", String(repeating: "a", count: 100_000), "‍", "🏽", ":", "#", "@"] {
            _ = Tokenizer.tokenize(s)
        }
    }
}

@Suite("Clauses and contrast")
struct ClauseTests {
    @Test func contrastStartsAClause() {
        var t = Tokenizer.tokenize("Temsilci kibardı ama bekleme çok uzundu. Yine de teşekkürler")
        LanguageIdentificationStage.refold(&t, for: .tr)
        LanguageIdentificationStage.markClauses(&t, contrast: [["ama"], ["yine", "de"]])
        let words = t.filter { $0.kind == .word || $0.kind == .contrast }
        #expect(words.map(\.clause) == [0, 0, 1, 1, 1, 1, 2, 2, 2])
        #expect(words.filter { $0.kind == .contrast }.map(\.form) == ["ama", "yine", "de"])
    }
}

@Suite("NFC shortcut")
struct NFCShortcutTests {
    @Test func textThatNFCWouldChangeIsDetected() {
        for s in ["s\u{0327}", "e\u{0301}", "\u{212B}", "\u{1100}\u{1161}", "и\u{0306}"] {
            #expect(TextCleaner.mayNeedComposition(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func precomposedTextIsLeftAlone() {
        for s in ["Çok güzel şikâyet", "Қызмет көрсету", "Үйлчилгээ", "Ђаци љубазни", "“quoted” – dash…", "👍🏽 ❤️"] {
            #expect(!TextCleaner.mayNeedComposition(s))
            #expect(s.precomposedStringWithCanonicalMapping == s)
        }
    }
}
