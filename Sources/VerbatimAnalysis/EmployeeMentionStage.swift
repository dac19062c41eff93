import VerbatimCore

/// The `employee_mentions` stage: when a record has no employee, attributes
/// it to the roster employee its text names (`Ayşe Hanım'a çok teşekkürler`,
/// `Айгерімге рахмет`, `Jeleni sam rekao`).
///
/// Only one employee may be named: when the text names two or more
/// different employees, the record is left unassigned, because counting it
/// for either would put praise or blame on someone it may not be about.
/// Several mentions of the same employee are fine; the first one's words go
/// to `employeeMention`. A record that names its employee in a column is
/// never changed.
public struct EmployeeMentionStage: RecordStage {
    /// The name under which a pipeline file selects it (`stages: - use: employee_mentions`).
    public static let stageName = "employee_mentions"
    public var name: String { Self.stageName }
    public let matcher: RosterMatcher

    public init(matcher: RosterMatcher) { self.matcher = matcher }

    public func process(_ record: inout FeedbackRecord) {
        if let e = record.employee, !e.isEmpty { return }
        let mentions = matcher.mentions(in: record.tokens, language: record.scoringLanguage)
        guard let first = mentions.first, mentions.allSatisfy({ $0.employee.id == first.employee.id }) else { return }
        record.employee = first.employee.name
        record.employeeMention = first.text
    }
}
