import VerbatimCore

/// Every aggregate of a run: by employee, theme, employee × theme, day,
/// channel, language and source file. Mergeable, like its tallies.
public struct RunAggregate: Sendable {
    public var total = SentimentTally()
    public var byEmployee: [String: SentimentTally] = [:]
    public var byTheme: [String: SentimentTally] = [:]
    public var byEmployeeTheme: [String: [String: SentimentTally]] = [:]
    public var byDay: [String: SentimentTally] = [:]
    public var byChannel: [String: SentimentTally] = [:]
    public var byLanguage: [String: SentimentTally] = [:]
    public var bySource: [String: SentimentTally] = [:]

    /// The name under which records without an employee are counted.
    public static let unassigned = "(unassigned)"

    public init() {}

    public mutating func add(_ r: FeedbackRecord) {
        let label = r.sentiment?.label ?? .neutral
        let score = r.sentiment?.score ?? 0
        func add(_ t: inout SentimentTally) { t.add(label: label, score: score, rating: r.rating, disagrees: r.ratingDisagrees) }
        add(&total)
        let employee = r.employee ?? Self.unassigned
        add(&byEmployee[employee, default: SentimentTally()])
        add(&byDay[r.date.map { String($0.prefix(10)) } ?? "(no date)", default: SentimentTally()])
        add(&byChannel[r.channel ?? "(none)", default: SentimentTally()])
        add(&byLanguage[r.language.rawValue, default: SentimentTally()])
        add(&bySource[r.provenance.file, default: SentimentTally()])
        for m in r.themes {
            // A theme is counted with the polarity of its own clause.
            byTheme[m.theme, default: SentimentTally()].add(label: m.polarity, score: score, rating: r.rating, disagrees: r.ratingDisagrees)
            byEmployeeTheme[employee, default: [:]][m.theme, default: SentimentTally()].add(label: m.polarity, score: score, rating: r.rating, disagrees: r.ratingDisagrees)
        }
    }

    public mutating func merge(_ o: RunAggregate) {
        total.merge(o.total)
        func mergeMap(_ a: inout [String: SentimentTally], _ b: [String: SentimentTally]) {
            for (k, v) in b { a[k, default: SentimentTally()].merge(v) }
        }
        mergeMap(&byEmployee, o.byEmployee)
        mergeMap(&byTheme, o.byTheme)
        mergeMap(&byDay, o.byDay)
        mergeMap(&byChannel, o.byChannel)
        mergeMap(&byLanguage, o.byLanguage)
        mergeMap(&bySource, o.bySource)
        for (e, themes) in o.byEmployeeTheme { mergeMap(&byEmployeeTheme[e, default: [:]], themes) }
    }
}
