import CZip
import Foundation

/// A ZIP archive opened for reading through libzip: its entries, from the central directory, and
/// each entry's bytes as they are inflated (`ZipEntryByteSource`). Exports inside `archive.zip`,
/// and the parts of `.xlsx` and `.ods` workbooks, are read through one.
///
/// An archive is read by one thread at a time (a file's reader and the sources it opens); several
/// of its entries may be open at once.
final class ZipArchive: @unchecked Sendable {
    /// One entry of the central directory.
    struct Entry: Sendable {
        let index: UInt64
        /// The entry's path inside the archive, in UTF-8 (libzip converts CP437 names).
        let path: String
        let compressedSize: UInt64
        /// The size the entry declares it inflates to.
        let uncompressedSize: UInt64
        let isDirectory: Bool
        /// A symbolic link, as Unix `zip` stores one (its target as the entry's data).
        let isSymlink: Bool
    }

    let handle: OpaquePointer
    let entries: [Entry]

    /// What the archive is, for the reason it is not read: a workbook (`.xlsx`, `.ods`: "not a readable
    /// spreadsheet") or an archive of exports.
    enum Role { case workbook, archive }

    /// Opens the archive at `url` (called `name` in errors) and reads its central directory; more
    /// entries than `limits.maxEntries` is an error, before any is read.
    init(url: URL, name: String, limits: ArchiveLimits, as role: Role) throws(IngestError) {
        var code: Int32 = 0
        guard let handle = zip_open(url.path, ZIP_RDONLY, &code) else {
            let reason = Self.reason(code: code)
            switch role {
            case .workbook: throw .badWorkbook(reason: "it is not a readable ZIP archive: \(reason)")
            case .archive: throw .damagedArchive(path: name, reason: "not a readable ZIP archive: \(reason)")
            }
        }
        self.handle = handle
        let count = zip_get_num_entries(handle, 0)
        guard count <= Int64(limits.maxEntries) else {
            zip_discard(handle)
            throw .archiveLimit(path: name, reason: "it lists more than \(limits.maxEntries) entries")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(max(count, 0)))
        for index in 0..<UInt64(max(count, 0)) {
            var stat = zip_stat_t()
            zip_stat_init(&stat)
            guard zip_stat_index(handle, index, 0, &stat) == 0, let name = stat.name else { continue }
            let path = Self.path(handle, index, guessed: String(cString: name))
            var system: UInt8 = 0
            var attributes: UInt32 = 0
            _ = zip_file_get_external_attributes(handle, index, 0, &system, &attributes)
            let isSymlink = system == UInt8(ZIP_OPSYS_UNIX) && (attributes >> 16) & UInt32(S_IFMT) == UInt32(S_IFLNK)
            entries.append(Entry(index: index, path: path, compressedSize: stat.comp_size, uncompressedSize: stat.size,
                                 isDirectory: path.hasSuffix("/"), isSymlink: isSymlink))
        }
        self.entries = entries
    }

    deinit { zip_discard(handle) }

    /// The entry's path as its writer meant it (`ZipEntryName`), from its stored bytes and libzip's reading.
    private static func path(_ handle: OpaquePointer, _ index: UInt64, guessed: String) -> String {
        guard guessed.unicodeScalars.contains(where: { !$0.isASCII }), let raw = zip_get_name(handle, index, ZIP_FL_ENC_RAW) else { return guessed }
        return ZipEntryName.decode(raw: Array(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))), guessed: guessed)
    }

    /// The entry at `path`, or nil.
    func entry(_ path: String) -> Entry? { entries.first { $0.path == path } }

    /// Why an archive that libzip cannot open is not read, for the person who gave the file: the
    /// common causes in plain words, else libzip's message.
    static func reason(code: Int32) -> String {
        switch code {
        case ZIP_ER_NOZIP: "it has no ZIP directory at its end, so it is cut short (is the download or copy complete?) or not a ZIP at all"
        case ZIP_ER_INCONS: "its ZIP directory does not match its contents (a damaged file)"
        case ZIP_ER_EOF, ZIP_ER_READ: "it ends early (is the download or copy complete?)"
        default: message(code: code)
        }
    }

    /// libzip's message for an error code.
    static func message(code: Int32) -> String {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        return String(cString: zip_error_strerror(&error)).lowercased()
    }
}
