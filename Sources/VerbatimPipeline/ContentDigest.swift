import Crypto
import Foundation

/// SHA-256 digests (lowercase hex) of input files, the pipeline file and
/// the linguistic data, for the history store and `manifest.json`.
enum ContentDigest {
    /// The SHA-256 and size of a file, read in 1 MiB chunks.
    static func file(_ url: URL) throws -> (sha256: String, size: Int64) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hash = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hash.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (hex(hash.finalize()), size)
    }

    /// The SHA-256 of some bytes.
    static func bytes(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    /// One digest over files and folders: every regular file under them
    /// (hidden ones skipped), in path order, each as its path relative to
    /// the root it was found under, a NUL, its length and its bytes. A
    /// missing path counts as its name alone.
    static func tree(_ roots: [URL]) -> String {
        var hash = SHA256()
        for root in roots {
            let base = root.standardizedFileURL.path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base, isDirectory: &isDir) else {
                hash.update(data: Data("missing:\(base)\0".utf8))
                continue
            }
            var files: [String] = []
            if isDir.boolValue {
                let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
                while let url = walker?.nextObject() as? URL {
                    guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                    files.append(url.standardizedFileURL.path)
                }
            } else {
                files = [base]
            }
            for path in files.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                let rel = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : URL(fileURLWithPath: path).lastPathComponent
                let data = FileManager.default.contents(atPath: path) ?? Data()
                hash.update(data: Data("\(rel)\0\(data.count)\0".utf8))
                hash.update(data: data)
            }
        }
        return hex(hash.finalize())
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
