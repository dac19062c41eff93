/// Escaping for text placed in HTML and SVG, element content or quoted
/// attribute values alike. Every string that comes from an export
/// (feedback, names, file names, channels) is untrusted and goes through
/// here; so do Verbatim's own strings, so that nothing is forgotten.
public enum HTMLEscaping {
    /// Replaces `& < > " '` with character references, and control
    /// characters other than tab and line breaks with U+FFFD.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0x7F { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
