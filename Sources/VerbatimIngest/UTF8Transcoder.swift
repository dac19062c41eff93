/// Turns bytes in any `TextEncoding` into UTF-8, chunk by chunk.
///
/// Holds back the bytes of a character cut by a chunk boundary, so a file
/// can be streamed in fixed-size chunks. Input that is not valid in the
/// encoding (an unpaired UTF-16 surrogate, a byte a code page leaves
/// undefined) becomes the byte `invalidMarker`, which is never valid UTF-8:
/// the reader's per-field UTF-8 check then rejects that row alone, exactly
/// as it does for invalid bytes in a UTF-8 file.
struct UTF8Transcoder {
    /// Written in place of each invalid input character; 0xFF never occurs in UTF-8.
    static let invalidMarker: UInt8 = 0xFF

    let encoding: TextEncoding
    private var carry: [UInt8] = []

    init(encoding: TextEncoding) { self.encoding = encoding }

    /// Appends the UTF-8 form of `input` to `out`. `final` flushes a dangling partial character.
    mutating func transcode(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], final: Bool = false) {
        switch encoding {
        case .utf8:
            out.append(contentsOf: input)
        case .windows1250, .windows1251, .windows1254:
            let table: [UInt32] = encoding == .windows1250 ? CodePageTables.windows1250 : encoding == .windows1251 ? CodePageTables.windows1251 : CodePageTables.windows1254
            out.reserveCapacity(out.count + input.count * 2)
            for b in input {
                if b < 0x80 { out.append(b) } else { Self.appendScalar(table[Int(b) - 0x80], to: &out) }
            }
        case .utf16LE, .utf16BE:
            var bytes = carry
            bytes.append(contentsOf: input)
            carry.removeAll()
            let le = encoding == .utf16LE
            var i = 0
            while i + 1 < bytes.count {
                let u = le ? UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 : UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1])
                if (0xD800...0xDBFF).contains(u) {
                    if i + 3 >= bytes.count {
                        if final { Self.appendScalar(0xFFFD, to: &out); i += 2; continue }
                        break
                    }
                    let lo = le ? UInt32(bytes[i + 2]) | UInt32(bytes[i + 3]) << 8 : UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
                    if (0xDC00...0xDFFF).contains(lo) {
                        Self.appendScalar(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00), to: &out)
                        i += 4
                    } else {
                        Self.appendScalar(0xFFFD, to: &out); i += 2
                    }
                } else if (0xDC00...0xDFFF).contains(u) {
                    Self.appendScalar(0xFFFD, to: &out); i += 2
                } else {
                    Self.appendScalar(u, to: &out); i += 2
                }
            }
            if i < bytes.count {
                if final { Self.appendScalar(0xFFFD, to: &out) } else { carry = Array(bytes[i...]) }
            }
        }
    }

    /// Appends `u` as UTF-8; U+FFFD (how the tables and the UTF-16 decoder mark invalid input) becomes `invalidMarker`.
    static func appendScalar(_ u: UInt32, to out: inout [UInt8]) {
        switch u {
        case 0xFFFD: out.append(invalidMarker)
        case 0..<0x80: out.append(UInt8(u))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (u >> 6))); out.append(UInt8(0x80 | (u & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (u >> 12))); out.append(UInt8(0x80 | ((u >> 6) & 0x3F))); out.append(UInt8(0x80 | (u & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (u >> 18))); out.append(UInt8(0x80 | ((u >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((u >> 6) & 0x3F))); out.append(UInt8(0x80 | (u & 0x3F)))
        }
    }
}
