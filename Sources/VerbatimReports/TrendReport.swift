import VerbatimCore

/// "This period against the previous one", per employee, theme and channel,
/// from the history store: how net sentiment moved and whether the move is
/// larger than sampling noise.
///
/// Built by the pipeline from the store's counts (which include the run's
/// own records), written into `summary.json` (`trends`), `report.md`
/// (`MarkdownReportWriter+Trends.swift`) and `report.html`
/// (`HTMLReportWriter+Trends.swift`). Rows exist only once the store holds
/// records of both periods; `RunReport.trends` is nil without a store.
public struct TrendReport: Sendable {
    /// An inclusive range of days, `YYYY-MM-DD`.
    public struct Period: Sendable, Hashable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// The change of net sentiment between the periods with its 95% interval.
    public struct Change: Sendable, Hashable {
        /// Net sentiment now minus net sentiment before, −2…2.
        public var net: Double
        public var low: Double
        public var high: Double
        /// True when the interval excludes 0 and both periods have enough records.
        public var significant: Bool
    }

    /// How a survey figure moved between the periods: CSAT (the share of satisfied ratings, in %) or NPS
    /// (promoters minus detractors, −100…100), each period's figure and count, and the change in points with its
    /// 95% interval (`TrendReport.change(of:)`).
    public struct RatingChange: Sendable, Hashable {
        public var current: Double
        public var previous: Double
        /// Ratings of this scale in each period.
        public var currentCount: Int
        public var previousCount: Int
        /// Points: the figure now minus before, with its interval; `significant` only with `min_responses` ratings in each period.
        public var change: Change
    }

    /// One employee, one theme, or the whole history.
    public struct Row: Sendable {
        /// Employee name or theme id.
        public var key: String
        public var current: SentimentTally
        public var previous: SentimentTally
        /// Nil when one of the periods has no records.
        public var change: Change?
        /// Why the change is missing or not judged (`new this period`, `none this period`, `too few responses`,
        /// `ratings only`: responses without text in both periods).
        public var note: String?
        /// The survey figures' moves, when both periods have ratings of the scale (from records and from
        /// responses without text alike); nil otherwise.
        public var csat: RatingChange?
        public var nps: RatingChange?

        /// True when the row has records in one period or both (a row may have ratings alone).
        public var hasRecords: Bool { current.n > 0 || previous.n > 0 }

        /// `csat` or `nps`.
        public func rating(_ scale: SurveyRating.Scale) -> RatingChange? { scale == .csat ? csat : nps }
    }

    public var periodDays: Int
    public var current: Period
    public var previous: Period
    /// Below this many records (for themes: mentions) in either period, a change is not judged significant.
    public var minResponses: Int
    public var total: Row
    /// Sorted by name; empty until both periods have records.
    public var employees: [Row]
    /// Sorted by theme id; empty until both periods have records.
    public var themes: [Row]
    /// Sorted by name, spellings of one channel folded as the run's tables fold them; empty until both periods have records.
    public var channels: [Row] = []

    /// True when the store holds responses (records, or ratings without text) of both periods.
    public var hasBothPeriods: Bool { total.current.responses > 0 && total.previous.responses > 0 }

    /// `employees` as the store spells them: each employee's spellings are one row (`NameFold`), shown
    /// as in `employeeNames` (the run's tables) when it has one of them, else as most of its records spell it.
    public init(
        periodDays: Int, current: Period, previous: Period, minResponses: Int, total: (current: SentimentTally, previous: SentimentTally),
        employees: [String: (current: SentimentTally, previous: SentimentTally)], themes: [String: (current: SentimentTally, previous: SentimentTally)],
        employeeNames: [String] = [], channels: [String: (current: SentimentTally, previous: SentimentTally)] = [:], channelNames: [String] = []
    ) {
        let employees = Self.folding(employees, shownAs: employeeNames)
        let channels = Self.folding(channels, shownAs: channelNames)
        self.periodDays = periodDays
        self.current = current
        self.previous = previous
        self.minResponses = minResponses
        self.total = Self.row("", total.current, total.previous, minResponses: minResponses)
        // Responses, not records: a survey whose customers mostly skip the comment has ratings to compare.
        let both = total.current.responses > 0 && total.previous.responses > 0
        self.employees = both ? employees.keys.sorted().map { Self.row($0, employees[$0]!.current, employees[$0]!.previous, minResponses: minResponses) } : []
        self.themes = both ? themes.keys.sorted().map { Self.row($0, themes[$0]!.current, themes[$0]!.previous, minResponses: minResponses) } : []
        self.channels = both ? channels.keys.sorted().map { Self.row($0, channels[$0]!.current, channels[$0]!.previous, minResponses: minResponses) } : []
    }

