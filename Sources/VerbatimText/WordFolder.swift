import VerbatimCore

/// Builds the lookup forms of one word on its UTF-8 bytes: per-scalar
/// folding tables derived once from `LanguageFolding.fold` (so both always
/// agree), then elongations squeezed, with no `String` built on the way.
///
/// Words the tables cannot fold one scalar at a time (Greek, scripts above
/// U+04FF, Kazakh typed in Latin letters, whose digraphs need context) go
/// through `LanguageFolding` itself.
public enum WordFolder {
    /// Per-scalar fold outputs: the scalars of `fold(String(scalar))`, for every scalar below `ScalarTable.limit`.
    struct Table: Sendable {
        let start: [Int32]
        let output: [UInt32]

        init(_ fold: (String) -> String) {
            var start: [Int32] = []
            var output: [UInt32] = []
            start.reserveCapacity(Int(ScalarTable.limit) + 1)
            for v in 0..<ScalarTable.limit {
                start.append(Int32(output.count))
                guard let u = Unicode.Scalar(v), ScalarTable.flags[Int(v)].contains(.simpleLower) else { continue }
                output.append(contentsOf: fold(String(u)).unicodeScalars.map(\.value))
            }
            start.append(Int32(output.count))
            self.start = start
            self.output = output
        }
    }

    /// Default lower-casing (`LanguageFolding.defaultLower`), the tokenizer's form before the language is known.
    static let lower = Table(LanguageFolding.defaultLower)
    static let turkish = Table { LanguageFolding.fold($0, for: .tr) }
    static let serbian = Table { LanguageFolding.fold($0, for: .sr) }
    /// Kazakh and Mongolian without the Latin-to-Cyrillic step, which only applies to whole words in Latin letters.
    static let mongolian = Table { LanguageFolding.skeleton(LanguageFolding.defaultLower($0), LanguageFolding.mongolianSkeleton) }
    static let kazakh = Table { LanguageFolding.skeleton(LanguageFolding.defaultLower($0), LanguageFolding.kazakhSkeleton) }

    /// Turkish lower-casing alone (`LanguageFolding.turkishLower`), the form of the Turkish identification cues.
    static let turkishLower = Table(LanguageFolding.turkishLower)

    /// Per language (by `Language.allCases` position), per scalar below `ScalarTable.limit`: true when the
    /// language's table folds it exactly as default lower-casing does, so that a word of such scalars
    /// keeps the tokenizer's forms (`foldsAsLower`). Kazakh and Mongolian Latin letters are never such: such a
    /// word in Latin letters is transliterated whole (`LanguageFolding.transliteratesLatin`).
    static let sameAsLower: [[Bool]] = Language.allCases.map { language in
        let table = table(for: language)
        return (0..<Int(ScalarTable.limit)).map { v in
            guard ScalarTable.flags[v].contains(.simpleLower) else { return false }
            if LanguageFolding.transliteratesLatin(language), v < 0x250, ScalarTable.isAlphabetic(UInt32(v)) { return false }
            let a = Int(table.start[v]), b = Int(table.start[v + 1])
            let c = Int(lower.start[v]), d = Int(lower.start[v + 1])
            return table.output[a..<b].elementsEqual(lower.output[c..<d])
        }
    }

    /// The languages (a bit per `Language.allCases` position) for which `surface` folds as default
    /// lower-casing does (`foldsAsLower`): what `Token.keepsFormsIn` says of a word.
    static func languagesKeepingForms(of surface: String) -> UInt8 {
        var bytes = surface
        let masks = keepingMasks
        return bytes.withUTF8 { p in
            var mask: UInt8 = 0xFF
            var i = 0
            while i < p.count, mask != 0 {
                let (v, len) = UTF8Bytes.decode(p, i)
                mask &= v < ScalarTable.limit ? masks[Int(v)] : 0
                i += len
            }
            return mask
        }
    }

    /// Per scalar below `ScalarTable.limit`, the languages for which it folds as default lower-casing
    /// does: `sameAsLower` of every language as one byte.
    static let keepingMasks: [UInt8] = (0..<Int(ScalarTable.limit)).map { v in
        var mask: UInt8 = 0
        for k in Language.allCases.indices where sameAsLower[k][v] { mask |= 1 << UInt8(k) }
        return mask
    }

