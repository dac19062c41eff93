/// Builds CSV text that spreadsheet programs open correctly: UTF-8 with a
/// BOM, CRLF line ends, every field quoted when needed, and cells that
/// begin with `=`, `+`, `-` or `@` neutralised against formula injection
/// (prefixed with `'`). Numbers written by Verbatim itself are not
/// neutralised.
public struct CSVTableWriter: Sendable {
    public private(set) var text: String

    public init(header: [String]) {
        text = "\u{FEFF}"
        appendRow(header.map { .text($0) })
    }

    private init() { text = "" }

    /// A writer without BOM or header, for rows appended to an existing table.
    public static func rowOnly() -> CSVTableWriter { CSVTableWriter() }

    /// A cell: text from the input (neutralised) or a number Verbatim computed.
    public enum Cell: Sendable {
        case text(String)
        case number(String)
    }

    public mutating func appendRow(_ cells: [Cell]) {
        var first = true
        for cell in cells {
            if !first { text += "," }
            first = false
            switch cell {
            case let .number(s): text += s
            case let .text(s): text += Self.escape(Self.neutralise(s))
            }
        }
        text += "\r\n"
    }

    /// Prefixes `'` to text that a spreadsheet would read as a formula.
    public static func neutralise(_ s: String) -> String {
        guard let f = s.unicodeScalars.first else { return s }
        if f == "=" || f == "+" || f == "-" || f == "@" || f == "\t" || f == "\r" { return "'" + s }
        return s
    }

    public static func escape(_ s: String) -> String {
        let needsQuotes = s.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3B }
            || s.utf8.first == 0x20 || s.utf8.last == 0x20
        if needsQuotes {
            return "\"" + s.replacingQuotes() + "\""
        }
        return s
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        guard utf8.contains(0x22) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 8)
        for b in utf8 {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Formats numbers the same way on every run and machine.
public enum NumberFormat {
    /// Fixed decimals, no exponent, `-0` printed as `0`.
    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        var p = 1.0
        for _ in 0..<decimals { p *= 10 }
        let r = (v * p).rounded() / p
        if r == 0 { return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals) }
        let negative = r < 0
        let scaled = Int64((abs(r) * p).rounded())
        let intPart = scaled / Int64(p)
        var s = "\(intPart)"
        if decimals > 0 {
            let frac = String(scaled % Int64(p))
            s += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return negative ? "-" + s : s
    }
}
