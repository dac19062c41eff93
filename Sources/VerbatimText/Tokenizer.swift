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
    static let emoticonScalars: [[UnicodeScalar]] = emoticons.map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }

    public static func tokenize(_ text: String) -> [Token] {
        let s = Array(text.unicodeScalars)
        var tokens: [Token] = []
        tokens.reserveCapacity(s.count / 5 + 1)
        var clause = 0
        var i = 0
        let n = s.count
        var letters = 0, upper = 0
        for u in s where u.properties.isAlphabetic { letters += 1; if u.properties.isUppercase { upper += 1 } }
        let textIsShouting = letters > 0 && upper * 10 >= letters * 8  // all-caps text: caps carry no emphasis

        func atBoundary(_ k: Int) -> Bool { k == 0 || s[k - 1] == " " }

        while i < n {
            let c = s[i]
            if c == " " { i += 1; continue }
            // URLs
            if c == "h" || c == "w" || c == "H" || c == "W", atBoundary(i), hasPrefixCI(s, i, "http://") || hasPrefixCI(s, i, "https://") || hasPrefixCI(s, i, "www.") {
                var j = i
                while j < n, s[j] != " " { j += 1 }
                tokens.append(Token(kind: .url, form: "", surface: String(String.UnicodeScalarView(s[i..<j])), clause: clause))
                i = j; continue
            }
            // Emoticons (only at a token start, so "http:/" or "3:0" do not match)
            if atBoundary(i) || (i > 0 && !isWordScalar(s[i - 1])), !isWordScalar(c) || c == "x" || c == "X" || c == "8" || c == "B" {
                if let e = emoticonScalars.first(where: { matches(s, i, $0) }) {
                    var end = i + e.count
                    // ":)))))" is ":)))" said louder: the extra repeats belong to the same token.
                    if let last = e.last, last == ")" || last == "(" { while end < n, s[end] == last { end += 1 } }
                    if end == n || s[end] == " " || !isWordScalar(s[end]) {
                        let surface = String(String.UnicodeScalarView(s[i..<end]))
                        tokens.append(Token(kind: .emoticon, form: String(String.UnicodeScalarView(e)).lowercased(), surface: surface, clause: clause))
                        i = end; continue
                    }
                }
            }
            // Emoji sequences
            if isEmojiStart(s, i) {
                var j = i + 1
                var form = String.UnicodeScalarView([c])
                if isRegionalIndicator(c), j < n, isRegionalIndicator(s[j]) { form.append(s[j]); j += 1 }
                while j < n {
                    let v = s[j].value
                    if v == 0xFE0F || v == 0xFE0E || (0x1F3FB...0x1F3FF).contains(v) || v == 0x20E3 { j += 1; continue }
                    if v == 0x200D, j + 1 < n, isEmojiStart(s, j + 1) { form.append(s[j]); form.append(s[j + 1]); j += 2; continue }
                    break
                }
                tokens.append(Token(kind: .emoji, form: String(form), surface: String(String.UnicodeScalarView(s[i..<j])), clause: clause))
                i = j; continue
            }
            // Hashtags and mentions
            if (c == "#" || c == "@"), i + 1 < n, isWordScalar(s[i + 1]) {
                var j = i + 1
                while j < n, isWordScalar(s[j]) || s[j] == "_" { j += 1 }
                let body = String(String.UnicodeScalarView(s[(i + 1)..<j]))
                if c == "@" {
                    tokens.append(Token(kind: .mention, form: body.lowercased(), surface: "@" + body, clause: clause))
                } else {
                    tokens.append(Token(kind: .hashtag, form: LanguageFolding.defaultLower(body), surface: "#" + body, clause: clause))
                    for part in splitHashtag(body) {
                        var word = makeWord(part, clause: clause, shouting: textIsShouting)
                        word.emphasis.insert(.fromHashtag)
                        tokens.append(word)
                    }
                }
                i = j; continue
            }
            // Words and numbers
            if isWordScalar(c) {
                var j = i
                var allDigits = true
                while j < n {
                    let u = s[j]
                    if isWordScalar(u) { if !isDigit(u) { allDigits = false }; j += 1; continue }
                    // Decimal separators inside numbers: 4,5 or 1.000
                    if allDigits, (u == "." || u == ","), j + 1 < n, isDigit(s[j + 1]) { j += 1; continue }
                    break
                }
                let word = String(String.UnicodeScalarView(s[i..<j]))
                if allDigits {
                    tokens.append(Token(kind: .number, form: word, surface: word, clause: clause))
                } else {
                    tokens.append(makeWord(word, clause: clause, shouting: textIsShouting))
                }
                // Apostrophe suffix: Ayşe'ye, Ayşe’nin
                if j + 1 < n, isApostrophe(s[j]), isWordScalar(s[j + 1]), !allDigits {
                    var k = j + 1
                    while k < n, isWordScalar(s[k]) { k += 1 }
                    let suffix = String(String.UnicodeScalarView(s[(j + 1)..<k]))
                    var t = makeWord(suffix, clause: clause, shouting: textIsShouting)
                    t.emphasis.insert(.apostropheSuffix)
                    tokens.append(t)
                    j = k
                }
                i = j; continue
            }
            // Punctuation
            let p = String(c)
            tokens.append(Token(kind: .punctuation, form: p, surface: p, clause: clause))
            if c == "." || c == "!" || c == "?" || c == ";" || c == "…" {
                // A run of terminators ends one sentence.
                var j = i + 1
                while j < n, s[j] == "." || s[j] == "!" || s[j] == "?" {
                    tokens.append(Token(kind: .punctuation, form: String(s[j]), surface: String(s[j]), clause: clause)); j += 1
                }
                // "21.11.2026" and "4.5" are not sentence ends; "bitti.ama" (no space after the dot) is.
                let insideNumber = c == "." && j == i + 1 && i > 0 && j < n && isDigit(s[i - 1]) && isDigit(s[j])
                if !insideNumber { clause += 1 }
                i = j; continue
            }
            i += 1
        }
        return tokens
    }

    static func makeWord(_ surface: String, clause: Int, shouting: Bool) -> Token {
        var emphasis: Emphasis = []
        var letters = 0, upper = 0
        for u in surface.unicodeScalars where u.properties.isAlphabetic {
            letters += 1
            if u.properties.isUppercase { upper += 1 }
        }
        if !shouting, letters >= 2, upper == letters { emphasis.insert(.allCaps) }
        var form = LanguageFolding.defaultLower(surface)
        var alternative: String?
        let squeezed = squeeze(form)
        if squeezed != form {
            emphasis.insert(.elongated)
            alternative = squeeze(form, keep: 2)
            form = squeezed
        }
        var t = Token(kind: .word, form: form, surface: surface, clause: clause, emphasis: emphasis)
        t.alternative = alternative
        return t
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

    @inline(__always) static func isWordScalar(_ u: UnicodeScalar) -> Bool {
        let v = u.value
        if v < 0x80 { return (v >= 0x30 && v <= 0x39) || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) }
        if v == 0x0307 { return true }
        let p = u.properties
        return p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .decimalNumber
    }

    @inline(__always) static func isApostrophe(_ u: UnicodeScalar) -> Bool {
        u == "'" || u == "’" || u == "ʼ" || u == "`" || u == "‘"
    }

    static func isRegionalIndicator(_ u: UnicodeScalar) -> Bool { (0x1F1E6...0x1F1FF).contains(u.value) }

    static func isEmojiStart(_ s: [UnicodeScalar], _ i: Int) -> Bool {
        let u = s[i]
        let v = u.value
        if v < 0x2000 { return v == 0x00A9 || v == 0x00AE ? (i + 1 < s.count && s[i + 1].value == 0xFE0F) : false }
        let p = u.properties
        if p.isEmojiPresentation { return true }
        if p.isEmoji, i + 1 < s.count, s[i + 1].value == 0xFE0F { return true }
        // Text-default pictographs people use as emoji: ☺ ☹ ♥ ❤ ★ ☆ ✔ ✘ ✓ ✗
        return [0x263A, 0x2639, 0x2665, 0x2764, 0x2605, 0x2606, 0x2714, 0x2718, 0x2713, 0x2717, 0x270C, 0x261D].contains(v)
    }

    static func hasPrefixCI(_ s: [UnicodeScalar], _ i: Int, _ prefix: String) -> Bool {
        var k = i
        for p in prefix.unicodeScalars {
            guard k < s.count else { return false }
            let v = s[k].value
            let lower = (v >= 0x41 && v <= 0x5A) ? v | 0x20 : v
            if lower != p.value { return false }
            k += 1
        }
        return true
    }

    static func matches(_ s: [UnicodeScalar], _ i: Int, _ pat: [UnicodeScalar]) -> Bool {
        guard i + pat.count <= s.count else { return false }
        for k in 0..<pat.count where s[i + k] != pat[k] { return false }
        return true
    }
}
