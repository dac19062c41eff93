/// Writes `employees.csv`, `themes.csv`, `employee_themes.csv` and `channels.csv`: one row
/// per cell with every tally field of `docs/summary-schema.md`, in the same
/// order as `summary.json`, and with the same CSV conventions as
/// `records.csv` (BOM, CRLF, quoting, formula neutralisation).
public enum AggregateCSVWriter {
    public static let employeeHeader = ["employee", "rank", "note"] + TallyFields.csvHeader
    public static let themeHeader = ["theme", "name"] + TallyFields.csvHeader
    public static let employeeThemeHeader = ["employee", "theme"] + TallyFields.csvHeader
    public static let channelHeader = ["channel"] + TallyFields.csvHeader

    /// The scorecard: ranked employees first, then the unranked with the reason.
    public static func employees(_ report: RunReport) -> String {
        var w = CSVTableWriter(header: employeeHeader)
        for row in report.employeeScorecard {
            w.appendRow([.text(row.employee), .number(row.rank.map { "\($0)" } ?? ""), .text(row.note ?? "")] + TallyFields.csv(row.tally))
        }
        return w.text
    }

    /// Themes in taxonomy order, with their English display name.
    public static func themes(_ report: RunReport) -> String {
        var w = CSVTableWriter(header: themeHeader)
        for id in report.themeOrder {
            w.appendRow([.text(id), .text(report.themeName(id))] + TallyFields.csv(report.aggregate.byTheme[id]!))
        }
        return w.text
    }

    /// The channels (phone, chat, a social network), most responses first, then by name; records
    /// without one as `(none)`.
    public static func channels(_ report: RunReport) -> String {
        var w = CSVTableWriter(header: channelHeader)
        for (channel, tally) in report.channelsByResponses { w.appendRow([.text(channel)] + TallyFields.csv(tally)) }
        return w.text
    }

    /// Every employee × theme cell with at least one mention, by employee then theme id.
    public static func employeeThemes(_ report: RunReport) -> String {
        var w = CSVTableWriter(header: employeeThemeHeader)
        let cells = report.aggregate.byEmployeeTheme
        for e in cells.keys.sorted() {
            for t in cells[e]!.keys.sorted() {
                w.appendRow([.text(e), .text(t)] + TallyFields.csv(cells[e]![t]!))
            }
        }
        return w.text
    }
}
