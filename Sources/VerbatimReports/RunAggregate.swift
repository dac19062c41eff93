import VerbatimCore

/// Every aggregate of a run: by employee, theme, employee × theme, day,
/// channel, language and source file, and the most positive and negative
/// verbatims of the run, of each employee and of each theme. Mergeable,
/// like its tallies, in any order; `Codable` for the partials of sharded
/// runs (`RunPartial`).
public struct RunAggregate: Sendable, Codable {
    public var total = SentimentTally()
    public var byEmployee: [String: SentimentTally] = [:]
    public var byTheme: [String: SentimentTally] = [:]
    public var byEmployeeTheme: [String: [String: SentimentTally]] = [:]
    public var byDay: [String: SentimentTally] = [:]
    public var byChannel: [String: SentimentTally] = [:]
    public var byLanguage: [String: SentimentTally] = [:]
    public var bySource: [String: SentimentTally] = [:]

    /// How many positive and how many negative verbatims each cell keeps.
    public let verbatimLimit: Int
    /// The run's most positive and negative verbatims.
    public var topVerbatims: TopVerbatims
    /// Per employee, ranked by the record's score.
    public var topByEmployee: [String: TopVerbatims] = [:]
    /// Per theme, ranked by the score of the clauses the theme stands in.
    public var topByTheme: [String: TopVerbatims] = [:]

    /// The name under which records without an employee are counted.
    public static let unassigned = "(unassigned)"

    /// The default number of verbatims kept per cell and polarity.
    public static let defaultVerbatimLimit = 3

    public init(verbatimLimit: Int = RunAggregate.defaultVerbatimLimit) {
        self.verbatimLimit = verbatimLimit
        topVerbatims = TopVerbatims(limit: verbatimLimit)
    }

    /// `evidence`: the record's evidence string, when the caller has it (`VerbatimSample.init`).
    public mutating func add(_ r: FeedbackRecord, evidence: String? = nil) {
        let themes = r.themes.map { RecordFacts.Theme(theme: $0.theme, polarity: $0.polarity, score: $0.score) }
        add(label: r.sentiment?.label ?? .neutral, score: r.sentiment?.score ?? 0, rating: r.rating, disagrees: r.ratingDisagrees,
            employee: r.employee, day: r.date.map { String($0.prefix(10)) }, channel: r.channel, language: r.language.rawValue,
            file: r.provenance.file, line: r.provenance.line, themes: themes, sample: { VerbatimSample(r, evidence: evidence) })
    }

    /// Adds a record kept as facts (a partial's records of a source that has several
    /// exports); the same as adding the record it was made from.
    public mutating func add(_ f: RecordFacts) {
        let s = f.sample
        add(label: s.label, score: s.score, rating: s.rating, disagrees: f.disagrees, employee: s.employee,
            day: s.date.map { String($0.prefix(10)) }, channel: s.channel, language: s.language, file: s.file, line: s.line,
            themes: f.themes, sample: { s })
    }

    private mutating func add(
        label: SentimentLabel, score: Double, rating: Double?, disagrees: Bool, employee: String?, day: String?, channel: String?,
        language: String, file: String, line: Int, themes: [RecordFacts.Theme], sample: () -> VerbatimSample
    ) {
        func add(_ t: inout SentimentTally) { t.add(label: label, score: score, rating: rating, disagrees: disagrees) }
        add(&total)
        let employee = employee ?? Self.unassigned
        add(&byEmployee[employee, default: SentimentTally()])
        add(&byDay[day ?? "(no date)", default: SentimentTally()])
        add(&byChannel[channel ?? "(none)", default: SentimentTally()])
        add(&byLanguage[language, default: SentimentTally()])
        add(&bySource[file, default: SentimentTally()])
        for m in themes {
            // A theme is counted with the polarity of its own clause.
            byTheme[m.theme, default: SentimentTally()].add(label: m.polarity, score: score, rating: rating, disagrees: disagrees)
        }
        // The employee's cells found once for all the record's themes (a name is hashed whole, and most are
        // not ASCII: each look-up normalizes it).
        func addThemes(_ cells: inout [String: SentimentTally]) {
            for m in themes { cells[m.theme, default: SentimentTally()].add(label: m.polarity, score: score, rating: rating, disagrees: disagrees) }
        }
        if !themes.isEmpty { addThemes(&byEmployeeTheme[employee, default: [:]]) }
        keepVerbatims(employee: employee, label: label, score: score, file: file, line: line, themes: themes, sample: sample)
    }

    /// Offers the record to the verbatim lists it could enter; the sample is
    /// built only when one of them keeps it.
    private mutating func keepVerbatims(
        employee: String, label: SentimentLabel, score: Double, file: String, line: Int, themes: [RecordFacts.Theme],
        sample make: () -> VerbatimSample
    ) {
        guard verbatimLimit > 0 else { return }
        var sample: VerbatimSample?
        func made() -> VerbatimSample {
            if let sample { return sample }
            let s = make()
            sample = s
            return s
        }
        if topVerbatims.wouldKeep(key: score, label: label, file: file, line: line) { topVerbatims.offer(made(), key: score, label: label) }
        let empty = TopVerbatims(limit: verbatimLimit)
        if topByEmployee[employee, default: empty].wouldKeep(key: score, label: label, file: file, line: line) {
            topByEmployee[employee, default: empty].offer(made(), key: score, label: label)
        }
        for m in themes where topByTheme[m.theme, default: empty].wouldKeep(key: m.score, label: m.polarity, file: file, line: line) {
            topByTheme[m.theme, default: empty].offer(made(), key: m.score, label: m.polarity)
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
        topVerbatims.merge(o.topVerbatims)
        for (k, v) in o.topByEmployee { topByEmployee[k, default: TopVerbatims(limit: verbatimLimit)].merge(v) }
        for (k, v) in o.topByTheme { topByTheme[k, default: TopVerbatims(limit: verbatimLimit)].merge(v) }
    }
}