    /// True when every scalar of `surface` folds for `language` as default lower-casing does: its forms
    /// are then the tokenizer's.
    static func foldsAsLower(_ surface: String, for language: Language) -> Bool {
        languagesKeepingForms(of: surface) & keepingBit(language) != 0
    }

    /// `language`'s bit in `languagesKeepingForms` and `Token.keepsFormsIn`.
    static func keepingBit(_ language: Language) -> UInt8 { 1 << UInt8(Language.allCases.firstIndex(of: language)!) }

    static func table(for language: Language) -> Table {
        switch language {
        case .tr: turkish
        case .sr: serbian
        case .kk: kazakh
        case .mn: mongolian
        default: lower
        }
    }

    /// The lookup form (runs of three or more letters squeezed to one) and, when `alternative`
    /// is asked for, the form with runs squeezed to two (the form itself when there is no run);
    /// `squeezed` tells whether a run was found.
    static func forms(of surface: String, for language: Language, alternative wantAlternative: Bool) -> (form: String, alternative: String?, squeezed: Bool) {
        var bytes = surface
        let result: (String, String?, Bool)? = bytes.withUTF8 { p in
            if language == .und, let ascii = asciiLowerForms(p, surface: surface, wantAlternative: wantAlternative) { return ascii }
            if LanguageFolding.transliteratesLatin(language), isLatinWord(p) { return nil }
            return fold(p, table(for: language), surface: surface, wantAlternative: wantAlternative)
        }
        if let result { return result }
        let folded = LanguageFolding.fold(surface, for: language)
        let form = Tokenizer.squeeze(folded)
        return (form, wantAlternative ? Tokenizer.squeeze(folded, keep: 2) : nil, form != folded)
    }

    /// The default-lower-cased forms of an ASCII word with no run to squeeze: its bytes with capitals
    /// lower-cased, and the word itself when it has none (no `String` built). Nil for any other word.
    private static func asciiLowerForms(_ p: UnsafeBufferPointer<UInt8>, surface: String, wantAlternative: Bool) -> (String, String?, Bool)? {
        var capitals = false
        var previous: UInt8 = 0
        var run = 1
        for b in p {
            guard b < 0x80 else { return nil }
            let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if lower != b { capitals = true }
            if lower == previous {
                run += 1
                if run == 3, lower >= 0x61 && lower <= 0x7A { return nil }
            } else {
                run = 1
            }
            previous = lower
        }
        let form = capitals ? String(decoding: p.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self) : surface
        return (form, wantAlternative ? form : nil, false)
    }

    /// `LanguageFolding.fold(word, for: language)`: folded, not squeezed. Through the tables where they
    /// hold the word's scalars (several times faster; `ByteLevelTextTests` checks that the two agree).
    public static func folded(_ word: String, for language: Language) -> String {
        // Kazakh and Mongolian in Latin letters are spelled in Cyrillic first (digraphs need context), as in `forms`.
        if LanguageFolding.transliteratesLatin(language) {
            var bytes = word
            if bytes.withUTF8(isLatinWord) { return LanguageFolding.fold(word, for: language) }
        }
        return folded(word, with: table(for: language)) ?? LanguageFolding.fold(word, for: language)
    }

