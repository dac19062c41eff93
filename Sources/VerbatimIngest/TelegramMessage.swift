import VerbatimCore

/// What a message of Telegram's chat export is (`result.json` of Telegram Desktop's "Export chat
/// history": `{"name": …, "type": "public_supergroup", "messages": [{…}, …]}`), beyond its text.
///
/// A support group's export holds more than its customers' messages: service lines (someone joined, a
/// message was pinned), the company's own posts and answers (written as the group or its channel,
/// `"from_id": "channel1812345678"`), and photos or stickers with no caption. Read as feedback, the
/// company's apologies and thanks came out as customers' praise, and every service line was a reject.
/// They are set aside and counted (`NotFeedback`); a customer's message is read as any JSON record,
/// on the channel `Telegram` unless it names one (`PlatformMarks`).
enum TelegramMessage {
    /// The keys of a message that carries something other than text (Telegram's export writes the
    /// media's file, or its kind).
    static let mediaKeys = ["photo", "file", "media_type", "sticker_emoji", "poll", "location_information", "contact_information"]

    /// Whether `object` is a message of Telegram's chat export: its sender or actor is written as
    /// Telegram writes peers (`user123`, `channel123`), or its date also as `date_unixtime`.
    static func isMessage(_ object: [String: Any]) -> Bool {
        if object["date_unixtime"] is String { return true }
        return ["from_id", "actor_id"].contains { key in (object[key] as? String).map(isPeer) ?? false }
    }

    /// Why `object`, a message of Telegram's export, is no customer's feedback; nil when it may be
    /// (or it is not such a message).
    static func notFeedback(_ object: [String: Any]) -> NotFeedback? {
        guard isMessage(object) else { return nil }
        if object["type"] as? String == "service" { return .serviceLine }
        if let from = object["from_id"] as? String, from.hasPrefix("channel") { return .ownMessage }
        let text = object["text"].flatMap(JSONRecordReader.text) ?? ""
        if !text.contains(where: { !$0.isWhitespace }), mediaKeys.contains(where: { object[$0] != nil }) { return .mediaOnly }
        return nil
    }

    /// `user123`, `channel123`, `chat123`: a kind of peer, then its number.
    private static func isPeer(_ id: String) -> Bool {
        for kind in ["user", "channel", "chat"] where id.hasPrefix(kind) {
            let number = id.dropFirst(kind.count)
            return !number.isEmpty && number.allSatisfy(\.isASCIIDigit)
        }
        return false
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
