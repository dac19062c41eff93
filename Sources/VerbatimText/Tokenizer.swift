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

    /// Tokenizes UTF-8 bytes (the bytes `tokens` starts with). Positions are byte offsets; scalars are
    /// decoded where a rule needs one.
    static func tokenize(_ s: UnsafeBufferPointer<UInt8>, into tokens: inout TokenList) {
        let n = s.count
        tokens.reserveCapacity(n / 6 + 1)
        var clause = 0
        // All-caps text: caps carry no emphasis. Worked out when a word in capitals first asks (most texts have none).
        var shouting: Bool?
        func textIsShouting() -> Bool {
            if let shouting { return shouting }
            let answer = isShouting(s)
            shouting = answer
            return answer
        }
        let memo = WordMemo.current
        // Read once, not through `swift_once` per scalar or token.
        let flags = ScalarTable.flags, emoticonStarts = Self.emoticonStarts

        @inline(__always) func atBoundary(_ k: Int) -> Bool { k == 0 || s[k - 1] == 0x20 }
        @inline(__always) func span(_ a: Int, _ b: Int) -> ByteSpan { ByteSpan(start: a, count: b - a) }
        @inline(__always) func isWord(at k: Int) -> Bool { k < n && ScalarTable.isWord(UTF8Bytes.decode(s, k).scalar) }

        var i = 0
        scan: while i < n {
            let c = s[i]
            if c == 0x20 { i += 1; continue }
            // URLs
            if c == 0x68 || c == 0x77 || c == 0x48 || c == 0x57, atBoundary(i), hasPrefixCI(s, i, "http://") || hasPrefixCI(s, i, "https://") || hasPrefixCI(s, i, "www.") {
                var j = i
                while j < n, s[j] != 0x20 { j += 1 }
                tokens.append(Token(kind: .url, form: span(i, i), surface: span(i, j), clause: clause))
                i = j; continue
            }
            let (cv, clen) = UTF8Bytes.decode(s, i)
            let cIsWord = ScalarTable.isWord(cv, flags)
            // Emoticons (only at a token start, so "http:/" or "3:0" do not match)
            if atBoundary(i) || !ScalarTable.isWord(UTF8Bytes.decode(s, before: i), flags), !cIsWord || c == 0x78 || c == 0x58 || c == 0x38 || c == 0x42 {
                if emoticonStarts[Int(c)], let e = emoticonBytes.first(where: { matches(s, i, $0.bytes) }) {
                    var end = i + e.bytes.count
                    // ":)))))" is ":)))" said louder, ":DDD" is ":D", "<333" is "<3": the extra repeats belong to the token.
                    if let last = e.bytes.last, last == 0x29 || last == 0x28 || last == 0x44 || last == 0x33 {
                        while end < n, s[end] == last { end += 1 }
                    }
                    if end == n || s[end] == 0x20 || !isWord(at: end) {
                        tokens.append(Token(kind: .emoticon, form: tokens.add(e.form), surface: span(i, end), clause: clause))
                        i = end; continue
                    }
                }
            }
            // Emoji sequences
            // (Below U+2000 only © and ® can start one: a Cyrillic or Turkish letter is not decoded again.)
            if cv >= 0x2000 || cv == 0xA9 || cv == 0xAE, isEmojiStart(s, i) {
                var j = i + clen
                var form = Array(s[i..<j])
                if isRegionalIndicator(cv), j < n {
                    let (next, len) = UTF8Bytes.decode(s, j)
                    if isRegionalIndicator(next) { form.append(contentsOf: s[j..<(j + len)]); j += len }
                }
                while j < n {
                    let (v, len) = UTF8Bytes.decode(s, j)
                    if v == 0xFE0F || v == 0xFE0E || (0x1F3FB...0x1F3FF).contains(v) || v == 0x20E3 { j += len; continue }
                    if v == 0x200D, j + len < n, isEmojiStart(s, j + len) {
                        let nextLength = UTF8Bytes.decode(s, j + len).length
                        form.append(contentsOf: s[j..<(j + len + nextLength)])
                        j += len + nextLength
                        continue
                    }
                    break
                }
                let formSpan = form.withUnsafeBufferPointer { tokens.add($0) }
                tokens.append(Token(kind: .emoji, form: formSpan, surface: span(i, j), clause: clause))
                i = j; continue
            }
            // Hashtags and mentions
            if c == 0x23 || c == 0x40, isWord(at: i + 1) {
                var j = i + 1
                while j < n {
                    if s[j] == 0x5F { j += 1; continue }
                    let (v, len) = UTF8Bytes.decode(s, j)
                    guard ScalarTable.isWord(v) else { break }
                    j += len
                }
                let body = UTF8Bytes.string(s, (i + 1)..<j)
                if c == 0x40 {
                    tokens.append(Token(kind: .mention, form: tokens.add(body.lowercased()), surface: span(i, j), clause: clause))
                } else {
                    tokens.append(Token(kind: .hashtag, form: tokens.add(LanguageFolding.defaultLower(body)), surface: span(i, j), clause: clause))
                    for part in splitHashtag(body) {
                        let surface = tokens.add(part)
                        var word = makeWord(part, surface: surface, clause: clause, shouting: textIsShouting, into: &tokens)
                        word.emphasis.insert(.fromHashtag)
                        tokens.append(word)
                    }
                }
                i = j; continue
            }
            // Words and numbers
            if cIsWord {
                var j = i
                var allDigits = true
                var letters = 0, upper = 0
                while j < n {
                    let b = s[j]
                    if b < 0x80 {
                        if b >= 0x30 && b <= 0x39 { j += 1; continue }
                        if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                            allDigits = false; letters += 1
                            if b < 0x60 { upper += 1 }
                            j += 1; continue
                        }
                        // Decimal separators inside numbers: 4,5 or 1.000
                        if allDigits, b == 0x2E || b == 0x2C, j + 1 < n, s[j + 1] >= 0x30 && s[j + 1] <= 0x39 { j += 1; continue }
                        break
                    }
                    let (v, len) = UTF8Bytes.decode(s, j)
                    let f = ScalarTable.wordFlags(v, flags)
                    guard f.contains(.word) else { break }
                    allDigits = false
                    if f.contains(.alphabetic) {
                        letters += 1
                        if f.contains(.uppercase) { upper += 1 }
                    }
                    j += len
                }
                if allDigits {
                    tokens.append(Token(kind: .number, form: span(i, j), surface: span(i, j), clause: clause))
                } else {
                    let allCaps = letters >= 2 && upper == letters && !textIsShouting()
                    tokens.append(makeWord(UnsafeBufferPointer(rebasing: s[i..<j]), surface: span(i, j), clause: clause, allCaps: allCaps, memo: memo, into: &tokens))
                }
                // Apostrophe suffix: Ayşe'ye, Ayşe’nin
                if j < n, !allDigits {
                    let (a, alen) = UTF8Bytes.decode(s, j)
                    if isApostrophe(a), isWord(at: j + alen) {
                        var k = j + alen
                        while k < n {
                            let (v, len) = UTF8Bytes.decode(s, k)
                            guard ScalarTable.isWord(v) else { break }
                            k += len
                        }
                        var t = makeWord(UTF8Bytes.string(s, (j + alen)..<k), surface: span(j + alen, k), clause: clause, shouting: textIsShouting, into: &tokens)
                        t.emphasis.insert(.apostropheSuffix)
                        tokens.append(t)
                        j = k
                    }
                }
                i = j; continue
            }
            // Punctuation
            tokens.append(Token(kind: .punctuation, form: span(i, i + clen), surface: span(i, i + clen), clause: clause))
            if c == 0x2E || c == 0x21 || c == 0x3F || c == 0x3B || cv == 0x2026 {
                // A run of terminators ends one sentence.
                var j = i + clen
                while j < n, s[j] == 0x2E || s[j] == 0x21 || s[j] == 0x3F {
                    tokens.append(Token(kind: .punctuation, form: span(j, j + 1), surface: span(j, j + 1), clause: clause)); j += 1
                }
                // "21.11.2026" and "4.5" are not sentence ends; "bitti.ama" (no space after the dot) is.
                let insideNumber = c == 0x2E && j == i + 1 && i > 0 && j < n && isDigit(s[i - 1]) && isDigit(s[j])
                if !insideNumber { clause += 1 }
                i = j; continue
            }
            i += clen
        }
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

    /// A word (a hashtag's part, an apostrophe's suffix) whose surface `surface` is already in the bytes.
    static func makeWord(_ text: String, surface: ByteSpan, clause: Int, shouting: () -> Bool, into tokens: inout TokenList) -> Token {
        var letters = 0, upper = 0
        for u in text.unicodeScalars where ScalarTable.isAlphabetic(u.value) {
            letters += 1
            if ScalarTable.isUppercase(u.value) { upper += 1 }
        }
        let allCaps = letters >= 2 && upper == letters && !shouting()
        return makeWord(surface: surface, WordFolder.forms(of: text, for: .und, alternative: true), clause: clause, allCaps: allCaps, into: &tokens)
    }

    /// A word from its bytes, folded once per thread (`WordMemo`): its forms as remembered when the
    /// thread last saw these bytes, appended to the list's bytes (a form equal to the word itself is not:
    /// it is the surface's span).
    static func makeWord(
        _ bytes: UnsafeBufferPointer<UInt8>, surface: ByteSpan, clause: Int, allCaps: Bool, memo: WordMemo, into tokens: inout TokenList
    ) -> Token {
        let e = memo.entry(bytes, surface: String(decoding: bytes, as: UTF8.self))
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

    private static func makeWord(
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
