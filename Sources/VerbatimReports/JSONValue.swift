/// A JSON value written with a fixed layout (two-space indent, keys in
/// insertion order, numbers with fixed decimals), so that the same run
/// gives byte-identical files.
public indirect enum JSONValue: Sendable {
    case string(String)
    /// A number already formatted (see `NumberFormat`).
    case number(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func double(_ v: Double, _ decimals: Int = 4) -> JSONValue { .number(NumberFormat.fixed(v, decimals)) }
    public static func optional(_ v: Double?, _ decimals: Int = 4) -> JSONValue { v.map { .double($0, decimals) } ?? .null }

    public func serialized() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent)
        switch self {
        case let .string(s): out += Self.quote(s)
        case let .number(n): out += n
        case let .int(i): out += "\(i)"
        case let .bool(b): out += b ? "true" : "false"
        case .null: out += "null"
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy({ if case .object = $0 { return false }; if case .array = $0 { return false }; return true }) {
                out += "["
                for (k, v) in items.enumerated() { if k > 0 { out += ", " }; v.write(into: &out, indent: 0) }
                out += "]"
                return
            }
            out += "[\n"
            for (k, v) in items.enumerated() {
                out += pad + "  "
                v.write(into: &out, indent: indent + 1)
                out += k == items.count - 1 ? "\n" : ",\n"
            }
            out += pad + "]"
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (k, (key, v)) in pairs.enumerated() {
                out += pad + "  " + Self.quote(key) + ": "
                v.write(into: &out, indent: indent + 1)
                out += k == pairs.count - 1 ? "\n" : ",\n"
            }
            out += pad + "}"
        }
    }

    /// `s` as a JSON string literal, quotes included (also used by the JSON log handler).
    public static func quote(_ s: String) -> String {
        // Most strings need no escape: control characters, `"`, `\` and U+2028/9 (lead byte E2) do.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) { return "\"" + s + "\"" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