    /// The word folded through `table`, or nil when a scalar is outside it.
    static func folded(_ word: String, with table: Table) -> String? {
        var bytes = word
        return bytes.withUTF8 { p in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: p.count * 2 + 1) { buf -> String? in
                guard let (n, same) = fold(p, table, into: buf) else { return nil }
                return same ? word : encode(UnsafeBufferPointer(rebasing: buf[0..<n]), keep: 0)
            }
        }
    }

    /// Calls `body` with the UTF-8 bytes of `word` folded through `table` (or, when a scalar is outside
    /// it, through `fallback`), building no `String` when the table can fold the word.
    static func withFolded<R>(_ word: String, with table: Table, fallback: (String) -> String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var bytes = word
        let result: R? = bytes.withUTF8 { p in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: p.count * 8 + 8) { out -> R? in
                guard let n = foldUTF8(p, table, into: out) else { return nil }
                return body(UnsafeBufferPointer(rebasing: out[0..<n]))
            }
        }
        if let result { return result }
        var folded = fallback(word)
        return folded.withUTF8(body)
    }

    /// Folds the scalars of `p` through `table` straight into UTF-8 bytes; returns their count, or nil when a
    /// scalar is outside the table (or `out` is too small).
    private static func foldUTF8(_ p: UnsafeBufferPointer<UInt8>, _ table: Table, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var n = 0
        var i = 0
        let flags = ScalarTable.flags
        while i < p.count {
            let (v, len) = UTF8Bytes.decode(p, i)
            guard let folded = outputs(of: v, table, flags), n + folded.count * 4 <= out.count else { return nil }
            for k in folded { UTF8Bytes.write(table.output[k], to: out, at: &n) }
            i += len
        }
        return n
    }

    /// Where in `table.output` the scalars that `v` folds to are, or nil when the table does not hold `v`.
    /// `flags` is `ScalarTable.flags`, read once by the caller: each access to a global table inside a loop
    /// goes through `swift_once` (~60 instructions).
    @inline(__always)
    private static func outputs(of v: UInt32, _ table: Table, _ flags: [ScalarTable.Flags]) -> Range<Int>? {
        guard v < ScalarTable.limit, flags[Int(v)].contains(.simpleLower) else { return nil }
        return Int(table.start[Int(v)])..<Int(table.start[Int(v) + 1])
    }

    /// Folds the scalars of `p` into `buf`; returns their count and whether they are the input unchanged,
    /// or nil when a scalar is outside the table.
    private static func fold(_ p: UnsafeBufferPointer<UInt8>, _ table: Table, into buf: UnsafeMutableBufferPointer<UInt32>) -> (Int, Bool)? {
        var n = 0
        var i = 0
        var same = true
        let flags = ScalarTable.flags
        while i < p.count {
            let (v, len) = UTF8Bytes.decode(p, i)
            guard let folded = outputs(of: v, table, flags), n + folded.count <= buf.count else { return nil }
            if folded.count != 1 || table.output[folded.lowerBound] != v { same = false }
            for k in folded { buf[n] = table.output[k]; n += 1 }
            i += len
        }
        return (n, same)
    }

    /// A word written in Latin letters (`LanguageFolding.isLatinWord`, on bytes): every scalar below U+0250 and at least one letter
    /// (once lower-cased, which drops the combining dot that `İ` may carry).
    private static func isLatinWord(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var letter = false
        while i < p.count {
            let (v, len) = UTF8Bytes.decode(p, i)
            if v >= 0x250 && v != 0x307 { return false }
            if ScalarTable.isAlphabetic(v) { letter = true }
            i += len
        }
        return letter
    }

    private static func fold(_ p: UnsafeBufferPointer<UInt8>, _ table: Table, surface: String, wantAlternative: Bool) -> (String, String?, Bool)? {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: p.count * 2 + 1) { buf -> (String, String?, Bool)? in
            guard let (n, same) = fold(p, table, into: buf) else { return nil }
            let scalars = UnsafeBufferPointer(rebasing: buf[0..<n])
            guard hasLongRun(scalars) else {
                let form = same ? surface : encode(scalars, keep: 0)
                return (form, wantAlternative ? form : nil, false)
            }
            return (encode(scalars, keep: 1), wantAlternative ? encode(scalars, keep: 2) : nil, true)
        }
    }

    /// True when a letter is repeated three times or more in a row.
    static func hasLongRun(_ s: UnsafeBufferPointer<UInt32>) -> Bool {
        var run = 1
        var k = 1
        while k < s.count {
            if s[k] == s[k - 1] {
                run += 1
                if run == 3, ScalarTable.isAlphabetic(s[k]) { return true }
            } else {
                run = 1
            }
            k += 1
        }
        return false
    }

    /// Encodes scalars as a `String`, squeezing runs of three or more letters to `keep` (0: no squeezing).
    static func encode(_ s: UnsafeBufferPointer<UInt32>, keep: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: s.count * 4) { out -> String in
            var n = 0
            var k = 0
            while k < s.count {
                let v = s[k]
                var r = k + 1
                while r < s.count, s[r] == v { r += 1 }
                let copies = keep > 0 && r - k >= 3 && ScalarTable.isAlphabetic(v) ? keep : r - k
                for _ in 0..<copies { UTF8Bytes.write(v, to: out, at: &n) }
                k = r
            }
            return UTF8Bytes.string(valid: UnsafeBufferPointer(rebasing: out[0..<n]))
        }
    }
}
