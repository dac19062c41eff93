import CByteScan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-text byte scans that look at every byte of a record (is there markup, can NFC change it, is it
/// already clean), sixteen bytes at a time in C with SSE2 (`Sources/CByteScan`): Swift's own `SIMD`
/// compares are not vectorized by this toolchain. Each returns a position; the callers keep the
/// definitions and check byte by byte from it.
public enum ByteScan {
    /// The position of the first byte of `p[from...]` equal to `a` or `b`, or `p.count`.
    @inlinable @inline(__always)
    public static func firstOf(_ a: UInt8, _ b: UInt8, in p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
        guard let base = p.baseAddress, from < p.count else { return p.count }
        return vb_find_either(base, p.count, from, a, b)
    }

    /// The position of the first byte of `p[from...]` that can start a sequence NFC may change
    /// (`0xCC 0xCD 0xD2 0xE1 0xE2 0xEF`), or `p.count`.
    @inlinable @inline(__always)
    public static func firstCompositionLead(in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = p.baseAddress, from < p.count else { return p.count }
        return vb_find_composition_lead(base, p.count, from)
    }

    /// How far from `from` (at least 1) whole chunks of 16 bytes surely hold no control character or DEL,
    /// no character outside U+0000–U+007F and U+00C0–U+07FF, and no two spaces in a row (the pair ending
    /// at `p[from]` included): the start of the first chunk that may, or of the bytes left over.
    @inlinable @inline(__always)
    public static func skipCleanChunks(in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = p.baseAddress, from >= 1 else { return from }
        return vb_skip_clean_chunks(base, p.count, from)
    }

    /// The position of the first ASCII digit or `@` of `p[from...]`, or `p.count`.
    @inlinable @inline(__always)
    public static func firstDigitOrAt(in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = p.baseAddress, from < p.count else { return p.count }
        return vb_find_digit_or_at(base, p.count, from)
    }

    /// The position of the first byte of `p[from...]` that is not ASCII, or `p.count`.
    @inlinable @inline(__always)
    public static func firstNonASCII(in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = p.baseAddress, from < p.count else { return p.count }
        return vb_find_non_ascii(base, p.count, from)
    }

    /// The position of the first byte of `p[from...]` that is one of `set` (at most 8 bytes), or `p.count`.
    @inlinable @inline(__always)
    public static func firstOf(anyOf set: UnsafeBufferPointer<UInt8>, in p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
        guard let base = p.baseAddress, from < p.count, let wanted = set.baseAddress else { return p.count }
        precondition(set.count <= 8, "ByteScan.firstOf(anyOf:) looks for at most 8 bytes")
        return vb_find_any(base, p.count, from, wanted, set.count)
    }

    /// How many scalars the valid UTF-8 of `p` holds: its bytes that are not continuation bytes.
    @inlinable @inline(__always)
    public static func scalarCount(of p: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = p.baseAddress else { return 0 }
        return vb_count_scalars(base, p.count)
    }

    /// The position of the first line feed of `bytes` at or after `from`, or nil (`memchr`, which reads a
    /// word or a vector at a time, where a generic search reads a byte at a time).
    @inlinable
    public static func firstNewline(in bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress, from < p.count, let hit = memchr(base + from, 0x0A, p.count - from) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }
}

extension ByteScan {
    /// False when NFC cannot change the text: it has no combining marks (U+0300–U+036F,
    /// Cyrillic U+0483–U+0489, the extended blocks, U+20D0–U+20FF, U+FE20–U+FE2F), no Hangul
    /// jamo and no singletons such as Ω Å (U+2126, U+212A, U+212B). Precomposed letters are NFC.
    /// (The text cleaner composes a record's text with it, ingest its names.)
    public static func mayNeedComposition(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        // Each case of `composes` starts at one of the lead bytes that `firstCompositionLead` finds; most texts hold none.
        var i = 0
        while true {
            i = firstCompositionLead(in: p, from: i)
            guard i < p.count else { return false }
            if composes(p, at: i) { return true }
            i += 1
        }
    }

    /// Whether the sequence at lead byte `p[i]` is one that NFC may change: any combining mark of
    /// U+0300–U+036F (`CC`, `CD`), Cyrillic U+0483–U+0489, the extended combining blocks and Hangul jamo
    /// (`E1`), U+20D0–U+20FF and the singletons U+2126, U+212A, U+212B (`E2`), U+FE20–U+FE2F (`EF`).
    @inline(__always) private static func composes(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b1: UInt8 = i + 1 < p.count ? p[i + 1] : 0
        let b2: UInt8 = i + 2 < p.count ? p[i + 2] : 0
        switch p[i] {
        case 0xCC, 0xCD: return true
        case 0xD2: return (0x83...0x89).contains(b1)
        case 0xE1: return i + 2 < p.count && ((b1 == 0xAA && b2 >= 0xB0) || b1 == 0xAB || b1 == 0xB7 || (0x84...0x87).contains(b1))
        case 0xE2: return (b1 == 0x83 && b2 >= 0x90) || (b1 == 0x84 && (b2 == 0xA6 || b2 == 0xAA || b2 == 0xAB))
        case 0xEF: return b1 == 0xB8 && (0xA0...0xAF).contains(b2)
        default: return false
        }
    }
}
