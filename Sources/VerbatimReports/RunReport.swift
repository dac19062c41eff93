import VerbatimCore

/// Everything the report writers need about a finished run.
public struct RunReport: Sendable {
    public var pipelineName: String
    /// The run's "today" (`--as-of`), `YYYY-MM-DD`.
    public var asOf: String
    public var toolVersion: String
    /// The run's aggregate, each employee and channel under one name (`RunAggregate.foldingNames`).
    public var aggregate: RunAggregate
    public var files: [FileReadSummary]
    public var rejectedRecords: Int
    /// Responses with a rating and no text: in CSAT and NPS, not in the sentiment counts.
    public var ratedWithoutText: Int { files.reduce(0) { $0 + $1.rated } }
    /// Items that are no customer's feedback (`NotFeedback`): counted, not analysed.
    public var setAside: Int { files.reduce(0) { $0 + $1.setAside } }
    /// Employees with fewer records are shown as "too few responses", not ranked.
    public var minResponses: Int
    public var positiveThreshold: Double
    public var negativeThreshold: Double
    /// Theme ids in taxonomy order with display names per language code.
    public var themeNames: [(id: String, names: [String: String])]
    /// The language of `report.html`'s headings and theme names.
    public var locale: ReportLocale
    /// The user-interface strings of `report.html` (`lexicons/report_strings.tsv`).
    public var strings: ReportStrings
    /// This period against the previous one, from the history store; nil when the run has no store.
    public var trends: TrendReport? = nil
    /// Input files a nightly run skipped because earlier runs processed the same content
    /// (their records are in the store and the trends, not in this report's tables).
    public var filesSeenBefore = 0
    /// Input files not read because they are not exports, or cannot be (a PDF, a lock file, a link to
    /// nothing, a name that is not UTF-8), each with why: listed in `report.md` and `report.html`, as in
    /// `manifest.json`, so that an export left out is seen where the figures are read.
    public var filesNotRead: [FileNotRead] = []
    /// How many they are.
    public var filesNotExports: Int { filesNotRead.count }
    /// Input files not read, for either reason (`totals.files_skipped`).
    public var filesSkipped: Int { filesSeenBefore + filesNotExports }

    public init(
        pipelineName: String, asOf: String, toolVersion: String, aggregate: RunAggregate, files: [FileReadSummary],
        rejectedRecords: Int, minResponses: Int, positiveThreshold: Double, negativeThreshold: Double,
        themeNames: [(id: String, names: [String: String])], locale: ReportLocale = .en, strings: ReportStrings = ReportStrings()
    ) {
        self.pipelineName = pipelineName
        self.asOf = asOf
        self.toolVersion = toolVersion
        // Each employee and channel under one name, however the exports spell it.
        self.aggregate = aggregate.foldingNames()
        self.files = files
        self.rejectedRecords = rejectedRecords
        self.minResponses = minResponses
        self.positiveThreshold = positiveThreshold
        self.negativeThreshold = negativeThreshold
        self.themeNames = themeNames
        self.locale = locale
        self.strings = strings
    }

    /// One row of the employee scorecard.
    public struct EmployeeRow: Sendable {
        public var employee: String
        public var tally: SentimentTally
        /// 1-based rank among employees with enough responses; nil otherwise.
        public var rank: Int?

        /// Why an employee has no rank (`summary.json`'s `note`): nil when ranked.
        public var note: String? {
            guard rank == nil else { return nil }
            return employee == RunAggregate.unassigned ? "no employee named" : "too few responses"
        }
    }

    /// Employees ranked by the lower bound of the 95% interval on their positive share
    /// (ties: lower negative upper bound, then name); those below `minResponses` follow, unranked.
    public var employeeScorecard: [EmployeeRow] {
        let all = aggregate.byEmployee.map { EmployeeRow(employee: $0.key, tally: $0.value, rank: nil) }
        var ranked = all.filter { $0.tally.n >= minResponses && $0.employee != RunAggregate.unassigned }
        ranked.sort {
            let a = $0.tally.positiveInterval.low, b = $1.tally.positiveInterval.low
            if a != b { return a > b }
            let na = $0.tally.negativeInterval.high, nb = $1.tally.negativeInterval.high
            if na != nb { return na < nb }
            return $0.employee < $1.employee
        }
        for k in ranked.indices { ranked[k].rank = k + 1 }
        let rest = all.filter { $0.tally.n < minResponses || $0.employee == RunAggregate.unassigned }.sorted { $0.employee < $1.employee }
        return ranked + rest
    }

    /// The channels with their tallies, most responses (texts or ratings) first, then by name's code
    /// points: the order of `channels.csv` and the reports' channel tables.
    public var channelsByResponses: [(channel: String, tally: SentimentTally)] {
        aggregate.byChannel.map { ($0.key, $0.value) }.sorted {
            $0.1.responses != $1.1.responses ? $0.1.responses > $1.1.responses : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8)
        }
    }

    /// Whether the channels tell anything: some record names one (exports without a channel column
    /// leave every record under `(none)`, a table of one row that the pages leave out).
    public var hasChannels: Bool { aggregate.byChannel.keys.contains { $0 != RunAggregate.noChannel } }

    /// Ids of the themes that were mentioned: taxonomy order first, then any
    /// others (from user files) by id.
    public var themeOrder: [String] {
        let byTheme = aggregate.byTheme
        let known = themeNames.map(\.id)
        return known.filter { byTheme[$0] != nil } + byTheme.keys.filter { !known.contains($0) }.sorted()
    }

    /// Theme display name for a language code, falling back to English, then the id.
    public func themeName(_ id: String, language: String = "en") -> String {
        guard let entry = themeNames.first(where: { $0.id == id }) else { return id }
        return entry.names[language] ?? entry.names["en"] ?? id
    }
}

/// An input file the run did not read, and why (`InputCatalog`'s words: "a PDF document, not an export").
public struct FileNotRead: Sendable, Hashable {
    /// Its path relative to the input folder.
    public var name: String
    public var reason: String

    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }
}
