import ArgumentParser
import Foundation
import VerbatimAnalysis
import VerbatimCore
import VerbatimPipeline
import VerbatimPrivacy
import VerbatimReports

extension Verbatim {
    /// `verbatim classify`: one text per line in, one result per line out.
    struct Classify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "classify",
            abstract: "Classify texts, one per line, from a file or standard input.",
            discussion: """
                Output (tsv): label<TAB>score<TAB>language, in input order. With --explain, more \
                columns follow: language confidence, tokens (lookup forms), evidence, themes. \
                JSON: one object per line. A line longer than 4 MiB, or with bytes that are not valid \
                UTF-8 (after a detected UTF-16 or Windows code page is converted), is not analysed: its row is \
                neutral with why, and the command exits 2. With --lang auto, a line too short or too plain to identify \
                takes the language of two thirds of the lines read so far (confidence 0.00). A Russian \
                line is scored with the Russian words of the Kazakh or Mongolian lexicon (theirs among \
                Kazakh or Mongolian lines, else Kazakh's).
                """ + "\n\n" + ExitCodes.help)

        @Option(name: .long, help: "Language: auto, tr, kk, mn, sr, or ru (read with the Russian words of the Kazakh lexicon).")
        var lang = "auto"

        @Flag(name: .long, help: "Show tokens, detected language and the evidence behind each label.")
        var explain = false

        @Option(name: .long, help: "Output format: tsv or json.")
        var format = "tsv"

        @Option(name: .long, help: "Folder of linguistic data (default: lexicons/ here, else $VERBATIM_HOME/lexicons or the installed data).")
        var lexicons = "lexicons"

        @Option(name: .long, help: "A learned layer (verbatim learn) to apply, as LANG=FILE (e.g. kk=lexicons/learned/kk_reviews.tsv); repeatable.")
        var layer: [String] = []

        @Option(name: .long, help: "Personal data in the output: mask (with the rules of <lexicons>/pii/) or off. Analysis always sees the original text.")
        var pii = PIIMode.off

        @Argument(help: "File with one text per line, or - for standard input.")
        var file = "-"

        func validate() throws {
            guard ["auto", "tr", "kk", "mn", "sr", "ru"].contains(lang) else { throw ValidationError("--lang must be auto, tr, kk, mn, sr or ru") }
            guard ["tsv", "json"].contains(format) else { throw ValidationError("--format must be tsv or json") }
            _ = try layers()
        }

        /// `--layer LANG=FILE` values as lexicon layers.
        func layers() throws -> [LexiconLoader.UserLexicon] {
            try layer.map { value in
                let parts = value.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, let l = Language(rawValue: String(parts[0])), Language.scored.contains(l) else {
                    throw ValidationError("--layer must be LANG=FILE with LANG one of tr, kk, mn, sr (got '\(value)')")
                }
                return LexiconLoader.UserLexicon(language: l, path: DataHome.resolve(String(parts[1])))
            }
        }

        func run() throws {
            let resources = LoadedResources.loadCollectingIssues(
                lexicons: DataHome.resolve(lexicons), learnedLexicons: try layers(), referencedFrom: "--lexicons", readsExports: false)
            let errors = resources.issues.filter(\.isError)
            if !errors.isEmpty {
                for line in DataFileIssue.listed(errors) { printError("error: \(line)") }
                throw ExitCodes.configurationError
            }
            let masker = try loadMasker()
            // Without --explain the output is the label, the score and the language: themes are not
            // tagged, and the evidence is not made.
            let analyzer = RecordAnalyzer(resources: resources, producing: explain ? [.language, .sentiment, .themes] : [.language, .sentiment],
                                          explaining: explain)
            guard let input = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file) else {
                printError("verbatim: cannot open \(file)")
                throw ExitCodes.failedNothingWritten
            }
            // The options read once, not through their property wrappers for every line.
            var window = ClassifyWindow(analyzer: analyzer, declared: lang == "auto" ? nil : Language(rawValue: lang), row: rowWriter(masker))
            read(input, into: &window)
            window.finish()
            if window.linesSetAside > 0 { throw ExitCodes.completedWithRejects }
        }

        /// Every line of `input` into the window: text saved in UTF-16 or a Windows code page is read as an
        /// export is, and said so; a line too long or not valid text is set aside.
        private func read(_ input: FileHandle, into window: inout ClassifyWindow) {
            var reader = LineReader(handle: input, detectsEncoding: true)
            var encodingSaid = false
            var number = 0
            while let read = reader.next() {
                if !encodingSaid, let found = reader.encoding {
                    encodingSaid = true
                    printError("verbatim classify: reading \(file == "-" ? "standard input" : file) as \(found.encoding.rawValue) (\(found.how))")
                }
                number += 1
                switch read {
                case let .text(line):
                    window.add(line)
                case let .tooLong(bytes):
                    window.setAside(line: number, "\(bytes) bytes, longer than the \(reader.maxLineBytes / (1 << 20)) MiB one text may have")
                case let .notUTF8(at, bytes):
                    window.setAside(line: number, LineReader.notUTF8Reason(at: at, bytes: bytes))
                }
            }
        }

        /// What writes one record's row (with its line break) for the options given.
        private func rowWriter(_ masker: PersonalDataMasker?) -> (FeedbackRecord, inout [UInt8]) -> Void {
            if format == "json" { return { r, bytes in bytes.append(contentsOf: json(r, masker).utf8) } }
            let explain = explain
            return { r, bytes in
                Self.appendResult(r, to: &bytes)
                if explain { bytes.append(contentsOf: explanation(r, masker).utf8) }
                bytes.append(0x0A)
            }
        }

        /// A TSV row's first columns, `label<TAB>score<TAB>language`.
        static func appendResult(_ r: FeedbackRecord, to bytes: inout [UInt8]) {
            guard let s = r.sentiment else { return }
            bytes.append(contentsOf: s.label.rawValue.utf8)
            bytes.append(0x09)
            NumberFormat.appendFixed(s.score, 4, to: &bytes)
            bytes.append(0x09)
            bytes.append(contentsOf: r.language.rawValue.utf8)
        }

        /// The masker of `<lexicons>/pii/` with `--pii mask`; its rules' errors stop the command.
        func loadMasker() throws -> PersonalDataMasker? {
            guard pii == .mask else { return nil }
            let (rules, issues) = MaskingRules.load(directory: URL(fileURLWithPath: lexicons).appendingPathComponent("pii"))
            let errors = issues.filter(\.isError)
            guard errors.isEmpty else {
                for line in DataFileIssue.listed(errors) { printError("error: \(line)") }
                throw ExitCodes.configurationError
            }
            return rules.masker
        }

        /// Which tokens are personal data (found in their surfaces as written), nil for each without a masker.
        func maskedTokens(_ r: FeedbackRecord, _ masker: PersonalDataMasker?) -> [MaskingKind?] {
            masker?.kinds(ofPieces: r.tokens.surfaces, in: r.normalizedText) ?? Array(repeating: nil, count: r.tokens.count)
        }

        /// The columns `--explain` adds to a TSV row, each after a tab: language confidence, tokens (lookup
        /// forms), evidence, themes.
        func explanation(_ r: FeedbackRecord, _ masker: PersonalDataMasker?) -> String {
            let s = r.sentiment!
            let masked = maskedTokens(r, masker)
            let tokens = r.tokens.indices.map { k in
                let kind = r.tokens[k].kind
                return masked[k]?.placeholder ?? (kind == .word ? r.tokens.form(k) : kind == .contrast ? "|" + r.tokens.form(k) + "|" : r.tokens.surface(k))
            }.joined(separator: " ")
            let evidence = s.evidence.isEmpty ? (s.reason ?? "") : Evidence.line(s.evidence)
            let themes = ThemeTag.list(r.themes.map(\.tag), separator: ",")
            return "\t\(NumberFormat.fixed(r.languageConfidence, 2))\t\(tokens.replacingTabs())\t\((masker?.mask(evidence) ?? evidence).replacingTabs())\t\(themes)"
        }

        /// One piece of evidence in `--explain --format json`.
        func evidenceJSON(_ e: Evidence, _ tokens: TokenList, _ mask: (String) -> String) -> JSONValue {
            var fields: [(String, JSONValue)] = [
                ("matched", .string(mask(e.matched(in: tokens)))), ("term", .string(e.term)), ("base", .double(e.baseValence, 2)),
                ("final", .double(e.finalValence, 2)), ("rules", .array(e.ruleTexts.map { .string($0) })), ("clause", .int(e.clause)),
            ]
            if let learned = e.learned { fields.append(("learned", .string(learned))) }
            return .object(fields)
        }

        func json(_ r: FeedbackRecord, _ masker: PersonalDataMasker?) -> String {
            let s = r.sentiment!
            let mask = { (text: String) in masker?.mask(text) ?? text }
            let masked = maskedTokens(r, masker)
            var pairs: [(String, JSONValue)] = [
                ("label", .string(s.label.rawValue)), ("score", .double(s.score)), ("language", .string(r.language.rawValue)),
            ]
            if explain {
                pairs += [
                    ("language_confidence", .double(r.languageConfidence, 2)),
                    ("language_source", .string(r.languageSource.rawValue)),
                    // The lexicon that read the text (a Russian text in a Kazakh file: kk); null: none did.
                    ("lexicon", Language.scored.contains(r.scoringLanguage) ? .string(r.scoringLanguage.rawValue) : .null),
                    ("normalized", .string(mask(r.normalizedText))),
                    ("tokens", .array(r.tokens.indices.map { k in
                        let t = r.tokens[k]
                        let surface: String = masked[k]?.placeholder ?? r.tokens.surface(k)
                        let form: String = masked[k]?.placeholder ?? r.tokens.form(k)
                        return .object([("kind", .string("\(t.kind)")), ("surface", .string(surface)), ("form", .string(form)), ("clause", .int(t.clause))])
                    })),
                    ("clause_scores", .array(s.clauseScores.map { .double($0) })),
                    ("evidence", .array(s.evidence.map { evidenceJSON($0, r.tokens, mask) })),
                    ("reason", s.reason.map { .string($0) } ?? .null),
                    ("themes", .array(r.themes.map { .object([("theme", .string($0.theme)), ("polarity", .string($0.polarity.rawValue)), ("keyword", .string($0.keyword))]) })),
                ]
            }
            return JSONValue.object(pairs).serialized().replacingNewlines() + "\n"
        }
    }
}

extension PIIMode: ExpressibleByArgument {}

extension String {
    func replacingTabs() -> String { String(map { $0 == "\t" || $0 == "\n" ? " " : $0 }) }
    /// The pretty JSON compacted onto one line: structural newlines and indentation only (strings escape \n).
    ///
    /// Walks the UTF-8 bytes, not `Character`s: a string that begins with a combining mark (a keycap
    /// U+20E3 cut off its digit) makes one `Character` of it and the opening quote, which hid the quote.
    func replacingNewlines() -> String {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var inString = false, escape = false, skipSpaces = false
        for c in utf8 {
            if skipSpaces { if c == space { continue } else { skipSpaces = false } }
            if inString {
                out.append(c)
                if escape { escape = false } else if c == backslash { escape = true } else if c == quote { inString = false }
                continue
            }
            if c == quote { inString = true; out.append(c); continue }
            if c == newline { skipSpaces = true; continue }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
