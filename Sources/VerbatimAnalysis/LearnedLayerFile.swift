import Foundation
import VerbatimCore

/// The format of a learned lexicon layer, read and written in this one place.
///
/// A layer is a UTF-8 TSV that `verbatim learn` writes and an analyst can read
/// and edit:
///
/// ```
/// # where it came from: source, size, date, command, cross-validated F1
/// @positive_threshold	0.08	calibrated by 5-fold cross-validation
/// @negative_threshold	-0.05
/// berbat*	-3.12	n_pos=3 n_neg=140
/// kargo hızlı	1.8	n_pos=52 n_neg=4
/// ```
///
/// Each entry is `term<TAB>valence<TAB>evidence`: a word, a `*` stem or a
/// phrase, written and folded as in `sentiment.tsv`; a valence in −4…4; the
/// counts of positive and negative texts it was learned from. An entry whose
/// words are those of a hand-written entry adjusts that entry's valence (the
/// explanation then shows both); any other entry is a new term, looked up
/// only where no hand-written entry or rule claims the word.
public enum LearnedLayerFile {
    /// How the first line of every layer `verbatim learn` writes begins (after `# `): what tells a layer
    /// that `learn` may replace from any other file.
    public static let title = "Learned lexicon layer"

    /// Whether the file at `url` is a layer `verbatim learn` wrote (its first line says so).
    public static func isLayer(_ url: URL) -> Bool { DataFile.begins(url, with: "# " + title) }

    /// A setting line: `@name<TAB>value`.
    public enum Setting: String, CaseIterable, Sendable {
        case positiveThreshold = "@positive_threshold"
        case negativeThreshold = "@negative_threshold"
    }

    /// One entry as written.
    public struct Entry: Sendable, Hashable {
        public var term: String
        public var valence: Double
        public var positives: Int
        public var negatives: Int

        public init(term: String, valence: Double, positives: Int, negatives: Int) {
            self.term = term
            self.valence = valence
            self.positives = positives
            self.negatives = negatives
        }

        public var evidence: String { "n_pos=\(positives) n_neg=\(negatives)" }

        /// `a + b` is a pair (`PairRule`): its two words, as written.
        public var pairWords: [String]? {
            let parts = term.components(separatedBy: Self.pairSeparator)
            return parts.count == 2 ? parts : nil
        }

        /// What joins the two words of a pair.
        public static let pairSeparator = " + "
    }

    /// The text of a layer: header comment lines, the calibrated thresholds, then the entries in
    /// the order given (the learner sorts them).
    public static func render(header: [String], thresholds: LabelThresholds?, entries: [Entry]) -> String {
        var out = header.map { "# " + $0 + "\n" }.joined()
        if let t = thresholds {
            out += "\(Setting.positiveThreshold.rawValue)\t\(formatted(t.positive))\tcompound score at or above which a text is positive\n"
            out += "\(Setting.negativeThreshold.rawValue)\t\(formatted(t.negative))\tcompound score at or below which a text is negative\n"
        }
        for e in entries { out += "\(e.term)\t\(formatted(e.valence))\t\(e.evidence)\n" }
        return out
    }

