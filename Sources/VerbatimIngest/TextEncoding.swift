/// A character encoding an export can arrive in.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable, Codable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1254 = "windows-1254"
    case windows1251 = "windows-1251"
    case windows1250 = "windows-1250"

    /// Parses the names people write in pipeline files (`UTF-8`, `cp1254`, `windows-1251`, `utf16`).
    public init?(name: String) {
        let n = name.lowercased().replacingOccurrences(of: "_", with: "-")
        switch n {
        case "utf-8", "utf8": self = .utf8
        case "utf-16le", "utf16le", "utf-16", "utf16", "unicode": self = .utf16LE
        case "utf-16be", "utf16be": self = .utf16BE
        case "windows-1254", "cp1254", "win-1254", "windows1254": self = .windows1254
        case "windows-1251", "cp1251", "win-1251", "windows1251": self = .windows1251
        case "windows-1250", "cp1250", "win-1250", "windows1250": self = .windows1250
        default: return nil
        }
    }

    /// The names accepted by `init(name:)`, for error messages.
    public static let acceptedNames = "utf-8, utf-16le, utf-16be, windows-1254, windows-1251, windows-1250"
}

/// The outcome of looking at the first bytes of a file.
public struct DetectedEncoding: Sendable, Hashable {
    public var encoding: TextEncoding
    /// Bytes of byte-order mark to skip.
    public var bomLength: Int
    /// How it was decided, for the manifest (`BOM`, `valid UTF-8`, `declared`, `guessed from letters`).
    public var how: String
}

/// Detects the encoding of an export from its first bytes.
///
/// Order: a byte-order mark wins; then valid UTF-8; otherwise the Windows
/// code page whose decoding yields the most plausible words in Turkish,
/// Serbian Latin or Cyrillic.
public enum EncodingDetector {
    public static func detect(_ sample: [UInt8], declared: TextEncoding? = nil) -> DetectedEncoding {
        let bom = bomOf(sample)
        if let declared {
            let skip = (bom?.encoding == declared) ? bom!.bomLength : 0
            return DetectedEncoding(encoding: declared, bomLength: skip, how: "declared")
        }
        if let bom { return bom }
        if isValidUTF8Prefix(sample) { return DetectedEncoding(encoding: .utf8, bomLength: 0, how: "valid UTF-8") }
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

    /// True when `b` is valid UTF-8, allowing a sequence cut off at the very end.
    static func isValidUTF8Prefix(_ b: [UInt8]) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len: Int
            if c & 0xE0 == 0xC0, c >= 0xC2 { len = 2 } else if c & 0xF0 == 0xE0 { len = 3 } else if c & 0xF8 == 0xF0, c <= 0xF4 { len = 4 } else { return false }
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
