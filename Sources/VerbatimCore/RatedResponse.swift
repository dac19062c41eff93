/// A survey response with a rating and no comment: most respondents of a post-contact survey answer
/// the score question and skip the open one. It has no text to analyse, but its rating belongs in
/// the run's CSAT and NPS, by employee, day, channel and file, as a survey tool counts it: rejecting
/// it (as "empty feedback text") left those figures to the customers who wrote something, and
/// filled `rejects.csv` with rows that were never wrong.
public struct RatedResponse: Sendable, Hashable {
    public var id: String
    public var provenance: Provenance
    /// Normalized as a record's date is.
    public var date: String?
    public var employee: String?
    public var channel: String?
    /// At least one rating.
    public var ratings: SurveyRating.Ratings

    /// How a count of them reads in a report line and the run's summary line: "3 ratings without text".
    public static func described(count n: Int) -> String { "\(n) rating\(n == 1 ? "" : "s") without text" }

    public init(id: String, provenance: Provenance, date: String?, employee: String?, channel: String?, ratings: SurveyRating.Ratings) {
        self.id = id
        self.provenance = provenance
        self.date = date
        self.employee = employee
        self.channel = channel
        self.ratings = ratings
    }
}
