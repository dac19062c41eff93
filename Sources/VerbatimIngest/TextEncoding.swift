/// A character encoding an export can arrive in.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable, Codable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1254 = "windows-1254"
    case windows1251 = "windows-1251"
    case windows1250 = "windows-1250"

    /// Parses the names people write in pipeline files (`UTF-8`, `cp1254`, `windows-1251`, `utf16`).
    public init?(name: String) {
        let n = name.lowercased().replacingOccurrences(of: "_", with: "-")
        switch n {
        case "utf-8", "utf8": self = .utf8
        case "utf-16le", "utf16le", "utf-16", "utf16", "unicode": self = .utf16LE
        case "utf-16be", "utf16be": self = .utf16BE
        case "windows-1254", "cp1254", "win-1254", "windows1254": self = .windows1254
        case "windows-1251", "cp1251", "win-1251", "windows1251": self = .windows1251
        case "windows-1250", "cp1250", "win-1250", "windows1250": self = .windows1250
        default: return nil
        }
    }

    /// The names accepted by `init(name:)`, for error messages.
    public static let acceptedNames = "utf-8, utf-16le, utf-16be, windows-1254, windows-1251, windows-1250"
}
