import Foundation

/// A private PostgreSQL server for the store tests: `initdb` into a
/// temporary folder, started with `pg_ctl` on a free loopback port, as the
/// `postgres` user (the server refuses to run as root), and stopped when
/// the test process exits. `make test` installs Debian's `postgresql`
/// package when it is missing (scripts/ensure-deps.sh).
public final class PostgresTestServer: @unchecked Sendable {
    public let port: Int
    let folder: String
    let bin: String
    private let lock = NSLock()
    private var databases = 0

    /// The server of this test process, started on first use.
    public static let shared: Result<PostgresTestServer, ServerError> = start()

    public struct ServerError: Error, CustomStringConvertible {
        public var description: String
    }

    /// A new, empty database on the server, as a `postgresql://` URL.
    public func freshDatabase() throws -> URL {
        lock.lock()
        databases += 1
        let name = "verbatim_test_\(databases)"
        lock.unlock()
        try Self.run(["\(bin)/psql", "-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", "postgres", "-q", "-c", "CREATE DATABASE \(name)"])
        return URL(string: "postgresql://postgres@127.0.0.1:\(port)/\(name)")!
    }

    init(port: Int, folder: String, bin: String) {
        self.port = port
        self.folder = folder
        self.bin = bin
    }

    static func start() -> Result<PostgresTestServer, ServerError> {
        let fm = FileManager.default
        let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init).sorted()
        guard let version = versions.last else {
            return .failure(ServerError(description: "PostgreSQL is not installed (apt-get install postgresql; make test does it)"))
        }
        let bin = "/usr/lib/postgresql/\(version)/bin"
        let folder = fm.temporaryDirectory.appendingPathComponent("verbatim-pg-\(getpid())").path
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try run(["/bin/chown", "postgres:postgres", folder])
            try run(["/sbin/runuser", "-u", "postgres", "--", "\(bin)/initdb", "-D", "\(folder)/data", "-A", "trust", "-U", "postgres",
                     "-E", "UTF8", "--no-sync"])
            let port = try freePort()
            // The server outlives pg_ctl and would hold open whatever descriptors it inherits (Foundation's
            // Process watches one to see its child end): started with posix_spawn and waitpid instead.
            try spawnAndWait(["/sbin/runuser", "-u", "postgres", "--", "\(bin)/pg_ctl", "-D", "\(folder)/data", "-l", "\(folder)/server.log",
                              "-w", "-o", "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off",
                              "start"])
            stopFolder = folder
            stopBin = bin
            atexit { PostgresTestServer.stop() }
            return .success(PostgresTestServer(port: port, folder: folder, bin: bin))
        } catch {
            return .failure(ServerError(description: "cannot start a PostgreSQL server in \(folder): \(error)"))
        }
    }

    nonisolated(unsafe) static var stopFolder: String?
    nonisolated(unsafe) static var stopBin = ""

    /// Stops the server and removes its folder (at exit).
    static func stop() {
        guard let folder = stopFolder else { return }
        _ = try? spawnAndWait(["/sbin/runuser", "-u", "postgres", "--", "\(stopBin)/pg_ctl", "-D", "\(folder)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A TCP port nobody listens on now (bound, read, released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError(description: "no socket") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw ServerError(description: "cannot bind a loopback port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Runs a command with no standard input or output (posix_spawn, waitpid), failing when it exits non-zero.
    static func spawnAndWait(_ argv: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        // Nothing else of the test process either: tests run in parallel, and a pipe another test has open to
        // a `verbatim` it runs would stay open in the server for the whole run, so that `verbatim` would
        // never see the end of its standard input (a hang seen in a fresh clone's `make test`).
        // (glibc 2.34+; the Swift Glibc module does not declare it, so it is looked up.)
        guard let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            throw ServerError(description: "this C library cannot close a spawned process's descriptors (glibc 2.34 or later needed)")
        }
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        _ = unsafeBitCast(closeFrom, to: AddCloseFrom.self)(&actions, 3)
        var cargs = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, &cargs, environ)
        guard rc == 0 else { throw ServerError(description: "cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        guard status == 0 else { throw ServerError(description: "\(argv.joined(separator: " ")) failed (status \(status))") }
    }

    /// Runs a command, failing with its output when it exits non-zero.
    @discardableResult
    static func run(_ argv: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard p.terminationStatus == 0 else { throw ServerError(description: "\(argv.joined(separator: " ")) exited \(p.terminationStatus): \(text)") }
        return text
    }
}
