import Foundation
import VerbatimCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file that one worker of a run appends bytes to through a 64 KiB buffer: the record rows and the
/// store lines of one export, on their way to the reports and the history store (`CSVRowSpool`,
/// `StoreRowSpool`). A failure (the file cannot be created, a write fails because the disk is full) is
/// kept, not dropped: `close()` throws it, so the run fails with the previous reports untouched
/// instead of reporting fewer records than it read.
struct SpoolFile {
    let url: URL
    private var buffer: [UInt8] = []
    private var descriptor: Int32
    /// The first failure, as the system said it.
    private var failure: String?

    static let flushSize = SpoolIO.chunkBytes
    /// Bytes buffered before a write (`flushSize` unless a caller with many spools open asks for less).
    private let flushAt: Int

    init(url: URL, flushSize: Int = Self.flushSize) {
        self.url = url
        flushAt = flushSize
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 { failure = Self.systemError() }
        buffer.reserveCapacity(flushSize + 4096)
    }

    /// Appends what `body` writes to the buffer, and writes the buffer out once it is full.
    mutating func append(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count > flushAt { flush() }
    }

    /// Writes what is buffered and closes the file; throws the first failure since it was opened.
    mutating func close() throws(RunError) {
        flush()
        if descriptor >= 0 {
            if closeDescriptor(descriptor) != 0, failure == nil { failure = Self.systemError() }
            descriptor = -1
        }
        if let failure { throw .spoolFailed(path: url.path, reason: failure) }
    }

    private mutating func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, descriptor >= 0, !buffer.isEmpty else { return }
        let fd = descriptor
        failure = buffer.withUnsafeBytes { bytes -> String? in
            var done = 0
            while done < bytes.count {
                let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return Self.systemError()
                }
                done += n
            }
            return nil
        }
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}

/// `close(2)`, under a name that the method `SpoolFile.close()` does not hide.
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
