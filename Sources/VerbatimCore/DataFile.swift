/// A parsed line of one of the linguistic data files (`*.tsv` under `lexicons/`).
public struct DataLine: Sendable, Hashable {
    /// 1-based line number in the file.
    public var line: Int
    /// TAB-separated fields, trimmed of surrounding spaces.
    public var fields: [String]
}

/// A problem in a linguistic data file, with file and line, for `verbatim validate`.
public struct DataFileIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    /// Warnings (duplicates that agree) do not stop a run; errors do.
    public var isError: Bool

    public init(file: String, line: Int, message: String, isError: Bool = true) {
        self.file = file
        self.line = line
        self.message = message
        self.isError = isError
    }

    public var description: String { "\(file) line \(line): \(message)" }
}

/// Splits the text of a data file into lines of TAB-separated fields.
///
/// `#` starts a comment line; empty lines are skipped; a `\r` before the
/// line end is dropped.
public enum DataFile {
    public static func lines(of text: String) -> [DataLine] {
        var out: [DataLine] = []
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            var line = Substring(raw)
            if line.last == "\r" { line = line.dropLast() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { f in
                String(f.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            }
            out.append(DataLine(line: n, fields: fields))
        }
        return out
    }
}
