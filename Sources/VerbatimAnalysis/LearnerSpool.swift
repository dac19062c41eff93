import Foundation
import VerbatimCore

/// The learner's second pass, spooled to a temporary file: per text, its label,
/// its fold, and each hit with what the rules did to it. The fit reads it once
/// per scale, shrinkage and fold, so memory stays bounded by the vocabulary.
///
/// Records are fixed-width little-endian fields: a 16-byte text header
/// (label, fold, `!` count, hit count, the valence of hits that are not learned),
/// then 16 bytes per hit (unit id, negations, boost, weight).
struct LearnerSpool {
    struct Hit: Hashable {
        var unit: Int32
        var negations: UInt8
        var boost: Float
        var weight: Float
    }

    struct Text {
        var label: SentimentLabel
        var fold: UInt8
        var exclamations: UInt8
        /// The summed final valence of hits that no layer can change (emoji, negation without a term).
        var fixed: Double
        var hits: [Hit]
    }

    let url: URL
    private var handle: FileHandle?
    private var buffer: [UInt8] = []

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-learn-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).spool")
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let h = FileHandle(forWritingAtPath: url.path) else {
            throw LearnError.spool(path: url.path)
        }
        handle = h
        buffer.reserveCapacity(1 << 16)
    }

    mutating func append(_ text: Text) throws {
        let label: UInt8 = text.label == .negative ? 0 : text.label == .neutral ? 1 : 2
        buffer += [label, text.fold, text.exclamations, 0]
        put(UInt32(text.hits.count))
        put(text.fixed.bitPattern)
        for h in text.hits {
            put(UInt32(bitPattern: h.unit))
            put(UInt32(h.negations))
            put(h.boost.bitPattern)
            put(h.weight.bitPattern)
        }
        if buffer.count >= 1 << 16 { try flush() }
    }

    private mutating func put<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private mutating func flush() throws {
        guard let handle else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw LearnError.spool(path: url.path) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file for reading.
    mutating func finish() throws {
        try flush()
        try? handle?.close()
        handle = nil
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Calls `body` for every text, in the order appended, reading the file in chunks.
    func forEach(_ body: (Text) -> Void) throws {
        guard let h = FileHandle(forReadingAtPath: url.path) else { throw LearnError.spool(path: url.path) }
        defer { try? h.close() }
        var reader = ChunkReader(handle: h)
        while let header = reader.take(16) {
            let h = header.startIndex
            let label: SentimentLabel = header[h] == 0 ? .negative : header[h] == 1 ? .neutral : .positive
            let count = Int(Self.u32(header, 4))
            let fixed = Double(bitPattern: UInt64(Self.u32(header, 8)) | UInt64(Self.u32(header, 12)) << 32)
            guard let bytes = reader.take(16 * count) else { throw LearnError.spool(path: url.path) }
            var hits: [Hit] = []
            hits.reserveCapacity(count)
            for k in 0..<count {
                let o = 16 * k
                hits.append(Hit(unit: Int32(bitPattern: Self.u32(bytes, o)), negations: UInt8(Self.u32(bytes, o + 4)),
                                boost: Float(bitPattern: Self.u32(bytes, o + 8)), weight: Float(bitPattern: Self.u32(bytes, o + 12))))
            }
            body(Text(label: label, fold: header[h + 1], exclamations: header[h + 2], fixed: fixed, hits: hits))
        }
    }

    private static func u32(_ b: ArraySlice<UInt8>, _ o: Int) -> UInt32 {
        let s = b.startIndex + o
        return UInt32(b[s]) | UInt32(b[s + 1]) << 8 | UInt32(b[s + 2]) << 16 | UInt32(b[s + 3]) << 24
    }

    /// Reads a file in 1 MB chunks and hands out byte ranges of it.
    private struct ChunkReader {
        let handle: FileHandle
        var data: [UInt8] = []
        var offset = 0
        var eof = false

        mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
            while data.count - offset < n, !eof {
                if offset > 0 { data.removeFirst(offset); offset = 0 }
                let chunk = handle.readData(ofLength: max(1 << 20, n))
                if chunk.isEmpty { eof = true } else { data += chunk }
            }
            guard data.count - offset >= n else { return nil }
            defer { offset += n }
            return data[offset..<(offset + n)]
        }
    }
}
