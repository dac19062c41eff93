/// A field of a feedback record that a column or an XML element can map to.
public enum RecordField: String, Sendable, Hashable, CaseIterable, Codable {
    case id, date, employee, channel, rating, text, language
}
