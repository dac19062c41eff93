/// A relative path as `verbatim list` prints it and `--files-from` reads it, one per line.
///
/// A path that a line-based reader could split or misread (a line break, a TAB or another control
/// character, a Unicode line separator, a `"` or a `\`) is written in double quotes with C-style
/// escapes, as git quotes such paths: `"a\nb.csv"`. Every other path, Turkish, Cyrillic and spaces
/// included, is written as it is.
enum ListedPath {
    /// `path` as one line's text.
    static func quote(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: needsEscape) else { return path }
        var out = "\""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case _ where needsEscape(scalar): out += scalar.value < 0x80 ? hex(scalar.value, "x", 2) : hex(scalar.value, "u", 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The path a line gives: a quoted one unescaped, any other as it is (a path a user typed that starts
    /// and ends with `"` but is no valid quoting is taken as written).
    static func unquote(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return line }
        var out = String.UnicodeScalarView()
        var i = 1
        while i < scalars.count - 1 {
            let c = scalars[i]
            guard c == "\\" else {
                if c == "\"" { return line }
                out.append(c)
                i += 1
                continue
            }
            guard i + 1 < scalars.count - 1 else { return line }
            let e = scalars[i + 1]
            switch e {
            case "\"", "\\": out.append(e); i += 2
            case "t": out.append("\t"); i += 2
            case "n": out.append("\n"); i += 2
            case "r": out.append("\r"); i += 2
            case "x", "u":
                let digits = e == "x" ? 2 : 4
                guard i + 2 + digits <= scalars.count - 1,
                      let value = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 2 + digits)])), radix: 16),
                      let scalar = Unicode.Scalar(value) else { return line }
                out.append(scalar)
                i += 2 + digits
            default: return line
            }
        }
        return String(out)
    }

    /// Controls (C0, DEL, C1) and the Unicode line and paragraph separators, which line readers split on,
    /// and the quote and backslash of the quoting itself.
    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029 || s == "\"" || s == "\\"
    }

    private static func hex(_ value: UInt32, _ letter: String, _ width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "\\" + letter + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
