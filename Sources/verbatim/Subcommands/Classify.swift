import ArgumentParser
import Foundation
import VerbatimCore
import VerbatimPipeline
import VerbatimReports

extension Verbatim {
    /// `verbatim classify`: one text per line in, one result per line out.
    struct Classify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classify texts, one per line, from a file or standard input.",
            discussion: """
                Output (tsv): label<TAB>score<TAB>language, in input order. With --explain, more
                columns follow: language confidence, tokens (lookup forms), evidence, themes.
                JSON: one object per line.
                """ + "\n\n" + ExitCodes.help)

        @Option(name: .long, help: "Language: auto, tr, kk, mn or sr.")
        var lang = "auto"

        @Flag(name: .long, help: "Show tokens, detected language and the evidence behind each label.")
        var explain = false

        @Option(name: .long, help: "Output format: tsv or json.")
        var format = "tsv"

        @Option(name: .long, help: "Folder of linguistic data (default: lexicons/ here, else $VERBATIM_HOME/lexicons or the installed data).")
        var lexicons = "lexicons"

        @Argument(help: "File with one text per line, or - for standard input.")
        var file = "-"

        func validate() throws {
            guard ["auto", "tr", "kk", "mn", "sr"].contains(lang) else { throw ValidationError("--lang must be auto, tr, kk, mn or sr") }
            guard ["tsv", "json"].contains(format) else { throw ValidationError("--format must be tsv or json") }
        }

        func run() throws {
            let resources = LoadedResources.loadCollectingIssues(lexicons: DataHome.resolve(lexicons), referencedFrom: "--lexicons")
            let errors = resources.issues.filter(\.isError)
            if !errors.isEmpty {
                for e in errors { printError("error: \(e)") }
                throw ExitCodes.configurationError
            }
            let analyzer = RecordAnalyzer(resources: resources)
            let declared = lang == "auto" ? nil : Language(rawValue: lang)
            guard let input = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file) else {
                printError("verbatim: cannot open \(file)")
                throw ExitCodes.failedNothingWritten
            }
            var reader = LineReader(handle: input)
            var out = ""
            while let line = reader.next() {
                let r = analyzer.analyze(line, language: declared)
                out += format == "json" ? json(r) : tsv(r)
                if out.utf8.count > 1 << 16 { FileHandle.standardOutput.write(Data(out.utf8)); out = "" }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }

        func tsv(_ r: FeedbackRecord) -> String {
            let s = r.sentiment!
            var line = "\(s.label.rawValue)\t\(NumberFormat.fixed(s.score, 4))\t\(r.language.rawValue)"
            if explain {
                let tokens = r.tokens.map { t in t.kind == .word ? t.form : t.kind == .contrast ? "|" + t.form + "|" : t.surface }.joined(separator: " ")
                let evidence = s.evidence.isEmpty ? (s.reason ?? "") : s.evidence.map(\.summary).joined(separator: "; ")
                let themes = r.themes.map { "\($0.theme):\($0.polarity.rawValue)" }.joined(separator: ",")
                line += "\t\(NumberFormat.fixed(r.languageConfidence, 2))\t\(tokens.replacingTabs())\t\(evidence.replacingTabs())\t\(themes)"
            }
            return line + "\n"
        }

        func json(_ r: FeedbackRecord) -> String {
            let s = r.sentiment!
            var pairs: [(String, JSONValue)] = [
                ("label", .string(s.label.rawValue)), ("score", .double(s.score)), ("language", .string(r.language.rawValue)),
            ]
            if explain {
                pairs += [
                    ("language_confidence", .double(r.languageConfidence, 2)),
                    ("normalized", .string(r.normalizedText)),
                    ("tokens", .array(r.tokens.map { t in
                        .object([("kind", .string("\(t.kind)")), ("surface", .string(t.surface)), ("form", .string(t.form)), ("clause", .int(t.clause))])
                    })),
                    ("clause_scores", .array(s.clauseScores.map { .double($0) })),
                    ("evidence", .array(s.evidence.map { e in
                        .object([("matched", .string(e.matched)), ("term", .string(e.term)), ("base", .double(e.baseValence, 2)),
                                 ("final", .double(e.finalValence, 2)), ("rules", .array(e.rules.map { .string($0) })), ("clause", .int(e.clause))])
                    })),
                    ("reason", s.reason.map { .string($0) } ?? .null),
                    ("themes", .array(r.themes.map { .object([("theme", .string($0.theme)), ("polarity", .string($0.polarity.rawValue)), ("keyword", .string($0.keyword))]) })),
                ]
            }
            return JSONValue.object(pairs).serialized().replacingNewlines() + "\n"
        }
    }
}

/// Reads lines from a file handle in chunks; invalid UTF-8 is replaced, never fatal.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false

    init(handle: FileHandle) { self.handle = handle }

    mutating func next() -> String? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                var end = nl
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = nl + 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
            if start > 0 { buffer.removeFirst(start); start = 0 }
            let data = handle.readData(ofLength: 1 << 16)
            if data.isEmpty { eof = true } else { buffer.append(contentsOf: data) }
        }
    }
}

extension String {
    func replacingTabs() -> String { String(map { $0 == "\t" || $0 == "\n" ? " " : $0 }) }
    func replacingNewlines() -> String {
        // Compact the pretty JSON onto one line: structural newlines and indentation only (strings escape \n).
        var out = ""
        var inString = false, escape = false, skipSpaces = false
        for c in self {
            if skipSpaces { if c == " " { continue } else { skipSpaces = false } }
            if inString {
                out.append(c)
                if escape { escape = false } else if c == "\\" { escape = true } else if c == "\"" { inString = false }
                continue
            }
            if c == "\"" { inString = true; out.append(c); continue }
            if c == "\n" { skipSpaces = true; continue }
            out.append(c)
        }
        return out
    }
}
