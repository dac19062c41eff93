/// A processing step that enriches records one at a time.
///
/// Stages run in the order of the pipeline file: normalize → language →
/// sentiment → themes. A stage must be safe to call from several threads
/// at once on different records (it holds only immutable, compiled data).
public protocol RecordStage: Sendable {
    /// The registry name under which a pipeline file selects this stage.
    var name: String { get }
    /// Adds this stage's part to the record.
    func process(_ record: inout FeedbackRecord)
}

/// What a reader produces for each record-sized piece of a file.
public enum ReadEvent: Sendable {
    case record(FeedbackRecord)
    /// A row with a rating and no text (`RatedResponse`): counted in the ratings, not analysed.
    case rated(RatedResponse)
    case reject(Reject)
    /// An item that is no customer's feedback (a chat's service line, the company's own post): counted, not read.
    case setAside(NotFeedback)
}
