import Foundation
import Logging
import VerbatimReports

/// Logs for collectors (`--log-format json`): one JSON object per line on
/// standard error, `{"time": …, "level": …, "label": …, "message": …}`
/// followed by the metadata as top-level members. Integer, floating-point
/// and boolean metadata are written as JSON numbers and booleans.
public struct JSONLogHandler: LogHandler {
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
        console.writeLine(Self.line(time: Date(), level: event.level, label: label, message: event.message.description,
                                    metadata: metadata.merging(event.metadata ?? [:]) { _, new in new }))
    }

    /// The JSON line of one event (members in a fixed order, metadata sorted by key).
    public static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var out = "{\"time\":" + quote(LogTimestamp.utc(time)) + ",\"level\":" + quote("\(level)")
        out += ",\"label\":" + quote(label) + ",\"message\":" + quote(message)
        for key in metadata.keys.sorted() where !["time", "level", "label", "message"].contains(key) {
            out += "," + quote(key) + ":" + value(metadata[key]!)
        }
        return out + "}"
    }

    static func value(_ v: Logger.Metadata.Value) -> String {
        switch v {
        case let .string(s): return quote(s)
        case let .stringConvertible(c):
            if let b = c as? Bool { return b ? "true" : "false" }
            if c is any BinaryInteger { return c.description }
            if let d = c as? Double { return d.isFinite ? "\(d)" : quote("\(d)") }
            return quote(c.description)
        case let .array(a): return "[" + a.map(value).joined(separator: ",") + "]"
        case let .dictionary(d): return "{" + d.keys.sorted().map { quote($0) + ":" + value(d[$0]!) }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String { JSONValue.quote(s) }
}
