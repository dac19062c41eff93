import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimText

/// The hot path works on UTF-8 bytes through tables derived from the
/// `String`-based folding functions; these tests hold the two together.
@Suite("Byte-level text path")
struct ByteLevelTextTests {
    /// Every word of every lexicon and test file, as written, in capitals, and elongated.
    static let words: [String] = {
        var words = Set<String>()
        let roots = [RepoPaths.lexicons, RepoPaths.testData]
        for root in roots {
            guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in files where url.pathExtension == "tsv" {
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                for token in text.split(whereSeparator: { $0 == "\t" || $0 == "\n" || $0 == " " }) {
                    let word = token.trimmingCharacters(in: .punctuationCharacters.union(.symbols))
                    guard !word.isEmpty, word.count < 40 else { continue }
                    words.insert(word)
                }
            }
        }
        var variants = words
        for w in words.prefix(4000) {
            variants.insert(w.uppercased())
            variants.insert(LanguageFolding.turkishUpper(w))
            if let last = w.last { variants.insert(w + String(repeating: last, count: 3)) }
        }
        variants.formUnion(["ΣΟΦΙΑ", "οδοσ", "İSTANBUL", "I\u{307}stanbul", "Ǆep", "ǅ", "Wi-Fi", "unadi", "QYZMET", "ЏЕП", "Щука", "ß", "ﬁ", "日本語", "👍🏽"])
        return variants.sorted()
    }()

    @Test func foldingTablesAgreeWithTheStringFunctions() {
        #expect(Self.words.count > 5000)
        for language in Language.allCases {
            var mismatches: [String] = []
            for w in Self.words where WordFolder.folded(w, for: language) != LanguageFolding.fold(w, for: language) {
                mismatches.append(w)
            }
            #expect(mismatches.isEmpty, "\(language): \(mismatches.prefix(10))")
        }
    }

    /// What the tokenizer writes into a word's token (`keepsFormsIn`) says, language by language, what
    /// `sameAsLower` says of each of the word's scalars; and refolding with it gives the forms refolding
    /// without it gives.
    @Test func languagesKeepingFormsAgreeWithTheScalars() {
        for w in Self.words {
            let mask = WordFolder.languagesKeepingForms(of: w)
            for (k, language) in Language.allCases.enumerated() {
                let keeps = w.unicodeScalars.allSatisfy { $0.value < ScalarTable.limit && WordFolder.sameAsLower[k][Int($0.value)] }
                #expect((mask >> UInt8(k)) & 1 == (keeps ? 1 : 0), "\(language) \(w)")
                #expect(WordFolder.foldsAsLower(w, for: language) == keeps)
            }
        }
        let text = Self.words.prefix(3000).joined(separator: " ")
        for language in Language.scored {
            var marked = Tokenizer.tokenize(text), unmarked = marked
            #expect(marked.contains { $0.keepsFormsIn != 0 })
            for i in unmarked.indices { unmarked[i].keepsFormsIn = 0 }
            LanguageIdentificationStage.refold(&marked, for: language)
            LanguageIdentificationStage.refold(&unmarked, for: language)
            #expect(marked.forms == unmarked.forms, "\(language)")
            #expect(marked.indices.map(marked.alternative) == unmarked.indices.map(unmarked.alternative), "\(language)")
        }
    }

    @Test func formsAreSqueezedLikeTheStringSqueeze() {
        for language in [Language.tr, .kk, .mn, .sr, .und] {
            for w in Self.words {
                let folded = LanguageFolding.fold(w, for: language)
                let (form, alternative, squeezed) = WordFolder.forms(of: w, for: language, alternative: true)
                #expect(form == Tokenizer.squeeze(folded), "\(language) \(w)")
                #expect(alternative == Tokenizer.squeeze(folded, keep: 2), "\(language) \(w)")
                #expect(squeezed == (form != folded), "\(language) \(w)")
            }
        }
        #expect(WordFolder.forms(of: "ÇOOOOK", for: .tr, alternative: true) == ("cok", "cook", true))
        #expect(WordFolder.forms(of: "удааан", for: .mn, alternative: false) == ("удан", nil, true))
    }

    @Test func scalarTableAgreesWithUnicodeProperties() {
        for v in UInt32(0)..<0x3000 {
            guard let u = Unicode.Scalar(v) else { continue }
            let p = u.properties
            #expect(ScalarTable.isAlphabetic(v) == p.isAlphabetic)
            #expect(ScalarTable.isUppercase(v) == p.isUppercase)
            #expect(ScalarTable.isWhitespace(v) == p.isWhitespace)
            let word = v == 0x307 || p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .decimalNumber
            #expect(ScalarTable.isWord(v) == word, "U+\(String(v, radix: 16))")
        }
    }

