import CZip
import Foundation

/// The decompressed bytes of one entry of a ZIP archive (an export inside `archive.zip`, a part of
/// an `.xlsx` or `.ods` workbook), inflated by libzip as the reader pulls them: memory stays at one
/// chunk whatever the entry's size, and nothing is unpacked to disk.
///
/// An entry that inflates past `limits.maxEntryBytes`, or past what its header declared, is stopped
/// with a reason (a lying header is how zip bombs work). An entry whose compressed data ends early,
/// or is damaged, or does not match its checksum, is stopped with libzip's reason at once.
public final class ZipEntryByteSource: ByteSourceBase, ByteSource {
    private let archive: ZipArchive
    private let entry: ZipArchive.Entry
    private let name: String
    private let limits: ArchiveLimits
    private var file: OpaquePointer?
    private var total: UInt64 = 0
    private var done = false

    /// Reads `entry` of `archive`; `name` is what errors call it (`archive.zip!inner.csv`).
    init(archive: ZipArchive, entry: ZipArchive.Entry, name: String, limits: ArchiveLimits) {
        self.archive = archive
        self.entry = entry
        self.name = name
        self.limits = limits
    }

    deinit { if let file { zip_fclose(file) } }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        guard buffer.count > 0, !done else { return 0 }
        if file == nil {
            if let reason = limits.refusal(of: entry) { done = true; throw .archiveLimit(path: name, reason: reason) }
            guard let opened = zip_fopen_index(archive.handle, entry.index, 0) else {
                done = true
                throw .damagedArchive(path: name, reason: "the entry cannot be opened: \(Self.message(zip_get_error(archive.handle)))")
            }
            file = opened
        }
        let n = zip_fread(file!, buffer.baseAddress!, UInt64(buffer.count))
        if n < 0 {
            done = true
            throw .damagedArchive(path: name, reason: "\(Self.message(zip_file_get_error(file!))) (a truncated or damaged archive?)")
        }
        if n == 0 { done = true; return 0 }
        total += UInt64(n)
        if total > limits.maxEntryBytes {
            done = true
            throw .archiveLimit(path: name, reason: "it inflates past the \(limits.maxEntryBytes) bytes allowed (a decompression bomb?)")
        }
        if total > entry.uncompressedSize {
            done = true
            throw .archiveLimit(path: name, reason: "it inflates past the \(entry.uncompressedSize) bytes its header declares: the entry is damaged, or a decompression bomb")
        }
        return Int(n)
    }

    public func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        do { return try read(into: UnsafeMutableRawBufferPointer(start: buffer, count: count)) } catch { return record(error) }
    }

    private static func message(_ error: UnsafeMutablePointer<zip_error_t>) -> String {
        String(cString: zip_error_strerror(error)).lowercased()
    }
}
