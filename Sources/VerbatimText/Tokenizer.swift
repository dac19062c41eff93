import VerbatimCore

/// Splits cleaned text into tokens: words, numbers, emoji (with ZWJ
/// sequences and skin tones), emoticons, hashtags, mentions, URLs and
/// punctuation.
///
/// Word forms are lower-cased with default rules and elongations squeezed
/// (`çoooook` → `çok`); the language stage re-folds them per language.
/// A word with an apostrophe (`Ayşe'ye`, `Ayşe’nin`) becomes the name and a
/// suffix token marked `.apostropheSuffix`. Sentence ends (`.`, `!`, `?`,
/// `;`, line breaks) start a new clause.
public enum Tokenizer {
    static let emoticons: [String] = [
        ":-)))", ":)))", ":-))", ":))", ":-(((", ":(((", ":-((", ":((", "</3", "<3", ":-)", ":)", ":-(", ":(", ":-D", ":D",
        "xD", "XD", ":-P", ":P", ":p", ";-)", ";)", ":-/", ":/", ":'(", ":'-(", ":*", "^_^", "^^", "-_-", ":|", ":-|",
        "(:", "):", "=)", "=(", ":o", ":O", ":-O", ";(", "8)", "B)",
    ]

    /// The emoticons as bytes (all ASCII), longest first, with their lower-case lookup forms.
    static let emoticonBytes: [(bytes: [UInt8], form: String)] = emoticons
        .sorted { $0.utf8.count > $1.utf8.count }
        .map { (Array($0.utf8), $0.lowercased()) }

    /// Per byte: whether an emoticon can start with it (all emoticons are ASCII).
    static let emoticonStarts: [Bool] = (0..<256).map { b in emoticonBytes.contains { $0.bytes[0] == UInt8(b) } }

    /// The tokens of `text`, in a list whose bytes start with the text: a surface read from the text is
    /// a span of it (`span(i, j)`), and the forms worked out are appended after it.
    public static func tokenize(_ text: String) -> TokenList {
        // Beyond the largest record a pipeline reads, a text (one `classify` line) is analysed up to it.
        guard text.utf8.count <= TokenList.maxTextBytes else {
            return tokenize(String(decoding: text.utf8.prefix(TokenList.maxTextBytes), as: UTF8.self))
        }
        var tokens = TokenList(text: text)
        UTF8Bytes.withBytes(text) { tokenize($0, into: &tokens) }
        return tokens
    }

    /// Tokenizes UTF-8 bytes (the bytes `tokens` starts with): one pass of a `TokenScanner`.
    static func tokenize(_ s: UnsafeBufferPointer<UInt8>, into tokens: inout TokenList) {
        tokens.reserveCapacity(s.count / 6 + 1)
        var scanner = TokenScanner(s)
        scanner.scan(into: &tokens)
    }

    /// True when the text is written in capitals (at least 80% of its letters): then capitals carry no emphasis.
    static func isShouting(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let flags = ScalarTable.flags
        var letters = 0, upper = 0
        var i = 0
        while i < s.count {
            let b = s[i]
            if b < 0x80 {
                if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { letters += 1; if b < 0x60 { upper += 1 } }
                i += 1; continue
            }
            let (v, len) = UTF8Bytes.decode(s, i)
            let f = ScalarTable.wordFlags(v, flags)
            if f.contains(.alphabetic) { letters += 1; if f.contains(.uppercase) { upper += 1 } }
            i += len
        }
        return letters > 0 && upper * 10 >= letters * 8
    }

    /// A word from its bytes, folded once per thread (`WordMemo`): its forms as remembered when the
    /// thread last saw these bytes, appended to the list's bytes (a form equal to the word itself is not:
    /// it is the surface's span).
    static func makeWord(
        _ bytes: UnsafeBufferPointer<UInt8>, surface: ByteSpan, clause: Int, allCaps: Bool, memo: WordMemo, into tokens: inout TokenList
    ) -> Token {
        let e = memo.entry(bytes, surface: UTF8Bytes.string(valid: bytes))
        if !e.pointee.hasForms {
            (e.pointee.form, e.pointee.alternative, e.pointee.squeezed) = WordFolder.forms(of: e.pointee.key, for: .und, alternative: true)
            e.pointee.formIsSurface = UTF8Bytes.equal(e.pointee.form, bytes)
            e.pointee.keepsFormsIn = WordFolder.languagesKeepingForms(of: e.pointee.key)
            e.pointee.hasForms = true
        }
        var emphasis: Emphasis = allCaps ? [.allCaps] : []
        if e.pointee.squeezed { emphasis.insert(.elongated) }
        let form = e.pointee.formIsSurface ? surface : tokens.add(e.pointee.form)
        let alternative = e.pointee.squeezed ? e.pointee.alternative.map { tokens.add($0) } : nil
        var t = Token(kind: .word, form: form, surface: surface, alternative: alternative, clause: clause, emphasis: emphasis, formIsTokenizers: true)
        t.memoSlot = memo.words.slot(of: e)
        t.keepsFormsIn = e.pointee.keepsFormsIn
        return t
    }

