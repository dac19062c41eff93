/// The network a JSON record comes from when it names none and has no link, told by marks that only
/// that network's API or export writes: Telegram's chat export (`TelegramMessage.isMessage`), YouTube's
/// Data API (`"kind": "youtube#commentThread"`), VK's API (a whole-number `owner_id` beside `post_id`).
/// The names are `lexicons/channels.tsv`'s.
enum PlatformMarks {
    static func channel(of object: [String: Any]) -> String? {
        if TelegramMessage.isMessage(object) { return "Telegram" }
        if let kind = object["kind"] as? String, kind.hasPrefix("youtube#") { return "YouTube" }
        if object["post_id"] != nil, JSONRecordReader.number(object["owner_id"]) != nil { return "VK" }
        return nil
    }
}
