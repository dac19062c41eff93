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
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the value as UTF-8 bytes (a summary of half a megabyte is built without a `String` per line).
    private func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case let .string(s): Self.appendQuoted(s, to: &out)
        case let .number(n): out.append(contentsOf: n.utf8)
        case let .int(i): out.append(contentsOf: String(i).utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case let .array(items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            if items.allSatisfy({ if case .object = $0 { return false }; if case .array = $0 { return false }; return true }) {
                out.append(0x5B)
                for (k, v) in items.enumerated() {
                    if k > 0 { out.append(contentsOf: ", ".utf8) }
                    v.write(into: &out, indent: 0)
                }
                out.append(0x5D)
                return
            }
            out.append(contentsOf: "[\n".utf8)
            for (k, v) in items.enumerated() {
                Self.pad(indent + 1, &out)
                v.write(into: &out, indent: indent + 1)
                out.append(contentsOf: (k == items.count - 1 ? "\n" : ",\n").utf8)
            }
            Self.pad(indent, &out)
            out.append(0x5D)
        case let .object(pairs):
            if pairs.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(contentsOf: "{\n".utf8)
            for (k, (key, v)) in pairs.enumerated() {
                Self.pad(indent + 1, &out)
                Self.appendQuoted(key, to: &out)
                out.append(contentsOf: ": ".utf8)
                v.write(into: &out, indent: indent + 1)
                out.append(contentsOf: (k == pairs.count - 1 ? "\n" : ",\n").utf8)
            }
            Self.pad(indent, &out)
            out.append(0x7D)
        }
    }

    /// Two spaces per level.
    private static func pad(_ indent: Int, _ out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0x20, count: 2 * indent))
    }

    /// Appends `quote(s)`'s UTF-8; a string that needs no escape is copied as it is.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        guard !needsEscape(s) else { out.append(contentsOf: quote(s).utf8); return }
        out.append(0x22)
        out.append(contentsOf: s.utf8)
        out.append(0x22)
    }

    /// Control characters, `"`, `\` and U+2028/9 (lead byte E2, checked exactly by `quote`) need an escape.
    private static func needsEscape(_ s: String) -> Bool {
        s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 })
    }

    /// `s` as a JSON string literal, quotes included (also used by the JSON log handler).
    public static func quote(_ s: String) -> String {
        // Most strings need no escape: control characters, `"`, `\` and U+2028/9 (lead byte E2) do.
        if !needsEscape(s) { return "\"" + s + "\"" }
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
