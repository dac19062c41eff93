import VerbatimCore

/// One pass of the tokenizer over a text's UTF-8 bytes (`Tokenizer.tokenize`). At each position the
/// token kinds are tried in turn, each by its own method (a URL, an emoticon, an emoji sequence, a
/// hashtag or mention, a word or number, punctuation), which appends its tokens and moves `i` past them
/// when it takes the position. Positions are byte offsets; scalars are decoded where a rule needs one.
struct TokenScanner {
    let s: UnsafeBufferPointer<UInt8>
    let n: Int
    /// Where the scan stands.
    var i = 0
    /// The clause the next token stands in: a sentence end starts a new one.
    var clause = 0
    /// All-caps text: caps carry no emphasis. Worked out when a word in capitals first asks (most texts have none).
    var shouting: Bool?
    let memo = WordMemo.current
    // Read once, not through `swift_once` per scalar or token.
    let flags = ScalarTable.flags
    let emoticonStarts = Tokenizer.emoticonStarts

    init(_ s: UnsafeBufferPointer<UInt8>) {
        self.s = s
        n = s.count
    }

    /// Appends the text's tokens to `tokens`.
    mutating func scan(into tokens: inout TokenList) {
        while i < n {
            let c = s[i]
            if c == 0x20 { i += 1; continue }
            // Each kind is asked only where its first byte or scalar can start it.
            if c == 0x68 || c == 0x77 || c == 0x48 || c == 0x57, url(into: &tokens) { continue }
            let (cv, clen) = UTF8Bytes.decode(s, i)
            let cIsWord = ScalarTable.isWord(cv, flags)
            if emoticonStarts[Int(c)], !cIsWord || c == 0x78 || c == 0x58 || c == 0x38 || c == 0x42, emoticon(into: &tokens) { continue }
            // Below U+2000 only © and ® can start an emoji: a Cyrillic or Turkish letter is not decoded again.
            if cv >= 0x2000 || cv == 0xA9 || cv == 0xAE, emoji(cv, clen, into: &tokens) { continue }
            if c == 0x23 || c == 0x40, hashtagOrMention(c, into: &tokens) { continue }
            if cIsWord {
                wordOrNumber(into: &tokens)
            } else {
                punctuation(c, cv, clen, into: &tokens)
            }
        }
    }

    // MARK: Token kinds

    /// `http://…`, `https://…`, `www.…` at a word start: everything up to the next space.
    @inline(__always) private mutating func url(into tokens: inout TokenList) -> Bool {
        guard atBoundary(i),
              Tokenizer.hasPrefixCI(s, i, "http://") || Tokenizer.hasPrefixCI(s, i, "https://") || Tokenizer.hasPrefixCI(s, i, "www.")
        else { return false }
        var j = i
        while j < n, s[j] != 0x20 { j += 1 }
        tokens.append(Token(kind: .url, form: span(i, i), surface: span(i, j), clause: clause))
        i = j
        return true
    }

    /// An emoticon, only at a token start (so `http:/` or `3:0` do not match), and not followed by a word.
    @inline(__always) private mutating func emoticon(into tokens: inout TokenList) -> Bool {
        guard atBoundary(i) || !ScalarTable.isWord(UTF8Bytes.decode(s, before: i), flags),
              let e = Tokenizer.emoticonBytes.first(where: { Tokenizer.matches(s, i, $0.bytes) })
        else { return false }
        var end = i + e.bytes.count
        // ":)))))" is ":)))" said louder, ":DDD" is ":D", "<333" is "<3": the extra repeats belong to the token.
        if let last = e.bytes.last, last == 0x29 || last == 0x28 || last == 0x44 || last == 0x33 {
            while end < n, s[end] == last { end += 1 }
        }
        guard end == n || s[end] == 0x20 || !isWord(at: end) else { return false }
        tokens.append(Token(kind: .emoticon, form: tokens.add(e.form), surface: span(i, end), clause: clause))
        i = end
        return true
    }

    /// An emoji with its presentation selectors, skin tones, keycap, a flag's second letter and the
    /// emoji joined to it (ZWJ sequences); its form leaves out the selectors and skin tones.
    @inline(__always) private mutating func emoji(_ cv: UInt32, _ clen: Int, into tokens: inout TokenList) -> Bool {
        guard Tokenizer.isEmojiStart(s, i) else { return false }
        var j = i + clen
        var form = Array(s[i..<j])
        if Tokenizer.isRegionalIndicator(cv), j < n {
            let (next, len) = UTF8Bytes.decode(s, j)
            if Tokenizer.isRegionalIndicator(next) { form.append(contentsOf: s[j..<(j + len)]); j += len }
        }
        while j < n {
            let (v, len) = UTF8Bytes.decode(s, j)
            if v == 0xFE0F || v == 0xFE0E || (0x1F3FB...0x1F3FF).contains(v) || v == 0x20E3 { j += len; continue }
            if v == 0x200D, j + len < n, Tokenizer.isEmojiStart(s, j + len) {
                let nextLength = UTF8Bytes.decode(s, j + len).length
                form.append(contentsOf: s[j..<(j + len + nextLength)])
                j += len + nextLength
                continue
            }
            break
        }
        let formSpan = form.withUnsafeBufferPointer { tokens.add($0) }
        tokens.append(Token(kind: .emoji, form: formSpan, surface: span(i, j), clause: clause))
        i = j
        return true
    }

