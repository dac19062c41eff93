import Foundation
import VerbatimAnalysis
import VerbatimCore
import VerbatimPipeline
import VerbatimPrivacy
import VerbatimText

/// The text stages as `verbatim classify` and a run use them: normalize, identify the language,
/// score, tag themes, and write the evidence as `--explain` and `records.csv` do, on arbitrary text.
///
/// One execution reads the input as UTF-8 (invalid bytes repaired, as `classify` reads a line) and
/// analyses it under every language setting (identified, and each language declared), with the
/// hand-written lexicons and with the bundled learned layers. Besides a crash, it stops when:
/// - the same text analysed again on a thread of its own (its word memos cold) gives another result:
///   the per-thread memos are caches and must never change an answer;
/// - a score, valence or confidence is not finite or leaves its range;
/// - a piece of evidence or a theme points outside the record's tokens or clauses;
/// - the label contradicts the score's sign (a positive label on a negative score, or the reverse).
/// The input's lines are also analysed together as `classify` reads a file (the undetermined ones
/// taking the language of their context), and the masked text (`pii`) is made, under the same checks.
func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let setting = TextFuzz.settings[size % TextFuzz.settings.count]
    let warm = TextFuzz.analyzers.map { $0.analyze(text, language: setting) }
    let cold = TextFuzz.onFreshThread { TextFuzz.analyzers.map { $0.analyze(text, language: setting) } }
    for (record, again) in zip(warm, cold) {
        TextFuzz.check(record, setting: setting)
        if let difference = TextFuzz.difference(record, again) {
            fatalError("a warm and a cold memo disagree on \(String(reflecting: text)) (\(setting?.rawValue ?? "auto")): \(difference)")
        }
    }
    var context = LanguageContext()
    let lines = text.split(whereSeparator: \.isNewline).map(String.init)
    for record in TextFuzz.analyzers[0].analyze(lines, language: nil, context: &context) { TextFuzz.check(record, setting: nil) }
    _ = TextFuzz.masker.mask(text)
    return 0
}

enum TextFuzz {
    /// `nil` identifies the language; the others declare it, as `classify --lang` does.
    static let settings: [Language?] = [nil, .tr, .kk, .mn, .sr, .ru]

    /// The bundled lexicons (the fuzzer runs from the repository root), hand-written only and with
    /// every bundled learned layer.
    static let analyzers: [RecordAnalyzer] = {
        let lexicons = URL(fileURLWithPath: "lexicons")
        let layers: [LexiconLoader.UserLexicon] = [
            .init(language: .kk, path: lexicons.appendingPathComponent("learned/kk_reviews.tsv")),
            .init(language: .tr, path: lexicons.appendingPathComponent("learned/tr_movies.tsv")),
            .init(language: .sr, path: lexicons.appendingPathComponent("learned/sr_tweets.tsv")),
        ]
        return [[], layers].map { learned in
            let resources = LoadedResources.loadCollectingIssues(lexicons: lexicons, learnedLexicons: learned, referencedFrom: "fuzz")
            guard resources.issues.isEmpty else { fatalError("run from the repository root: \(resources.issues)") }
            return RecordAnalyzer(resources: resources)
        }
    }()

    static let masker: PersonalDataMasker = {
        let (rules, issues) = MaskingRules.load(directory: URL(fileURLWithPath: "lexicons/pii"))
        guard issues.isEmpty else { fatalError("run from the repository root: \(issues)") }
        return rules.masker
    }()

    /// `body`'s result, run on a new thread (with memos of its own) and waited for.
    static func onFreshThread<T>(_ body: @escaping @Sendable () -> T) -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.start()
        done.wait()
        return box.value!
    }

    final class Box<T>: @unchecked Sendable { var value: T? }

    /// What differs between two analyses of one text, or nil.
    static func difference(_ a: FeedbackRecord, _ b: FeedbackRecord) -> String? {
        if a.normalizedText != b.normalizedText { return "normalized text \(String(reflecting: a.normalizedText)) / \(String(reflecting: b.normalizedText))" }
        if a.language != b.language || a.languageConfidence != b.languageConfidence {
            return "language \(a.language) \(a.languageConfidence) / \(b.language) \(b.languageConfidence)"
        }
        if a.sentiment != b.sentiment { return "sentiment \(describe(a)) / \(describe(b))" }
        if a.themes != b.themes { return "themes \(a.themes) / \(b.themes)" }
        return nil
    }

    static func describe(_ r: FeedbackRecord) -> String {
        guard let s = r.sentiment else { return "none" }
        return "\(s.label) \(s.score) [\(Evidence.line(s.evidence))]"
    }

    /// The invariants of one analysed record; the evidence is also written as the reports write it.
    static func check(_ r: FeedbackRecord, setting: Language?) {
        func fail(_ what: String) -> Never { fatalError("\(what) for \(String(reflecting: r.text)) (\(setting?.rawValue ?? "auto")): \(describe(r))") }
        if !(0...1).contains(r.languageConfidence) { fail("language confidence \(r.languageConfidence)") }
        if let declared = setting, r.declaredLanguage != declared { fail("declared language lost") }
        guard let s = r.sentiment else { fail("no sentiment") }
        if !s.score.isFinite || !(-1...1).contains(s.score) { fail("score \(s.score)") }
        if s.label == .positive && s.score < 0 || s.label == .negative && s.score > 0 { fail("label \(s.label) on score \(s.score)") }
        if s.clauseScores.contains(where: { !$0.isFinite || !(-1...1).contains($0) }) { fail("clause scores \(s.clauseScores)") }
        for e in s.evidence {
            if !e.baseValence.isFinite || !e.finalValence.isFinite { fail("valence of \(e.term)") }
            // Only the `!` emphasis, which belongs to the whole text, stands in no clause (-1) and matches no tokens.
            if e.clause < (e.tokens == nil ? -1 : 0) { fail("clause \(e.clause) of \(e.term)") }
            if let range = e.tokens, range.lowerBound < 0 || range.upperBound > r.tokens.count { fail("tokens \(range) of \(e.term), \(r.tokens.count) tokens") }
            _ = e.matched(in: r.tokens)
            _ = e.summary
        }
        _ = Evidence.line(s.evidence)
        for t in r.themes where !t.score.isFinite || t.theme.isEmpty || t.keyword.isEmpty { fail("theme \(t)") }
    }
}
