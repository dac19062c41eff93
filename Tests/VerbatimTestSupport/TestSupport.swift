import Foundation

/// Paths inside the repository, found from this file's location.
public enum RepoPaths {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static var lexicons: URL { root.appendingPathComponent("lexicons") }
    public static var testData: URL { root.appendingPathComponent("Tests/Data") }
    public static var fixtures: URL { root.appendingPathComponent("fixtures") }
    /// The debug binary that `swift build` (and `make test`) produces; `VERBATIM_BIN` overrides it
    /// (for a build in another `--scratch-path`).
    public static var binary: URL {
        if let p = ProcessInfo.processInfo.environment["VERBATIM_BIN"], !p.isEmpty { return URL(fileURLWithPath: p) }
        return root.appendingPathComponent(".build/debug/verbatim")
    }
    /// `../shared/` beside the repository.
    public static var shared: URL { root.deletingLastPathComponent().appendingPathComponent("shared") }
}

/// A fresh temporary folder, removed when the value is released by `remove()`.
public struct TemporaryFolder: Sendable {
    public let url: URL

    public init(_ label: String = "verbatim-test") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` (UTF-8) to `name` inside the folder and returns its URL.
    @discardableResult
    public func write(_ name: String, _ text: String) -> URL { write(name, Array(text.utf8)) }

    /// Writes raw bytes to `name` inside the folder and returns its URL.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) -> URL {
        let u = url.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: u.path, contents: Data(bytes)) else { fatalError("cannot write \(u.path)") }
        return u
    }

    public func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: url.appendingPathComponent(name).path).map { String(decoding: $0, as: UTF8.self) }
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }

    /// Removes the folder when the test process exits, for a folder that a suite keeps in a `static let`
    /// (shared by its tests, so no single test can remove it).
    public func removedAtExit() -> TemporaryFolder {
        ExitRemovals.shared.add(url)
        return self
    }
}

/// The folders of `TemporaryFolder.removedAtExit()`, removed by one `atexit` handler.
private final class ExitRemovals: @unchecked Sendable {
    static let shared = ExitRemovals()
    private let lock = NSLock()
    private var urls: [URL] = []

    private init() {
        atexit { ExitRemovals.shared.removeAll() }
    }

    func add(_ url: URL) {
        lock.lock(); defer { lock.unlock() }
        urls.append(url)
    }

    func removeAll() {
        lock.lock(); defer { lock.unlock() }
        for url in urls { try? FileManager.default.removeItem(at: url) }
        urls = []
    }
}

/// The result of running the `verbatim` binary.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the built `verbatim` binary with arguments, in `directory` (default: the repository root).
/// `stdinBytes`: standard input as bytes, for input that is not UTF-8 (otherwise `stdin`).
public func runVerbatim(
    _ arguments: [String], in directory: URL = RepoPaths.root, stdin: String? = nil, stdinBytes: [UInt8]? = nil, environment: [String: String] = [:]
) throws -> CommandResult {
    let p = Process()
    p.executableURL = RepoPaths.binary
    p.arguments = arguments
    p.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
    if let stdinBytes { inp.fileHandleForWriting.write(Data(stdinBytes)) }
    try inp.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CommandResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// A small deterministic generator (SplitMix64), so that generated test data is the same on every run.
public struct SplitMix: RandomNumberGenerator {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
