/// Per-scalar facts for the scripts feedback is written in (U+0000–U+04FF:
/// Latin, its extensions, Cyrillic), computed once from the Unicode
/// properties, so that the hot loops read a table instead of asking ICU.
///
/// Scalars outside the table (emoji, CJK, Arabic, …) and the Greek block
/// (whose lower-casing depends on context: final sigma) fall back to the
/// standard library.
enum ScalarTable {
    /// Scalars below this are in the table.
    static let limit: UInt32 = 0x500

    struct Flags: OptionSet {
        let rawValue: UInt8
        static let alphabetic = Flags(rawValue: 1 << 0)
        static let uppercase = Flags(rawValue: 1 << 1)
        /// Part of a word: a letter, a combining mark or a decimal digit.
        static let word = Flags(rawValue: 1 << 3)
        static let whitespace = Flags(rawValue: 1 << 4)
        /// Lower-cases to one scalar (or to nothing) without context: Greek does not.
        static let simpleLower = Flags(rawValue: 1 << 5)
    }

    /// Marks a scalar that folds to nothing (the combining dot above that `İ` leaves).
    static let dropped: UInt32 = 0xFFFF_FFFF

    static let flags: [Flags] = (0..<limit).map { v in
        guard let u = Unicode.Scalar(v) else { return [] }
        let p = u.properties
        var f: Flags = []
        if p.isAlphabetic { f.insert(.alphabetic) }
        if p.isUppercase { f.insert(.uppercase) }
        if v == 0x0307 || p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .decimalNumber { f.insert(.word) }
        if p.isWhitespace { f.insert(.whitespace) }
        if !(0x370...0x3FF).contains(v), LanguageFolding.defaultLower(String(u)).unicodeScalars.count <= 1 { f.insert(.simpleLower) }
        return f
    }

    /// Default lower-casing (`LanguageFolding.defaultLower`) of each scalar with `.simpleLower`.
    static let lower: [UInt32] = (0..<limit).map { v in
        guard let u = Unicode.Scalar(v) else { return v }
        return LanguageFolding.defaultLower(String(u)).unicodeScalars.first?.value ?? dropped
    }

    /// True for the scalars that make up words: letters, combining marks, decimal digits.
    @inline(__always) static func isWord(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v >= 0x30 && v <= 0x39) || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) }
        if v < limit { return flags[Int(v)].contains(.word) }
        guard let u = Unicode.Scalar(v) else { return false }
        let p = u.properties
        return p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .decimalNumber
    }

    @inline(__always) static func isAlphabetic(_ v: UInt32) -> Bool {
        if v < limit { return flags[Int(v)].contains(.alphabetic) }
        return Unicode.Scalar(v)?.properties.isAlphabetic ?? false
    }

    @inline(__always) static func isUppercase(_ v: UInt32) -> Bool {
        if v < limit { return flags[Int(v)].contains(.uppercase) }
        return Unicode.Scalar(v)?.properties.isUppercase ?? false
    }

    @inline(__always) static func isWhitespace(_ v: UInt32) -> Bool {
        if v < limit { return flags[Int(v)].contains(.whitespace) }
        return Unicode.Scalar(v)?.properties.isWhitespace ?? false
    }
}

/// Decoding and encoding of UTF-8 in the hot loops (the input is a Swift
/// `String`, so its bytes are valid UTF-8).
enum UTF8Bytes {
    /// The scalar starting at byte `i` and its length in bytes.
    @inline(__always) static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 { return (((b0 & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F), 3) }
        return (((b0 & 0x07) << 18) | (UInt32(p[i + 1] & 0x3F) << 12) | (UInt32(p[i + 2] & 0x3F) << 6) | UInt32(p[i + 3] & 0x3F), 4)
    }

    /// The scalar that ends just before byte `i` (`i > 0`).
    @inline(__always) static func decode(_ p: UnsafeBufferPointer<UInt8>, before i: Int) -> UInt32 {
        var k = i - 1
        while k > 0, p[k] & 0xC0 == 0x80 { k -= 1 }
        return decode(p, k).scalar
    }

    /// Writes the UTF-8 bytes of scalar `v` at `out[n...]` and advances `n` (the buffer has room).
    @inline(__always) static func write(_ v: UInt32, to out: UnsafeMutableBufferPointer<UInt8>, at n: inout Int) {
        if v < 0x80 {
            out[n] = UInt8(v); n += 1
        } else if v < 0x800 {
            out[n] = UInt8(0xC0 | (v >> 6)); out[n + 1] = UInt8(0x80 | (v & 0x3F)); n += 2
        } else if v < 0x10000 {
            out[n] = UInt8(0xE0 | (v >> 12)); out[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[n + 2] = UInt8(0x80 | (v & 0x3F)); n += 3
        } else {
            out[n] = UInt8(0xF0 | (v >> 18)); out[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            out[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[n + 3] = UInt8(0x80 | (v & 0x3F)); n += 4
        }
    }

    @inline(__always) static func string(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    @inline(__always) static func string(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[range]), as: UTF8.self)
    }
}
