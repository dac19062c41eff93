import VerbatimCore

/// "This period against the previous one", per employee and per theme,
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

    /// One employee, one theme, or the whole history.
    public struct Row: Sendable {
        /// Employee name or theme id.
        public var key: String
        public var current: SentimentTally
        public var previous: SentimentTally
        /// Nil when one of the periods has no records.
        public var change: Change?
        /// Why the change is missing or not judged (`new this period`, `none this period`, `too few responses`).
        public var note: String?
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

    /// True when the store holds records of both periods.
    public var hasBothPeriods: Bool { total.current.n > 0 && total.previous.n > 0 }

    /// `employees` as the store spells them: each employee's spellings are one row (`NameFold`), shown
    /// as in `employeeNames` (the run's tables) when it has one of them, else as most of its records spell it.
    public init(
        periodDays: Int, current: Period, previous: Period, minResponses: Int, total: (current: SentimentTally, previous: SentimentTally),
        employees: [String: (current: SentimentTally, previous: SentimentTally)], themes: [String: (current: SentimentTally, previous: SentimentTally)],
        employeeNames: [String] = []
    ) {
        let employees = Self.folding(employees, shownAs: employeeNames)
        self.periodDays = periodDays
        self.current = current
        self.previous = previous
        self.minResponses = minResponses
        self.total = Self.row("", total.current, total.previous, minResponses: minResponses)
        let both = total.current.n > 0 && total.previous.n > 0
        self.employees = both ? employees.keys.sorted().map { Self.row($0, employees[$0]!.current, employees[$0]!.previous, minResponses: minResponses) } : []
        self.themes = both ? themes.keys.sorted().map { Self.row($0, themes[$0]!.current, themes[$0]!.previous, minResponses: minResponses) } : []
    }

    /// The spellings of one employee merged under one name.
    static func folding(
        _ employees: [String: (current: SentimentTally, previous: SentimentTally)], shownAs names: [String]
    ) -> [String: (current: SentimentTally, previous: SentimentTally)] {
        var merges = NameFold.merges(employees.mapValues { $0.current.responses + $0.previous.responses })
        // The run's tables name each employee once (they are folded too), so a key has one shown name.
        let shown = Dictionary(names.map { (NameFold.key($0), $0) }, uniquingKeysWith: { a, _ in a })
        for name in employees.keys { if let s = shown[NameFold.key(name)], s != name { merges[name] = s } }
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
        guard current.n > 0, previous.n > 0 else {
            return Row(key: key, current: current, previous: previous, change: nil,
                       note: current.n == 0 ? "none this period" : "new this period")
        }
        let enough = current.n >= minResponses && previous.n >= minResponses
        var change = Self.change(current, previous)
        if !enough { change.significant = false }
        return Row(key: key, current: current, previous: previous, change: change, note: enough ? nil : "too few responses")
    }

    /// The difference of net sentiment with a 95% interval.
    ///
    /// Net sentiment is p₊ − p₋ of a three-way split; its variance is
    /// (p₊ + p₋ − (p₊ − p₋)²) / n. The variance is estimated with one
    /// record added to each label (so that a period of only positive
    /// records is not taken as certain), and the two periods' variances add.
    public static func change(_ current: SentimentTally, _ previous: SentimentTally, z: Double = 1.959964) -> Change {
        func variance(_ t: SentimentTally) -> Double {
            let n = Double(t.n + 3)
            let p = Double(t.positive + 1) / n, q = Double(t.negative + 1) / n
            return (p + q - (p - q) * (p - q)) / Double(t.n)
        }
        let d = current.netSentiment - previous.netSentiment
        let half = z * (variance(current) + variance(previous)).squareRoot()
        return Change(net: d, low: d - half, high: d + half, significant: d - half > 0 || d + half < 0)
    }
}
