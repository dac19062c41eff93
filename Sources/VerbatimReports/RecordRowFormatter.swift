import VerbatimCore
import VerbatimPrivacy

/// The rows of `records.csv` and `rejects.csv`. With a masker (`pii: mask`),
/// the free-text cells (evidence; a reject's reason and raw row) are masked;
/// identifiers are written as read.
public enum RecordRowFormatter {
    public static let recordHeader = [
        "record_id", "source_file", "line", "date", "employee", "channel", "language", "rating", "sentiment", "score", "themes", "evidence",
    ]
    public static let rejectHeader = ["file", "line", "column", "reason", "raw"]

    public static func recordRow(_ r: FeedbackRecord, masker: PersonalDataMasker? = nil) -> [CSVTableWriter.Cell] {
        let s = r.sentiment
        let themes = ThemeTag.list(r.themes.map(\.tag), separator: "; ")
        return [
            .text(r.id), .text(r.provenance.file), .number("\(r.provenance.line)"), .text(r.date ?? ""),
            .text(r.employee ?? ""), .text(r.channel ?? ""), .text(r.language.rawValue),
            .number(r.rating.map { NumberFormat.fixed($0, $0 == $0.rounded() ? 0 : 1) } ?? ""),
            .text(s?.label.rawValue ?? ""), .number(s.map { NumberFormat.fixed($0.score, 4) } ?? ""),
            .text(themes), .text(masker.map { $0.mask(evidenceString(r)) } ?? evidenceString(r)),
        ]
    }

    /// A short evidence string: `harika +3; kötü -2.5 [negation(değil)] → +1`, cut after
    /// `evidenceLimit` characters with `…`.
    public static func evidenceString(_ r: FeedbackRecord) -> String {
        guard let s = r.sentiment else { return "" }
        if s.evidence.isEmpty { return s.reason ?? "" }
        return truncated(Evidence.line(s.evidence), to: evidenceLimit)
    }

    /// The most characters of evidence a row shows.
    static let evidenceLimit = 300

    /// `text` when it has at most `limit` characters, else its first `limit` characters and `…`. Each
    /// character has one scalar or more, and each scalar one byte or more, so most texts are known to
    /// be short before any character is counted; a long one is walked only up to the limit.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit, scalarCount(text) > limit,
              let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end != text.endIndex
        else { return text }
        return String(text[..<end]) + "…"
    }

    /// The number of Unicode scalars of `text`: its UTF-8 bytes that start one.
    static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) } }
    }

    public static func rejectRow(_ j: Reject, masker: PersonalDataMasker? = nil) -> [CSVTableWriter.Cell] {
        [.text(j.provenance.file), .number("\(j.provenance.line)"), .number(j.provenance.column.map { "\($0)" } ?? ""),
         .text(masker.map { $0.mask(j.reason) } ?? j.reason), .text(masker.map { $0.mask(j.raw) } ?? j.raw)]
    }
}
