/// A language `report.html` can be written in (`locale:` in the pipeline
/// file): its headings and labels (`lexicons/report_strings.tsv`) and the
/// theme display names (`lexicons/themes.tsv`).
public enum ReportLocale: String, Sendable, Hashable, CaseIterable {
    case en, tr, kk, mn, sr

    /// The value of `<html lang>`; Serbian strings are written in Latin script.
    public var htmlLanguage: String { self == .sr ? "sr-Latn" : rawValue }
}
