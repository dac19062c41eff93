import Foundation
import VerbatimCore
import VerbatimIngest

/// One fuzz input written to a file, since the readers read files the way the pipeline does.
///
/// The file lives in a per-process folder on `/dev/shm` when there is one (no disk I/O per
/// execution), is overwritten by every input and removed when the process exits.
public enum FuzzInput {
    /// The per-process scratch folder.
    public static let folder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let dir = "\(base)/verbatim-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // libFuzzer ends the process with exit(): remove the folder then.
        atexit {
            let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
            try? FileManager.default.removeItem(atPath: "\(base)/verbatim-fuzz-\(getpid())")
        }
        return dir
    }()

    /// Writes `bytes` to `name` in the scratch folder and returns its path.
    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, name: String) -> String {
        let path = folder + "/" + name
        guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        if bytes.count > 0 { _ = fwrite(bytes.baseAddress, 1, bytes.count, file) }
        fclose(file)
        return path
    }

    /// The header aliases the pipeline ships (`lexicons/headers.tsv`), with its month names and rating choices, loaded once.
    public static let aliases: HeaderAliases = {
        let repo = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let (aliases, issues) = HeaderAliases.load(lexicons: repo.appendingPathComponent("lexicons"))
        guard issues.isEmpty else { fatalError("cannot load lexicons: \(issues)") }
        return aliases
    }()
}
