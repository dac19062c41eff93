import Foundation

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

    /// `file line N: message`, or `file: message` for the whole file (line 0).
    public var description: String { line > 0 ? "\(file) line \(line): \(message)" : "\(file): \(message)" }

    /// How many issues of one file are listed one by one; the rest are counted.
    public static let listedPerFile = 10

    /// The issues as lines to show, at most `perFile` of each file and then how many more it has: a file
    /// that is not the data it should be (an export given as a layer) gives one issue per line.
    public static func listed(_ issues: [DataFileIssue], perFile: Int = listedPerFile) -> [String] {
        var seen: [String: Int] = [:]
        var lines: [String] = []
        var cut: [String] = []  // files with issues not listed, in the order they were cut
        for issue in issues {
            let n = seen[issue.file, default: 0]
            seen[issue.file] = n + 1
            if n < perFile { lines.append(issue.description) } else if n == perFile { cut.append(issue.file) }
        }
        return lines + cut.map { "\($0): \(seen[$0]! - perFile) more problem(s) like those above, not listed" }
    }
}

/// Splits the text of a data file into lines of TAB-separated fields.
///
/// `#` starts a comment line; empty lines are skipped; a `\r` before the
/// line end is dropped.
public enum DataFile {
    /// The lines of a data file at `url`. An optional file that is not there gives nil and no issue (it
    /// adds nothing); one that is there but is not UTF-8 text, or a required one that is missing, gives
    /// nil and the issue: a file an analyst wrote is never skipped without a word.
    public static func read(_ url: URL, required: Bool) -> (lines: [DataLine]?, issue: DataFileIssue?) {
        do { return (lines(of: try TextFile.read(url.path)), nil) } catch {
            if error == .missing && !required { return (nil, nil) }
            return (nil, DataFileIssue(file: url.path, line: 0, message: error == .missing ? "missing" : error.description))
        }
    }

    /// Whether the file at `url` begins with the bytes of `prefix` (how a file Verbatim wrote, a layer or a
    /// partial, is told from one it would replace by mistake). False when it cannot be read.
    public static func begins(_ url: URL, with prefix: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: prefix.utf8.count)) ?? Data()
        return head.elementsEqual(prefix.utf8)
    }

    public static func lines(of text: String) -> [DataLine] {
        var text = text
        return text.withUTF8 { bytes in
            var out: [DataLine] = []
            var number = 0
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                number += 1
                if start == bytes.count && end == start { break }  // no line after a final newline
                var last = end
                if last > start, bytes[last - 1] == 0x0D { last -= 1 }
                var first = start
                while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
                if first < last, bytes[first] != 0x23 {
                    out.append(DataLine(line: number, fields: fields(bytes, start..<last)))
                }
                start = end + 1
            }
            return out
        }
    }

    /// The TAB-separated fields of a line, each trimmed of surrounding spaces.
    private static func fields(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> [String] {
        var fields: [String] = []
        // Room for every field at once: grown one append at a time, the array was allocated two or three times a line.
        fields.reserveCapacity(1 + line.reduce(0) { $0 + (bytes[$1] == 0x09 ? 1 : 0) })
        var start = line.lowerBound
        while true {
            var end = start
            while end < line.upperBound, bytes[end] != 0x09 { end += 1 }
            var a = start, b = end
            while a < b, bytes[a] == 0x20 { a += 1 }
            while b > a, bytes[b - 1] == 0x20 { b -= 1 }
            fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self))
            if end == line.upperBound { return fields }
            start = end + 1
        }
    }
}
