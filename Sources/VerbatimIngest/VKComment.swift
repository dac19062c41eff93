import VerbatimCore

/// A comment of VK's API answer (`wall.getComments`, `board.getComments`: `{"response": {"count": …,
/// "items": [{"id": …, "from_id": …, "date": …, "text": …}]}}`), beyond its text.
///
/// VK writes a community as a negative id: a comment whose `from_id` is below zero is the company
/// answering on its own wall, not a customer's feedback, and is set aside (`NotFeedback.ownMessage`),
/// as a Telegram group's own answers are (`TelegramMessage`).
enum VKComment {
    /// Why `object`, a comment of VK's answer, is no customer's feedback; nil when it may be (or it is
    /// not such a comment: one with an `owner_id` or `post_id` beside a whole-number `from_id`).
    static func notFeedback(_ object: [String: Any]) -> NotFeedback? {
        guard object["owner_id"] != nil || object["post_id"] != nil,
              let from = JSONRecordReader.number(object["from_id"]), let id = Int64(exactly: from) else { return nil }
        return id < 0 ? .ownMessage : nil
    }
}
