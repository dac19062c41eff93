import Foundation
import Logging

/// Human-readable log lines on standard error:
/// `2026-11-22T02:15:03+03:00 warning tr_sosyal.xml: malformed XML …`
/// (the message only: metadata is written by `JSONLogHandler`).
///
/// The level is coloured (warnings yellow, errors red) on a terminal unless
/// `NO_COLOR` is set; lines go through `TerminalConsole` so they never
/// break the progress line.
public struct ConsoleLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    let label: String
    let console: TerminalConsole

    public init(label: String, console: TerminalConsole = .shared) {
        self.label = label
        self.console = console
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // The message says it all for a person; the metadata is for `--log-format json`.
        console.writeLine(LogTimestamp.local(Date()) + " " + colored(event.level) + " " + event.message.description)
    }

    func colored(_ level: Logger.Level) -> String {
        let name = "\(level)"
        guard console.useColor else { return name }
        switch level {
        case .warning: return "\u{1B}[33m\(name)\u{1B}[0m"
        case .error, .critical: return "\u{1B}[31m\(name)\u{1B}[0m"
        default: return name
        }
    }
}
