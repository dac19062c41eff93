import Foundation
import ZIPFoundation

/// The decompressed bytes of one entry of a ZIP archive (an export inside `archive.zip`, a
/// part of an `.xlsx` workbook), read through ZIPFoundation as they are inflated.
///
/// ZIPFoundation hands an entry's bytes to a closure; a reader pulls them. A thread of its
/// own runs the extraction and passes chunks through a small bounded queue (`ZipChunkQueue`),
/// so memory stays at a few chunks whatever the entry's size. Dropping the source stops
/// the extraction. An entry that inflates past `limits.maxEntryBytes`, or past what its
/// header declared, is stopped with a reason (a lying header is how zip bombs work).
///
/// An entry whose compressed data ends before its deflate stream does (a truncated or damaged
/// archive) makes ZIPFoundation 0.9 on Linux read the end of the file again and again, for ever,
/// without handing over a byte or a way to stop it. So a reader waits for the next chunk at most
/// `limits.stallSeconds`, then gives up on the entry with a reason and leaves the extracting
/// thread behind (it holds only its own archive handle and the queue).
public final class ZipEntryByteSource: ByteSourceBase, ByteSource {
    private let queue: ZipChunkQueue
    private var current = Data()
    private var offset = 0
    private var done = false

    /// Starts extracting `entryPath` of the archive at `archive`; `name` is what errors call it.
    public init(archive: URL, entryPath: String, name: String, limits: ArchiveLimits) {
        queue = ZipChunkQueue(name: name, stallSeconds: limits.stallSeconds)
        super.init()
        let queue = self.queue
        let thread = Thread {
            queue.produce(archive: archive, entryPath: entryPath, name: name, limits: limits)
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { queue.cancel() }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        guard buffer.count > 0 else { return 0 }
        while offset == current.count {
            if done { return 0 }
            switch queue.take() {
            case let .chunk(data): current = data; offset = 0
            case .end: done = true; return 0
            case let .failed(e): done = true; throw e
            }
        }
        let n = min(buffer.count, current.count - offset)
        current.withUnsafeBytes { src in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + n]))
        }
        offset += n
        return n
    }

    public func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        do { return try read(into: UnsafeMutableRawBufferPointer(start: buffer, count: count)) } catch { return record(error) }
    }
}

/// Chunks from the extracting thread to the reader: at most `capacity` waiting.
final class ZipChunkQueue: @unchecked Sendable {
    enum Item { case chunk(Data), end, failed(IngestError) }
    private struct Cancelled: Error {}
    private struct OverLimit: Error { let reason: String }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var cancelled = false
    /// The extracting thread has returned (nothing of it is left running).
    private var finished = false
    /// The reader gave up waiting for the extracting thread (`stallSeconds` without a chunk).
    private var stalled = false
    private let capacity = 4
    private let name: String
    private let stallSeconds: Double

    static let cancelSeconds = 2.0

    init(name: String, stallSeconds: Double) {
        self.name = name
        self.stallSeconds = stallSeconds
    }

    /// The extracting thread: opens its own `Archive` (they are not shared between threads).
    func produce(archive url: URL, entryPath: String, name: String, limits: ArchiveLimits) {
        defer {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        do {
            let archive = try Archive(url: url, accessMode: .read)
            guard let entry = archive[entryPath] else {
                put(.failed(.damagedArchive(path: name, reason: "the entry '\(entryPath)' is not in the archive")))
                return
            }
            if let reason = limits.refusal(of: entry) {
                put(.failed(.archiveLimit(path: name, reason: reason)))
                return
            }
            var total: UInt64 = 0
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { data in
                total += UInt64(data.count)
                if total > entry.uncompressedSize || total > limits.maxEntryBytes {
                    throw OverLimit(reason: "it inflates past the \(min(entry.uncompressedSize, limits.maxEntryBytes)) bytes allowed (a decompression bomb?)")
                }
                guard self.put(.chunk(data)) else { throw Cancelled() }
            }
            put(.end)
        } catch is Cancelled {
            return
        } catch let e as OverLimit {
            put(.failed(.archiveLimit(path: name, reason: e.reason)))
        } catch {
            put(.failed(.damagedArchive(path: name, reason: "\(error)")))
        }
    }

    /// Queues `item`, waiting while the queue is full; false once the reader has gone.
    @discardableResult
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item, waiting for one at most `stallSeconds`.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: stallSeconds)
        while items.isEmpty {
            if finished { return .failed(.damagedArchive(path: name, reason: "the extraction stopped before the entry's end")) }
            if !condition.wait(until: deadline), items.isEmpty {
                stalled = true
                return .failed(.damagedArchive(path: name, reason: "no data for \(Int(stallSeconds)) s: the entry's compressed data ends early (a truncated or damaged archive)"))
            }
        }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// The reader has gone: the extracting thread stops at its next chunk, and this waits for it
    /// to return, so no extraction outlives its reader; unless it stalled, or does not return within
    /// `cancelSeconds` (a sound extraction returns within one 64 KiB chunk; one that does not is stuck
    /// in ZIPFoundation, see `ZipEntryByteSource`).
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        let deadline = Date(timeIntervalSinceNow: min(stallSeconds, Self.cancelSeconds))
        while !finished && !stalled {
            if !condition.wait(until: deadline) { break }
        }
        condition.unlock()
    }
}

/// What an archive entry may be before it is refused: zip bombs and path tricks.
public struct ArchiveLimits: Sendable, Hashable {
    /// Largest size one entry may inflate to.
    public var maxEntryBytes: UInt64 = 4 << 30
    /// Largest ratio of inflated to compressed size, for entries past `ratioFloor`.
    public var maxRatio: UInt64 = 1000
    public var ratioFloor: UInt64 = 1 << 20
    /// Most entries an archive may list.
    public var maxEntries = 10_000
    /// Longest wait for the next chunk of an entry before it is given up as damaged
    /// (`ZipEntryByteSource`); a sound entry hands over 64 KiB in milliseconds.
    public var stallSeconds: Double = 60

    public init() {}

    /// Why `entry` is refused before it is read, or nil.
    func refusal(of entry: Entry) -> String? {
        if entry.uncompressedSize > maxEntryBytes {
            return "the entry declares \(entry.uncompressedSize) bytes, more than the \(maxEntryBytes) allowed"
        }
        if entry.uncompressedSize > ratioFloor, entry.uncompressedSize / max(entry.compressedSize, 1) > maxRatio {
            return "the entry expands more than \(maxRatio) times its compressed size (a decompression bomb?)"
        }
        return nil
    }

    /// Why an entry's path is refused (absolute, climbing out with `..`, a drive letter), or nil.
    static func pathTrick(_ path: String) -> String? {
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if path.hasPrefix("/") || path.hasPrefix("\\") || parts.contains("..") || (parts.first?.contains(":") ?? false) {
            return "the entry's path '\(path)' points outside the archive; it is not read"
        }
        return nil
    }
}