    @Test func utf8DecodingRoundTrips() {
        let text = "aİş ђ ү 👨‍👩‍👧 ✓\u{10FFFF}"
        var decoded: [UInt32] = []
        var copy = text
        copy.withUTF8 { p in
            var i = 0
            while i < p.count {
                let (v, len) = UTF8Bytes.decode(p, i)
                decoded.append(v)
                i += len
                if i < p.count { #expect(UTF8Bytes.decode(p, before: i) == v) }
            }
        }
        #expect(decoded == text.unicodeScalars.map(\.value))
        #expect(decoded.withUnsafeBufferPointer { WordFolder.encode($0, keep: 0) } == text)
    }

    /// `UTF8Bytes.isValid` says what `String(decoding:as:)` says: the bytes it keeps as they are. On the
    /// edges of each lead byte's range (overlong forms, surrogates, above U+10FFFF, cut-off sequences)
    /// and on random bytes biased towards UTF-8's.
    @Test func utf8ValidityIsStringsOwn() {
        func agrees(_ bytes: [UInt8]) -> Bool {
            let kept = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
            return bytes.withUnsafeBufferPointer { UTF8Bytes.isValid($0) } == kept
        }
        let edges: [[UInt8]] = [
            [], [0x41], [0x7F], [0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x91],
            [0xC3, 0x41], [0xE2, 0x41, 0x80], Array("Ayşe Yılmaz ђ 👨‍👩‍👧".utf8),
        ]
        for bytes in edges { #expect(agrees(bytes), "\(bytes)") }
        var rng = SplitMix(state: 8)
        let pool: [UInt8] = [0x41, 0x20, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC2, 0xC3, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        var valid = 0
        for _ in 0..<20_000 {
            // Short runs of any bytes, and long ASCII runs (read sixteen bytes at a time) with a few others among them.
            let long = Bool.random(using: &rng)
            let bytes = (0..<Int.random(in: 1...(long ? 48 : 8), using: &rng)).map { _ in
                long && Int.random(in: 0..<16, using: &rng) > 0 ? 0x61 : pool[Int.random(in: 0..<pool.count, using: &rng)]
            }
            #expect(agrees(bytes), "\(bytes)")
            if bytes.withUnsafeBufferPointer({ UTF8Bytes.isValid($0) }) { valid += 1 }
        }
        #expect(valid > 500 && valid < 19_500, "both answers are given")
    }


    /// The scans read sixteen bytes at a time with a byte-by-byte tail: on random bytes of every length
    /// around the chunks, each answers as its definition reads.
    @Test func byteScansAnswerAsTheirDefinitionsRead() {
        var rng = SplitMix(state: 16)
        let pool: [UInt8] = [0x20, 0x22, 0x2C, 0x3B, 0x0A, 0x0D, 0x41, 0x61, 0x7F, 0x80, 0xBF, 0xC0, 0xD0, 0xE2, 0xF0, 0xFF]
        let set: [UInt8] = [0x2C, 0x22, 0x0A, 0x0D, 0x3B]
        for round in 0..<4_000 {
            let bytes = (0..<Int.random(in: 0...70, using: &rng)).map { _ in
                Int.random(in: 0..<6, using: &rng) == 0 ? pool[Int.random(in: 0..<pool.count, using: &rng)] : 0x61
            }
            let from = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            let wanted = Array(set.prefix(1 + round % set.count))
            bytes.withUnsafeBufferPointer { p in
                let first = p[from...].firstIndex { wanted.contains($0) } ?? p.count
                #expect(wanted.withUnsafeBufferPointer { ByteScan.firstOf(anyOf: $0, in: p, from: from) } == first, "\(bytes) from \(from)")
                #expect(ByteScan.scalarCount(of: p) == p.count - p.filter { $0 & 0xC0 == 0x80 }.count, "\(bytes)")
            }
        }
        let text = "Ayşe’nin 👍🏽 жақсы"
        #expect(UTF8Bytes.withBytes(text) { ByteScan.scalarCount(of: $0) } == text.unicodeScalars.count)
    }
    /// The in-place comparison of words (`UTF8Bytes.same`): for every length up to past its 32-byte
    /// limit, equal runs are equal and a run differing in any one byte is not, wherever the overlapping
    /// loads fall.
    @Test func shortRunsCompareByEveryByte() {
        for n in 0...40 {
            let a = (0..<n).map { UInt8(truncatingIfNeeded: 0x41 + $0 * 7) }
            a.withUnsafeBufferPointer { x in
                let copy = Array(a)
                copy.withUnsafeBufferPointer { #expect(UTF8Bytes.same(x.baseAddress ?? UnsafePointer(bitPattern: 8)!, $0.baseAddress ?? UnsafePointer(bitPattern: 8)!, n), "length \(n)") }
                for k in 0..<n {
                    var b = a
                    b[k] ^= 0x01
                    b.withUnsafeBufferPointer { #expect(!UTF8Bytes.same(x.baseAddress!, $0.baseAddress!, n), "length \(n), byte \(k)") }
                }
            }
        }
    }

    /// A string made of bytes known to be UTF-8 (`UTF8Bytes.string(valid:)`, not validated) is the
    /// string `String(decoding:as:)` makes of them, byte for byte: ASCII, Turkish, Kazakh, Serbian
    /// Cyrillic, an evidence arrow, emoji with a modifier and a joiner, a flag, a combining accent, none.
    @Test(arguments: ["", "a", "çok iyi", "Өте жақсы, рахмет!", "Љубазан радник", "kötü -2.5 → +1", "👍🏽👨‍👩‍👧🇹🇷", "e\u{301}", String(repeating: "ş", count: 300)])
    func knownUTF8BecomesTheSameString(_ text: String) {
        let bytes = Array(text.utf8)
        let made = UTF8Bytes.string(valid: bytes)
        #expect(made == String(decoding: bytes, as: UTF8.self))
        #expect(Array(made.utf8) == bytes)
        #expect(made.count == text.count && made.unicodeScalars.count == text.unicodeScalars.count)
    }

    @Test func cleanTextIsReturnedAsIsAndDirtyTextIsFolded() {
        #expect(TextCleaner.clean("Çok iyi, teşekkürler 👍") == "Çok iyi, teşekkürler 👍")
        #expect(TextCleaner.clean("\t  başta\u{00A0}ve  sonda  ") == "başta ve sonda")
        #expect(TextCleaner.clean(" ") == "")
        #expect(TextCleaner.clean("a\u{0085}b\u{2028}c\u{3000}d") == "a b c d")
        #expect(TextCleaner.clean("\u{FEFF}\u{200E}merhaba") == "merhaba")
        // Two-byte letters (Latin-1 to Cyrillic) are passed over whole; what stands beside them still counts.
        #expect(TextCleaner.clean("Жеткізу  кешікті") == "Жеткізу кешікті")
        #expect(TextCleaner.clean("Ürün\u{00AD}ler ŞİMDİ\u{00A0}geldi") == "Ürünler ŞİMDİ geldi")
        #expect(TextCleaner.clean("Ђ\u{0085}ш ӛ ߿") == "Ђ ш ӛ ߿")
    }

    @Test func tokensOfMixedScriptsEmojiAndElongations() {
        let t = Tokenizer.tokenize("SÜPEEER hizmet, Ayşe’ye 👍🏽! Одоо ҮЙЛЧИЛГЭЭ 3,5 :)))")
        #expect(t.map(\.kind) == [.word, .word, .punctuation, .word, .word, .emoji, .punctuation, .word, .word, .number, .emoticon])
        #expect(t.form(0) == "süper" && t.alternative(0) == "süpeer" && t[0].emphasis == [.allCaps, .elongated])
        #expect(t.surface(4) == "ye" && t[4].emphasis.contains(.apostropheSuffix))
        #expect(t.form(5) == "👍" && t.surface(5) == "👍🏽")
        #expect(t.form(8) == "үйлчилгээ" && t[8].emphasis == [.allCaps])
        #expect(t.form(9) == "3,5" && t[7].clause == 1)
    }
}

@Suite("UTF-8 trie")
struct UTF8TrieTests {
    @Test func exactPrefixAndSuffixLookups() {
        var trie = UTF8Trie<Int>()
        for (k, w) in ["memnun", "memnuniyet", "mem", "кезек", "кез", "a"].enumerated() { trie.insert(w, k) }
        trie.insert("mem", 10, merge: +)
        #expect(trie.value(for: "memnun") == 0)
        #expect(trie.value(for: "memnu") == nil)
        #expect(trie.value(for: "mem") == 12)
        #expect(trie.value(for: "") == nil)
        var prefixes: [Int] = []
        trie.forEachPrefix(of: "memnuniyetsiz") { prefixes.append($1) }
        #expect(prefixes == [12, 0, 1])
        var lengths: [Int] = []
        trie.forEachPrefix(of: "кезекте") { length, _ in lengths.append(length) }
        #expect(lengths == ["кез".utf8.count, "кезек".utf8.count])

        var suffixes = UTF8Trie<String>(reversed: true)
        for e in ["madı", "medi", "ды", "гүй"] { suffixes.insert(e, e) }
        var found: [String] = []
        suffixes.forEachPrefix(of: "gelmedi") { found.append($1) }
        #expect(found == ["medi"])
        #expect(suffixes.value(for: "гүй") == "гүй")
        found = []
        suffixes.forEachPrefix(of: "ирээгүй") { found.append($1) }
        #expect(found == ["гүй"])
    }
}
