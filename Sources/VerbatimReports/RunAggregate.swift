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
    /// The day and the channel under which records without one are counted.
    public static let noDate = "(no date)"
    public static let noChannel = "(none)"

    /// The default number of verbatims kept per cell and polarity.
    public static let defaultVerbatimLimit = 3

    public init(verbatimLimit: Int = RunAggregate.defaultVerbatimLimit) {
        self.verbatimLimit = verbatimLimit
        topVerbatims = TopVerbatims(limit: verbatimLimit)
    }

    /// `evidence`: the record's evidence string, when the caller has it (`VerbatimSample.init`).
    public mutating func add(_ r: FeedbackRecord, evidence: String? = nil) {
        let themes = r.themes.map { RecordFacts.Theme(theme: $0.theme, polarity: $0.polarity, score: $0.score) }
        let label = r.sentiment?.label ?? .neutral, score = r.sentiment?.score ?? 0
        let employee = tally(label: label, score: score, ratings: r.ratings, disagrees: r.ratingDisagrees, employee: r.employee,
                             day: r.date.map(Self.day), channel: r.channel, language: r.language.rawValue,
                             file: r.provenance.file, themes: themes)
        // The sample is built only when a list keeps the record, and here, from the record itself (a closure
        // that built it copied the whole record, every string of it retained and released, for every record).
        let lists = keepers(employee: employee, label: label, score: score, file: r.provenance.file, line: r.provenance.line, themes: themes)
        if lists.any { offer(VerbatimSample(r, evidence: evidence), to: lists, employee: employee, label: label, score: score, themes: themes) }
    }

    /// Adds a record kept as facts (a partial's records of a source that has several
    /// exports); the same as adding the record it was made from.
    public mutating func add(_ f: RecordFacts) {
        let s = f.sample
        let employee = tally(label: s.label, score: s.score, ratings: s.ratings, disagrees: f.disagrees, employee: s.employee,
                             day: s.date.map(Self.day), channel: s.channel, language: s.language, file: s.file, themes: f.themes)
        let lists = keepers(employee: employee, label: s.label, score: s.score, file: s.file, line: s.line, themes: f.themes)
        if lists.any { offer(s, to: lists, employee: employee, label: s.label, score: s.score, themes: f.themes) }
    }

    /// Adds the rating of a response without text (`RatedResponse`): in the ratings of the run, its
    /// employee, day, channel and file; not in their sentiment, nor in a language or theme (it has no text).
    public mutating func add(_ r: RatedResponse) {
        addRatings(r.ratings, employee: r.employee, day: r.date.map(Self.day), channel: r.channel, file: r.provenance.file)
    }

    /// The same, for a rated response kept as facts (a partial's records of a source that has several exports).
    public mutating func addRating(of s: VerbatimSample) {
        addRatings(s.ratings, employee: s.employee, day: s.date.map(Self.day), channel: s.channel, file: s.file)
    }

    private mutating func addRatings(_ ratings: SurveyRating.Ratings, employee: String?, day: String?, channel: String?, file: String) {
        total.add(ratings: ratings)
        byEmployee[employee ?? Self.unassigned, default: SentimentTally()].add(ratings: ratings)
        byDay[day ?? Self.noDate, default: SentimentTally()].add(ratings: ratings)
        byChannel[channel ?? Self.noChannel, default: SentimentTally()].add(ratings: ratings)
        bySource[file, default: SentimentTally()].add(ratings: ratings)
    }

    /// The day a record is counted under: the first ten characters of its date (`2026-11-21` of
    /// `2026-11-21T10:17:00+03:00`). Read from the bytes when they are plain ASCII (each byte then one
    /// character: what every normalized date is), without walking the string as characters.
    static func day(_ date: String) -> String {
        let ascii = UTF8Bytes.withBytes(date) { b in
            b.count >= 10 && !b[..<10].contains { $0 >= 0x80 || $0 == 0x0D } ? String(decoding: UnsafeBufferPointer(rebasing: b[..<10]), as: UTF8.self) : nil
        }
        return ascii ?? String(date.prefix(10))
    }

    /// Counts a record in every tally; returns the name its employee is counted under.
    private mutating func tally(
        label: SentimentLabel, score: Double, ratings: SurveyRating.Ratings, disagrees: Bool, employee: String?, day: String?, channel: String?,
        language: String, file: String, themes: [RecordFacts.Theme]
    ) -> String {
        func add(_ t: inout SentimentTally) { t.add(label: label, score: score, ratings: ratings, disagrees: disagrees) }
        add(&total)
        let employee = employee ?? Self.unassigned
        add(&byEmployee[employee, default: SentimentTally()])
        add(&byDay[day ?? Self.noDate, default: SentimentTally()])
        add(&byChannel[channel ?? Self.noChannel, default: SentimentTally()])
        add(&byLanguage[language, default: SentimentTally()])
        add(&bySource[file, default: SentimentTally()])
        for m in themes {
            // A theme is counted with the polarity of its own clause.
            byTheme[m.theme, default: SentimentTally()].add(label: m.polarity, score: score, ratings: ratings, disagrees: disagrees)
        }
        // The employee's cells found once for all the record's themes (a name is hashed whole, and most are
        // not ASCII: each look-up normalizes it).
        func addThemes(_ cells: inout [String: SentimentTally]) {
            for m in themes { cells[m.theme, default: SentimentTally()].add(label: m.polarity, score: score, ratings: ratings, disagrees: disagrees) }
        }
        if !themes.isEmpty { addThemes(&byEmployeeTheme[employee, default: [:]]) }
        return employee
    }

    /// The verbatim lists a record would enter: the run's, its employee's, and those of its themes (by
    /// position in the record's themes).
    private struct Keepers {
        var run = false
        var employee = false
        var themes: [Int] = []
        var any: Bool { run || employee || !themes.isEmpty }
    }

    private func keepers(employee: String, label: SentimentLabel, score: Double, file: String, line: Int, themes: [RecordFacts.Theme]) -> Keepers {
        var k = Keepers()
        guard verbatimLimit > 0 else { return k }
        k.run = topVerbatims.wouldKeep(key: score, label: label, file: file, line: line)
        k.employee = topByEmployee[employee]?.wouldKeep(key: score, label: label, file: file, line: line)
            ?? TopVerbatims(limit: verbatimLimit).wouldKeep(key: score, label: label, file: file, line: line)
        for (t, m) in themes.enumerated() {
            let keeps = topByTheme[m.theme]?.wouldKeep(key: m.score, label: m.polarity, file: file, line: line)
                ?? TopVerbatims(limit: verbatimLimit).wouldKeep(key: m.score, label: m.polarity, file: file, line: line)
            if keeps { k.themes.append(t) }
        }
        return k
    }

    /// Offers the sample to the lists that `keepers` found would keep it.
    private mutating func offer(_ sample: VerbatimSample, to k: Keepers, employee: String, label: SentimentLabel, score: Double,
                                themes: [RecordFacts.Theme]) {
        if k.run { topVerbatims.offer(sample, key: score, label: label) }
        let empty = TopVerbatims(limit: verbatimLimit)
        if k.employee { topByEmployee[employee, default: empty].offer(sample, key: score, label: label) }
        for t in k.themes { topByTheme[themes[t].theme, default: empty].offer(sample, key: themes[t].score, label: themes[t].polarity) }
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
