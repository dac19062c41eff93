/// The bytes of a text input in any `TextEncoding`, handed on as valid UTF-8: transcoded
/// (`UTF8Transcoder`), its byte-order mark skipped, and every byte that is not valid in its
/// encoding as U+FFFD. For a parser that must never meet invalid UTF-8 (libxml2's HTML parser
/// switches the rest of a page to Latin-1 at the first invalid byte).
final class UTF8TextSource: ByteSourceBase, ByteSource {
    private let inner: any ByteSource
    private var transcoder: UTF8Transcoder
    /// Bytes of the input's encoding still to skip (the byte-order mark).
    private var skip: Int
    /// UTF-8 ready to hand on, from `offset`.
    private var ready: [UInt8] = []
    private var offset = 0
    /// The start of a character cut by the end of the last chunk.
    private var cut: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    private var ended = false

    init(_ inner: any ByteSource, encoding: TextEncoding, bomLength: Int) {
        self.inner = inner
        transcoder = UTF8Transcoder(encoding: encoding)
        skip = bomLength
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        while offset == ready.count {
            if ended { return 0 }
            try fill()
        }
        let n = min(buffer.count, ready.count - offset)
        ready.withUnsafeBytes { src in buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<(offset + n)])) }
        offset += n
        return n
    }

    func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        do { return try read(into: UnsafeMutableRawBufferPointer(start: buffer, count: count)) } catch { return record(error) }
    }

    /// Reads and transcodes the next chunk into `ready`.
    private func fill() throws(IngestError) {
        let count = try inner.read(into: &chunk)
        var start = 0
        if skip > 0 {
            start = min(skip, count)
            skip -= start
        }
        if count == 0 { ended = true }
        var utf8 = cut
        cut = []
        chunk.withUnsafeBufferPointer { transcoder.transcode(UnsafeBufferPointer(rebasing: $0[start..<count]), into: &utf8, final: ended) }
        if !ended {
            let keep = Self.cutCharacterLength(utf8)
            cut = Array(utf8.suffix(keep))
            utf8.removeLast(keep)
        }
        ready = Array(String(decoding: utf8, as: UTF8.self).utf8)
        offset = 0
    }

    /// How many bytes at the end of `bytes` begin a character that the next bytes may complete.
    static func cutCharacterLength(_ bytes: [UInt8]) -> Int {
        var k = bytes.count - 1
        var back = 1
        while k >= 0, back <= 4 {
            let b = bytes[k]
            if b & 0xC0 != 0x80 {
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                return length > back ? back : 0
            }
            k -= 1
            back += 1
        }
        return 0
    }
}
