import VerbatimCore

/// Detects the encoding of an export from its first bytes.
///
/// Order: a declared encoding wins; then a byte-order mark; then UTF-16
/// without a BOM (recognised by the zero bytes of its ASCII characters, which
/// valid UTF-8 text never has); then valid UTF-8; otherwise the Windows code
/// page whose decoding yields the most plausible words in Turkish, Serbian
/// Latin or Cyrillic.
public enum EncodingDetector {
    /// The encoding of a file whose first bytes are `sample`, and the BOM to skip.
    public static func detect(_ sample: [UInt8], declared: TextEncoding? = nil) -> DetectedEncoding {
        let bom = bomOf(sample)
        if let declared {
            let skip = (bom?.encoding == declared) ? bom!.bomLength : 0
            return DetectedEncoding(encoding: declared, bomLength: skip, how: "declared")
        }
        if let bom { return bom }
        if let utf16 = utf16WithoutBOM(sample) { return DetectedEncoding(encoding: utf16, bomLength: 0, how: "UTF-16 pattern (no BOM)") }
        if isValidUTF8Prefix(sample) { return DetectedEncoding(encoding: .utf8, bomLength: 0, how: "valid UTF-8") }
        // A UTF-8 export with a few damaged bytes is still UTF-8: its bad rows are rejected
        // alone, instead of every row being decoded as a code page into mojibake.
        let (valid, invalid) = utf8Sequences(sample)
        if valid >= 4, invalid * 4 <= valid { return DetectedEncoding(encoding: .utf8, bomLength: 0, how: "mostly valid UTF-8") }
        var best: (TextEncoding, Int) = (.windows1254, Int.min)
        for cp in [TextEncoding.windows1254, .windows1250, .windows1251] {
            let s = plausibility(sample, cp)
            if s > best.1 { best = (cp, s) }
        }
        return DetectedEncoding(encoding: best.0, bomLength: 0, how: "guessed from letters")
    }

    static func bomOf(_ b: [UInt8]) -> DetectedEncoding? {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            return DetectedEncoding(encoding: .utf8, bomLength: 3, how: "BOM")
        }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE {
            return DetectedEncoding(encoding: .utf16LE, bomLength: 2, how: "BOM")
        }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF {
            return DetectedEncoding(encoding: .utf16BE, bomLength: 2, how: "BOM")
        }
        return nil
    }

    /// UTF-16 LE or BE when zero bytes fall almost only on one side of each byte pair.
    ///
    /// Text in UTF-16 has a zero high byte for every ASCII character (digits,
    /// delimiters, spaces, line ends: a good share of any export, even a
    /// Cyrillic one). Text in UTF-8 or a code page has no zero bytes at all, and
    /// a binary file has them on both sides.
    static func utf16WithoutBOM(_ b: [UInt8]) -> TextEncoding? {
        let pairs = min(b.count, 4096) / 2
        guard pairs >= 2 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for i in 0..<pairs {
            if b[2 * i] == 0 { evenZeros += 1 }
            if b[2 * i + 1] == 0 { oddZeros += 1 }
        }
        if oddZeros * 5 >= pairs, evenZeros * 20 <= oddZeros { return .utf16LE }
        if evenZeros * 5 >= pairs, oddZeros * 20 <= evenZeros { return .utf16BE }
        return nil
    }

    /// How many well-formed multi-byte UTF-8 sequences, and how many bytes that start none, `b` holds.
    ///
    /// Text in a Windows code page almost never forms a well-formed sequence (a lead byte
    /// followed by the right number of continuation bytes); text in UTF-8 is all of them.
    static func utf8Sequences(_ b: [UInt8]) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0, i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len = UTF8Bytes.sequenceLength(lead: c)
            if len > 0, i + len <= b.count, b[(i + 1)..<(i + len)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                valid += 1; i += len
            } else {
                invalid += 1; i += 1
            }
        }
        return (valid, invalid)
    }

    /// True when `b` is valid UTF-8, allowing a sequence cut off at the very end.
    static func isValidUTF8Prefix(_ b: [UInt8]) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len = UTF8Bytes.sequenceLength(lead: c)
            if len == 0 { return false }
            if i + len > n { return n - i < 4 && b[(i + 1)...].allSatisfy { $0 & 0xC0 == 0x80 } }
            for k in 1..<len where b[i + k] & 0xC0 != 0x80 { return false }
            i += len
        }
        return true
    }

    static let turkish: Set<UInt32> = Set("çğıöşüÇĞİÖŞÜâîû".unicodeScalars.map(\.value))
    static let serbianLatin: Set<UInt32> = Set("čćđšžČĆĐŠŽ".unicodeScalars.map(\.value))

    /// Scores a code page: words whose non-ASCII letters fit one of our languages count up, mixed or odd ones down.
    static func plausibility(_ sample: [UInt8], _ cp: TextEncoding) -> Int {
        let table: [UInt32]
        switch cp {
        case .windows1254: table = CodePageTables.windows1254
        case .windows1250: table = CodePageTables.windows1250
        case .windows1251: table = CodePageTables.windows1251
        default: return Int.min
        }
        var score = 0
        var hasHigh = false, hasASCIILetter = false, hasCyr = false, bad = false, good = true
        func endWord() {
            if hasHigh {
                if bad || (hasCyr && hasASCIILetter) { score -= 2 } else if good { score += 1 } else { score -= 1 }
            }
            hasHigh = false; hasASCIILetter = false; hasCyr = false; bad = false; good = true
        }
        for byte in sample {
            if byte < 0x80 {
                let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
                if isLetter { hasASCIILetter = true } else { endWord() }
                continue
            }
            let u = table[Int(byte) - 0x80]
            hasHigh = true
            if u == 0xFFFD { bad = true; continue }
            if (0x0400...0x04FF).contains(u) {
                hasCyr = true
                if cp != .windows1251 { good = false }
            } else if cp == .windows1254 && turkish.contains(u) {
            } else if cp == .windows1250 && serbianLatin.contains(u) {
            } else if u == 0x00A0 || u == 0x2013 || u == 0x2014 || u == 0x201C || u == 0x201D || u == 0x2019 || u == 0x2026 || u == 0x00AB || u == 0x00BB {
                endWord()
            } else {
                good = false
            }
        }
        endWord()
        return score
    }
}
