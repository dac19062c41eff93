/// The binary form of what a run spools for itself and reads back in the same process (a keyed
/// record's facts, a file's tallies and top verbatims): values one after the other, copied, never
/// escaped. A text is its length (4 bytes; `0xFFFF_FFFF` for a missing one) and its UTF-8 bytes; a
/// number its 8 bytes (an `Int`, or a `Double`'s bit pattern, so it reads back to the same value); a
/// count 4 bytes; a small code 1 byte. Little-endian. Nothing here is meant to outlive the run: what
/// leaves it (partials, reports) is written as text.
public struct SpoolBytesWriter {
    public var bytes: [UInt8] = []

    public init() {}

    @inlinable public mutating func text(_ s: (some SpoolText)?) {
        guard let s else { count(UInt32.max); return }
        s.withSpoolBytes { p in
            count(UInt32(p.count))
            bytes.append(contentsOf: p)
        }
    }

    @inlinable public mutating func number(_ n: Int) { word(UInt64(bitPattern: Int64(n))) }

    @inlinable public mutating func number(_ d: Double) { word(d.bitPattern) }

    /// A `Double` that may be missing: a code (0 or 1), then its 8 bytes when present.
    @inlinable public mutating func number(_ d: Double?) {
        code(d == nil ? 0 : 1)
        if let d { number(d) }
    }

    /// Ratings: a code (bit 1: a CSAT, bit 2: an NPS), then each present value's 8 bytes, CSAT first.
    @inlinable public mutating func ratings(_ r: SurveyRating.Ratings) {
        code((r.csat == nil ? 0 : 1) | (r.nps == nil ? 0 : 2))
        if let c = r.csat { number(c) }
        if let n = r.nps { number(n) }
    }

    @inlinable public mutating func count(_ n: UInt32) { withUnsafeBytes(of: n.littleEndian) { bytes.append(contentsOf: $0) } }

    @inlinable public mutating func count(_ n: Int) { count(UInt32(n)) }

    @inlinable public mutating func code(_ c: UInt8) { bytes.append(c) }

    @inlinable public mutating func label(_ l: SentimentLabel) { code(UInt8(SentimentLabel.allCases.firstIndex(of: l)!)) }

    /// Writes, as a count at `start` (where a `count(0)` stands), the number of bytes written after it.
    public mutating func patchCount(at start: Int) {
        let n = UInt32(bytes.count - start - 4).littleEndian
        withUnsafeBytes(of: n) { for k in 0..<4 { bytes[start + k] = $0[k] } }
    }

    @usableFromInline mutating func word(_ w: UInt64) { withUnsafeBytes(of: w.littleEndian) { bytes.append(contentsOf: $0) } }
}

/// A text value as `SpoolBytesWriter.text` takes it: a `String`, or UTF-8 bytes read from a line
/// (`KeyedRecord.binary(line:)`), so that one layout writes either.
public protocol SpoolText {
    func withSpoolBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
}

extension String: SpoolText {
    @inlinable public func withSpoolBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { UTF8Bytes.withBytes(self, body) }
}

extension ArraySlice: SpoolText where Element == UInt8 {
    @inlinable public func withSpoolBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { withUnsafeBufferPointer(body) }
}

extension UnsafeBufferPointer: SpoolText where Element == UInt8 {
    @inlinable public func withSpoolBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(self) }
}

/// Reads what `SpoolBytesWriter` wrote, in the same order. Every read throws `SpoolBytesReader.Damaged`
/// when the bytes run out or hold what the read cannot be.
public struct SpoolBytesReader {
    public struct Damaged: Error, Sendable {
        public init() {}
    }

    private let bytes: ArraySlice<UInt8>
    private var at: Int

    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        at = bytes.startIndex
    }

    public var atEnd: Bool { at == bytes.endIndex }

    public mutating func text() throws(Damaged) -> String? {
        let n = try count()
        if n == UInt32.max { return nil }
        let p = try take(Int(n))
        return String(decoding: p, as: UTF8.self)
    }

    /// A text's bytes, where they stand in the spool; nil for a missing one.
    public mutating func textBytes() throws(Damaged) -> ArraySlice<UInt8>? {
        let n = try count()
        if n == UInt32.max { return nil }
        return try take(Int(n))
    }

    /// A text's bytes that must be there.
    public mutating func presentTextBytes() throws(Damaged) -> ArraySlice<UInt8> {
        guard let b = try textBytes() else { throw Damaged() }
        return b
    }

    /// A text that must be there.
    public mutating func presentText() throws(Damaged) -> String {
        guard let s = try text() else { throw Damaged() }
        return s
    }

    public mutating func int() throws(Damaged) -> Int { Int(Int64(bitPattern: try word())) }

    public mutating func double() throws(Damaged) -> Double { Double(bitPattern: try word()) }

    public mutating func optionalDouble() throws(Damaged) -> Double? {
        switch try code() {
        case 0: return nil
        case 1: return try double()
        default: throw Damaged()
        }
    }

    public mutating func ratings() throws(Damaged) -> SurveyRating.Ratings {
        let c = try code()
        guard c <= 3 else { throw Damaged() }
        var r = SurveyRating.Ratings()
        if c & 1 != 0 { r.csat = try double() }
        if c & 2 != 0 { r.nps = try double() }
        return r
    }

    public mutating func count() throws(Damaged) -> UInt32 {
        let p = try take(4)
        var n: UInt32 = 0
        for k in 0..<4 { n |= UInt32(p[p.startIndex + k]) << (8 * k) }
        return n
    }

    public mutating func code() throws(Damaged) -> UInt8 { try take(1).first! }

    public mutating func label() throws(Damaged) -> SentimentLabel {
        let c = Int(try code())
        guard c < SentimentLabel.allCases.count else { throw Damaged() }
        return SentimentLabel.allCases[c]
    }

    private mutating func word() throws(Damaged) -> UInt64 {
        let p = try take(8)
        var w: UInt64 = 0
        for k in 0..<8 { w |= UInt64(p[p.startIndex + k]) << (8 * k) }
        return w
    }

    private mutating func take(_ n: Int) throws(Damaged) -> ArraySlice<UInt8> {
        guard n <= bytes.endIndex - at else { throw Damaged() }
        defer { at += n }
        return bytes[at..<(at + n)]
    }
}

/// How much a spool's reader reads, or its writer buffers, at a time: 64 KB. A fixed share of a run's
/// memory whatever the size of the file; reads of a megabyte held more the larger the run (a small
/// spool was read whole) and went no faster.
public enum SpoolIO {
    public static let chunkBytes = 1 << 16
}
