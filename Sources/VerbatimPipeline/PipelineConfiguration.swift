import Foundation
import VerbatimAnalysis
import VerbatimCore
import VerbatimIngest
import VerbatimPrivacy
import VerbatimReports

/// A pipeline file (`pipelines/*.yaml`) decoded and validated.
///
/// After `load`, nothing is left to parse: paths are resolved (relative
/// paths against the working directory), stages are known registry
/// entries in a valid order, and source rules are typed.
public struct PipelineConfiguration: Sendable {
    /// The pipeline file this came from.
    public var file: String
    public var name: String
    /// Folder of exports to read.
    public var input: URL
    /// Reports root: a run writes `<output>/<as-of>/` and points `<output>/latest` at it.
    public var output: URL
    /// Folder of linguistic data (`lexicons/`).
    public var lexicons: URL
    public var userLexicons: [LexiconLoader.UserLexicon]
    /// Learned lexicon layers (`learned_lexicons:`, written by `verbatim learn`), applied after the
    /// user lexicons, in order.
    public var learnedLexicons: [LexiconLoader.UserLexicon] = []
    /// Stages in run order.
    public var stages: [StageConfiguration]
    /// Per-file reading rules; the first whose pattern matches a file name applies.
    public var sources: [SourceRule]
    /// The time zone of every source whose rule sets none (`time_zone:` at the top; `LocalTimeZone`).
    public var timeZone: LocalTimeZone?
    /// The company's own accounts and its staff's, for every source (`own_accounts:` at the top; `OwnAccounts`).
    public var ownAccounts = OwnAccounts()
    /// Report files to write.
    public var reports: [String]
    /// Employees with fewer records are not ranked.
    public var minResponses: Int
    /// Most positive and most negative verbatims kept per employee, per theme
    /// and for the run (`aggregate: top_verbatims:`, default 3, 0 turns them off).
    public var verbatimLimit: Int = RunAggregate.defaultVerbatimLimit
    /// Language of `report.html`'s headings and theme names (`locale:`, default `en`).
    public var locale: ReportLocale = .en
    /// Roster file for the `employee_mentions` stage (`roster:`), checked to exist.
    public var roster: URL?
    /// Files processed at once (default: all cores).
    public var jobs: Int?
    /// A fixed "today" (`YYYY-MM-DD`) for reproducible runs such as CI fixtures; `--as-of` overrides it.
    public var asOf: String?
    /// The history store (`store:`, default `var/verbatim.sqlite`); nil with `store: none`.
    public var store: StoreSettings?
    /// The periods trends compare (`trends: {period_days: 7}`).
    public var trends = TrendSettings()
    /// Prometheus textfile rewritten after every run (`metrics:`), for node_exporter.
    public var metrics: URL?
    /// Personal data in text that leaves the run (`pii:`): masked with the rules of
    /// `<lexicons>/pii/` (`mask`, the default) or written as read (`off`).
    public var pii = PIIMode.mask

    /// One `stages:` entry.
    public struct StageConfiguration: Sendable {
        /// What the stage declared about itself (`StageRegistry.entries`).
        public var descriptor: StageDescriptor
        public var enabled: Bool
        /// Sentiment rules (only for `sentiment` and `themes`).
        public var rules: SentimentRules
        public var line: Int

        /// Its name in `stages:`.
        public var use: String { descriptor.name }
    }

    /// One `sources:` entry.
    public struct SourceRule: Sendable {
        /// Shell-style pattern on the file name (`tr_*.csv`, `*.xml`).
        public var match: String
        public var options: SourceOptions

        /// True when `name` (a file name, no folders) matches `match`.
        public func matches(_ name: String) -> Bool { Glob.matches(match, name) }
    }

    /// Every report file Verbatim can write.
    public static let knownReports = [
        "summary.json", "records.csv", "rejects.csv", "employees.csv", "themes.csv", "employee_themes.csv", "channels.csv", "report.md",
        "report.html",
    ]

    static let topKeys = [
        "version", "name", "input", "output", "lexicons", "user_lexicons", "learned_lexicons", "stages", "sources", "reports", "aggregate", "jobs", "as_of",
        "locale", "roster", "pii", "time_zone", "own_accounts",
    ] + operationKeys

