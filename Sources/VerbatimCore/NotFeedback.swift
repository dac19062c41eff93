/// An item of an export that is not a customer's feedback, set aside without an error: counted per
/// file (`FileReadSummary.notFeedback`, the manifest's `set_aside`), neither a record nor a reject
/// (`rejects.csv` and the exit code are for what could not be read).
public enum NotFeedback: String, Sendable, Hashable, Codable, CaseIterable {
    /// A chat's service line: someone joined, a message was pinned (Telegram's `"type": "service"`).
    case serviceLine = "service_line"
    /// A message the company posted as the chat or its channel (Telegram's `"from_id": "channel…"`):
    /// its own announcement or answer, not a customer's feedback.
    case ownMessage = "own_message"
    /// A post or message by one of the accounts the pipeline names as the company's own or its staff's
    /// (`own_accounts:`): an answer, not a customer's feedback.
    case staffAnswer = "staff_answer"
    /// A customer's photo, sticker, voice message or file sent with no caption: nothing to read.
    case mediaOnly = "media_only"
    /// A survey row with no comment whose rating cell says the survey was not answered (Zendesk's
    /// `Offered` and `Unoffered`: `RatingChoices.isNoAnswer`).
    case unansweredSurvey = "unanswered_survey"

    /// How a log line words a count of them ("3 service lines").
    public var plural: String {
        switch self {
        case .serviceLine: "service lines (someone joined, a message pinned)"
        case .ownMessage: "the chat's own messages (posted as the chat or its channel)"
        case .staffAnswer: "answers by the company's own accounts (own_accounts)"
        case .mediaOnly: "photos, stickers and files without a caption"
        case .unansweredSurvey: "surveys not answered (no comment, and a rating that says so)"
        }
    }
}

/// How many items of one kind a file set aside.
public struct NotFeedbackCount: Sendable, Hashable, Codable {
    public var what: NotFeedback
    public var count: Int

    public init(what: NotFeedback, count: Int) {
        self.what = what
        self.count = count
    }
}
