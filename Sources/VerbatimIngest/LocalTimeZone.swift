import Foundation

/// The time zone a source's times are counted in (`time_zone:` in the pipeline's sources): an IANA
/// name (`Asia/Almaty`, `Europe/Belgrade`, with its summer time) or a fixed offset (`+05:00`).
///
/// Social-listening tools give a post's time in UTC (`…Z`, `+0000`, Unix time). A record's day is the
/// first ten characters of its date, so such a post was counted on its UTC day: in Ulaanbaatar
/// (UTC+8) every post written before 08:00 fell on the day before. With a time zone, a time written
/// with a zone is rewritten as the same instant in local time, with the local offset
/// (`2026-11-21T22:31:12Z` in `Asia/Almaty` is `2026-11-22T03:31:12+05:00`), and falls on its local
/// day. A time without a zone (a survey tool's local time) and a date alone are left as written.
public struct LocalTimeZone: Sendable, Hashable, CustomStringConvertible {
    /// As the pipeline names it.
    public let description: String
    private let rule: Rule

    private enum Rule: Hashable {
        /// Seconds east of UTC.
        case offset(Int)
        case zone(TimeZone)
    }

    /// A zone by IANA name, or a fixed offset `+05:00` / `-03:30` / `UTC`; nil when it is neither.
    public init?(_ text: String) {
        description = text
        if text == "UTC" || text == "Z" {
            rule = .offset(0)
        } else if let seconds = Self.offsetSeconds(Array(text.utf8)) {
            rule = .offset(seconds)
        } else if text.contains("/"), let zone = TimeZone(identifier: text) {
            rule = .zone(zone)
        } else {
            return nil
        }
    }

    /// `date`, as `DateNormalizer` writes it, in local time when it has a zone; else as it is.
    public func local(_ date: String) -> String {
        let b = Array(date.utf8)
        guard b.count >= 20, b[10] == UInt8(ascii: "T"), let zone = Self.zoneSeconds(b[19...]),
              let y = Self.number(b, 0, 4), let mo = Self.number(b, 5, 2), let d = Self.number(b, 8, 2),
              let h = Self.number(b, 11, 2), let mi = Self.number(b, 14, 2), let s = Self.number(b, 17, 2) else { return date }
        let instant = ExcelDate.days(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - zone
        let offset = offset(at: instant)
        let local = instant + offset
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let (ly, lm, ld) = ExcelDate.civil(day)
        let t = local - day * 86_400
        return ExcelDate.pad(ly, 4) + "-" + ExcelDate.pad(lm, 2) + "-" + ExcelDate.pad(ld, 2) + "T" + ExcelDate.pad(t / 3600, 2) + ":" + ExcelDate.pad(t / 60 % 60, 2)
            + ":" + ExcelDate.pad(t % 60, 2) + (offset < 0 ? "-" : "+") + ExcelDate.pad(abs(offset) / 3600, 2) + ":" + ExcelDate.pad(abs(offset) / 60 % 60, 2)
    }

    /// Seconds east of UTC at `instant` (seconds since 1970 UTC).
    private func offset(at instant: Int) -> Int {
        switch rule {
        case let .offset(seconds): seconds
        case let .zone(zone): zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
        }
    }

    /// `+05:00`, `-0330`, `+05`: seconds east of UTC, up to 14 hours.
    private static func offsetSeconds(_ b: [UInt8]) -> Int? {
        guard b.count == 3 || b.count == 5 || b.count == 6, b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-"),
              let h = number(b, 1, 2), h <= 14 else { return nil }
        var m = 0
        if b.count > 3 {
            let at = b.count == 6 ? 4 : 3
            guard b.count == 5 || b[3] == UInt8(ascii: ":"), let minutes = number(b, at, 2), minutes < 60 else { return nil }
            m = minutes
        }
        return (b[0] == UInt8(ascii: "-") ? -1 : 1) * (h * 3600 + m * 60)
    }

    /// The zone `DateNormalizer` wrote after the time (`Z`, `+03:00`), as seconds east of UTC.
    private static func zoneSeconds(_ b: ArraySlice<UInt8>) -> Int? {
        if b.count == 1, b.first == UInt8(ascii: "Z") { return 0 }
        return b.count == 6 ? offsetSeconds(Array(b)) : nil
    }

    private static func number(_ b: [UInt8], _ at: Int, _ digits: Int) -> Int? {
        guard at + digits <= b.count else { return nil }
        var v = 0
        for k in at..<(at + digits) {
            guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
            v = v * 10 + Int(b[k] - 0x30)
        }
        return v
    }
}
