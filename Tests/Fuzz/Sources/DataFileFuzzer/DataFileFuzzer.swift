import Foundation
import VerbatimAnalysis
import VerbatimCore
import VerbatimIngest
import VerbatimPipeline
import VerbatimReports

/// Every file an analyst edits, on arbitrary bytes: the pipeline file, each lexicon and data file of
/// `lexicons/` (sentiment, intensifiers, negation, contrast, concessives, aspects, themes, language cues,
/// numbers, ratings, emoji, header aliases, report strings, name endings, personal-data rules), a
/// learned layer and the roster.
///
/// The input's first byte picks the file (`DataFuzz.targets`) and the rest is its text. The pipeline
/// file is parsed as `verbatim validate` parses it. Any other file replaces its copy in a small
/// lexicons folder (the bundled one, with each language's long lists and the learned layer cut short
/// so that an execution loads quickly), which is then loaded as a run loads it. Besides a crash, it
/// stops when an issue names no file or says nothing. When the files load without an error, texts
/// made of the file's own first fields (`X`, `çok X değil, ama X!`, …) are analysed in every language setting, their employees looked up
/// in the roster, masked, and the report strings formatted, under the text fuzzer's invariants.
func fuzzDataFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let target = DataFuzz.targets[Int(data[0]) % DataFuzz.targets.count]
    let bytes = Data(bytes: data + 1, count: size - 1)
    if target == DataFuzz.pipelineFile {
        DataFuzz.parsePipeline(bytes)
        return 0
    }
    let url = DataFuzz.folder.appendingPathComponent(target)
    let original = DataFuzz.originals[target]!
    try! bytes.write(to: url)
    defer { try! Data(original).write(to: url) }
    let resources = LoadedResources.loadCollectingIssues(DataFuzz.configuration)
    DataFuzz.check(resources.issues)
    guard !resources.issues.contains(where: \.isError) else { return 0 }
    DataFuzz.exercise(resources, words: DataFuzz.firstFields(of: bytes))
    return 0
}

enum DataFuzz {
    static let pipelineFile = "pipeline.yaml"
    /// The files an input can be, by its first byte (modulo their count). Paths are inside the folder.
    static let targets: [String] = {
        let shared = ["emoji.tsv", "themes.tsv", "headers.tsv", "months.tsv", "rating_choices.tsv", "channels.tsv", "report_strings.tsv", "name_endings.tsv",
                      "pii/common.tsv", "pii/tr.tsv", "pii/kk.tsv", "ru/langid.tsv", "en/langid.tsv", "tr/alternations.tsv", "kk/alternations.tsv", "tr/again.tsv", "ru/again.tsv"]
        let perLanguage = ["sentiment", "intensifiers", "negation", "contrast", "concessive", "aspects", "themes", "langid", "numbers", "ratings"]
        let languages = ["tr", "kk", "mn", "sr"].flatMap { language in perLanguage.map { "\(language)/\($0).tsv" } }
        return [pipelineFile, "roster.tsv", "learned.tsv"] + (shared + languages).map { "lexicons/" + $0 }
    }()

    /// The fuzzer's folder (made afresh in `.build-fuzz-runs/`, so one fuzzer runs at a time): `pipeline.yaml`, `roster.tsv`, `learned.tsv` and `lexicons/`.
    static let folder: URL = {
        let dir = URL(fileURLWithPath: ".build-fuzz-runs/data-folder").standardizedFileURL
        try? FileManager.default.removeItem(at: dir)
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        copyLexicons(from: URL(fileURLWithPath: "lexicons"), to: dir.appendingPathComponent("lexicons"))
        try! cut(Data(contentsOf: URL(fileURLWithPath: "lexicons/learned/kk_reviews.tsv")), to: 60).write(to: dir.appendingPathComponent("learned.tsv"))
        try! Data(contentsOf: URL(fileURLWithPath: "fixtures/roster.tsv")).write(to: dir.appendingPathComponent("roster.tsv"))
        try! Data(pipelineText(in: dir).utf8).write(to: dir.appendingPathComponent(pipelineFile))
        return dir
    }()

    /// Every stage, masking, report.html's strings, the roster and a learned layer: all the data a run loads.
    /// Paths in a pipeline file are relative to the folder verbatim runs in, so they are written in full.
    static func pipelineText(in dir: URL) -> String {
        """
        version: 1
        name: datafuzz
        input: \(dir.path)/in
        output: \(dir.path)/out
        lexicons: \(dir.path)/lexicons
        roster: \(dir.path)/roster.tsv
        pii: mask
        learned_lexicons:
          - language: kk
            path: \(dir.path)/learned.tsv
        stages:
          - use: normalize
          - use: language
          - use: employee_mentions
          - use: sentiment
          - use: themes
        reports: [summary.json, report.html]
        store: none

        """
    }

    static let configuration: PipelineConfiguration = {
        let config = try! PipelineConfiguration.load(path: folder.appendingPathComponent(pipelineFile).path)
        let resources = LoadedResources.loadCollectingIssues(config)
        let errors = resources.issues.filter(\.isError)
        guard errors.isEmpty else { fatalError("run from the repository root; the cut lexicons do not load: \(errors)") }
        return config
    }()

    /// Each target's text as set up, to put back after an execution. Kept as byte arrays: LeakSanitizer
    /// does not see the references `Data` keeps in its enum's spare bits, and calls them leaks.
    static let originals: [String: [UInt8]] = {
        _ = configuration
        var texts: [String: [UInt8]] = [:]
        for target in targets where target != pipelineFile {
            texts[target] = [UInt8](try! Data(contentsOf: folder.appendingPathComponent(target)))
        }
        return texts
    }()

