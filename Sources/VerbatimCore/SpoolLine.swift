/// The line format of Verbatim's spools and partials: the one writer and parser of their fields.
///
/// A line holds TAB-separated fields; in a field, `\`, TAB, LF and CR are
/// escaped as `\\`, `\t`, `\n` and `\r`, and a missing value is `\N`. The
/// store's record spool (`RecordSpool`, `SpoolRow`), the keyed records of a
/// partial (`KeyedRecord`) and a partial's `R` lines are all written and read
/// here. Bytes, never `Character`s: a field may begin with a combining mark,
/// which would join a TAB into one `Character`.
public enum SpoolLine {
    // Constants, not stored globals: a reader's loop asks for them per byte, and another module's
    // stored `static let` is read through a lazy initializer (`swift_once`) at each use.
    @inlinable public static var tab: UInt8 { 0x09 }
    @inlinable public static var newline: UInt8 { 0x0A }
    @inlinable public static var backslash: UInt8 { 0x5C }
    /// A missing value.
    public static let null: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "N")]

    /// Appends `bytes` escaped: contiguous bytes (a native string's) in runs between the bytes to escape.
    @inlinable
    public static func appendEscaped<S: Sequence>(_ bytes: S, to out: inout [UInt8]) where S.Element == UInt8 {
        let appended: Void? = bytes.withContiguousStorageIfAvailable { appendEscaped($0, to: &out) }
        if appended != nil { return }
        for c in bytes { appendEscaped(byte: c, to: &out) }
    }

    @inlinable
    static func appendEscaped(_ p: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        UTF8Bytes.appendRewriting(p, to: &out, candidate: isEscaped) { p, i, out in
            appendEscaped(byte: p[i], to: &out)
            return 1
        }
    }

    /// The bytes a field escapes.
    @inlinable @inline(__always)
    static func isEscaped(_ c: UInt8) -> Bool { c == backslash || c == tab || c == newline || c == UInt8(ascii: "\r") }

    @inlinable @inline(__always)
    static func appendEscaped(byte c: UInt8, to out: inout [UInt8]) {
        switch c {
        case backslash: out.append(backslash); out.append(backslash)
        case tab: out.append(backslash); out.append(UInt8(ascii: "t"))
        case newline: out.append(backslash); out.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): out.append(backslash); out.append(UInt8(ascii: "r"))
        default: out.append(c)
        }
    }

    /// Appends `s` as a field: escaped, or `\N` for nil.
    @inlinable
    public static func appendField(_ s: String?, to out: inout [UInt8]) {
        guard let s else { out.append(contentsOf: null); return }
        appendEscaped(s.utf8, to: &out)
    }

    /// `appendField` of a `String` or of bytes read from a spool (`SpoolText`).
    @inlinable
    public static func appendField(_ s: (some SpoolText)?, to out: inout [UInt8]) {
        guard let s else { out.append(contentsOf: null); return }
        s.withSpoolBytes { appendEscaped($0, to: &out) }
    }

    /// Appends `s` escaped (a piece of a field).
    @inlinable
    public static func appendEscaped(_ s: some SpoolText, to out: inout [UInt8]) {
        s.withSpoolBytes { appendEscaped($0, to: &out) }
    }

    /// `bytes` escaped.
    @inlinable
    public static func escape<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        var out: [UInt8] = []
        appendEscaped(bytes, to: &out)
        return out
    }

    /// The bytes of an escaped field (`\N` is not special here).
    @inlinable
    public static func unescape<C: Collection>(_ b: C) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var escaped = false
        for c in b {
            if escaped {
                switch c {
                case UInt8(ascii: "t"): out.append(tab)
                case UInt8(ascii: "n"): out.append(newline)
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                default: out.append(c)
                }
                escaped = false
            } else if c == backslash {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// `unescape` of a line's bytes (a partial's `R` line), copying the runs between backslashes whole.
    public static func unescape(_ b: ArraySlice<UInt8>) -> [UInt8] {
        b.withUnsafeBufferPointer { p in
            var out: [UInt8] = []
            out.reserveCapacity(p.count)
            var i = 0
            while i < p.count {
                let next = ByteScan.firstOf(backslash, backslash, in: p, from: i)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<next]))
                guard next + 1 < p.count else { break }  // a backslash at the very end stands for nothing
                switch p[next + 1] {
                case UInt8(ascii: "t"): out.append(tab)
                case UInt8(ascii: "n"): out.append(newline)
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                case let c: out.append(c)
                }
                i = next + 2
            }
            return out
        }
    }

    /// The text of an escaped field (`\N` is not special here).
    @inlinable
    public static func string<C: Collection>(_ b: C) -> String where C.Element == UInt8 {
        b.contains(backslash) ? String(decoding: unescape(b), as: UTF8.self) : String(decoding: b, as: UTF8.self)
    }

    /// Whether a field is `\N`.
    @inlinable
    public static func isNull<C: Collection>(_ b: C) -> Bool where C.Element == UInt8 {
        b.count == 2 && b.first == backslash && b[b.index(after: b.startIndex)] == UInt8(ascii: "N")
    }

    /// A field's value: nil for `\N`, else the unescaped text.
    @inlinable
    public static func field<C: Collection>(_ b: C) -> String? where C.Element == UInt8 { isNull(b) ? nil : string(b) }

    /// The values of a line's fields (without its line break), in order.
    @inlinable
    public static func fields<C: Collection>(_ line: C) -> [String?] where C.Element == UInt8 {
        line.split(separator: tab, omittingEmptySubsequences: false).map { field($0) }
    }
}
