import Foundation

extension PipelineConfiguration {
    /// Top-level keys for nightly operation: `store`, `trends`, `metrics`.
    static let operationKeys = ["store", "trends", "metrics"]

    /// Reads `store:`, `trends:` and `metrics:` into `config` (defaults when absent).
    static func parseOperations(_ top: [String: ConfigNode], into config: inout PipelineConfiguration, cwd: URL) throws(ConfigurationError) {
        config.store = try parseStore(top["store"], cwd: cwd)
        if let t = top["trends"] {
            let m = try t.mapping(allowed: ["period_days"])
            if let d = m["period_days"] { config.trends.periodDays = try d.int(in: 1...366) }
        }
        if let m = top["metrics"] {
            let s = try m.string()
            guard s.hasSuffix(".prom"), s.count > 5 else {
                throw m.invalid(s, expected: "a file path ending in .prom (node_exporter's textfile collector reads only those)")
            }
            let url = URL(fileURLWithPath: s, relativeTo: cwd).standardizedFileURL
            var isDir: ObjCBool = false
            let folder = url.deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
                throw m.invalid(s, expected: "a file in a folder that exists (\(folder) does not)")
            }
            config.metrics = url
        }
    }

    /// `store:` as a path, `none`, or `{path: …, lock_timeout_seconds: …}`.
    static func parseStore(_ node: ConfigNode?, cwd: URL) throws(ConfigurationError) -> StoreSettings? {
        func resolve(_ n: ConfigNode) throws(ConfigurationError) -> URL? {
            let s = try n.string()
            if s == "none" { return nil }
            // A shared PostgreSQL server (`postgresql://user@host:5432/database`).
            if s.hasPrefix("postgresql://") || s.hasPrefix("postgres://") {
                guard let url = URL(string: s), url.host != nil else {
                    throw n.invalid(s, expected: "a PostgreSQL URL such as postgresql://verbatim@db.example:5432/verbatim")
                }
                return url
            }
            guard !s.isEmpty, !s.hasSuffix("/") else {
                throw n.invalid(s, expected: "an SQLite file path such as var/verbatim.sqlite, a postgresql:// URL, or none")
            }
            let url = URL(fileURLWithPath: s, relativeTo: cwd).standardizedFileURL
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
                throw n.invalid(s, expected: "a file path, not a folder (for example \(s)/verbatim.sqlite)")
            }
            return url
        }
        guard let node else {
            return StoreSettings(path: URL(fileURLWithPath: StoreSettings.defaultPath, relativeTo: cwd).standardizedFileURL)
        }
        guard node.isMapping else { return try resolve(node).map { StoreSettings(path: $0) } }
        let m = try node.mapping(allowed: ["path", "lock_timeout_seconds"])
        guard let p = m["path"] else { throw .missingKey(file: node.file, path: node.path, key: "path") }
        guard let url = try resolve(p) else { return nil }
        var settings = StoreSettings(path: url)
        if let t = m["lock_timeout_seconds"] {
            settings.lockTimeout = try t.double(in: 0...86_400)
        }
        return settings
    }
}
