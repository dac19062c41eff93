import VerbatimCore

/// The fields of one tally cell (`TALLY` in `docs/summary-schema.md`), in
/// one place so `summary.json` and the CSV tables always carry the same
/// numbers with the same decimals. CSAT and NPS are over their own responses (`csat_responses`,
/// `nps_responses`): the records with a rating, and the rated responses without text, which `n` does not count.
public enum TallyFields {
    /// CSV column names, in order; the 95% intervals take two columns each (`…_low`, `…_high`).
    public static let csvHeader = [
        "n", "positive", "neutral", "negative", "positive_share", "neutral_share", "negative_share", "net_sentiment",
        "mean_score", "positive_share_ci95_low", "positive_share_ci95_high", "negative_share_ci95_low",
        "negative_share_ci95_high", "mean_rating_csat", "csat_percent", "nps", "rating_text_disagreements",
        "csat_responses", "nps_responses",
    ]

    /// The JSON members of a tally.
    public static func json(_ t: SentimentTally) -> [(String, JSONValue)] {
        let p = t.positiveInterval, n = t.negativeInterval
        // A cell with ratings and no text (`n` 0) has no share, net sentiment, mean or interval: null, not 0.
        func d(_ v: Double) -> JSONValue { t.n == 0 ? .null : .double(v) }
        func interval(_ i: (low: Double, high: Double)) -> JSONValue { t.n == 0 ? .null : .array([.double(i.low), .double(i.high)]) }
        return [
            ("n", .int(t.n)), ("positive", .int(t.positive)), ("neutral", .int(t.neutral)), ("negative", .int(t.negative)),
            ("positive_share", d(t.positiveShare)), ("neutral_share", d(t.neutralShare)),
            ("negative_share", d(t.negativeShare)), ("net_sentiment", d(t.netSentiment)),
            ("mean_score", d(t.meanScore)),
            ("positive_share_ci95", interval(p)),
            ("negative_share_ci95", interval(n)),
            ("mean_rating_csat", .optional(t.meanCSAT, 2)), ("csat_percent", .optional(t.csatPercent, 1)),
            ("nps", .optional(t.nps, 1)), ("rating_text_disagreements", .int(t.disagreements)),
            ("csat_responses", .int(t.csatCount)), ("nps_responses", .int(t.npsCount)),
        ]
    }

    /// The CSV cells of a tally, matching `csvHeader` (empty where JSON has null: the shares of a cell with no text).
    public static func csv(_ t: SentimentTally) -> [CSVTableWriter.Cell] {
        let p = t.positiveInterval, n = t.negativeInterval
        func d(_ v: Double, _ decimals: Int = 4) -> CSVTableWriter.Cell { .number(t.n == 0 ? "" : NumberFormat.fixed(v, decimals)) }
        func o(_ v: Double?, _ decimals: Int) -> CSVTableWriter.Cell { .number(v.map { NumberFormat.fixed($0, decimals) } ?? "") }
        return [
            .number("\(t.n)"), .number("\(t.positive)"), .number("\(t.neutral)"), .number("\(t.negative)"),
            d(t.positiveShare), d(t.neutralShare), d(t.negativeShare), d(t.netSentiment), d(t.meanScore),
            d(p.low), d(p.high), d(n.low), d(n.high),
            o(t.meanCSAT, 2), o(t.csatPercent, 1), o(t.nps, 1), .number("\(t.disagreements)"),
            .number("\(t.csatCount)"), .number("\(t.npsCount)"),
        ]
    }
}
