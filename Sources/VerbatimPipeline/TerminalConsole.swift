import Foundation

/// Standard error as the operator sees it: log lines, and on a terminal a
/// progress line kept at the bottom, redrawn after each log line.
///
/// Everything written to stderr by the log handlers and the progress line
/// goes through `shared`, under one lock, so lines never interleave.
public final class TerminalConsole: @unchecked Sendable {
    public static let shared = TerminalConsole()

    /// True when standard error is a terminal.
    public let isTerminal: Bool
    /// True when colours may be used: a terminal, and `NO_COLOR` unset or empty (https://no-color.org).
    public let useColor: Bool

    private let lock = NSLock()
    private var status: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        isTerminal = isatty(STDERR_FILENO) == 1
        useColor = isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// Writes one log line (a newline is added), keeping the progress line below it.
    public func writeLine(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        var out = status == nil ? "" : "\r\u{1B}[2K"
        out += line + "\n"
        if let status { out += status }
        write(out)
    }

    /// Shows (or replaces) the progress line. Ignored when stderr is not a terminal.
    public func setStatus(_ line: String) {
        guard isTerminal else { return }
        lock.lock(); defer { lock.unlock() }
        status = line
        write("\r\u{1B}[2K" + line)
    }

    /// Removes the progress line.
    public func clearStatus() {
        lock.lock(); defer { lock.unlock() }
        guard status != nil else { return }
        status = nil
        write("\r\u{1B}[2K")
    }

    private func write(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                let n = Foundation.write(STDERR_FILENO, buf.baseAddress! + offset, buf.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
