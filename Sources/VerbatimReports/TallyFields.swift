import VerbatimCore

/// The fields of one tally cell (`TALLY` in `docs/summary-schema.md`), in
/// one place so `summary.json` and the CSV tables always carry the same
/// numbers with the same decimals.
public enum TallyFields {
    /// CSV column names, in order; the 95% intervals take two columns each (`…_low`, `…_high`).
    public static let csvHeader = [
        "n", "positive", "neutral", "negative", "positive_share", "neutral_share", "negative_share", "net_sentiment",
        "mean_score", "positive_share_ci95_low", "positive_share_ci95_high", "negative_share_ci95_low",
        "negative_share_ci95_high", "mean_rating_csat", "csat_percent", "nps", "rating_text_disagreements",
    ]

    /// The JSON members of a tally.
    public static func json(_ t: SentimentTally) -> [(String, JSONValue)] {
        let p = t.positiveInterval, n = t.negativeInterval
        return [
            ("n", .int(t.n)), ("positive", .int(t.positive)), ("neutral", .int(t.neutral)), ("negative", .int(t.negative)),
            ("positive_share", .double(t.positiveShare)), ("neutral_share", .double(t.neutralShare)),
            ("negative_share", .double(t.negativeShare)), ("net_sentiment", .double(t.netSentiment)),
            ("mean_score", .double(t.meanScore)),
            ("positive_share_ci95", .array([.double(p.low), .double(p.high)])),
            ("negative_share_ci95", .array([.double(n.low), .double(n.high)])),
            ("mean_rating_csat", .optional(t.meanCSAT, 2)), ("csat_percent", .optional(t.csatPercent, 1)),
            ("nps", .optional(t.nps, 1)), ("rating_text_disagreements", .int(t.disagreements)),
        ]
    }

    /// The CSV cells of a tally, matching `csvHeader` (empty where JSON has null).
    public static func csv(_ t: SentimentTally) -> [CSVTableWriter.Cell] {
        let p = t.positiveInterval, n = t.negativeInterval
        func d(_ v: Double, _ decimals: Int = 4) -> CSVTableWriter.Cell { .number(NumberFormat.fixed(v, decimals)) }
        func o(_ v: Double?, _ decimals: Int) -> CSVTableWriter.Cell { .number(v.map { NumberFormat.fixed($0, decimals) } ?? "") }
        return [
            .number("\(t.n)"), .number("\(t.positive)"), .number("\(t.neutral)"), .number("\(t.negative)"),
            d(t.positiveShare), d(t.neutralShare), d(t.negativeShare), d(t.netSentiment), d(t.meanScore),
            d(p.low), d(p.high), d(n.low), d(n.high),
            o(t.meanCSAT, 2), o(t.csatPercent, 1), o(t.nps, 1), .number("\(t.disagreements)"),
        ]
    }
}
