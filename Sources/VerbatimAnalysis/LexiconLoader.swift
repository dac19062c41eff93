import Foundation
import VerbatimCore

/// Loads and validates the linguistic data files under a lexicon directory
/// (see `lexicons/README.md`), plus user lexicons layered on top.
///
/// Problems are collected, not thrown: each names the file and line, so
/// `verbatim validate` can list them all. Errors (malformed lines, values
/// out of range, conflicting duplicates) fail validation; agreeing
/// duplicates are warnings.
public struct LexiconLoader {
    /// A user lexicon from the pipeline file: a `sentiment.tsv`-format file for one language.
    public struct UserLexicon: Sendable, Hashable {
        public var language: Language
        public var path: URL
        public init(language: Language, path: URL) {
            self.language = language
            self.path = path
        }
    }

    public let directory: URL
    public let userLexicons: [UserLexicon]
    /// Learned layers (`verbatim learn`) named by the pipeline or `--layer`, applied after everything else.
    public let learnedLayers: [UserLexicon]


    public init(directory: URL, userLexicons: [UserLexicon] = [], learnedLayers: [UserLexicon] = []) {
        self.directory = directory
        self.userLexicons = userLexicons
        self.learnedLayers = learnedLayers
    }

    /// Every file read, for hashing into the run manifest.
    public func dataFiles() -> [URL] {
        var files: [URL] = []
        for lang in Language.scored {
            for kind in ["sentiment", "negation", "intensifiers", "contrast", "concessive", "consolation", "counterfactual", "condition", "competitor", "again", "themes", "aspects", "numbers", "ratings", "langid", "alternations"] {
                files.append(directory.appendingPathComponent(lang.rawValue).appendingPathComponent("\(kind).tsv"))
            }
        }
        files += ["ru/sentiment.tsv", "ru/negation.tsv", "ru/intensifiers.tsv", "ru/themes.tsv", "ru/again.tsv", "ru/consolation.tsv", "ru/counterfactual.tsv", "ru/condition.tsv", "ru/competitor.tsv", "ru/langid.tsv", "en/langid.tsv", "emoji.tsv", "themes.tsv", "headers.tsv", "months.tsv", "rating_choices.tsv", "channels.tsv"].map { directory.appendingPathComponent($0) }
        files += userLexicons.map(\.path) + learnedLayers.map(\.path)
        return files.filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    public func load() -> (LexiconSet, [DataFileIssue]) {
        var set = LexiconSet()
        var issues: [DataFileIssue] = []
        let themeIDs = loadTaxonomy(into: &set, issues: &issues)
        for lang in Language.scored {
            var lex = LanguageLexicon(language: lang)
            let dir = directory.appendingPathComponent(lang.rawValue)
            loadValued(dir.appendingPathComponent("sentiment.tsv"), lang, range: -4...4, into: &lex.sentiment, issues: &issues, required: true, allowZero: true)
            loadValued(dir.appendingPathComponent("intensifiers.tsv"), lang, range: -1...1, into: &lex.intensifiers, issues: &issues, required: false)
            loadNegation(dir.appendingPathComponent("negation.tsv"), into: &lex, issues: &issues)
            loadThemes(dir.appendingPathComponent("themes.tsv"), lang, ids: themeIDs, into: &lex.themes, issues: &issues)
            loadTerms(dir.appendingPathComponent("concessive.tsv"), lang, into: &lex.concessives, issues: &issues, closing: true)
            loadTerms(dir.appendingPathComponent("again.tsv"), lang, into: &lex.againWords, issues: &issues)
            loadTerms(dir.appendingPathComponent("consolation.tsv"), lang, into: &lex.consolations, issues: &issues)
            loadCounterfactual(dir.appendingPathComponent("counterfactual.tsv"), into: &lex, issues: &issues)
            loadCondition(dir.appendingPathComponent("condition.tsv"), into: &lex, issues: &issues)
            loadCompetitor(dir.appendingPathComponent("competitor.tsv"), into: &lex, issues: &issues)
            loadTerms(dir.appendingPathComponent("numbers.tsv"), lang, into: &lex.numberWords, issues: &issues)
            loadRatings(dir.appendingPathComponent("ratings.tsv"), into: &lex, issues: &issues)
            loadAspects(dir.appendingPathComponent("aspects.tsv"), lang, ids: themeIDs, into: &lex.aspects, negatedOutcomes: &lex.negatedOutcomes, issues: &issues)
            // The borrowed languages (`Language.borrowings`) have their own folder of data (`sentiment.tsv`,
            // `negation.tsv` with `before`/`after` words, `intensifiers.tsv`, `themes.tsv`, `again.tsv`,
            // `consolation.tsv`, `counterfactual.tsv`, `condition.tsv`, `competitor.tsv`).
            for loan in Language.borrowings[lang] ?? [] { loadLoan(loan, themeIDs: themeIDs, into: &lex, issues: &issues) }
            set.languages[lang] = lex
        }
        // A loan language's files are read once per language that borrows from it: report each problem once.
        var seenIssues = Set<String>()
        issues = issues.filter { seenIssues.insert("\($0.file):\($0.line):\($0.message)").inserted }
        for user in userLexicons {
            guard var lex = set.languages[user.language] else { continue }
            loadValued(user.path, user.language, range: -4...4, into: &lex.sentiment, issues: &issues, required: true, allowZero: true)
            set.languages[user.language] = lex
        }
        for layer in learnedLayers {
            guard var lex = set.languages[layer.language] else { continue }
            issues += LearnedLayerFile.apply(layer.path, to: &lex)
            set.languages[layer.language] = lex
        }
        // Last, so that the stems of user lexicons and learned layers change their final consonant too.
        for lang in Language.scored {
            let url = directory.appendingPathComponent(lang.rawValue).appendingPathComponent("alternations.tsv")
            guard let lines = read(url, required: false, issues: &issues) else { continue }
            let alternations = StemAlternations.parse(lines, file: url.path, lang, issues: &issues)
            guard !alternations.isEmpty, var lex = set.languages[lang] else { continue }
            var extender = StemAlternations.Extender(alternations: alternations)
            TermAutomaton.visitIndexes(of: &lex, with: &extender)
            set.languages[lang] = lex
        }
        loadValued(directory.appendingPathComponent("emoji.tsv"), .und, range: -4...4, into: &set.emoji, issues: &issues, required: false)
        return (set, issues)
    }

    /// Reports what is wrong with a term's words (`TermIndex.problem(of:)`) at its line; true when
    /// something is, and the line is left out.
    func reportsProblem<Payload>(of words: [TermIndex<Payload>.Word], _ text: String, _ url: URL, _ line: Int, _ issues: inout [DataFileIssue]) -> Bool {
        guard let problem = TermIndex<Payload>.problem(of: words, text) else { return false }
        issues.append(DataFileIssue(file: url.path, line: line, message: problem))
        return true
    }

    func read(_ url: URL, required: Bool, issues: inout [DataFileIssue]) -> [DataLine]? {
        let (lines, issue) = DataFile.read(url, required: required)
        if let issue { issues.append(issue) }
        return lines
    }

    private func loadTaxonomy(into set: inout LexiconSet, issues: inout [DataFileIssue]) -> Set<String> {
        let url = directory.appendingPathComponent("themes.tsv")
        guard let lines = read(url, required: false, issues: &issues) else { return [] }
        var header: [String] = []
        var ids = Set<String>()
        for l in lines {
            if header.isEmpty { header = l.fields; continue }
            guard l.fields.count >= 2, !l.fields[0].isEmpty else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "expected 'id<TAB>en<TAB>tr<TAB>kk<TAB>mn<TAB>sr<TAB>description'"))
                continue
            }
            var names: [String: String] = [:]
            for (k, h) in header.enumerated() where k > 0 && k < l.fields.count && h != "description" { names[h] = l.fields[k] }
            set.themeNames.append((l.fields[0], names))
            ids.insert(l.fields[0])
        }
        return ids
    }

    private func loadValued(
        _ url: URL, _ lang: Language, range: ClosedRange<Double>, into index: inout TermIndex<Double>,
        issues: inout [DataFileIssue], required: Bool, allowZero: Bool = false
    ) {
        guard let lines = read(url, required: required, issues: &issues) else { return }
        let source = url.lastPathComponent  // once per file: it re-parses the URL
        var seen: [[TermIndex<Double>.Word]: (Double, Int)] = [:]
        seen.reserveCapacity(lines.count)
        index.reserveCapacity(index.count + lines.count)
        for l in lines {
            guard l.fields.count >= 2, !l.fields[0].isEmpty, let v = Self.number(l.fields[1]) else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "expected 'term<TAB>value<TAB>comment', got '\(l.fields.joined(separator: "⇥"))'"))
                continue
            }
            // 0 is allowed in sentiment files: a neutral entry that stops a shorter stem from matching
            // (`sağlamak` under `sağlam*`); it is matched but scores nothing.
            guard range.contains(v), v != 0 || allowZero else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "value \(l.fields[1]) for '\(l.fields[0])' is outside \(range.lowerBound)…\(range.upperBound)\(allowZero ? "" : " or zero")"))
                continue
            }
            let words = TermIndex<Double>.words(of: l.fields[0], language: lang)
            if reportsProblem(of: words, l.fields[0], url, l.line, &issues) { continue }
            if let (prev, prevLine) = seen[words] {
                if prev != v {
                    issues.append(DataFileIssue(file: url.path, line: l.line, message: "'\(l.fields[0])' conflicts with line \(prevLine) (\(prev) vs \(v)); the later line wins"))
                } else {
                    issues.append(DataFileIssue(file: url.path, line: l.line, message: "'\(l.fields[0])' repeats line \(prevLine)", isError: false))
                }
            }
            seen[words] = (v, l.line)
            index.add(.init(words: words, payload: v, text: l.fields[0], source: source, line: l.line))
        }
    }

    /// A list of terms (`term<TAB>comment`), such as `concessive.tsv`, each with the payload `true`. With
    /// `closing`, a term written after `…` (`… ч`) closes what it is about instead of opening it (a
    /// concessive particle after the concession, `ConcessionRule`): its payload is `false`.
    private func loadTerms(_ url: URL, _ lang: Language, into index: inout TermIndex<Bool>, issues: inout [DataFileIssue], closing: Bool = false) {
        guard let lines = read(url, required: false, issues: &issues) else { return }
        let source = url.lastPathComponent  // once per file: it re-parses the URL
        for l in lines {
            var term = l.fields[0], opens = true
            if term.hasPrefix(Self.closingMark) {
                guard closing else {
                    issues.append(DataFileIssue(file: url.path, line: l.line, message: "'\(term)': '\(Self.closingMark)' marks a closing particle only in concessive.tsv"))
                    continue
                }
                term = String(term.dropFirst(Self.closingMark.count)).trimmingCharacters(in: .whitespaces)
                opens = false
            }
            guard !term.isEmpty else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "expected 'term<TAB>comment'"))
                continue
            }
            let words = TermIndex<Bool>.words(of: term, language: lang)
            if reportsProblem(of: words, term, url, l.line, &issues) { continue }
            if index.find(words) != nil {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "'\(term)' is listed twice", isError: false))
            }
            index.add(.init(words: words, payload: opens, text: term, source: source, line: l.line))
        }
    }

    /// What a concessive particle that closes the concession is written after (`… ч`).
    static let closingMark = "…"

    /// The data of a language mixed into `lex`'s (Russian in Kazakh), folded like `lex`'s own words.
    private func loadLoan(_ loan: Language, themeIDs: Set<String>, into lex: inout LanguageLexicon, issues: inout [DataFileIssue]) {
        let dir = directory.appendingPathComponent(loan.rawValue)
        // Theme keywords and intensifiers join the language's own, which win where both write a term alike.
        var themes = TermIndex<ThemeList>()
        loadThemes(dir.appendingPathComponent("themes.tsv"), lex.language, ids: themeIDs, into: &themes, issues: &issues)
        lex.themes.addMissing(from: themes)
        loadValued(dir.appendingPathComponent("sentiment.tsv"), lex.language, range: -4...4, into: &lex.loanSentiment, issues: &issues, required: false, allowZero: true)
        var boosters = TermIndex<Double>()
        loadValued(dir.appendingPathComponent("intensifiers.tsv"), lex.language, range: -1...1, into: &boosters, issues: &issues, required: false)
        lex.intensifiers.addMissing(from: boosters)
        var again = TermIndex<Bool>()
        loadTerms(dir.appendingPathComponent("again.tsv"), lex.language, into: &again, issues: &issues)
        lex.againWords.addMissing(from: again)
        var consolations = TermIndex<Bool>()
        loadTerms(dir.appendingPathComponent("consolation.tsv"), lex.language, into: &consolations, issues: &issues)
        lex.consolations.addMissing(from: consolations)
        var conditions = LanguageLexicon(language: lex.language)
        loadCounterfactual(dir.appendingPathComponent("counterfactual.tsv"), into: &conditions, issues: &issues)
        loadCondition(dir.appendingPathComponent("condition.tsv"), into: &conditions, issues: &issues)
        lex.addMissingConditions(from: conditions)
        var competitors = LanguageLexicon(language: lex.language)
        loadCompetitor(dir.appendingPathComponent("competitor.tsv"), into: &competitors, issues: &issues)
        lex.addMissingCompetitors(from: competitors)
        var negation = LanguageLexicon(language: lex.language)
        let url = dir.appendingPathComponent("negation.tsv")
        loadNegation(url, into: &negation, issues: &issues)
        if !(negation.negationSuffixes + negation.negationEndings + negation.negationPrefixes + negation.negatedVerbEndings).isEmpty || negation.cannotHelp.count > 0
            || !(negation.neitherWords + negation.norWords).isEmpty {
            issues.append(DataFileIssue(file: url.path, line: 0, message: "only 'before', 'cannot-help-before' and 'after' negation words are used from a mixed-in language; list its negated words in its sentiment.tsv"))
        }
        for term in negation.negatorsBefore.terms { lex.loanNegatorsBefore.add(term) }
        for term in negation.negatorsAfter.terms { lex.loanNegatorsAfter.add(term) }
    }

    private func loadThemes(_ url: URL, _ lang: Language, ids: Set<String>, into index: inout TermIndex<ThemeList>, issues: inout [DataFileIssue]) {
        guard let lines = read(url, required: false, issues: &issues) else { return }
        let source = url.lastPathComponent  // once per file: it re-parses the URL
        for l in lines {
            guard l.fields.count >= 2, !l.fields[0].isEmpty, !l.fields[1].isEmpty else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "expected 'theme<TAB>term<TAB>comment'"))
                continue
            }
            // The theme `none` blocks a shorter keyword (`hizmet süresi` is not wait time under `süre*`).
            guard ids.isEmpty || ids.contains(l.fields[0]) || l.fields[0] == "none" else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "unknown theme '\(l.fields[0])'; known: \(ids.sorted().joined(separator: ", "))"))
                continue
            }
            let words = TermIndex<ThemeList>.words(of: l.fields[1], language: lang)
            if reportsProblem(of: words, l.fields[1], url, l.line, &issues) { continue }
            // A keyword may signal several themes: its payload lists them, in file order.
            if let prev = index.find(words), prev.payload != ThemeList(l.fields[0]) {
                index.add(.init(words: words, payload: prev.payload.appending(l.fields[0]), text: l.fields[1], source: source, line: l.line))
            } else {
                index.add(.init(words: words, payload: ThemeList(l.fields[0]), text: l.fields[1], source: source, line: l.line))
            }
        }
    }

    /// Reads a `kind<TAB>term<TAB>comment` file (`negation.tsv`, `ratings.tsv`): `body` takes each line's kind
    /// and term, and returns false for a kind it does not know, which is reported with the `kinds` it knows.
    private func loadKinded(
        _ url: URL, _ language: Language, kinds: String, issues: inout [DataFileIssue],
        _ body: (_ kind: String, _ term: TermIndex<Bool>.Term) -> Bool
    ) {
        guard let lines = read(url, required: false, issues: &issues) else { return }
        let source = url.lastPathComponent  // once per file: it re-parses the URL
        for l in lines {
            guard l.fields.count >= 2, !l.fields[1].isEmpty else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "expected 'kind<TAB>term<TAB>comment'"))
                continue
            }
            let words = TermIndex<Bool>.words(of: l.fields[1], language: language)
            if reportsProblem(of: words, l.fields[1], url, l.line, &issues) { continue }
            guard body(l.fields[0], TermIndex<Bool>.Term(words: words, payload: true, text: l.fields[1], source: source, line: l.line)) else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "kind '\(l.fields[0])' is not one of \(kinds)"))
                continue
            }
        }
    }

    /// `counterfactual.tsv`: what marks an unreal condition (`CounterfactualRule`), by kind.
    private func loadCounterfactual(_ url: URL, into lex: inout LanguageLexicon, issues: inout [DataFileIssue]) {
        let language = lex.language
        loadKinded(url, language, kinds: "ends, starts, wish, ending, wish-ending, except", issues: &issues) { kind, term in
            switch kind {
            case "ends": lex.counterfactualEnds.add(term)
            case "starts": lex.counterfactualStarts.add(term)
            case "wish": lex.counterfactualWishes.add(term)
            case "ending": lex.counterfactualEndings.append(LanguageFoldingShim.fold(term.text, language))
            case "wish-ending": lex.counterfactualWishEndings.append(LanguageFoldingShim.fold(term.text, language))
            case "except": lex.counterfactualExceptions.add(term)
            default: return false
            }
            return true
        }
        lex.sortConditionEndings()
    }

    /// `condition.tsv`: what marks a real condition (`ConditionRule`), by kind.
    private func loadCondition(_ url: URL, into lex: inout LanguageLexicon, issues: inout [DataFileIssue]) {
        let language = lex.language
        loadKinded(url, language, kinds: "starts, ends, ending, except, asks-when, asks-whether, rhetorical", issues: &issues) { kind, term in
            switch kind {
            case "starts": lex.conditionStarts.add(term)
            case "ends": lex.conditionEnds.add(term)
            case "ending": lex.conditionEndings.append(LanguageFoldingShim.fold(term.text, language))
            case "except": lex.conditionExceptions.add(term)
            case "asks-when": lex.questionWords.add(term.with(.asksWhen))
            case "asks-whether": lex.questionWords.add(term.with(.asksWhether))
            case "rhetorical": lex.questionWords.add(term.with(.rhetorical))
            default: return false
            }
            return true
        }
        lex.sortConditionEndings()
    }

    /// `competitor.tsv`: what names another company and what makes it the standard of a comparison
    /// (`CompetitorRule`), by kind.
    private func loadCompetitor(_ url: URL, into lex: inout LanguageLexicon, issues: inout [DataFileIssue]) {
        let language = lex.language
        loadKinded(url, language, kinds: "names, operator, switch, than-before, than-ending, than-after", issues: &issues) { kind, term in
            switch kind {
            case "names": lex.competitorNames.add(term)
            case "operator": lex.competitorOperators.add(term)
            case "switch": lex.competitorSwitches.add(term)
            case "than-before": lex.competitorStandardsBefore.add(term)
            case "than-ending": lex.competitorStandardEndings.append(LanguageFoldingShim.fold(term.text, language))
            case "than-after": lex.competitorComparatives.add(term)
            default: return false
            }
            return true
        }
    }

    /// `ratings.tsv`: the words that make numbers a rating (`RatingRule`), by kind.
    private func loadRatings(_ url: URL, into lex: inout LanguageLexicon, issues: inout [DataFileIssue]) {
        loadKinded(url, lex.language, kinds: "stars, points, out-of, of, would", issues: &issues) { kind, term in
            switch kind {
            case "stars": lex.starWords.add(term)
            case "points": lex.pointWords.add(term)
            case "out-of": lex.outOfWords.add(term)
            case "of": lex.ofWords.add(term)
            case "would": lex.wouldWords.add(term)
            default: return false
            }
            return true
        }
    }

    private func loadNegation(_ url: URL, into lex: inout LanguageLexicon, issues: inout [DataFileIssue]) {
        let language = lex.language
        loadKinded(url, language, kinds: "after, before, concord, suffix, ending, prefix, verb-ending, cannot-help, cannot-help-before, neither, nor", issues: &issues) { kind, term in
            switch kind {
            case "after": lex.negatorsAfter.add(term)
            case "before": lex.negatorsBefore.add(term.with(NegationWord.negates))
            case "cannot-help-before": lex.negatorsBefore.add(term.with(NegationWord.cannotHelp))
            case "cannot-help": lex.cannotHelp.add(term)
            case "neither": lex.neitherWords.append(term.words.map(\.form))
            case "nor": lex.norWords.append(term.words.map(\.form))
            case "concord": lex.concordWords.add(term)
            case "suffix": lex.negationSuffixes.append(LanguageFoldingShim.fold(term.text, language))
            case "ending": lex.negationEndings.append(LanguageFoldingShim.fold(term.text, language))
            case "prefix": lex.negationPrefixes.append(LanguageFoldingShim.fold(term.text, language))
            case "verb-ending": lex.negatedVerbEndings.append(LanguageFoldingShim.fold(term.text, language))
            default: return false
            }
            return true
        }
        // Longest first, as a look-up takes the first that matches (`ne de` before `ne`).
        lex.neitherWords.sort { $0.count > $1.count }
        lex.norWords.sort { $0.count > $1.count }
        // Longest first, so `mıyor` is reported rather than `mı`.
        lex.negationSuffixes.sort { $0.count > $1.count }
        lex.negationEndings.sort { $0.count > $1.count }
        lex.negatedVerbEndings.sort { $0.count > $1.count }
    }
}

extension LexiconLoader {
    /// A valence or scalar, with a decimal point or a decimal comma (`-1,5`).
    static func number(_ field: String) -> Double? {
        Double(field) ?? (field.utf8.contains(0x2C) ? Double(field.replacingOccurrences(of: ",", with: ".")) : nil)
    }
}
