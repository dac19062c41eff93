import Foundation
import VerbatimIngest

/// Every file of the input (a folder, recursively, or one file), in a stable order: those to
/// read, and those skipped with a reason, so that no file goes unaccounted for.
///
/// Skipped here: hidden files, Office and LibreOffice lock files, editor backups (by name),
/// files that are not exports (by content: a PDF, an image, a Word document;
/// `FormatSniffer`), and entries that are not files (a link to a folder or to nothing, a named
/// pipe; `entryKind`). Everything else is read, by the reader its content asks for; a file that
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
        return .notRead("not a regular file (a named pipe, a socket or a device): an export is a file")
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
