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

    /// A short evidence string: `harika +3; kötü -2.5 [negation(değil)] → +1`.
    public static func evidenceString(_ r: FeedbackRecord) -> String {
        guard let s = r.sentiment else { return "" }
        if s.evidence.isEmpty { return s.reason ?? "" }
        let parts = s.evidence.map(\.summary)
        let joined = parts.joined(separator: "; ")
        return joined.utf8.count > 300 && joined.count > 300 ? String(joined.prefix(300)) + "…" : joined
    }

    public static func rejectRow(_ j: Reject, masker: PersonalDataMasker? = nil) -> [CSVTableWriter.Cell] {
        [.text(j.provenance.file), .number("\(j.provenance.line)"), .number(j.provenance.column.map { "\($0)" } ?? ""),
         .text(masker.map { $0.mask(j.reason) } ?? j.reason), .text(masker.map { $0.mask(j.raw) } ?? j.raw)]
    }
}
