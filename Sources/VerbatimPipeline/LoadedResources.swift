import Foundation
import VerbatimAnalysis
import VerbatimCore
import VerbatimIngest
import VerbatimPrivacy
import VerbatimReports
import VerbatimText

/// The data a pipeline runs with, loaded once from its lexicon folder and
/// validated: header aliases, text resources, lexicons, and when the
/// pipeline needs them the report strings and the employee roster.
public struct LoadedResources: Sendable {
    public var aliases: HeaderAliases
    public var text: TextResources
    public var lexicons: LexiconSet
    /// `report_strings.tsv` (loaded when the pipeline writes `report.html`).
    public var reportStrings = ReportStrings()
    /// The roster compiled with `name_endings.tsv` (when the pipeline sets `roster:`).
    public var roster: RosterMatcher?
    /// Masks personal data in text that leaves the run (`pii: mask`, rules from `<lexicons>/pii/`); nil with `pii: off`.
    public var masker: PersonalDataMasker?
    /// Warnings and errors found while loading (errors make `load` throw).
    public var issues: [DataFileIssue]

    /// Loads everything `config` points at. Throws when a data file has errors.
    public static func load(_ config: PipelineConfiguration) throws(ConfigurationError) -> LoadedResources {
        let r = loadCollectingIssues(config)
        if r.issues.contains(where: \.isError) { throw .dataFiles(r.issues) }
        return r
    }

    /// Loads and returns all issues, errors included (for `verbatim validate`).
    public static func loadCollectingIssues(_ config: PipelineConfiguration) -> LoadedResources {
        var r = loadCollectingIssues(
            lexicons: config.lexicons, userLexicons: config.userLexicons, learnedLexicons: config.learnedLexicons, referencedFrom: config.file)
        // Without the folder, every file in it is missing: that is said once.
        guard folderIssue(config.lexicons, referencedFrom: config.file) == nil else { return r }
        if config.reports.contains("report.html") {
            let (strings, issues) = load(config.lexicons.appendingPathComponent("report_strings.tsv"), ReportStrings.parse)
            r.reportStrings = strings
            r.issues += issues
        }
        if config.pii == .mask {
            let (rules, issues) = MaskingRules.load(directory: config.lexicons.appendingPathComponent("pii"))
            r.masker = rules.masker
            r.issues += issues
        }
        if let rosterURL = config.roster {
            let (roster, rosterIssues) = load(rosterURL, anyEncoding: true, Roster.parse)
            let (endings, endingIssues) = load(config.lexicons.appendingPathComponent("name_endings.tsv"), NameEndings.parse)
            r.roster = RosterMatcher(roster: roster, endings: endings)
            r.issues += rosterIssues + endingIssues
        }
        return r
    }

    /// Reads a UTF-8 data file and parses it; an unreadable file is an issue naming it.
    /// `anyEncoding`: the file may be in any encoding an export may be in (a roster saved by Excel in a
    /// code page); the linguistic data files are UTF-8.
    static func load<T>(_ url: URL, anyEncoding: Bool = false, _ parse: (String, String) -> (T, [DataFileIssue])) -> (T, [DataFileIssue]) {
        let data = FileManager.default.contents(atPath: url.path)
        let text = data.flatMap { anyEncoding ? EncodingDetector.decode([UInt8]($0))?.text : String(data: $0, encoding: .utf8) }
        guard let text else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            let (empty, _) = parse("", url.path)
            let unreadable = anyEncoding ? "not text in UTF-8, UTF-16 or a Windows code page" : "not UTF-8 text"
            return (empty, [DataFileIssue(file: url.path, line: 0, message: exists ? unreadable : "no such file")])
        }
        return parse(text, url.path)
    }

    /// Loads from a lexicon folder directly (for `verbatim classify`). `readsExports`: whether the caller
    /// reads exports, whose columns the header aliases (`headers.tsv`) name; `classify` reads lines of
    /// text, and skips them (about a tenth of its start-up).
    public static func loadCollectingIssues(
        lexicons: URL, userLexicons: [LexiconLoader.UserLexicon] = [], learnedLexicons: [LexiconLoader.UserLexicon] = [], referencedFrom: String,
        readsExports: Bool = true
    ) -> LoadedResources {
        let (aliases, aliasIssues) = readsExports ? HeaderAliases.load(lexicons: lexicons) : (HeaderAliases(pairs: []), [])
        var issues = aliasIssues
        let (text, textIssues) = TextResources.load(directory: lexicons)
        let (lexiconSet, lexIssues) = LexiconLoader(directory: lexicons, userLexicons: userLexicons, learnedLayers: learnedLexicons).load()
        issues += textIssues + lexIssues
        // Without the folder, every file in it is missing: that is said once.
        if let missing = folderIssue(lexicons, referencedFrom: referencedFrom) { issues = [missing] }
        return LoadedResources(aliases: aliases, text: text, lexicons: lexiconSet, issues: issues)
    }

    /// The issue when `lexicons` is not a folder, named after what pointed at it (a pipeline file, `--lexicons`).
    static func folderIssue(_ lexicons: URL, referencedFrom: String) -> DataFileIssue? {
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: lexicons.path, isDirectory: &isDir)
        if exists && isDir.boolValue { return nil }
        return DataFileIssue(
            file: referencedFrom, line: 0,
            message: "the lexicon folder '\(lexicons.path)' \(exists ? "is a file, not a folder" : "does not exist")")
    }
}