    /// A word whose forms are worked out (not remembered), its surface already in the bytes.
    static func makeWord(
        surface: ByteSpan, _ forms: (form: String, alternative: String?, squeezed: Bool), clause: Int, allCaps: Bool, into tokens: inout TokenList
    ) -> Token {
        var emphasis: Emphasis = allCaps ? [.allCaps] : []
        let (form, alternative, squeezed) = forms
        if squeezed { emphasis.insert(.elongated) }
        let formSpan = tokens.add(form)
        let alternativeSpan = squeezed ? alternative.map { tokens.add($0) } : nil
        return Token(kind: .word, form: formSpan, surface: surface, alternative: alternativeSpan, clause: clause, emphasis: emphasis)
    }

    /// Squeezes runs of three or more of the same letter to `keep` letters (`çoooook` → `çok`;
    /// with `keep: 2`, `удааан` → `удаан`).
    public static func squeeze(_ s: String, keep: Int = 1) -> String {
        var out = String.UnicodeScalarView()
        var last: UnicodeScalar?
        var run = 0
        var changed = false
        let scalars = Array(s.unicodeScalars)
        var k = 0
        while k < scalars.count {
            let u = scalars[k]
            if u == last { run += 1 } else { last = u; run = 1 }
            if run == 1 {
                var r = k
                while r < scalars.count, scalars[r] == u { r += 1 }
                if r - k >= 3, u.properties.isAlphabetic {
                    for _ in 0..<keep { out.append(u) }
                    changed = true; k = r; last = nil; continue
                }
            }
            out.append(u)
            k += 1
        }
        return changed ? String(out) : s
    }

    /// Splits a hashtag body at case changes, underscores and digits (`KötüHizmet` → `Kötü`, `Hizmet`).
    /// All-lower-case hashtags are split later against the lexicon.
    static func splitHashtag(_ body: String) -> [String] {
        var parts: [String] = []
        var cur = String.UnicodeScalarView()
        var prevLower = false
        for u in body.unicodeScalars {
            if u == "_" || isDigit(u) { if !cur.isEmpty { parts.append(String(cur)); cur = .init() }; prevLower = false; continue }
            if u.properties.isUppercase, prevLower, !cur.isEmpty { parts.append(String(cur)); cur = .init() }
            cur.append(u)
            prevLower = u.properties.isLowercase
        }
        if !cur.isEmpty { parts.append(String(cur)) }
        return parts
    }

    @inline(__always) static func isDigit(_ u: UnicodeScalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always) static func isApostrophe(_ v: UInt32) -> Bool {
        v == 0x27 || v == 0x2019 || v == 0x2BC || v == 0x60 || v == 0x2018
    }

    static func isRegionalIndicator(_ v: UInt32) -> Bool { (0x1F1E6...0x1F1FF).contains(v) }

    static func isEmojiStart(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let (v, len) = UTF8Bytes.decode(s, i)
        let next: UInt32? = i + len < s.count ? UTF8Bytes.decode(s, i + len).scalar : nil
        if v < 0x2000 { return v == 0x00A9 || v == 0x00AE ? next == 0xFE0F : false }
        guard let u = Unicode.Scalar(v) else { return false }
        let p = u.properties
        if p.isEmojiPresentation { return true }
        if p.isEmoji, next == 0xFE0F { return true }
        // Text-default pictographs people use as emoji: ☺ ☹ ♥ ❤ ★ ☆ ✔ ✘ ✓ ✗
        return [0x263A, 0x2639, 0x2665, 0x2764, 0x2605, 0x2606, 0x2714, 0x2718, 0x2713, 0x2717, 0x270C, 0x261D].contains(v)
    }

    static func hasPrefixCI(_ s: UnsafeBufferPointer<UInt8>, _ i: Int, _ prefix: StaticString) -> Bool {
        guard i + prefix.utf8CodeUnitCount <= s.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<prefix.utf8CodeUnitCount {
            let b = s[i + k]
            let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if lower != p[k] { return false }
        }
        return true
    }

    static func matches(_ s: UnsafeBufferPointer<UInt8>, _ i: Int, _ pattern: [UInt8]) -> Bool {
        guard i + pattern.count <= s.count else { return false }
        for k in 0..<pattern.count where s[i + k] != pattern[k] { return false }
        return true
    }
}
