import VerbatimCore

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

    /// A cell: text from the input (neutralised) or a number Verbatim computed.
    public enum Cell: Sendable {
        case text(String)
        case number(String)
    }

    public mutating func appendRow(_ cells: [Cell]) {
        var bytes: [UInt8] = []
        Self.appendRow(cells, to: &bytes)
        text += UTF8Bytes.string(valid: bytes)
    }

    /// Appends one row, with its line end, as UTF-8 to `bytes`: the one place that writes a CSV row
    /// (the reports' tables and the record rows spooled while a file is read).
    public static func appendRow(_ cells: [Cell], to bytes: inout [UInt8]) {
        for (k, cell) in cells.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            switch cell {
            case let .number(s): bytes.append(contentsOf: s.utf8)
            case let .text(s): appendText(s, to: &bytes)
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// A text cell: prefixed with `'` when a spreadsheet would read it as a formula (it begins with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return), and quoted, with its quotes doubled, when it
    /// holds a comma, a semicolon, a quote or a line break (`quotingBytes`), or begins or ends with a space.
    /// The cell's bytes are searched sixteen at a time (`ByteScan`): a row's text and evidence are most of its bytes.
    static func appendText(_ s: String, to bytes: inout [UInt8]) {
        UTF8Bytes.withBytes(s) { b in
            let formula: Bool
            switch b.first {
            case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: formula = true
            default: formula = false
            }
            let quoted = holdsQuotingByte(b) || (!formula && b.first == 0x20) || b.last == 0x20
            if quoted { bytes.append(0x22) }
            if formula { bytes.append(UInt8(ascii: "'")) }
            guard quoted else {
                bytes.append(contentsOf: b)
                return
            }
            // Each quote doubled: the bytes up to and including it, then the quote again.
            var start = 0
            while true {
                let quote = ByteScan.firstOf(0x22, 0x22, in: b, from: start)
                guard quote < b.count else { break }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...quote]))
                bytes.append(0x22)
                start = quote + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[start...]))
            bytes.append(0x22)
        }
    }

    /// The bytes that make a cell quoted: a comma, a quote, a line break, a semicolon (so that a sheet
    /// opened with either separator splits no cell).
    static let quotingBytes: [UInt8] = [0x2C, 0x22, 0x0A, 0x0D, 0x3B]

    /// `quotingBytes` as bits (all are below 64), for a short cell.
    private static let quotingMask: UInt64 = quotingBytes.reduce(0) { $0 | 1 << UInt64($1) }

    /// Whether the cell holds one of `quotingBytes`: a short cell (an id, a date, a name) read a byte at a
    /// time against their bits, a long one (a text, its evidence) sixteen bytes at a time.
    @inline(__always) private static func holdsQuotingByte(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 32 else {
            let mask = quotingMask
            return b.contains { $0 < 64 && mask >> UInt64($0) & 1 == 1 }
        }
        return quotingBytes.withUnsafeBufferPointer { ByteScan.firstOf(anyOf: $0, in: b) } < b.count
    }
}

/// Formats numbers the same way on every run and machine.
public enum NumberFormat {
    /// Fixed decimals, no exponent, `-0` printed as `0`.
    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(decimals + 8)
        appendFixed(v, decimals, to: &bytes)
        return UTF8Bytes.string(valid: bytes)
    }

    /// Appends the UTF-8 of `fixed(v, decimals)` to `bytes`, digit by digit: it runs for every record a
    /// run writes and every line `classify` prints, where joining strings cost ~2,000 instructions a number.
    /// A value too large for whole hundredths of an `Int64` (or not finite) is written as Swift prints it.
    public static func appendFixed(_ v: Double, _ decimals: Int, to bytes: inout [UInt8]) {
        var p = 1.0
        for _ in 0..<decimals { p *= 10 }
        let r = (v * p).rounded() / p
        guard r.isFinite, abs(r) * p < 9e18 else {
            bytes.append(contentsOf: "\(v)".utf8)
            return
        }
        if r < 0 { bytes.append(UInt8(ascii: "-")) }
        let scaled = UInt64((abs(r) * p).rounded()), unit = UInt64(p)
        appendDigits(scaled / unit, to: &bytes)
        guard decimals > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        // The fraction's digits, its leading zeros kept, written from the last.
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals))
        var fraction = scaled % unit, k = bytes.count - 1
        while fraction > 0, k >= start {
            bytes[k] = UInt8(ascii: "0") + UInt8(fraction % 10)
            fraction /= 10
            k -= 1
        }
    }

    /// The decimal digits of `n`.
    private static func appendDigits(_ n: UInt64, to bytes: inout [UInt8]) {
        let start = bytes.count
        var n = n
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
            n /= 10
        } while n > 0
        bytes[start...].reverse()
    }
}
