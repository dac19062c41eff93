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

    /// Opens the archive at `url` and reads its central directory; at most `maxEntries` entries
    /// (more is an error, before any is read).
    init(url: URL, maxEntries: Int) throws(ZipArchiveError) {
        var code: Int32 = 0
        guard let handle = zip_open(url.path, ZIP_RDONLY, &code) else { throw .unreadable(Self.reason(code: code)) }
        self.handle = handle
        let count = zip_get_num_entries(handle, 0)
        guard count <= Int64(maxEntries) else {
            zip_discard(handle)
            throw .tooManyEntries
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

    /// A workbook's archive (`.xlsx`, `.ods`): what cannot be opened is not a readable workbook.
    static func workbook(_ url: URL, name: String, limits: ArchiveLimits) throws(IngestError) -> ZipArchive {
        do { return try ZipArchive(url: url, maxEntries: limits.maxEntries) } catch {
            switch error {
            case let .unreadable(reason): throw .badWorkbook(reason: "it is not a readable ZIP archive: \(reason)")
            case .tooManyEntries: throw .archiveLimit(path: name, reason: "it lists more than \(limits.maxEntries) entries")
            }
        }
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

/// Why a ZIP archive cannot be read.
enum ZipArchiveError: Error {
    /// libzip cannot open it (not a ZIP archive, or its central directory is damaged): libzip's message.
    case unreadable(String)
    /// It lists more entries than `ArchiveLimits.maxEntries`.
    case tooManyEntries
}
