#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decoding and encoding of UTF-8 in the hot loops (the input is a Swift
/// `String`, so its bytes are valid UTF-8): the tokenizer, the folding, the
/// cleaner and the cut of a long report line. Inlinable, so each module's
/// loops compile it in place.
public enum UTF8Bytes {
    /// How many bytes a UTF-8 sequence starting with `lead` has (1 for ASCII), or 0 when `lead` starts
    /// none (a continuation byte, or a byte UTF-8 never uses: C0, C1, F5…FF).
    @inlinable @inline(__always) public static func sequenceLength(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
    }

    /// The scalar starting at byte `i` and its length in bytes.
    @inlinable @inline(__always) public static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 { return (((b0 & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F), 3) }
        return (((b0 & 0x07) << 18) | (UInt32(p[i + 1] & 0x3F) << 12) | (UInt32(p[i + 2] & 0x3F) << 6) | UInt32(p[i + 3] & 0x3F), 4)
    }

    /// The scalar that ends just before byte `i` (`i > 0`).
    @inlinable @inline(__always) public static func decode(_ p: UnsafeBufferPointer<UInt8>, before i: Int) -> UInt32 {
        var k = i - 1
        while k > 0, p[k] & 0xC0 == 0x80 { k -= 1 }
        return decode(p, k).scalar
    }

    /// Writes the UTF-8 bytes of scalar `v` at `out[n...]` and advances `n` (the buffer has room).
    @inlinable @inline(__always) public static func write(_ v: UInt32, to out: UnsafeMutableBufferPointer<UInt8>, at n: inout Int) {
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

    @inlinable @inline(__always) public static func string(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// A string of bytes that are UTF-8 by construction: made by Verbatim from strings, ASCII and whole
    /// scalars (a line of evidence, a word cut from a text at scalar boundaries, a fold's output). They
    /// are copied without being validated, which for a few hundred bytes of Cyrillic or Turkish costs
    /// several times the copy (`String(decoding:as:)` reads them scalar by scalar). Never for bytes read
    /// from outside: those go through `String(decoding:as:)`. Debug builds check the promise.
    @inlinable @inline(__always) public static func string(valid p: UnsafeBufferPointer<UInt8>) -> String {
        assert(isValid(p), "bytes given as valid UTF-8 are not")
        return String(copying: UTF8Span(unchecked: p.span))
    }

    /// The same, for an array of such bytes.
    @inlinable @inline(__always) public static func string(valid bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { string(valid: $0) }
    }

    @inlinable @inline(__always) public static func string(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[range]), as: UTF8.self)
    }

    /// Appends `p` to `out` with some of its bytes rewritten, copying the runs between them whole: the
    /// one loop of every escaper (spool fields, CSV cells, JSON strings). `candidate` says which bytes
    /// may be rewritten; at each, `rewrite` appends the replacement and returns how many bytes it stands
    /// for, or appends nothing and returns 0 to keep the byte as it is.
    @inlinable @inline(__always)
    public static func appendRewriting(
        _ p: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], candidate: (UInt8) -> Bool,
        _ rewrite: (UnsafeBufferPointer<UInt8>, Int, inout [UInt8]) -> Int
    ) {
        var start = 0, i = 0
        while i < p.count {
            guard candidate(p[i]) else { i += 1; continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i]))
            start = i
            let consumed = rewrite(p, i, &out)
            i += max(consumed, 1)
            if consumed > 0 { start = i }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<p.count]))
    }

    /// Calls `body` with a string's UTF-8 bytes, in place when it holds them contiguously (every native
    /// string): a `var` copy for `withUTF8` retains and releases the string's storage at each call.
    @inlinable @inline(__always) public static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        return copy.withUTF8(body)
    }

    /// Appends a string's UTF-8 bytes, read in place (`Array.append(contentsOf: s.utf8)` takes the
    /// generic path, a byte at a time).
    @inlinable @inline(__always) public static func append(_ s: String, to bytes: inout [UInt8]) {
        withBytes(s) { bytes.append(contentsOf: $0) }
    }

    /// Appends the UTF-8 bytes of a literal.
    @inlinable @inline(__always) public static func appendStatic(_ text: StaticString, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Whether `bytes` start with the bytes of `prefix` (a stem, a negation prefix).
    @inlinable @inline(__always) public static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
        guard bytes.count >= prefix.utf8.count else { return false }
        return withBytes(prefix) { y in y.count == 0 || same(bytes.baseAddress!, y.baseAddress!, y.count) }
    }

    /// Whether the `n` bytes at `a` and at `b` are the same. Words are short: up to 32 bytes they are
    /// compared in place, with loads that overlap where the length is not a multiple of theirs (the C
    /// library's `memcmp`, called through the PLT, cost more than the comparison for a word, and the word
    /// memos compare a word at every occurrence). Longer runs go to `memcmp`.
    @inlinable @inline(__always) public static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        @inline(__always) func word(_ at: Int) -> Bool {
            x.loadUnaligned(fromByteOffset: at, as: UInt64.self) == y.loadUnaligned(fromByteOffset: at, as: UInt64.self)
        }
        switch n {
        case 17...32: return word(0) && word(8) && word(n - 16) && word(n - 8)
        case 8...16: return word(0) && word(n - 8)
        case 4..<8:
            return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
                && x.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        case 1..<4: return a[0] == b[0] && a[n >> 1] == b[n >> 1] && a[n - 1] == b[n - 1]
        case 0: return true
        default: return memcmp(x, y, n) == 0
        }
    }

    /// Byte equality of a word and bytes: all text here is NFC, so it is string equality without
    /// `String`'s Unicode comparison. The lengths first, which most unequal words already differ in.
    @inlinable @inline(__always) public static func equal(_ word: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.utf8.count == bytes.count else { return false }
        return withBytes(word) { $0.count == 0 || same($0.baseAddress!, bytes.baseAddress!, $0.count) }
    }

    /// Byte equality of two words (see `equal(_:_:)` above). Two values of the same string (a word and the
    /// copy a table kept of it, a short word's inline bytes) are equal at once: their bits are.
    @inlinable @inline(__always) public static func equal(_ a: String, _ b: String) -> Bool {
        if unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return true }
        return withBytes(b) { equal(a, $0) }
    }

    /// Whether `p` is well-formed UTF-8 (RFC 3629: no overlong form, no surrogate, nothing above
    /// U+10FFFF): exactly the bytes `String(decoding:as:)` keeps as they are, replacing nothing.
    public static func isValid(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        var i = 0
        while i < n {
            let c = p[i]
            if c < 0x80 {
                i = ByteScan.firstNonASCII(in: p, from: i + 1)
                continue
            }
            let length = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0
            guard length > 0, i + length <= n else { return false }
            for k in 1..<length where p[i + k] & 0xC0 != 0x80 { return false }
            // The second byte's range where the lead allows less than every continuation byte.
            let second = p[i + 1]
            switch c {
            case 0xE0: guard second >= 0xA0 else { return false }  // overlong
            case 0xED: guard second < 0xA0 else { return false }  // a surrogate, U+D800…DFFF
            case 0xF0: guard second >= 0x90 else { return false }  // overlong
            case 0xF4: guard second < 0x90 else { return false }  // above U+10FFFF
            default: break
            }
            i += length
        }
        return true
    }
}
