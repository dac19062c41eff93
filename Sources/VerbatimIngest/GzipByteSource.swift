import CInflate

/// The decompressed bytes of a gzip stream, inflated as they are read (zlib, through the
/// `CInflate` system-library target): a `.csv.gz` of any size is read in bounded memory
/// and never unpacked to disk.
///
/// Several gzip members one after another (what `cat a.gz b.gz` makes) read as one stream.
/// A stream that expands more than `maxRatio` times, once past `ratioFloor` bytes, is
/// stopped as a probable decompression bomb; a damaged or cut-off stream is an error
/// naming the file.
public final class GzipByteSource: ByteSourceBase, ByteSource {
    private let inner: any ByteSource
    private let name: String
    private var stream = z_stream()
    private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
    /// The last member ended; more input starts another one.
    private var atMemberEnd = false
    private var ended = false
    private var consumed = 0
    private var produced = 0

    /// More output than this many times the compressed input, once past `ratioFloor`, is refused.
    public static let maxRatio = 1000
    public static let ratioFloor = 64 << 20

    public init(_ inner: any ByteSource, name: String) throws(IngestError) {
        self.inner = inner
        self.name = name
        super.init()
        // 15 + 32: the largest window, and a gzip or zlib header detected.
        guard cinflate_init(&stream, 15 + 32) == Z_OK else {
            input.deallocate()
            throw .damagedArchive(path: name, reason: "zlib could not start")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        guard let out = buffer.baseAddress, buffer.count > 0, !ended else { return 0 }
        while true {
            if stream.avail_in == 0 {
                let got = try inner.read(into: input)
                consumed += got
                if got == 0 {
                    if atMemberEnd { ended = true; return 0 }
                    throw .damagedArchive(path: name, reason: "the gzip stream is cut off (an incomplete download or copy?)")
                }
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.avail_in = UInt32(got)
                if atMemberEnd { inflateReset(&stream); atMemberEnd = false }
            }
            stream.next_out = out.assumingMemoryBound(to: UInt8.self)
            stream.avail_out = UInt32(buffer.count)
            let status = inflate(&stream, Z_NO_FLUSH)
            let n = buffer.count - Int(stream.avail_out)
            produced += n
            switch status {
            case Z_OK:
                break
            case Z_BUF_ERROR where stream.avail_in == 0:
                break  // needs more input
            case Z_STREAM_END:
                atMemberEnd = true
                if stream.avail_in > 0 { inflateReset(&stream); atMemberEnd = false }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw .damagedArchive(path: name, reason: "the gzip data is damaged (\(message))")
            }
            if produced > Self.ratioFloor, produced > consumed * Self.maxRatio {
                throw .archiveLimit(path: name, reason: "it expands more than \(Self.maxRatio) times its compressed size (a decompression bomb?)")
            }
            if n > 0 { return n }
        }
    }

    public func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        do { return try read(into: UnsafeMutableRawBufferPointer(start: buffer, count: count)) } catch { return record(error) }
    }
}
