/// Numbers as a reader of one locale writes them: the decimal separator and
/// the place of the percent sign come from `report_strings.tsv`
/// (`number.decimal`, `number.percent`: `47%` in English, `%47` in Turkish).
/// Only for display; sortable values in the HTML stay plain.
public struct LocalizedNumbers: Sendable {
    let decimalSeparator: String
    let percentPattern: String

    public init(strings: ReportStrings, locale: ReportLocale) {
        decimalSeparator = strings.text("number.decimal", locale)
        percentPattern = strings.text("number.percent", locale)
    }

    /// Fixed decimals with the locale's separator.
    public func decimal(_ v: Double, _ decimals: Int) -> String {
        let s = NumberFormat.fixed(v, decimals)
        return decimalSeparator == "." ? s : s.replacing(".", with: decimalSeparator)
    }

    /// Like `decimal`, with `+` before positive values (net sentiment, scores).
    public func signed(_ v: Double, _ decimals: Int) -> String {
        let s = decimal(v, decimals)
        return s.hasPrefix("-") || s == decimal(0, decimals) ? s.replacing("-", with: "−") : "+" + s
    }

    /// A share (0…1) as a percentage.
    public func percent(_ share: Double, _ decimals: Int = 0) -> String {
        percentPattern.replacing("{v}", with: decimal(share * 100, decimals))
    }

    /// A value already in percent (CSAT %, NPS is not a percentage: use `decimal`).
    public func percentValue(_ v: Double, _ decimals: Int = 0) -> String {
        percentPattern.replacing("{v}", with: decimal(v, decimals))
    }
}
