import Foundation
import VerbatimIngest

/// Every file of the input (a folder, recursively, or one file), in a stable order: those to
/// read, and those skipped with a reason, so that no file goes unaccounted for.
///
/// Skipped here: hidden files, Office and LibreOffice lock files, editor backups (by name),
/// and files that are not exports (by content: a PDF, an image, a Word document;
/// `FormatSniffer`). Everything else is read, by the reader its content asks for; a file that
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
        guard let walker = FileManager.default.enumerator(at: input, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw .inputUnreadable(input.path)
        }
        let base = input.standardizedFileURL.path
        var found: [(URL, String)] = []
        for case let url as URL in walker {
            var rel = url.standardizedFileURL.path
            if rel.hasPrefix(base + "/") { rel.removeFirst(base.count + 1) }
            // A hidden folder (.git, .Trash) is not an export folder: its files are not listed one by one.
            if url.lastPathComponent.hasPrefix("."), (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                walker.skipDescendants()
                found.append((url, rel + "/"))
                continue
            }
            guard (try? url.resolvingSymlinksInPath().resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            found.append((url, rel))
        }
        return classify(found.sorted { $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) })
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
