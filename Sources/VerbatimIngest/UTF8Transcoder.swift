/// Turns bytes in any `TextEncoding` into UTF-8, block by block.
///
/// Holds back the bytes of a character cut by a block boundary, so a file
/// can be streamed in fixed-size chunks. Input that is not valid in the
/// encoding (an unpaired UTF-16 surrogate, a byte a code page leaves
/// undefined) becomes the byte `invalidMarker`, which is never valid UTF-8:
/// the reader's per-field UTF-8 check then rejects that row alone, exactly
/// as it does for invalid bytes in a UTF-8 file.
///
/// UTF-8 input is handed on as it is. Other encodings are written into one
/// output block, reused from chunk to chunk, through a pointer: a code page
/// through a table of each upper byte's UTF-8 form, UTF-16 unit by unit.
public struct UTF8Transcoder {
    /// Written in place of each invalid input character; 0xFF never occurs in UTF-8.
    static let invalidMarker: UInt8 = 0xFF

    let encoding: TextEncoding
    /// UTF-16: the odd byte or the lone high surrogate that ended the last block.
    private var carry: [UInt8] = []
    /// The output block.
    private var block: [UInt8] = []
    /// A code page's bytes 0x80…0xFF as UTF-8: up to three bytes, little-endian, and the count in the top byte.
    private let upper: [UInt32]

    public init(encoding: TextEncoding) {
        self.encoding = encoding
        let table: [UInt32]? = switch encoding {
        case .windows1250: CodePageTables.windows1250
        case .windows1251: CodePageTables.windows1251
        case .windows1254: CodePageTables.windows1254
        case .utf8, .utf16LE, .utf16BE: nil
        }
        upper = table.map { $0.map(Self.packed) } ?? []
    }

    /// Calls `body` with the UTF-8 form of `input` (`input` itself when it is UTF-8).
    /// `final` flushes a dangling partial character.
    mutating func transcode<R>(_ input: UnsafeBufferPointer<UInt8>, final: Bool = false, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch encoding {
        case .utf8:
            return body(input)
        case .windows1250, .windows1251, .windows1254:
            var out = takeBlock(capacity: input.count * 3 + 4)
            let count = out.withUnsafeMutableBufferPointer { codePage(input, into: $0.baseAddress!) }
            block = out
            return block.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<count])) }
        case .utf16LE, .utf16BE:
            var joined: [UInt8] = []
            if !carry.isEmpty {
                joined = carry + Array(input)
                carry.removeAll()
            }
            var out = takeBlock(capacity: max(input.count, joined.count) * 2 + 8)
            let count = out.withUnsafeMutableBufferPointer { out in
                joined.isEmpty
                    ? utf16(input, into: out.baseAddress!, final: final)
                    : joined.withUnsafeBufferPointer { utf16($0, into: out.baseAddress!, final: final) }
            }
            block = out
            return block.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<count])) }
        }
    }

    /// Appends the UTF-8 form of `input` to `out`. `final` flushes a dangling partial character.
    public mutating func transcode(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], final: Bool = false) {
        transcode(input, final: final) { out.append(contentsOf: $0) }
    }

    /// The output block, moved out of `self` (so it is written without a copy), at least `capacity` bytes long.
    private mutating func takeBlock(capacity: Int) -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &block)
        if out.count < capacity { out = [UInt8](repeating: 0, count: capacity) }
        return out
    }

    private func codePage(_ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        upper.withUnsafeBufferPointer { upper in
            for b in input {
                if b < 0x80 {
                    out[o] = b
                    o += 1
                } else {
                    let p = upper[Int(b) - 0x80]
                    // Four bytes stored (the block has room), the count of them kept.
                    UnsafeMutableRawPointer(out + o).storeBytes(of: p.littleEndian, as: UInt32.self)
                    o += Int(p >> 24)
                }
            }
        }
        return o
    }

    /// UTF-16 units of `bytes` as UTF-8; a cut-off unit or surrogate pair waits in `carry` unless `final`.
    private mutating func utf16(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, final: Bool) -> Int {
        let le = encoding == .utf16LE
        func unit(_ i: Int) -> UInt32 { le ? UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 : UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1]) }
        var o = 0
        var i = 0
        while i + 1 < bytes.count {
            let u = unit(i)
            if (0xD800...0xDBFF).contains(u) {
                if i + 3 >= bytes.count {
                    if final { o += Self.put(0xFFFD, out + o); i += 2; continue }
                    break
                }
                let lo = unit(i + 2)
                if (0xDC00...0xDFFF).contains(lo) {
                    o += Self.put(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00), out + o)
                    i += 4
                } else {
                    o += Self.put(0xFFFD, out + o); i += 2
                }
            } else if (0xDC00...0xDFFF).contains(u) {
                o += Self.put(0xFFFD, out + o); i += 2
            } else {
                o += Self.put(u, out + o); i += 2
            }
        }
        if i < bytes.count {
            if final { o += Self.put(0xFFFD, out + o) } else { carry = Array(bytes[i...]) }
        }
        return o
    }

    /// Writes `u` as UTF-8 at `out` and returns the byte count; U+FFFD (how the tables and the
    /// UTF-16 decoder mark invalid input) becomes `invalidMarker`.
    static func put(_ u: UInt32, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        switch u {
        case 0xFFFD: out[0] = invalidMarker; return 1
        case 0..<0x80: out[0] = UInt8(u); return 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | (u >> 6)); out[1] = UInt8(0x80 | (u & 0x3F)); return 2
        case 0x800..<0x10000:
            out[0] = UInt8(0xE0 | (u >> 12)); out[1] = UInt8(0x80 | ((u >> 6) & 0x3F)); out[2] = UInt8(0x80 | (u & 0x3F)); return 3
        default:
            out[0] = UInt8(0xF0 | (u >> 18)); out[1] = UInt8(0x80 | ((u >> 12) & 0x3F))
            out[2] = UInt8(0x80 | ((u >> 6) & 0x3F)); out[3] = UInt8(0x80 | (u & 0x3F)); return 4
        }
    }

    /// `u`'s UTF-8 bytes packed for `codePage`: the bytes little-endian, their count in the top byte.
    private static func packed(_ u: UInt32) -> UInt32 {
        var bytes: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let n = withUnsafeMutableBytes(of: &bytes) { put(u, $0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        return UInt32(bytes.0) | UInt32(bytes.1) << 8 | UInt32(bytes.2) << 16 | UInt32(n) << 24
    }
}
