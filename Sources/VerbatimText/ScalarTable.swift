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
    @inline(__always) static func isWord(_ v: UInt32) -> Bool { v < 0x80 ? isASCIIWord(v) : isWord(v, flags) }

    @inline(__always) static func isAlphabetic(_ v: UInt32) -> Bool { isAlphabetic(v, flags) }

    @inline(__always) static func isUppercase(_ v: UInt32) -> Bool { isUppercase(v, flags) }

    /// `isWord`, `isAlphabetic`, `isUppercase` with `flags` read once by the caller: each access to a
    /// global table inside a loop goes through `swift_once`.
    @inline(__always) static func isWord(_ v: UInt32, _ flags: [Flags]) -> Bool {
        if v < 0x80 { return isASCIIWord(v) }
        if v < limit { return flags[Int(v)].contains(.word) }
        guard let u = Unicode.Scalar(v) else { return false }
        let p = u.properties
        return p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .decimalNumber
    }

    @inline(__always) static func isAlphabetic(_ v: UInt32, _ flags: [Flags]) -> Bool {
        v < limit ? flags[Int(v)].contains(.alphabetic) : Unicode.Scalar(v)?.properties.isAlphabetic ?? false
    }

    @inline(__always) static func isUppercase(_ v: UInt32, _ flags: [Flags]) -> Bool {
        v < limit ? flags[Int(v)].contains(.uppercase) : Unicode.Scalar(v)?.properties.isUppercase ?? false
    }

    /// The flags `.word`, `.alphabetic` and `.uppercase` of a scalar, as `isWord`, `isAlphabetic` and
    /// `isUppercase` give them, in one read of the table: a word's letters ask all three.
    @inline(__always) static func wordFlags(_ v: UInt32, _ flags: [Flags]) -> Flags {
        if v < limit { return flags[Int(v)] }
        guard let u = Unicode.Scalar(v) else { return [] }
        let p = u.properties
        var f: Flags = []
        if p.isAlphabetic { f.insert(.alphabetic) }
        if p.isUppercase { f.insert(.uppercase) }
        if p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .decimalNumber { f.insert(.word) }
        return f
    }

    /// An ASCII digit or letter.
    @inline(__always) static func isASCIIWord(_ v: UInt32) -> Bool { (v >= 0x30 && v <= 0x39) || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) }

    @inline(__always) static func isWhitespace(_ v: UInt32) -> Bool {
        if v < limit { return flags[Int(v)].contains(.whitespace) }
        return Unicode.Scalar(v)?.properties.isWhitespace ?? false
    }
}
