/// A field of a feedback record that a column or an XML element can map to.
///
/// `rating` is a rating whose scale its column decides (`RatingColumnScale`); `nps` a second
/// rating column, always 0–10, that a survey asking both questions has beside its satisfaction one.
/// `link` is a mention's address (a post's URL): not kept, but its host names the channel of a record
/// that has none (`ChannelNames`). `language` declares the text's language; `language_hint` only says
/// what language the writer uses (Google Play's `Reviewer Language`, the device's): a text too short
/// to identify takes it, any other is identified from its words (`FeedbackRecord.contextLanguage`).
/// `author` is the account that wrote a post or message: not kept, but a post by one of the company's own
/// accounts (`own_accounts:`) is set aside (`OwnAccounts`).
public enum RecordField: String, Sendable, Hashable, CaseIterable, Codable {
    case id, date, employee, channel, rating, nps, text, language, link
    case languageHint = "language_hint"
    case author
}