    /// `@name`, or `#tag` followed by the words written together in it (`#KötüHizmet` → `Kötü`, `Hizmet`).
    @inline(__always) private mutating func hashtagOrMention(_ c: UInt8, into tokens: inout TokenList) -> Bool {
        guard isWord(at: i + 1) else { return false }
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
            for part in Tokenizer.splitHashtag(body) {
                let surface = tokens.add(part)
                var word = wordOfString(part, surface: surface, into: &tokens)
                word.emphasis.insert(.fromHashtag)
                tokens.append(word)
            }
        }
        i = j
        return true
    }

    /// A word (with the suffix an apostrophe attaches: `Ayşe'ye`, `Ayşe’nin`), or a number (`4,5`, `1.000`).
    @inline(__always) private mutating func wordOrNumber(into tokens: inout TokenList) {
        // The loop reads locals, not the scanner's fields through `self`.
        let s = s, n = n, flags = flags
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
            // A two-byte letter of the table (U+0080–U+04FF: Turkish, Serbian Latin, Cyrillic), read from its
            // bytes without the general decoding, and counted without branches.
            if b >= 0xC2 && b <= 0xD3 && j + 1 < n {
                let f = flags.withUnsafeBufferPointer { $0[Int(b & 0x1F) << 6 | Int(s[j + 1] & 0x3F)] }
                guard f.contains(.word) else { break }
                allDigits = false
                let alphabetic = Int(f.rawValue & ScalarTable.Flags.alphabetic.rawValue)
                letters += alphabetic
                upper += f.contains(.uppercase) ? alphabetic : 0
                j += 2
                continue
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
            i = j
            return
        }
        let allCaps = letters >= 2 && upper == letters && !textIsShouting()
        tokens.append(Tokenizer.makeWord(UnsafeBufferPointer(rebasing: s[i..<j]), surface: span(i, j), clause: clause, allCaps: allCaps, memo: memo, into: &tokens))
        i = j
        // An apostrophe's first byte: `'`, `` ` ``, and the lead bytes of U+2018, U+2019 (E2) and U+02BC (CA).
        if j < n, s[j] == 0x27 || s[j] == 0xE2 || s[j] == 0x60 || s[j] == 0xCA { apostropheSuffix(into: &tokens) }
    }

    /// After a word, an apostrophe and the word attached to it (`'ye`): a token of its own, marked.
    @inline(__always) private mutating func apostropheSuffix(into tokens: inout TokenList) {
        guard i < n else { return }
        let (a, alen) = UTF8Bytes.decode(s, i)
        guard Tokenizer.isApostrophe(a), isWord(at: i + alen) else { return }
        var k = i + alen
        while k < n {
            let (v, len) = UTF8Bytes.decode(s, k)
            guard ScalarTable.isWord(v) else { break }
            k += len
        }
        var t = wordOfString(UTF8Bytes.string(s, (i + alen)..<k), surface: span(i + alen, k), into: &tokens)
        t.emphasis.insert(.apostropheSuffix)
        tokens.append(t)
        i = k
    }

    /// A punctuation mark; a sentence end (`.`, `!`, `?`, `;`, `…`, with the run of marks after it)
    /// starts a new clause, unless it is a dot inside a number (`21.11.2026`, `4.5`).
    @inline(__always) private mutating func punctuation(_ c: UInt8, _ cv: UInt32, _ clen: Int, into tokens: inout TokenList) {
        tokens.append(Token(kind: .punctuation, form: span(i, i + clen), surface: span(i, i + clen), clause: clause))
        guard c == 0x2E || c == 0x21 || c == 0x3F || c == 0x3B || cv == 0x2026 else { i += clen; return }
        var j = i + clen
        while j < n, s[j] == 0x2E || s[j] == 0x21 || s[j] == 0x3F {
            tokens.append(Token(kind: .punctuation, form: span(j, j + 1), surface: span(j, j + 1), clause: clause)); j += 1
        }
        // "bitti.ama" (no space after the dot) is a sentence end.
        let insideNumber = c == 0x2E && j == i + 1 && i > 0 && j < n && Tokenizer.isDigit(s[i - 1]) && Tokenizer.isDigit(s[j])
        if !insideNumber { clause += 1 }
        i = j
    }

    // MARK: Helpers

    /// A word given as a string (a hashtag's part, an apostrophe's suffix) whose surface is already in
    /// the bytes, folded now (not through the memo).
    private mutating func wordOfString(_ text: String, surface: ByteSpan, into tokens: inout TokenList) -> Token {
        var letters = 0, upper = 0
        for u in text.unicodeScalars where ScalarTable.isAlphabetic(u.value) {
            letters += 1
            if ScalarTable.isUppercase(u.value) { upper += 1 }
        }
        let allCaps = letters >= 2 && upper == letters && !textIsShouting()
        return Tokenizer.makeWord(surface: surface, WordFolder.forms(of: text, for: .und, alternative: true), clause: clause, allCaps: allCaps, into: &tokens)
    }

    private mutating func textIsShouting() -> Bool {
        if let shouting { return shouting }
        let answer = Tokenizer.isShouting(s)
        shouting = answer
        return answer
    }

    @inline(__always) private func atBoundary(_ k: Int) -> Bool { k == 0 || s[k - 1] == 0x20 }
    @inline(__always) private func span(_ a: Int, _ b: Int) -> ByteSpan { ByteSpan(start: a, count: b - a) }
    @inline(__always) private func isWord(at k: Int) -> Bool { k < n && ScalarTable.isWord(UTF8Bytes.decode(s, k).scalar) }
}