    /// A number with at most four decimals and no trailing zeros (`-3.12`, `0.05`, `2`).
    static func formatted(_ v: Double) -> String {
        let r = (v * 10000).rounded() / 10000
        var s = String(format: "%.4f", r == 0 ? 0 : r)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// Reads the layer at `url` into `lex`: adjusts hand-written valences, adds new terms to
    /// `lex.learned`, and sets the calibrated thresholds. Returns the problems found, with their lines.
    public static func apply(_ url: URL, to lex: inout LanguageLexicon) -> [DataFileIssue] {
        let text: String
        do {
            text = try TextFile.read(url.path)
        } catch {
            switch error {
            case .missing: return [DataFileIssue(file: url.path, line: 0, message: "learned layer missing")]
            case .folder: return [DataFileIssue(file: url.path, line: 0, message: "a folder, not a learned layer file")]
            // Not UTF-8 (with the line and byte where it stops being so), UTF-16, unreadable.
            default: return [DataFileIssue(file: url.path, line: 0, message: "learned layer \(error)")]
            }
        }
        var issues: [DataFileIssue] = []
        var positive: Double?, negative: Double?
        var seen: [[TermIndex<Double>.Word]: Int] = [:]
        let source = url.lastPathComponent
        for l in DataFile.lines(of: text) {
            let issue = { (message: String) in issues.append(DataFileIssue(file: url.path, line: l.line, message: message)) }
            if let setting = Setting(rawValue: l.fields[0]) {
                guard l.fields.count >= 2, let v = LexiconLoader.number(l.fields[1]), (-1...1).contains(v) else {
                    issue("\(setting.rawValue) needs a compound score in −1…1"); continue
                }
                if setting == .positiveThreshold { positive = v } else { negative = v }
                continue
            }
            guard l.fields.count >= 3, !l.fields[0].isEmpty, let v = LexiconLoader.number(l.fields[1]), (-4...4).contains(v) else {
                issue("expected 'term<TAB>valence (−4…4)<TAB>n_pos=… n_neg=…', got '\(l.fields.joined(separator: "⇥"))'"); continue
            }
            guard let counts = counts(in: l.fields[2]) else {
                issue("the evidence of '\(l.fields[0])' must say what it was learned from: 'n_pos=<count> n_neg=<count>'"); continue
            }
            let entry = Entry(term: l.fields[0], valence: v, positives: counts.0, negatives: counts.1)
            let pair = entry.pairWords
            let words = TermIndex<Double>.words(of: pair.map { $0.joined(separator: " ") } ?? l.fields[0], language: lex.language)
            if let problem = TermIndex<Double>.problem(of: words, l.fields[0]) { issue(problem); continue }
            if pair != nil ? words.count != 2 || words.contains(where: \.isStem) : entry.term.contains(Entry.pairSeparator) {
                issue("a pair is two words, 'a + b', without stems; got '\(l.fields[0])'"); continue
            }
            let key = (pair == nil ? [] : [TermIndex<Double>.Word(form: "+", isStem: false)]) + words
            if let previous = seen[key] { issue("'\(l.fields[0])' repeats line \(previous); the later line wins") }
            seen[key] = l.line
            if pair != nil {
                lex.learnedPairs.add(.init(words: words, payload: v, text: entry.term, source: source, line: l.line, learned: entry.evidence))
            } else {
                add(entry, words: words, source: source, line: l.line, to: &lex)
            }
        }
        switch (positive, negative) {
        case (nil, nil): break
        case let (p?, n?) where n < p: lex.calibratedThresholds = LabelThresholds(positive: p, negative: n)
        default:
            issues.append(DataFileIssue(file: url.path, line: 0, message: "a layer sets both @positive_threshold and @negative_threshold, the negative one below the positive one, or neither"))
        }
        return issues
    }

    /// Adjusts the hand-written entry with these words, or adds a new learned term.
    private static func add(_ e: Entry, words: [TermIndex<Double>.Word], source: String, line: Int, to lex: inout LanguageLexicon) {
        if let k = lex.sentiment.position(of: words) {
            let hand = lex.sentiment.terms[k].learned == nil ? lex.sentiment.terms[k].payload : nil
            lex.sentiment.adjust(at: k, payload: e.valence, learned: note(e, hand: hand))
        } else if let k = lex.loanSentiment.position(of: words) {
            let hand = lex.loanSentiment.terms[k].learned == nil ? lex.loanSentiment.terms[k].payload : nil
            lex.loanSentiment.adjust(at: k, payload: e.valence, learned: note(e, hand: hand))
        } else {
            lex.learned.add(.init(words: words, payload: e.valence, text: e.term, source: source, line: line, learned: e.evidence))
        }
    }

    /// The explanation of a learned valence: its counts, and the hand-written valence it replaced.
    private static func note(_ e: Entry, hand: Double?) -> String {
        guard let hand else { return e.evidence }
        return e.evidence + "; hand " + Evidence.format(hand)
    }

    /// The two counts of an evidence field (`n_pos=412 n_neg=37`; other words may follow).
    static func counts(in evidence: String) -> (Int, Int)? {
        var pos: Int?, neg: Int?
        for part in evidence.split(separator: " ") {
            if part.hasPrefix("n_pos=") { pos = Int(part.dropFirst(6)) }
            if part.hasPrefix("n_neg=") { neg = Int(part.dropFirst(6)) }
        }
        guard let pos, let neg, pos >= 0, neg >= 0 else { return nil }
        return (pos, neg)
    }
}
