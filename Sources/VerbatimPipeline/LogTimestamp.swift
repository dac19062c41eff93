import Foundation

/// Timestamps of log lines, the manifest and the store: ISO 8601.
enum LogTimestamp {
    /// `2026-11-22T02:15:03.120Z`.
    static func utc(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    /// `2026-11-22T05:15:03+03:00`, in the machine's time zone.
    static func local(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone.current
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
