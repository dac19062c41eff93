import Foundation

/// The export files of an input folder, in a stable order.
public enum InputCatalog {
    public static let extensions: Set<String> = ["csv", "tsv", "txt", "xml"]

    /// Files under `folder` (recursively, hidden ones skipped) with a known extension, sorted by relative path.
    public static func files(in folder: URL) throws(RunError) -> [(url: URL, name: String)] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw .inputMissing(folder.path)
        }
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
            throw .inputMissing(folder.path)
        }
        let base = folder.standardizedFileURL.path
        var out: [(URL, String)] = []
        for case let url as URL in walker {
            guard extensions.contains(url.pathExtension.lowercased()),
                  // Symbolic links to files are followed (an export folder may link to files elsewhere).
                  (try? url.resolvingSymlinksInPath().resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var rel = url.standardizedFileURL.path
            if rel.hasPrefix(base + "/") { rel.removeFirst(base.count + 1) }
            out.append((url, rel))
        }
        return out.sorted { $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
    }
}