    /// The spellings of one employee (or channel) merged under one name.
    static func folding(
        _ employees: [String: (current: SentimentTally, previous: SentimentTally)], shownAs names: [String]
    ) -> [String: (current: SentimentTally, previous: SentimentTally)] {
        var merges = NameFold.merges(employees.mapValues { $0.current.responses + $0.previous.responses })
        // The run's tables name each employee once (they are folded too): a spelling of one of their names is shown as it.
        let shown = Dictionary(grouping: names, by: NameFold.key)
        for name in employees.keys {
            if let s = NameFold.match(name, among: shown[NameFold.key(name)] ?? []), s != name { merges[name] = s }
        }
        guard !merges.isEmpty else { return employees }
        var out: [String: (current: SentimentTally, previous: SentimentTally)] = [:]
        for (name, pair) in employees {
            let target = merges[name] ?? name
            var cell = out[target] ?? (SentimentTally(), SentimentTally())
            cell.current.merge(pair.current)
            cell.previous.merge(pair.previous)
            out[target] = cell
        }
        return out
    }

    static func row(_ key: String, _ current: SentimentTally, _ previous: SentimentTally, minResponses: Int) -> Row {
        let csat = ratingChange(.csat, current, previous, minResponses: minResponses)
        let nps = ratingChange(.nps, current, previous, minResponses: minResponses)
        guard current.n > 0, previous.n > 0 else {
            let note = current.n == 0 && previous.n == 0 ? "ratings only" : current.n == 0 ? "none this period" : "new this period"
            return Row(key: key, current: current, previous: previous, change: nil, note: note, csat: csat, nps: nps)
        }
        let enough = current.n >= minResponses && previous.n >= minResponses
        var change = Self.change(current, previous)
        if !enough { change.significant = false }
        return Row(key: key, current: current, previous: previous, change: change, note: enough ? nil : "too few responses", csat: csat, nps: nps)
    }

    /// The difference of net sentiment with a 95% interval.
    ///
    /// Net sentiment is p₊ − p₋ of a three-way split; its variance is
    /// (p₊ + p₋ − (p₊ − p₋)²) / n. The variance is estimated with one
    /// record added to each label (so that a period of only positive
    /// records is not taken as certain), and the two periods' variances add.
    public static func change(_ current: SentimentTally, _ previous: SentimentTally, z: Double = 1.959964) -> Change {
        change(of: Split(up: current.positive, down: current.negative, n: current.n, outcomes: 3),
               Split(up: previous.positive, down: previous.negative, n: previous.n, outcomes: 3), z: z)
    }

    /// Counts of one period for a difference of shares: `up` and `down` of `n`, among `outcomes` kinds of answer
    /// (positive, neutral, negative; promoter, passive, detractor; satisfied or not).
    struct Split {
        var up: Int, down: Int, n: Int, outcomes: Int
        var net: Double { n == 0 ? 0 : Double(up - down) / Double(n) }
    }

    /// The difference of p₊ − p₋ between two periods with a 95% interval: each period's variance
    /// (p₊ + p₋ − (p₊ − p₋)²) / n, estimated with one answer added to every kind, the two added. The
    /// interval is cut at what a difference can be (±2, or ±1 for a share of two kinds of answer).
    static func change(of current: Split, _ previous: Split, z: Double = 1.959964) -> Change {
        func variance(_ t: Split) -> Double {
            let n = Double(t.n + t.outcomes)
            let p = Double(t.up + 1) / n, q = t.outcomes == 2 ? 0 : Double(t.down + 1) / n
            return (p + q - (p - q) * (p - q)) / Double(t.n)
        }
        let d = current.net - previous.net
        let half = z * (variance(current) + variance(previous)).squareRoot()
        let bound: Double = current.outcomes == 2 ? 1 : 2
        return Change(net: d, low: max(d - half, -bound), high: min(d + half, bound), significant: d - half > 0 || d + half < 0)
    }

