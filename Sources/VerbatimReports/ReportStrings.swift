import VerbatimCore

/// The user-interface strings of `report.html`, one per key and locale,
/// read from `lexicons/report_strings.tsv` and validated once.
///
/// The file has a header line `key<TAB>en<TAB>tr<TAB>kk<TAB>mn<TAB>sr` (an
/// optional last `comment` column is ignored) and one line per key. Every
/// key the writer uses (`requiredKeys`) must be present, every cell filled,
/// and each translation must carry the same `{placeholders}` as English.
public struct ReportStrings: Sendable {
    private var table: [String: [ReportLocale: String]] = [:]

    /// An empty table: every lookup shows its key (for tests that do not render HTML).
    public init() {}

    /// Every key `HTMLReportWriter` looks up.
    public static let requiredKeys: [String] = [
        "title", "subtitle", "headline.records", "headline.positive", "headline.negative", "headline.net",
        "headline.csat", "headline.nps", "headline.rejected", "headline.files", "headline.files_rejected",
        "section.scorecard", "scorecard.hint", "col.rank", "col.employee", "col.n", "col.positive", "col.neutral",
        "col.negative", "col.net", "col.positive_share", "col.mean_score", "col.csat", "col.nps", "col.disagreements",
        "note.too_few", "note.unassigned", "unassigned", "section.themes", "themes.hint", "label.positive",
        "label.neutral", "label.negative", "section.heatmap", "heatmap.hint", "section.trend", "trend.hint",
        "trend.records", "trend.net", "trend.few", "section.trends", "trends.periods", "trends.hint", "trends.waiting", "trends.all",
        "trends.theme", "trends.n", "trends.net", "trends.change", "trends.too_few", "trends.only_one", "trends.ratings", "trends.ratings_hint", "trends.notable", "trends.notable_none", "trends.channel", "trends.all_responses", "trends.csat", "trends.nps", "section.verbatims", "verbatims.hint", "verbatims.overall",
        "verbatims.by_employee", "verbatims.by_theme", "verbatims.most_positive", "verbatims.most_negative",
        "verbatims.none", "verbatim.evidence", "verbatim.source", "verbatim.themes",
        "verbatim.rating", "verbatim.mentioned", "section.files", "files.file", "files.format",
        "files.read", "files.accepted", "files.rated", "files.rejected", "files.set_aside", "files.error", "files.stopped", "files.not_read", "section.channels", "channel.none", "section.languages", "lang.tr", "lang.kk",
        "lang.mn", "lang.sr", "lang.ru", "lang.und", "footer", "no_data", "number.decimal", "number.percent",
    ]

    /// The string for `key` in `locale` (English when missing, then the key itself).
    public func text(_ key: String, _ locale: ReportLocale) -> String { lookUp(key, locale) ?? key }

    /// How report.html shows a channel: its `channel.<name>` line in `locale` (`Phone` is `Утас` in
    /// Mongolian), else as the run's tables name it.
    public func channel(_ name: String, _ locale: ReportLocale) -> String { lookUp(Self.channelPrefix + name, locale) ?? name }

    /// The line `key` in `locale`, else in English; nil when there is no such line.
    private func lookUp(_ key: String, _ locale: ReportLocale) -> String? { table[key]?[locale] ?? table[key]?[.en] }

    /// The keys of channel names (`channel.Phone`), one per channel of `channels.tsv` that has one.
    static let channelPrefix = "channel."

    /// The string with its `{name}` placeholders replaced.
    public func format(_ key: String, _ locale: ReportLocale, _ values: [String: String]) -> String {
        var s = text(key, locale)
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            s = s.replacing("{\(name)}", with: value)
        }
        return s
    }

    /// Parses the file's text; errors name the file and line.
    public static func parse(_ text: String, file: String) -> (ReportStrings, [DataFileIssue]) {
        var strings = ReportStrings()
        var issues: [DataFileIssue] = []
        var lines = DataFile.lines(of: text)[...]
        guard let header = lines.popFirst(), header.fields.first == "key" else {
            issues.append(DataFileIssue(file: file, line: 1, message: "the first line must be the header: key, then one column per locale (\(ReportLocale.allCases.map(\.rawValue).joined(separator: ", ")))"))
            return (strings, issues)
        }
        var columns: [(index: Int, locale: ReportLocale)] = []
        for (k, name) in header.fields.enumerated().dropFirst() {
            if let l = ReportLocale(rawValue: name) { columns.append((k, l)) }
            else if name != "comment" {
                issues.append(DataFileIssue(file: file, line: header.line, message: "unknown column '\(name)'; expected a locale (\(ReportLocale.allCases.map(\.rawValue).joined(separator: ", "))) or 'comment'"))
            }
        }
        for l in ReportLocale.allCases where !columns.contains(where: { $0.locale == l }) {
            issues.append(DataFileIssue(file: file, line: header.line, message: "no column for locale '\(l.rawValue)'"))
        }
        var seen: [String: Int] = [:]
        for line in lines {
            let key = line.fields[0]
            if let first = seen[key] {
                issues.append(DataFileIssue(file: file, line: line.line, message: "key '\(key)' is already defined on line \(first)"))
                continue
            }
            seen[key] = line.line
            var row: [ReportLocale: String] = [:]
            for (index, locale) in columns {
                let value = index < line.fields.count ? line.fields[index] : ""
                if value.isEmpty {
                    issues.append(DataFileIssue(file: file, line: line.line, message: "'\(key)' has no \(locale.rawValue) text"))
                } else {
                    row[locale] = value
                }
            }
            if let en = row[.en] {
                let expected = placeholders(en)
                for (locale, value) in row where placeholders(value) != expected {
                    issues.append(DataFileIssue(file: file, line: line.line, message: "'\(key)' (\(locale.rawValue)) has placeholders \(placeholders(value).sorted()), English has \(expected.sorted())"))
                }
            }
            if !requiredKeys.contains(key), !key.hasPrefix(Self.channelPrefix) {
                issues.append(DataFileIssue(file: file, line: line.line, message: "key '\(key)' is not used by the report", isError: false))
            }
            strings.table[key] = row
        }
        for key in requiredKeys where seen[key] == nil {
            issues.append(DataFileIssue(file: file, line: 0, message: "missing key '\(key)'"))
        }
        return (strings, issues)
    }

    /// The `{name}` placeholders of a string.
    static func placeholders(_ s: String) -> Set<String> {
        var out = Set<String>()
        var current: String?
        for c in s {
            if c == "{" { current = "" } else if c == "}", let name = current { out.insert(name); current = nil } else if current != nil { current!.append(c) }
        }
        return out
    }
}
