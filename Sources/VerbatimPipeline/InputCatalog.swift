import Foundation
import VerbatimCore
import VerbatimIngest

/// Every file of the input (a folder, recursively, or one file), in a stable order: those to
/// read, and those skipped with a reason, so that no file goes unaccounted for.
///
/// Skipped here: hidden files, Office and LibreOffice lock files, editor backups (by name),
/// files that are not exports (by content: a PDF, an image, a Word document;
/// `FormatSniffer`), entries that are not files (a link to a folder or to nothing, a named
/// pipe; `entryKind`), and files whose name is not UTF-8, which cannot be opened by the name read. Everything else is read, by the reader its content asks for; a file that
/// claims an export's extension but cannot be read is rejected by its reader, with a reason.
public enum InputCatalog {
    /// A file not read, and why.
    public struct Skipped: Sendable, Hashable {
        public var name: String
        public var path: String
        public var size: Int64
        public var reason: String
    }

    /// The files to read and the files skipped, each sorted by relative path.
    public struct Inventory: Sendable {
        public var files: [(url: URL, name: String)]
        public var skipped: [Skipped]
    }

    /// Files under `folder` to read, sorted by relative path (skipped ones left out).
    public static func files(in folder: URL) throws(RunError) -> [(url: URL, name: String)] {
        try inventory(of: folder).files
    }

    /// Every file of `input`: a folder (recursively; symbolic links to files are followed) or a single file.
    public static func inventory(of input: URL) throws(RunError) -> Inventory {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input.path, isDirectory: &isDir) else { throw .inputMissing(input.path) }
        if !isDir.boolValue {
            guard (try? input.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { throw .inputNotAFile(input.path) }
            return classify([(input, input.lastPathComponent)])
        }
        guard let walker = FileManager.default.enumerator(at: input, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey]) else {
            throw .inputUnreadable(input.path)
        }
        let base = input.standardizedFileURL.path
        var found: [(URL, String)] = []
        var unread: [Skipped] = []
        for case let url as URL in walker {
            var rel = url.standardizedFileURL.path
            if rel.hasPrefix(base + "/") { rel.removeFirst(base.count + 1) }
            // A hidden folder (.git, .Trash) is not an export folder: its files are not listed one by one.
            if url.lastPathComponent.hasPrefix("."), (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                walker.skipDescendants()
                found.append((url, rel + "/"))
                continue
            }
            switch entryKind(url) {
            case .file: found.append((url, rel))
            case .folder: continue  // walked into
            case let .notRead(reason): unread.append(Skipped(name: rel, path: url.standardizedFileURL.path, size: 0, reason: reason))
            }
        }
        var inventory = classify(found.sorted { $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) })
        inventory.skipped = (inventory.skipped + unread).sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return inventory
    }

    /// What an entry of the input folder is to the catalog.
    enum EntryKind: Equatable {
        /// A file (or a link to one): read.
        case file
        /// A folder: the walk goes into it.
        case folder
        /// Anything else, never read, and listed with why.
        case notRead(String)
    }

    /// A link to a folder is not followed (a link back up would read the same files again, or forever);
    /// a link to nothing, a named pipe (reading one waits for a writer), a socket or a device is not an export.
    static func entryKind(_ url: URL) -> EntryKind {
        let own = try? url.resourceValues(forKeys: [.isSymbolicLinkKey, .isDirectoryKey, .isRegularFileKey])
        if own?.isSymbolicLink == true {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)).map { " (\($0))" } ?? ""
                return .notRead("a link to a file that does not exist\(target)")
            }
            if isDir.boolValue { return .notRead("a link to a folder: not followed (its files are read where they are, if they are in the input)") }
            let target = try? url.resolvingSymlinksInPath().resourceValues(forKeys: [.isRegularFileKey])
            if target?.isRegularFile == true { return .file }
            return .notRead("a link to something that is not a file (a named pipe, a socket or a device)")
        }
        if own?.isDirectory == true { return .folder }
        if own?.isRegularFile == true { return .file }
        if own == nil, let raw = undecodableName(url) {
            return .notRead("its name is not UTF-8 (\(raw), in a code page, as Windows archives store names), so it cannot be opened by it: "
                            + "rename it in UTF-8 (e.g. `convmv -f cp1254 -t utf8 --notest`, with the archive's code page) and run again")
        }
        return .notRead("not a regular file (a named pipe, a socket or a device): an export is a file")
    }

    /// The name of an entry whose name the folder listing could not decode (its bytes are not UTF-8, so the
    /// name holds U+FFFD and no file has it), with its bytes as the folder has them, `anket_\xFDzmir.csv`.
    static func undecodableName(_ url: URL) -> String? {
        let shown = url.lastPathComponent
        guard shown.contains("\u{FFFD}"), let dir = opendir(url.deletingLastPathComponent().path) else { return nil }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
            guard String(decoding: bytes, as: UTF8.self) == shown, String(validating: bytes, as: UTF8.self) == nil else { continue }
            return escaped(bytes)
        }
        return "'\(shown)'"
    }

    /// `bytes` as text, each byte that is not part of valid UTF-8 written `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = "", i = 0
        while i < bytes.count {
            let length = UTF8Bytes.sequenceLength(lead: bytes[i])
            if length > 0, i + length <= bytes.count, let text = String(validating: bytes[i..<(i + length)], as: UTF8.self) {
                out += text
                i += length
            } else {
                out += String(format: "\\x%02X", bytes[i])
                i += 1
            }
        }
        return "'\(out)'"
    }

    /// Splits `found` into files to read and files skipped by name or content.
    static func classify(_ found: [(URL, String)]) -> Inventory {
        var out = Inventory(files: [], skipped: [])
        for (url, name) in found {
            let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize).map(Int64.init) ?? 0
            func skip(_ reason: String) { out.skipped.append(Skipped(name: name, path: url.standardizedFileURL.path, size: size, reason: reason)) }
            if name.hasSuffix("/") { skip("a hidden folder; its files are not read"); continue }
            if let reason = FormatSniffer.skipReason(fileName: url.lastPathComponent) { skip(reason); continue }
            let head = (try? FileByteSource(url: url, name: name).read(upTo: FormatSniffer.headSize)) ?? []
            if case let .unsupported(reason) = FormatSniffer.kind(head: head, fileName: url.lastPathComponent) { skip(reason); continue }
            out.files.append((url, name))
        }
        return out
    }
}