    /// CSAT's or NPS's move in points, when both periods have ratings of the scale: CSAT as the share of
    /// satisfied ratings (satisfied or not), NPS as promoters minus detractors (with passives), as
    /// `SurveyRating` defines them.
    static func ratingChange(_ scale: SurveyRating.Scale, _ current: SentimentTally, _ previous: SentimentTally, minResponses: Int) -> RatingChange? {
        func split(_ t: SentimentTally) -> Split {
            scale == .csat ? Split(up: t.csatSatisfied, down: 0, n: t.csatCount, outcomes: 2)
                : Split(up: t.npsPromoters, down: t.npsDetractors, n: t.npsCount, outcomes: 3)
        }
        let c = split(current), p = split(previous)
        guard c.n > 0, p.n > 0 else { return nil }
        var change = Self.change(of: c, p)
        change = Change(net: change.net * 100, low: change.low * 100, high: change.high * 100,
                        significant: change.significant && c.n >= minResponses && p.n >= minResponses)
        func figure(_ t: SentimentTally) -> Double { (scale == .csat ? t.csatPercent : t.nps) ?? 0 }
        return RatingChange(current: figure(current), previous: figure(previous), currentCount: c.n, previousCount: p.n, change: change)
    }

    /// A change larger than sampling noise (`significant`): what a manager reads first.
    public struct NotableChange: Sendable, Hashable {
        public enum Subject: Sendable, Hashable {
            case all
            case employee(String)
            case theme(String)
            case channel(String)
        }
        /// Net sentiment, or a survey figure (in points).
        public enum Figure: Sendable, Hashable {
            case net
            case rating(SurveyRating.Scale)
        }
        public var subject: Subject
        public var figure: Figure
        public var previous: Double
        public var current: Double
        public var change: Change
        public var isFall: Bool { change.net < 0 }
    }

    /// Every significant change, of net sentiment and of the survey figures, for the whole, each employee
    /// each theme and each channel: falls first, then rises; in each, the whole, then employees, themes and channels (by name),
    /// net sentiment before CSAT before NPS. Empty until both periods have records.
    public var notableChanges: [NotableChange] {
        guard hasBothPeriods else { return [] }
        var out: [NotableChange] = []
        func add(_ r: Row, _ subject: NotableChange.Subject) {
            if let c = r.change, c.significant {
                out.append(NotableChange(subject: subject, figure: .net, previous: r.previous.netSentiment, current: r.current.netSentiment, change: c))
            }
            for scale in [SurveyRating.Scale.csat, .nps] {
                if let c = r.rating(scale), c.change.significant {
                    out.append(NotableChange(subject: subject, figure: .rating(scale), previous: c.previous, current: c.current, change: c.change))
                }
            }
        }
        add(total, .all)
        for r in employees { add(r, .employee(r.key)) }
        for r in themes { add(r, .theme(r.key)) }
        for r in channels { add(r, .channel(r.key)) }
        // Stable: the rows are by name already, and each row's figures in their order.
        return out.enumerated().sorted { a, b in
            a.element.isFall != b.element.isFall ? a.element.isFall : a.offset < b.offset
        }.map(\.element)
    }

    /// True when the whole or some employee has a CSAT or NPS in both periods.
    public var hasRatingChanges: Bool { !ratingScales.isEmpty }

    /// The scales that the whole or some employee has in both periods, CSAT first: the survey ratings tables' columns.
    public var ratingScales: [SurveyRating.Scale] {
        let rows = [total] + employees
        return [SurveyRating.Scale.csat, .nps].filter { scale in rows.contains { $0.rating(scale) != nil } }
    }

    /// The employees with a CSAT or NPS in both periods, largest fall first (of CSAT, else of NPS), then by name.
    public var employeesWithRatingChanges: [Row] {
        employees.filter { $0.csat != nil || $0.nps != nil }.sorted {
            let a = $0.csat?.change.net ?? $0.nps?.change.net ?? 0, b = $1.csat?.change.net ?? $1.nps?.change.net ?? 0
            return a != b ? a < b : $0.key < $1.key
        }
    }
}