    /// Reads and validates a pipeline file.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigurationError) -> PipelineConfiguration {
        let text: String
        do { text = try TextFile.read(path) } catch { throw .unreadable(file: path, reason: error.description) }
        return try parse(yaml: text, file: path, environment: environment)
    }

    public static func parse(yaml: String, file: String, environment: [String: String] = [:]) throws(ConfigurationError) -> PipelineConfiguration {
        let root = try ConfigNode.parse(yaml: yaml, file: file, environment: environment)
        let top = try root.mapping(allowed: topKeys)
        if let v = top["version"] {
            let n = try v.int(in: 0...1000)
            guard n == 1 else { throw v.invalid("\(n)", expected: "1 (the only pipeline format version so far)") }
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var config = try parseFolders(top, file: file, cwd: cwd)
        config.stages = try parseStages(top["stages"], file: file, withRoster: config.roster != nil)
        try checkRosterStage(config, node: top["roster"], stagesNode: top["stages"])
        try parseReporting(top, into: &config)
        try parseReading(top, into: &config)
        try parseOperations(top, into: &config, cwd: cwd)
        return config
    }

    /// A path of the pipeline, from the current folder.
    private static func path(_ n: ConfigNode, cwd: URL) throws(ConfigurationError) -> URL {
        let s = try n.string()
        guard !s.isEmpty else { throw n.invalid(s, expected: "a folder or file path") }
        return URL(fileURLWithPath: s, relativeTo: cwd).standardizedFileURL
    }

    /// A path of Verbatim's own data (lexicons, roster): from the current folder, else from the installed data folder.
    private static func dataPath(_ n: ConfigNode, cwd: URL) throws(ConfigurationError) -> URL {
        let s = try n.string()
        guard !s.isEmpty else { throw n.invalid(s, expected: "a folder or file path") }
        return DataHome.resolve(s, cwd: cwd)
    }

    /// The configuration's folders and files: input, output, lexicons, user and learned lexicons, roster.
    private static func parseFolders(_ top: [String: ConfigNode], file: String, cwd: URL) throws(ConfigurationError) -> PipelineConfiguration {
        guard let inputNode = top["input"] else { throw .missingKey(file: file, path: "", key: "input") }
        var config = PipelineConfiguration(
            file: file,
            name: try top["name"]?.string() ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
            input: try path(inputNode, cwd: cwd),
            output: try top["output"].map { n throws(ConfigurationError) in try path(n, cwd: cwd) }
                ?? URL(fileURLWithPath: "reports", relativeTo: cwd).standardizedFileURL,
            lexicons: try top["lexicons"].map { n throws(ConfigurationError) in try dataPath(n, cwd: cwd) } ?? DataHome.resolve("lexicons", cwd: cwd),
            userLexicons: [], stages: [], sources: [], reports: knownReports, minResponses: 5, jobs: nil, asOf: nil)
        config.userLexicons = try lexiconList(top["user_lexicons"], file: file, cwd: cwd)
        config.learnedLexicons = try lexiconList(top["learned_lexicons"], file: file, cwd: cwd)
        if let r = top["roster"] {
            let url = try dataPath(r, cwd: cwd)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else {
                throw r.invalid(try r.string(), expected: "a roster file (CSV or TSV: id, name, aliases) that exists")
            }
            config.roster = url
        }
        return config
    }

    /// A list of lexicon files by language (`user_lexicons:`, `learned_lexicons:`).
    private static func lexiconList(_ list: ConfigNode?, file: String, cwd: URL) throws(ConfigurationError) -> [LexiconLoader.UserLexicon] {
        guard let list else { return [] }
        var out: [LexiconLoader.UserLexicon] = []
        for item in try list.sequence() {
            let m = try item.mapping(allowed: ["language", "path"])
            guard let l = m["language"] else { throw .missingKey(file: file, path: item.path, key: "language") }
            guard let p = m["path"] else { throw .missingKey(file: file, path: item.path, key: "path") }
            let code = try l.string()
            guard let lang = Language(rawValue: code), Language.scored.contains(lang) else { throw l.invalid(code, expected: "one of tr, kk, mn, sr") }
            out.append(.init(language: lang, path: try path(p, cwd: cwd)))
        }
        return out
    }

    /// What the reports are and say: `locale`, `pii`, `reports`, `aggregate`.
    private static func parseReporting(_ top: [String: ConfigNode], into config: inout PipelineConfiguration) throws(ConfigurationError) {
        if let l = top["locale"] {
            let code = try l.string()
            guard let locale = ReportLocale(rawValue: code) else {
                throw l.invalid(code, expected: "one of \(ReportLocale.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            config.locale = locale
        }
        if let p = top["pii"] {
            let s = try p.string()
            guard let mode = PIIMode(rawValue: s) else {
                throw p.invalid(s, expected: "mask (personal data in report text replaced by [phone], [email], …) or off")
            }
            config.pii = mode
        }
        if let r = top["reports"] {
            config.reports = []
            for item in try r.sequence() {
                let name = try item.string()
                guard knownReports.contains(name) else { throw item.invalid(name, expected: "one of \(knownReports.joined(separator: ", "))") }
                config.reports.append(name)
            }
        }
        if let a = top["aggregate"] {
            let m = try a.mapping(allowed: ["min_responses", "top_verbatims"])
            if let n = m["min_responses"] { config.minResponses = try n.int(in: 1...100_000) }
            if let n = m["top_verbatims"] { config.verbatimLimit = try n.int(in: 0...50) }
        }
    }

    /// How the exports are read: `sources`, `time_zone`, `jobs`, `as_of`.
    private static func parseReading(_ top: [String: ConfigNode], into config: inout PipelineConfiguration) throws(ConfigurationError) {
        if let s = top["sources"] { config.sources = try s.sequence().map(parseSource) }
        if let z = top["time_zone"] { config.timeZone = try parseTimeZone(z) }
        if let a = top["own_accounts"] { config.ownAccounts = try parseOwnAccounts(a) }
        if let j = top["jobs"] { config.jobs = try j.int(in: 1...256) }
        if let a = top["as_of"] {
            let s = try a.string()
            guard s.count == 10, DateNormalizer.normalize(s) == s else { throw a.invalid(s, expected: "a date in the form YYYY-MM-DD") }
            config.asOf = s
        }
    }

    static func parseStages(_ node: ConfigNode?, file: String, withRoster: Bool = false) throws(ConfigurationError) -> [StageConfiguration] {
        guard let node else {
            let order = withRoster ? StageRegistry.defaultOrderWithRoster : StageRegistry.defaultOrder
            return order.map { StageConfiguration(descriptor: $0, enabled: true, rules: SentimentRules(), line: 0) }
        }
        var stages: [StageConfiguration] = []
        for item in try node.sequence() {
            // `- normalize` or `- use: sentiment` with options.
            if !item.isMapping {
                let name = try item.string()
                guard let entry = StageRegistry.entry(name) else { throw item.invalid(name, expected: "a stage: \(StageRegistry.names.joined(separator: ", "))") }
                stages.append(StageConfiguration(descriptor: entry, enabled: true, rules: SentimentRules(), line: item.line))
                continue
            }
            let probe = try item.mapping(allowed: ["use", "enabled"] + StageRegistry.allOptionKeys)
            guard let useNode = probe["use"] else { throw .missingKey(file: file, path: item.path, key: "use") }
            let name = try useNode.string()
            guard let entry = StageRegistry.entry(name) else {
                throw useNode.invalid(name, expected: "a stage: \(StageRegistry.names.joined(separator: ", "))")
            }
            let m = try item.mapping(allowed: ["use", "enabled"] + entry.options.map(\.key))
            var stage = StageConfiguration(descriptor: entry, enabled: try m["enabled"]?.bool() ?? true, rules: SentimentRules(), line: item.line)
            for option in entry.options {
                if let v = m[option.key] { option.apply(try v.double(in: option.range), to: &stage.rules) }
            }
            stages.append(stage)
        }
        // Each stage needs the ones it builds on, enabled and earlier.
        var seen = Set<StageDescriptor.Kind>()
        for s in stages where s.enabled {
            let kind = s.descriptor.kind
            if seen.contains(kind) {
                throw .stageOrder(file: file, path: "stages", line: s.line, message: "two enabled '\(kind.rawValue)' stages; turn one off with `enabled: false`")
            }
            for need in s.descriptor.requires where !seen.contains(need) {
                throw .stageOrder(file: file, path: "stages", line: s.line, message: "'\(s.use)' needs a '\(need.rawValue)' stage enabled before it")
            }
            seen.insert(kind)
        }
        return stages
    }

    /// A roster is used by the `employee_mentions` stage and that stage needs one.
    static func checkRosterStage(_ config: PipelineConfiguration, node: ConfigNode?, stagesNode: ConfigNode?) throws(ConfigurationError) {
        let stage = config.stages.first { $0.descriptor.usesRoster }
        if let stage, stage.enabled, config.roster == nil {
            throw .stageOrder(file: config.file, path: "stages", line: stage.line,
                              message: "'\(stage.use)' needs a roster: add `roster: path/to/roster.tsv` at the top level")
        }
        if let node, stage == nil {
            throw .stageOrder(file: config.file, path: "roster", line: node.line,
                              message: "a roster is set but no stage uses it: add `- use: \(EmployeeMentionStage.stageName)` after `language` in stages")
        }
    }

    static func parseSource(_ item: ConfigNode) throws(ConfigurationError) -> SourceRule {
        let m = try item.mapping(allowed: ["match", "delimiter", "encoding", "language", "columns", "record", "fields", "max_record_bytes", "sheet", "rating_scale", "date_order",
                                                  "time_zone", "own_accounts"])
        guard let match = m["match"] else { throw .missingKey(file: item.file, path: item.path, key: "match") }
        var o = SourceOptions()
        if let d = m["delimiter"] {
            let s = try d.string()
            switch s {
            case ",", ";", "|": o.delimiter = s.utf8.first
            case "\t", "tab", "\\t": o.delimiter = 0x09
            default: throw d.invalid(s, expected: "one of ',', ';', '|', 'tab'")
            }
        }
        if let e = m["encoding"] {
            let s = try e.string()
            guard let enc = TextEncoding(name: s) else { throw e.invalid(s, expected: "one of \(TextEncoding.acceptedNames)") }
            o.encoding = enc
        }
        if let l = m["language"] {
            let s = try l.string()
            guard let lang = Language(rawValue: s), lang != .und else { throw l.invalid(s, expected: "one of tr, kk, mn, sr, ru") }
            o.language = lang
        }
        func fieldMap(_ n: ConfigNode) throws(ConfigurationError) -> [RecordField: String] {
            var out: [RecordField: String] = [:]
            for (key, value, node) in try n.stringMap() {
                guard let f = RecordField(rawValue: key) else {
                    throw .unknownKey(file: n.file, path: n.path, line: node.line, key: key, allowed: RecordField.allCases.map(\.rawValue),
                                      suggestion: ConfigNode.closest(key, in: RecordField.allCases.map(\.rawValue)))
                }
                out[f] = value
            }
            return out
        }
        if let c = m["columns"] { o.columns = try fieldMap(c) }
        if let f = m["fields"] { o.xmlFields = try fieldMap(f) }
        if let r = m["record"] { o.xmlRecord = try r.string() }
        if let b = m["max_record_bytes"] { o.maxRecordBytes = try b.int(in: 1024...(1 << 30)) }
        if let sheet = m["sheet"] { o.sheet = try sheet.string() }
        if let r = m["rating_scale"] {
            let s = try r.string()
            guard let scale = SurveyRating.Scale(rawValue: s) else { throw r.invalid(s, expected: "csat (1–5) or nps (0–10)") }
            o.ratingScale = scale
        }
        if let d = m["date_order"] {
            let s = try d.string()
            guard let order = DateOrder(rawValue: s) else { throw d.invalid(s, expected: "day_first (21/11/2026) or month_first (11/21/2026)") }
            o.dateOrder = order
        }
        if let z = m["time_zone"] { o.timeZone = try parseTimeZone(z) }
        if let a = m["own_accounts"] { o.ownAccounts = try parseOwnAccounts(a) }
        return SourceRule(match: try match.string(), options: o)
    }

    /// A `time_zone:` value, at the top or in a source rule.
    static func parseTimeZone(_ node: ConfigNode) throws(ConfigurationError) -> LocalTimeZone {
        let s = try node.string()
        guard let zone = LocalTimeZone(s) else {
            throw node.invalid(s, expected: "a time zone name (Asia/Almaty, Europe/Istanbul, Europe/Belgrade, Asia/Ulaanbaatar) or an offset (+05:00)")
        }
        return zone
    }

    /// An `own_accounts:` list: names, handles or ids, each a non-empty string.
    static func parseOwnAccounts(_ node: ConfigNode) throws(ConfigurationError) -> OwnAccounts {
        var list: [String] = []
        for item in try node.sequence() {
            let s = try item.string()
            guard !OwnAccounts.key(s).isEmpty else { throw item.invalid(s, expected: "an account's name, handle or id (Aigerim | Support, @TurkTelekom, user123456789)") }
            list.append(s)
        }
        return OwnAccounts(list)
    }

    /// Options for a file: the first matching source rule, or defaults; the top's `time_zone:` where the
    /// rule sets none, and the top's `own_accounts:` beside the rule's.
    public func options(for fileName: String) -> SourceOptions {
        var options = sources.first { $0.matches(fileName) }?.options ?? SourceOptions()
        if options.timeZone == nil { options.timeZone = timeZone }
        options.ownAccounts = options.ownAccounts.union(ownAccounts)
        return options
    }

    /// The rules of the enabled sentiment stage (thresholds are used by reports too).
    public var sentimentRules: SentimentRules {
        stages.first { $0.enabled && $0.descriptor.kind == .sentiment }?.rules ?? SentimentRules()
    }
}

/// Shell-style patterns: `*`, `?` and literal characters.
enum Glob {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern), s = Array(name)
        var pi = 0, si = 0, star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] == "?" || p[pi] == s[si] { pi += 1; si += 1 }
            else if pi < p.count, p[pi] == "*" { star = pi; mark = si; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; si = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
