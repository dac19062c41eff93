import Foundation
import VerbatimStore

/// What `verbatim list` prints: every input file as `bytes<TAB>relative
/// path` (quoted when it holds a line break or another control, `ListedPath`), sorted by the raw bytes of the path, for drivers that plan
/// shards; with a store, only the files whose content no earlier run
/// processed (those a nightly run would read).
public enum InputListing {
    /// One line per file (without line ends).
    public static func lines(input: URL, unseenIn store: StoreSettings? = nil) throws(RunError) -> [String] {
        var files = try InputCatalog.files(in: input)
        guard let store, HistoryBackends.isPostgres(store.path) || FileManager.default.fileExists(atPath: store.path.path) else {
            return files.map { "\(size(of: $0.url))\t\(ListedPath.quote($0.name))" }
        }
        var entries = RunHistory.fingerprint(files)
        do {
            let seen: Set<String>
            do { seen = try HistoryBackends.open(store.path, lockTimeout: store.lockTimeout).processedContents(among: entries.map(\.sha256)) } catch {
                throw .store(error)
            }
            let keep = entries.indices.filter { !seen.contains(entries[$0].sha256) }
            files = keep.map { files[$0] }
            entries = keep.map { entries[$0] }
        }
        return zip(files, entries).map { "\($1.size)\t\(ListedPath.quote($0.name))" }
    }

    /// The size of a file (a symbolic link's target), 0 when it cannot be read.
    static func size(of url: URL) -> Int64 {
        let path = url.resolvingSymlinksInPath().path
        return ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
