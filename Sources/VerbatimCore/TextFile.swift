import Foundation

/// A small text file a person wrote (a pipeline, a data file), read whole as UTF-8, with a reason a person
/// can act on when it cannot be: it is not there, it is a folder, or its bytes are not UTF-8 (with the line
/// and byte where they stop being so, which is where an editor saved a code page instead).
///
/// Read through a file handle, not by size, so that a pipe or a here-document (`/dev/stdin`,
/// `<(…)`) reads as a file does.
public enum TextFile {
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case missing
        case folder
        /// Bytes that are not UTF-8: the 1-based line, and the first such byte.
        case notUTF8(line: Int, byte: UInt8)
        /// UTF-16 text (it begins with a UTF-16 byte-order mark), as some Windows editors save.
        case utf16
        case unreadable(String)

        public var description: String {
            switch self {
            case .missing: "no such file"
            case .folder: "a folder, not a file"
            case let .notUTF8(line, byte):
                "not UTF-8 text (line \(line) has the byte 0x\(String(byte, radix: 16, uppercase: true)); save the file as UTF-8)"
            case .utf16: "not UTF-8 text (saved as UTF-16; save the file as UTF-8)"
            case let .unreadable(reason): reason
            }
        }
    }

    /// The text of the file at `path`.
    public static func read(_ path: String) throws(Problem) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .missing }
        if isFolder.boolValue { throw .folder }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable("cannot be opened (permissions?)") }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch { throw .unreadable("cannot be read: \(error.localizedDescription)") }
        return try text(of: data)
    }

    /// `data` as UTF-8 text (a leading byte-order mark dropped), or where it is not.
    public static func text(of data: Data) throws(Problem) -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { throw .utf16 }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = bytes[start...]
        if let text = String(validating: body, as: UTF8.self) { return text }
        throw firstInvalid(body)
    }

    /// Where `bytes` first stop being UTF-8: the line of the first byte that starts no valid sequence.
    static func firstInvalid(_ bytes: ArraySlice<UInt8>) -> Problem {
        var line = 1
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            let end = i + length
            guard length > 0, end <= bytes.endIndex, String(validating: bytes[i..<end], as: UTF8.self) != nil else {
                return .notUTF8(line: line, byte: b)
            }
            if b == 0x0A { line += 1 }
            i = end
        }
        return .notUTF8(line: line, byte: 0)
    }
}