    /// Copies the bundled lexicons without the learned layers, each language's long lists (sentiment, themes,
    /// aspects, negation) cut to their first 60 entries.
    static func copyLexicons(from source: URL, to destination: URL) {
        let files = FileManager.default.enumerator(at: source, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "tsv" && !file.path.contains("/learned/") {
            let relative = String(file.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1))
            let target = destination.appendingPathComponent(relative)
            try! FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let text = try! Data(contentsOf: file)
            let long = ["sentiment.tsv", "themes.tsv", "aspects.tsv", "negation.tsv"].contains(file.lastPathComponent) && relative.contains("/")
            try! (long ? cut(text, to: 60) : text).write(to: target)
        }
    }

    /// `text` up to its `count`-th line that is not a comment.
    static func cut(_ text: Data, to count: Int) -> Data {
        var kept = 0
        var out = Data()
        for line in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if line.first != UInt8(ascii: "#") { kept += 1 }
            if kept > count { break }
            out.append(contentsOf: line)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// Parses a pipeline file as `verbatim validate` does (its paths are not followed).
    static func parsePipeline(_ bytes: Data) {
        guard let yaml = String(data: bytes, encoding: .utf8) else { return }
        do {
            let config = try PipelineConfiguration.parse(yaml: yaml, file: pipelineFile, environment: ["EXPORTS": "in"])
            _ = config.stages.map { stage in stage.descriptor.options.map { $0.value(in: stage.rules) } }
        } catch {
            if "\(error)".isEmpty { fatalError("a configuration error that says nothing") }
        }
    }

    static func check(_ issues: [DataFileIssue]) {
        for issue in issues where issue.file.isEmpty || issue.message.isEmpty || issue.line < 0 {
            fatalError("an issue without a file, a message or a line: \(issue)")
        }
    }

    /// Up to 12 first fields of the file's lines (the terms, names and keys it defines), as text.
    static func firstFields(of bytes: Data) -> [String] {
        let lines = DataFile.lines(of: String(decoding: bytes, as: UTF8.self))
        return lines.prefix(12).compactMap { line in line.fields.first.map { String($0.prefix(200)) } }
    }

    static let settings: [Language?] = [nil, .tr, .kk, .mn, .sr, .ru]

    /// Runs what a run does with the loaded data on texts made of `words`.
    static func exercise(_ resources: LoadedResources, words: [String]) {
        let analyzer = RecordAnalyzer(resources: resources)
        var texts = ["Ayşe Hanım çok yardımcı oldu ama fatura hâlâ yanlış, 3/10.", "Оператор Айгүл өте жақсы, бірақ интернет жоқ."]
        for w in words { texts += [w, "çok \(w) değil, ama \(w)!", "\(w) емес, бірақ өте \(w)", "nije \(w) nego \(w) 5/5"] }
        for text in texts {
            for setting in settings {
                let record = analyzer.analyze(text, language: setting)
                checkRecord(record, setting: setting)
                if let roster = resources.roster { _ = roster.mentions(in: record.tokens, language: record.language) }
            }
            _ = resources.masker?.mask(text)
            _ = resources.aliases.field(forHeader: text)
            _ = resources.aliases.isSummaryLabel(text)
            if let r = resources.aliases.ratingChoices.rating(text), !(0...10).contains(r) { fatalError("a choice read as rating \(r): \(String(reflecting: text))") }
            if let date = DateNormalizer.normalizeNamed(text, months: resources.aliases.months), DateNormalizer.normalize(String(date.prefix(10))) == nil {
                fatalError("a named date read as \(date), which is no date: \(String(reflecting: text))")
            }
        }
        for key in ReportStrings.requiredKeys {
            for locale in ReportLocale.allCases { _ = resources.reportStrings.format(key, locale, ["n": "3", "name": words.first ?? "x"]) }
        }
    }

    static func checkRecord(_ r: FeedbackRecord, setting: Language?) {
        func fail(_ what: String) -> Never { fatalError("\(what) for \(String(reflecting: r.text)) (\(setting?.rawValue ?? "auto"))") }
        if !(0...1).contains(r.languageConfidence) { fail("language confidence \(r.languageConfidence)") }
        guard let s = r.sentiment else { fail("no sentiment") }
        if !s.score.isFinite || !(-1...1).contains(s.score) { fail("score \(s.score)") }
        if s.label == .positive && s.score < 0 || s.label == .negative && s.score > 0 { fail("label \(s.label) on score \(s.score)") }
        for e in s.evidence {
            if !e.baseValence.isFinite || !e.finalValence.isFinite { fail("valence of \(e.term)") }
            if let range = e.tokens, range.lowerBound < 0 || range.upperBound > r.tokens.count { fail("tokens \(range) of \(e.term)") }
            _ = e.summary
        }
        _ = Evidence.line(s.evidence)
        for t in r.themes where !t.score.isFinite || t.theme.isEmpty { fail("theme \(t)") }
    }

    /// One seed per target: its text as set up, behind its target byte.
    static func writeSeeds(to directory: URL) {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (k, target) in targets.enumerated() {
            let text = target == pipelineFile ? Data(pipelineText(in: folder).utf8) : Data(originals[target]!)
            try! (Data([UInt8(k)]) + text).write(to: directory.appendingPathComponent(String(format: "%02d", k)))
        }
    }
}
