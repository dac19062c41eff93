import VerbatimCore

/// What the store keeps of a survey response with a rating and no text (`RatedResponse`): the
/// store's `rated_responses` table. Most respondents of a post-contact survey answer only the score
/// question; without these rows the store's CSAT and NPS (and a dashboard's, over the shared store)
/// would be the commenting customers' alone.
///
/// A response is one record with `StoredRecord` under the same source and id: when a later export
/// carries a comment for it, it moves to `records`, and back when the comment is gone.
public struct StoredRating: Sendable, Hashable {
    /// The export's own id (or the reader's stable hash of file and position).
    public var recordId: String
    /// Line (CSV) or element line (XML) in the file it came from.
    public var line: Int
    /// Date as in `records.csv` (ISO 8601, with time when known).
    public var date: String?
    public var employee: String?
    public var channel: String?
    /// At least one rating, each on its scale: the `csat` and `nps` columns.
    public var ratings: SurveyRating.Ratings

    public init(recordId: String, line: Int, date: String? = nil, employee: String? = nil, channel: String? = nil, ratings: SurveyRating.Ratings) {
        self.recordId = recordId
        self.line = line
        self.date = date
        self.employee = employee
        self.channel = channel
        self.ratings = ratings
    }

    /// The local day of `date` (`YYYY-MM-DD`), or nil when the response has no usable date.
    public var day: String? { StoredRecord.day(of: date) }
}
