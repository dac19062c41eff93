/// Mends the faults that social-listening exports and scripts put in otherwise good JSON, so that a record
/// is not rejected for them: a control character written raw inside a string (a tab or a line break pasted
/// into a post, which JSON wants escaped); half of a surrogate pair (`\ud83d` with no `\ude00` after it:
/// the tool cut a post in the middle of an emoji), left out; and `NaN`, `Infinity` and `-Infinity` as
/// values (Python's `json.dumps` writes them for a missing score), read as `null`, a missing value. Foundation's parser refuses both, as the JSON
/// standard says; Python's and JavaScript's read them. A record is mended only when it did not parse as
/// it is, and the file's summary counts what was mended.
struct JSONRepair {
    /// Control characters mended: a tab, line feed or carriage return escaped as itself, any other read
    /// as a space (as `XMLEventReader` reads the ones XML does not allow).
    private(set) var controls = 0
    /// `NaN`, `Infinity` and `-Infinity` values read as `null`.
    private(set) var nonNumbers = 0
    /// Surrogate escapes without their other half, left out: half an emoji says nothing, and a U+FFFD
    /// in its place would set the record aside as bytes that are not text (`RecordAssembler`).
    private(set) var surrogates = 0

    /// `bytes` (one JSON value, UTF-8) mended, or nil when it has neither fault.
    mutating func mended(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var changed = false
        var inString = false
        var i = 0
        let n = bytes.count
        out.reserveCapacity(n + 16)
        while i < n {
            let b = bytes[i]
            guard inString else {
                if b == 0x22 { inString = true }
                // Outside strings a letter starts only `true`, `false`, `null`, or one of these.
                if b == 0x4E || b == 0x49 || b == 0x2D, let length = Self.nonNumber(bytes, at: i) {
                    out += Array("null".utf8)
                    nonNumbers += 1
                    changed = true
                    i += length
                    continue
                }
                out.append(b)
                i += 1
                continue
            }
            switch b {
            case 0x22:
                inString = false
                out.append(b)
                i += 1
            case 0x5C where i + 1 < n && bytes[i + 1] == 0x75:  // \u
                let (length, lone) = Self.unicodeEscape(bytes, at: i)
                if lone {
                    surrogates += 1
                    changed = true
                } else {
                    out += bytes[i..<(i + length)]
                }
                i += length
            case 0x5C:
                out.append(b)
                if i + 1 < n { out.append(bytes[i + 1]) }
                i += 2
            case 0x09, 0x0A, 0x0D:
                out += [0x5C, b == 0x09 ? 0x74 : b == 0x0A ? 0x6E : 0x72]
                controls += 1
                changed = true
                i += 1
            case ..<0x20:
                out.append(0x20)
                controls += 1
                changed = true
                i += 1
            default:
                out.append(b)
                i += 1
            }
        }
        return changed ? out : nil
    }

    /// The `\uXXXX` escape at `i`: how many bytes it takes (with its low half when it is a high surrogate
    /// followed by one), and whether it is half of a pair standing alone.
    static func unicodeEscape(_ bytes: [UInt8], at i: Int) -> (length: Int, lone: Bool) {
        guard let unit = hex4(bytes, i + 2) else { return (2, false) }
        switch unit {
        case 0xD800...0xDBFF:
            if i + 12 <= bytes.count, bytes[i + 6] == 0x5C, bytes[i + 7] == 0x75, let low = hex4(bytes, i + 8), (0xDC00...0xDFFF).contains(low) {
                return (12, false)
            }
            return (6, true)
        case 0xDC00...0xDFFF: return (6, true)
        default: return (6, false)
        }
    }

    /// The length of `NaN`, `Infinity` or `-Infinity` at `i`, or nil.
    static func nonNumber(_ bytes: [UInt8], at i: Int) -> Int? {
        for word in [Array("NaN".utf8), Array("Infinity".utf8), Array("-Infinity".utf8)]
        where i + word.count <= bytes.count && bytes[i..<(i + word.count)].elementsEqual(word) {
            return word.count
        }
        return nil
    }

    /// The four hex digits at `k`, or nil.
    private static func hex4(_ bytes: [UInt8], _ k: Int) -> UInt32? {
        guard k + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for b in bytes[k..<(k + 4)] {
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x41...0x46: d = b - 0x41 + 10
            case 0x61...0x66: d = b - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// What the manifest says of the file's mended records, or nil when none was.
    var note: String? {
        var parts: [String] = []
        if controls > 0 { parts.append("\(controls) control character\(controls == 1 ? "" : "s") written raw inside strings (tabs and line breaks kept, others read as spaces)") }
        if nonNumbers > 0 { parts.append("\(nonNumbers) NaN or Infinity value\(nonNumbers == 1 ? "" : "s") (as Python's json writes a missing number) read as missing") }
        if surrogates > 0 { parts.append("\(surrogates) half\(surrogates == 1 ? "" : "ves") of an emoji's escape without the other (`\\ud83d` alone) left out") }
        return parts.isEmpty ? nil : "mended JSON: " + parts.joined(separator: "; ")
    }
}
