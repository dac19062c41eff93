import Foundation
import VerbatimCore

/// Where Verbatim's own data is (`lexicons/`, `pipelines/`, the sample roster) when a path
/// is not found from the current folder: `$VERBATIM_HOME`, else `../share/verbatim` beside
/// the executable (`make install` puts it there), else the checkout a binary was built in
/// (`<checkout>/.build/release/verbatim`, as `make run` builds it), else none.
///
/// A relative `lexicons:` or `roster:` path, or a `--pipeline` file, is first looked for from
/// the current folder (so a repository checkout works as it always did), then here. So
/// `verbatim classify` and `verbatim run --pipeline pipelines/nightly.yaml` work from any
/// folder once installed.
public enum DataHome {
    /// The data folder, or nil when neither `VERBATIM_HOME` nor an installed share folder exists.
    public static let current: URL? = locate(environment: ProcessInfo.processInfo.environment, executable: executableURL())

    static func locate(environment: [String: String], executable: URL?) -> URL? {
        if let home = environment["VERBATIM_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        }
        guard let executable else { return nil }
        let share = executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/verbatim")
        return holdsLexicons(share) ? share : checkout(of: executable)
    }

    /// The checkout whose SwiftPM build folder holds `executable` (`<checkout>/.build/<triple>/release/verbatim`),
    /// when it holds `lexicons/`: a binary built from source runs from any folder, as an installed one does.
    static func checkout(of executable: URL) -> URL? {
        var folder = executable.deletingLastPathComponent()
        while folder.pathComponents.count > 1 {
            if folder.lastPathComponent == ".build" {
                let root = folder.deletingLastPathComponent()
                return holdsLexicons(root) ? root : nil
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    private static func holdsLexicons(_ folder: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("lexicons").path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The running executable, symbolic links resolved (`/usr/local/bin/verbatim` may link into a package folder).
    static func executableURL() -> URL? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return Bundle.main.executableURL?.resolvingSymlinksInPath()
        }
        return URL(fileURLWithPath: path)
    }

    /// `path` from the current folder when it exists there (or is absolute), else from the data folder when it exists there.
    public static func resolve(_ path: String, cwd: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> URL {
        let local = URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL
        guard !path.hasPrefix("/"), !FileManager.default.fileExists(atPath: local.path), let home = current else { return local }
        let installed = home.appendingPathComponent(path).standardizedFileURL
        return FileManager.default.fileExists(atPath: installed.path) ? installed : local
    }

    /// A pipeline named on the command line: as given, else in the data folder, else in its `pipelines/` (`nightly` → `pipelines/nightly.yaml`).
    public static func pipeline(_ path: String) -> String {
        let direct = resolve(path)
        if FileManager.default.fileExists(atPath: direct.path) { return direct.path == URL(fileURLWithPath: path).standardizedFileURL.path ? path : direct.path }
        guard let home = current else { return path }
        for candidate in ["pipelines/\(path)", "pipelines/\(path).yaml"] {
            let url = home.appendingPathComponent(candidate)
            if FileManager.default.fileExists(atPath: url.path) { return url.path }
        }
        return path
    }

    /// `verbatim --version`: the tool's version, and which linguistic data it finds and that data's SHA-256
    /// (the same digest `manifest.json` records as `lexicons.sha256`).
    public static func versionText() -> String {
        let lexicons = resolve("lexicons")
        let exists = FileManager.default.fileExists(atPath: lexicons.path)
        return "verbatim \(VerbatimVersion.current)\n"
            + (exists ? "data: \(lexicons.path) sha256 \(ContentDigest.tree([lexicons]))" : "data: no lexicons/ found here, in $VERBATIM_HOME or beside the executable")
    }
}
