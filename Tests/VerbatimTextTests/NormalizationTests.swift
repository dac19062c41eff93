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

    /// Mongolian typed in Latin letters as people chat: digraphs, `e` as `э`, `i` after a vowel as `й`.
    @Test func mongolianTypedInLatinMeetsTheLexicon() {
        #expect(LanguageFolding.mongolianLatinToCyrillic("bayarlalaa") == "баярлалаа")
        #expect(LanguageFolding.mongolianLatinToCyrillic("baina") == "байна", "i between a vowel and a consonant")
        #expect(LanguageFolding.mongolianLatinToCyrillic("baihgui") == "байхгуй", "and at the end after a vowel")
        #expect(LanguageFolding.mongolianLatinToCyrillic("zeeliin") == "зээлийн")
        #expect(LanguageFolding.mongolianLatinToCyrillic("tsag") == "цаг" && LanguageFolding.mongolianLatinToCyrillic("yaaj") == "яаж")
        #expect(LanguageFolding.mongolianLatinToCyrillic("сайн") == "сайн", "Cyrillic is left as it is")
        #expect(LanguageFolding.fold("Uilchilgee", for: .mn) == LanguageFolding.fold("үйлчилгээ", for: .mn), "ү typed as u")
        #expect(LanguageFolding.fold("eeldeg", for: .mn) == LanguageFolding.fold("эелдэг", for: .mn), "е and э meet")
        #expect(LanguageFolding.fold("qgqq", for: .mn) == LanguageFolding.fold("өгөө", for: .mn), "q typed for ө")
        #expect(LanguageFolding.fold("bayarlalaa", for: .tr) == "bayarlalaa", "only Mongolian reads it so")
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
    func forms(_ s: String) -> [String] { Tokenizer.tokenize(s).forms }

    @Test func emojiZWJSequencesAndSkinTonesAreOneToken() {
        let t = Tokenizer.tokenize("teşekkürler 👍🏽 👨‍👩‍👧 ❤️🇹🇷")
        #expect(t.forms { $0.kind == .emoji } == ["👍", "👨‍👩‍👧", "❤", "🇹🇷"])
        #expect(t.surfaces { $0.kind == .emoji }.first == "👍🏽")
    }

    @Test func emoticons() {
        let t = Tokenizer.tokenize("super :) ali :( i :D <3 http://x.y/a:b")
        #expect(t.forms { $0.kind == .emoticon } == [":)", ":(", ":d", "<3"], "emoticons are looked up lower-case")
        #expect(Tokenizer.tokenize("harika :)))))").forms.last == ":)))")
        for (text, form) in [(":DDD", ":d"), ("xDD", "xd"), ("<333", "<3"), ("süper :DD!", ":d")] {
            #expect(Tokenizer.tokenize(text).forms { $0.kind == .emoticon } == [form], "\(text)")
        }
        #expect(Tokenizer.tokenize("3:DD").allSatisfy { $0.kind != .emoticon }, "not inside a word")
        #expect(t.surfaces { $0.kind == .url } == ["http://x.y/a:b"])
    }

    @Test func elongationIsSqueezedAndRemembered() {
        let t = Tokenizer.tokenize("çoooook güzel, өтеее жақсы, suuuper, mükemmel")
        #expect(t.forms { $0.kind == .word } == ["çok", "güzel", "өте", "жақсы", "super", "mükemmel"])
        #expect(t[0].emphasis.contains(.elongated))
        #expect(!t[1].emphasis.contains(.elongated))
        let doubled = Tokenizer.tokenize("mükemmmmel удааан")
        #expect(doubled.indices.map(doubled.alternative) == ["mükemmel", "удаан"], "runs squeezed to two letters are tried too")
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
        #expect(t.forms == ["ayşe", "ye", "ve", "ayşe", "nin", "ekibine"])
        #expect(t[1].emphasis.contains(.apostropheSuffix))
    }

    @Test func hashtagsMentionsAndCamelCaseSplit() {
        let t = Tokenizer.tokenize("@Turkcell #KötüHizmet #rezalet")
        #expect(t[0].kind == .mention)
        #expect(t[1].kind == .hashtag)
        #expect(t.surfaces { $0.kind == .word } == ["Kötü", "Hizmet", "rezalet"])
    }

    @Test func sentencesStartNewClausesButDatesDoNot() {
        let t = Tokenizer.tokenize("Geldim 21.11.2026 tarihinde. Kimse yok!! Neden?")
        let words = t.filter { $0.kind == .word }
        #expect(words.map(\.clause) == [0, 0, 1, 1, 2])
        #expect(t.surfaces { $0.kind == .number } == ["21.11.2026"])
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
        #expect(t.forms { $0.kind == .contrast } == ["ama", "yine", "de"])
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

    /// The scalars that `mayNeedComposition` looks for, as its documentation lists them.
    static func composing(_ v: UInt32) -> Bool {
        (0x300...0x37F).contains(v) || (0x483...0x489).contains(v) || (0x1100...0x11FF).contains(v) || (0x1AB0...0x1AFF).contains(v)
            || (0x1DC0...0x1DFF).contains(v) || (0x20D0...0x20FF).contains(v) || v == 0x2126 || v == 0x212A || v == 0x212B
            || (0xFE20...0xFE2F).contains(v)
    }

    /// Cleaning as `TextCleaner` documents it, scalar by scalar on the NFC text: format characters
    /// dropped, controls and white space folded to one space, none at either end.
    static func referenceClean(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pending = false
        for u in s.precomposedStringWithCanonicalMapping.unicodeScalars {
            let v = u.value
            let dropped = [0x200B, 0x200C, 0x2060, 0xFEFF, 0x00AD].contains(v) || (0x200E...0x200F).contains(v)
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            if dropped { continue }
            if v <= 0x20 || (0x7F...0x9F).contains(v) || u.properties.isWhitespace {
                pending = !out.isEmpty
                continue
            }
            if pending { out.append(" "); pending = false }
            out.append(u)
        }
        return String(out)
    }

    /// Texts long enough for the 16-byte chunks, made of the pieces each check looks for, at every offset
    /// within a chunk: the chunked scans answer as the definitions do.
    @Test func chunkedScansAgreeWithTheDefinitions() {
        let pieces = ["a", "Z", "7", " ", "  ", "\t", "\u{7F}", "\u{0085}", "\u{00A0}", "\u{00AD}", "\u{200B}", "\u{200D}", "\u{FEFF}",
                      "ş", "Ç", "қ", "Ж", "ђ", "ü", "\u{0327}", "\u{0301}", "\u{0306}", "\u{0489}", "’", "“", "–", "…", "€",
                      "\u{2126}", "\u{212A}", "\u{20D7}", "\u{1100}", "\u{1DC4}", "\u{FE20}", "👍", "🏽", "ߐ", "ࠀ", "\u{2028}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<4000 {
            var text = String(repeating: "x", count: next(17))
            // Mostly clean words, with a piece of interest now and then.
            for _ in 0..<next(30) { text += next(4) == 0 ? pieces[next(pieces.count)] : ["iyi", "хорошо", "dobro", " "][next(4)] }
            let expectsComposition = text.unicodeScalars.contains { Self.composing($0.value) }
            #expect(TextCleaner.mayNeedComposition(text) == expectsComposition, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(TextCleaner.clean(text) == Self.referenceClean(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
