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
