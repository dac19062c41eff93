/// The name under which a file's records are recognised across exports.
///
/// A record is the same record when it has the same source and the same
/// id. Exports of one feed carry their date in the file or folder name
/// (`tr_anket_2026-11-20.csv`, then `tr_anket_2026-11-21.csv`), so the
/// source is the file's path inside the input folder with every run of
/// digits (and the `-`, `_` or `.` between digits) replaced by `#`:
/// both files above are `tr_anket_#.csv`, and a row with id `TR-1` in
/// both is one record, updated by the later export.
public enum SourceKey {
    /// The source of a file, from its path relative to the input folder.
    public static func of(_ relativePath: String) -> String {
        let bytes = Array(relativePath.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        func isJoiner(_ b: UInt8) -> Bool { b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") }
        while i < bytes.count {
            guard isDigit(bytes[i]) else { out.append(bytes[i]); i += 1; continue }
            // A run of digits, possibly joined by separators that stand between digits (2026-11-21, 21.11.2026).
            var j = i
            while j < bytes.count {
                if isDigit(bytes[j]) { j += 1; continue }
                if isJoiner(bytes[j]), j + 1 < bytes.count, isDigit(bytes[j + 1]) { j += 1; continue }
                break
            }
            out.append(UInt8(ascii: "#"))
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }
}
