import VerbatimCore

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
        return UTF8Bytes.string(valid: out)
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

    /// Appends `s` as a JSON string literal, quotes included, as UTF-8: runs that need no escape are
    /// copied whole.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        out.append(0x22)
        s.withUTF8 { b in
            UTF8Bytes.appendRewriting(b, to: &out, candidate: mayEscape) { b, i, out in
                switch b[i] {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0xE2:
                    // U+2028 and U+2029 (E2 80 A8, E2 80 A9) end a line in JavaScript; other E2 characters stay.
                    guard i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 else { return 0 }
                    out.append(contentsOf: (b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    return 3
                default:
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hexDigit(b[i] >> 4))
                    out.append(hexDigit(b[i] & 0xF))
                }
                return 1
            }
        }
        out.append(0x22)
    }

    /// Control characters, `"`, `\` and the lead byte of U+2028/9.
    @inline(__always) private static func mayEscape(_ c: UInt8) -> Bool { c < 0x20 || c == 0x22 || c == 0x5C || c == 0xE2 }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x61 + v - 10 }

    /// `s` as a JSON string literal, quotes included (also used by the JSON log handler).
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        appendQuoted(s, to: &out)
        return UTF8Bytes.string(valid: out)
    }
}
