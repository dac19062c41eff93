import Foundation
import VerbatimXML

/// The bytes of one input, read front to back: a file, a gzip stream, an entry of a ZIP
/// archive. Every reader reads through one, so a format inside a compressed file is read
/// the same way as on its own, and nothing is unpacked to disk.
///
/// A source is used by one reader on one thread; readers that read twice (XML detects its
/// record element first) open the input again.
public protocol ByteSource: XMLByteSource {
    /// Fills `buffer` with the next bytes; returns how many, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int
    /// The first error `readBytes` met (libxml2 only sees -1).
    var failure: IngestError? { get }
}

extension ByteSource {
    /// Up to `count` next bytes; empty at the end.
    public func read(upTo count: Int) throws(IngestError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        var failure: IngestError?
        out.withUnsafeMutableBytes { raw in
            while filled < count {
                do throws(IngestError) {
                    let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                    if n == 0 { break }
                    filled += n
                } catch {
                    failure = error
                    break
                }
            }
        }
        if let failure { throw failure }
        out.removeSubrange(filled...)
        return out
    }

    /// Fills `chunk` from the start as far as one read goes; how many bytes, 0 at the end.
    func read(into chunk: inout [UInt8]) throws(IngestError) -> Int {
        var result: Result<Int, IngestError> = .success(0)
        chunk.withUnsafeMutableBytes { raw in
            do throws(IngestError) { result = .success(try read(into: raw)) } catch { result = .failure(error) }
        }
        return try result.get()
    }
}

/// Keeps the first error of a source for `failure`, since libxml2 only sees -1.
public class ByteSourceBase {
    public private(set) var failure: IngestError?

    func record(_ e: IngestError) -> Int {
        if failure == nil { failure = e }
        return -1
    }
}

/// A file on disk, read with `read(2)` in the caller's chunks.
public final class FileByteSource: ByteSourceBase, ByteSource {
    private let handle: FileHandle
    private let name: String

    /// Opens `url`; `name` is what errors call it.
    public init(url: URL, name: String) throws(IngestError) {
        guard let h = try? FileHandle(forReadingFrom: url) else { throw .unreadableFile(path: name, reason: "cannot open") }
        handle = h
        self.name = name
    }

    deinit { try? handle.close() }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Foundation.read(handle.fileDescriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw .unreadableFile(path: name, reason: String(cString: strerror(errno)))
        }
    }

    public func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        do { return try read(into: UnsafeMutableRawBufferPointer(start: buffer, count: count)) } catch { return record(error) }
    }
}

/// Bytes already in memory (a workbook's small parts, tests).
public final class MemoryByteSource: ByteSourceBase, ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + n]))
        }
        offset += n
        return n
    }

    public func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        do { return try read(into: UnsafeMutableRawBufferPointer(start: buffer, count: count)) } catch { return record(error) }
    }
}
