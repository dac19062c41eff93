import Foundation

/// Finds the 64-bit values (hashes of record ids) that occur more than once among any number of them,
/// holding about `perBucket` values in memory at a time.
///
/// Two equal values share their top bits, so each value is written by its top bits to one of as many
/// scratch files (`<scratch>-<bucket>`) as it takes for each to hold about `perBucket` of the `expected`
/// values; `repeated()` then reads each bucket back and sorts it on its own. Values should be spread
/// evenly over their range, as hashes are.
struct RepeatedValues {
    /// Values sorted at a time by default: 512 KB.
    static let defaultPerBucket = 1 << 16
    /// At most 2^10 buckets, each with a 4 KB write buffer.
    static let maximumBits = 10

    private let bits: Int
    private let urls: [URL]
    private var buckets: [SpoolFile]

    init(scratch: URL, expected: Int, perBucket: Int = Self.defaultPerBucket) {
        bits = Self.bucketBits(expected: expected, perBucket: perBucket)
        urls = (0..<(1 << bits)).map { URL(fileURLWithPath: scratch.path + "-\($0)") }
        // A small buffer per bucket: there may be hundreds of them.
        buckets = urls.map { SpoolFile(url: $0, flushSize: 4096) }
    }

    /// How many top bits pick a bucket: none up to `perBucket` values, at most `maximumBits`.
    static func bucketBits(expected: Int, perBucket: Int) -> Int {
        var bits = 0
        while bits < maximumBits, expected > perBucket << bits { bits += 1 }
        return bits
    }

    /// How many buckets the values are spread over.
    var bucketCount: Int { urls.count }

    mutating func add(_ value: UInt64) {
        let bucket = bits == 0 ? 0 : Int(value >> UInt64(64 - bits))
        buckets[bucket].append { bytes in withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    }

    /// The values added more than once. Throws when a bucket could not be written or read back.
    mutating func repeated() throws -> Set<UInt64> {
        for k in buckets.indices { try buckets[k].close() }
        var out = Set<UInt64>()
        for url in urls {
            var values = try Self.read(url)
            values.sort()
            for k in values.indices.dropFirst() where values[k] == values[k - 1] { out.insert(values[k]) }
        }
        return out
    }

    /// Closes the bucket files (when `repeated()` did not) and deletes them.
    mutating func removeScratch() {
        for k in buckets.indices { try? buckets[k].close() }
        for url in urls { try? FileManager.default.removeItem(at: url) }
    }

    /// The values a bucket file holds (8 bytes each, little-endian).
    private static func read(_ url: URL) throws -> [UInt64] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PartialError.unreadable(path: url.path, reason: "cannot read the ids' hashes back")
        }
        return data.withUnsafeBytes { raw in
            (0..<(raw.count / 8)).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
    }
}
