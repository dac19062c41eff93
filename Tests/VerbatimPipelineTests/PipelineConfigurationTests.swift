import Foundation
import Testing
import VerbatimIngest
import VerbatimTestSupport
@testable import VerbatimPipeline

@Suite("Pipeline files")
struct PipelineConfigurationTests {
    func parse(_ yaml: String, env: [String: String] = [:]) throws -> PipelineConfiguration {
        try PipelineConfiguration.parse(yaml: yaml, file: "p.yaml", environment: env)
    }

    @Test func bundledPipelinesAreValid() throws {
        for name in ["nightly", "fixtures"] {
            let c = try PipelineConfiguration.load(path: RepoPaths.root.appendingPathComponent("pipelines/\(name).yaml").path)
            #expect(c.stages.map(\.use) == ["normalize", "language", "employee_mentions", "sentiment", "themes"])
            #expect(c.roster?.lastPathComponent == "roster.tsv")
            #expect(c.reports == PipelineConfiguration.knownReports, "the bundled pipelines write every report")
        }
    }

    /// A pipeline read from a pipe (`verbatim validate /dev/stdin` with a here-document) reads as a file
    /// does; one an editor saved in a code page or as UTF-16 says so and where.
    @Test func pipelineFromAPipeReadsAndOneNotInUTF8SaysWhere() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("input: exports\nstages: [normalize]\n".utf8))
        try pipe.fileHandleForWriting.close()
        let c = try PipelineConfiguration.load(path: "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)")
        #expect(c.input.lastPathComponent == "exports" && c.stages.map(\.use) == ["normalize"])

        let f = TemporaryFolder("pipeline-encoding")
        defer { f.remove() }
        let cases: [(String, [UInt8], String)] = [
            ("cp1254.yaml", Array("input: x\n# Gece ".utf8) + [0xE7, 0x61, 0x6C, 0x0A], "line 2 has the byte 0xE7"),
            ("utf16.yaml", [0xFF, 0xFE, 0x69, 0x00], "saved as UTF-16"),
        ]
        for (name, bytes, expected) in cases {
            let path = f.write(name, bytes).path
            do {
                _ = try PipelineConfiguration.load(path: path)
                Issue.record("\(name): expected an error")
            } catch {
                #expect("\(error)" == "\(path): cannot read the pipeline file: not UTF-8 text (\(expected); save the file as UTF-8)")
            }
        }
    }

    @Test func personalDataIsMaskedUnlessTurnedOff() throws {
        #expect(try parse("input: x\n").pii == .mask)
        #expect(try parse("input: x\npii: off\n").pii == .off)
        do {
            _ = try parse("input: x\npii: hide\n")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("p.yaml:2") && "\(error)".contains("mask") && "\(error)".contains("off"), "\(error)")
        }
    }

    @Test func misspelledKeyIsNamedWithLineAndSuggestion() {
        do {
            _ = try parse("input: x\nstages:\n  - use: sentiment\n    positive_treshold: 0.1\n")
            Issue.record("expected an error")
        } catch {
            let text = "\(error)"
            #expect(text.contains("p.yaml:4"))
            #expect(text.contains("unknown key 'positive_treshold'"))
            #expect(text.contains("did you mean 'positive_threshold'"))
        }
        #expect(throws: ConfigurationError.self) { try parse("input: x\noutptu: y\n") }
    }

    @Test func environmentOverridesPaths() throws {
        let c = try parse("input: ${EXPORTS:-fixtures/exports}\noutput: ${REPORTS:-reports}\n", env: ["EXPORTS": "/data/exports"])
        #expect(c.input.path == "/data/exports")
        #expect(c.output.lastPathComponent == "reports")
    }

    @Test func stagesCanBeTurnedOffButNotOutOfOrder() throws {
        let c = try parse("input: x\nstages:\n  - normalize\n  - language\n  - use: sentiment\n  - use: themes\n    enabled: false\n")
        #expect(c.stages.filter(\.enabled).map(\.use) == ["normalize", "language", "sentiment"])
        #expect(throws: ConfigurationError.self) { try parse("input: x\nstages:\n  - normalize\n  - sentiment\n") }
        #expect(throws: ConfigurationError.self) { try parse("input: x\nstages:\n  - normalize\n  - tokenize\n") }
    }

    /// Every option a stage declares is read into its typed value, and a value outside its declared range is
    /// refused with the file's line: the descriptors are the one source of what a stage accepts.
    @Test func everyDeclaredOptionIsTypedAndRanged() throws {
        for descriptor in StageRegistry.entries {
            for option in descriptor.options {
                // Inside the range and not the default, so that reading it changes something.
                let middle = (option.range.lowerBound + option.range.upperBound) / 2
                let inside = middle == option.defaultValue ? (option.range.lowerBound + middle) / 2 : middle
                let c = try parse("input: x\nstages:\n  - normalize\n  - language\n  - use: \(descriptor.name)\n    \(option.key): \(inside)\n")
                let stage = try #require(c.stages.first { $0.use == descriptor.name })
                #expect(option.value(in: stage.rules) == inside, "\(descriptor.name).\(option.key)")
                #expect(option.defaultValue != inside)
                let outside = option.range.upperBound + 1
                do {
                    _ = try parse("input: x\nstages:\n  - normalize\n  - language\n  - use: \(descriptor.name)\n    \(option.key): \(outside)\n")
                    Issue.record("\(option.key): \(outside) should be refused")
                } catch {
                    #expect("\(error)".contains("p.yaml:6"), "\(error)")
                }
            }
        }
        let thresholds = try parse("input: x\nstages:\n  - normalize\n  - language\n  - use: sentiment\n    positive_threshold: 0.3\n")
        #expect(thresholds.sentimentRules.useCalibratedThresholds == false, "thresholds set in the pipeline win over a learned calibration")
        #expect(try parse("input: x\n").sentimentRules.useCalibratedThresholds)
    }

    @Test func sourceRulesAreTyped() throws {
        let c = try parse("""
            input: x
            sources:
              - match: "tr_*.csv"
                delimiter: ";"
                encoding: cp1254
                language: tr
                columns: {text: Yorum}
                rating_scale: nps
                date_order: month_first
                time_zone: Europe/Istanbul
              - match: "*.xml"
                record: mention
                time_zone: "+05:00"
                fields: {text: body, employee: "agent/name"}
            """)
        let tr = c.options(for: "tr_anket.csv")
        #expect(tr.delimiter == UInt8(ascii: ";"))
        #expect(tr.encoding == .windows1254)
        #expect(tr.language == .tr)
        #expect(tr.columns[.text] == "Yorum")
        #expect(tr.ratingScale == .nps && c.options(for: "x.xml").ratingScale == nil)
        #expect(tr.dateOrder == .monthFirst && c.options(for: "x.xml").dateOrder == nil)
        #expect(tr.timeZone?.description == "Europe/Istanbul" && c.options(for: "x.xml").timeZone?.description == "+05:00")
        #expect(c.options(for: "other.csv").timeZone == nil)
        #expect(c.options(for: "x.xml").xmlFields[.employee] == "agent/name")
        #expect(c.options(for: "other.csv").delimiter == nil)
        #expect(throws: ConfigurationError.self) { try parse("input: x\nsources:\n  - match: a\n    encoding: latin9\n") }
        #expect(throws: ConfigurationError.self) { try parse("input: x\nsources:\n  - match: a\n    columns: {comment: X}\n") }
        do { _ = try parse("input: x\nsources:\n  - match: a\n    rating_scale: stars\n"); Issue.record("expected an error") } catch {
            #expect("\(error)".contains("csat (1–5) or nps (0–10)"), "\(error)")
        }
        do { _ = try parse("input: x\nsources:\n  - match: a\n    date_order: mdy\n"); Issue.record("expected an error") } catch {
            #expect("\(error)".contains("day_first (21/11/2026) or month_first (11/21/2026)"), "\(error)")
        }
        // At the top: every source whose rule sets none.
        let top = try parse("input: x\ntime_zone: Asia/Ulaanbaatar\nsources:\n  - match: \"kk_*\"\n    time_zone: Asia/Almaty\n  - match: \"*.csv\"\n    delimiter: \";\"\n")
        #expect(top.options(for: "kk_x.json").timeZone?.description == "Asia/Almaty")
        #expect(top.options(for: "mn.csv").timeZone?.description == "Asia/Ulaanbaatar" && top.options(for: "mn.csv").delimiter == UInt8(ascii: ";"))
        #expect(top.options(for: "mn.xml").timeZone?.description == "Asia/Ulaanbaatar")
        #expect(throws: ConfigurationError.self) { try parse("input: x\ntime_zone: +25:00\n") }
        do { _ = try parse("input: x\nsources:\n  - match: a\n    time_zone: Almaty\n"); Issue.record("expected an error") } catch {
            #expect("\(error)".contains("p.yaml:4: sources[0].time_zone is 'Almaty'; expected a time zone name"), "\(error)")
        }
    }

    /// `own_accounts:` at the top applies to every source; a rule's own list adds to it. An empty name is
    /// an error with its line.
    @Test func ownAccountsAtTheTopAndPerSource() throws {
        let c = try parse("input: x\nown_accounts: [\"@TurkTelekom\", user900]\nsources:\n  - match: \"telegram_*\"\n    own_accounts:\n      - \"Aigerim | Support\"\n")
        #expect(c.options(for: "telegram_kk.json").ownAccounts == OwnAccounts(["turktelekom", "USER900", "aigerim | support"]))
        #expect(c.options(for: "mentions.json").ownAccounts == OwnAccounts(["@turktelekom", "user900"]))
        #expect(try parse("input: x\n").options(for: "a.json").ownAccounts.isEmpty)
        do { _ = try parse("input: x\nown_accounts: [\"@\"]\n"); Issue.record("expected an error") } catch {
            #expect("\(error)".contains("p.yaml:2") && "\(error)".contains("an account's name, handle or id"), "\(error)")
        }
        #expect(throws: ConfigurationError.self) { try parse("input: x\nown_accounts: TurkTelekom\n") }
    }

    @Test func yamlSyntaxErrorsHaveALine() {
        do { _ = try parse("input: x\nstages: [a\n"); Issue.record("expected an error") } catch {
            #expect("\(error)".contains("p.yaml:"))
        }
    }

    /// A key written twice (where only one would count) is named with the line of its first use, without the
    /// whole file that the YAML library's own message repeats.
    @Test func aKeyGivenTwiceIsNamedWithItsLine() {
        for (yaml, expected) in [("input: x\nstages: [normalize]\nreports: [summary.json]\nstages: [normalize, language]\n", "p.yaml:2:1: "),
                                 ("input: x\nstages:\n  - use: sentiment\n    positive_threshold: 0.1\n    positive_threshold: 0.2\n", "p.yaml:4:5: ")] {
            do { _ = try parse(yaml); Issue.record("expected an error for \(yaml)") } catch {
                let text = "\(error)"
                #expect(text.hasPrefix(expected) && text.contains("given twice in one mapping"), "\(text)")
                #expect(!text.contains("\n"), "one line: \(text)")
            }
        }
    }

    @Test func globPatterns() {
        #expect(Glob.matches("tr_*.csv", "tr_anket_2026.csv"))
        #expect(!Glob.matches("tr_*.csv", "kk_anket.csv"))
        #expect(Glob.matches("*", "x"))
        #expect(Glob.matches("a?c", "abc"))
    }
}

@Suite("Line diff")
struct LineDiffTests {
    @Test func unifiedDiffShowsTheChangedLine() {
        let a = (1...20).map { "line \($0)" }.joined(separator: "\n")
        let b = a.replacingOccurrences(of: "line 10", with: "line ten")
        let d = LineDiff.unified(expected: a, actual: b, expectedName: "e", actualName: "a")
        #expect(d.contains("-line 10\n+line ten\n"))
        #expect(d.contains("@@ -7,7 +7,7 @@"))
        #expect(LineDiff.unified(expected: a, actual: a, expectedName: "e", actualName: "a").isEmpty)
    }

    /// The CSV reports end their lines with CRLF, which as a `Character` is one grapheme, not `\n`: the
    /// diff must still be line by line, and line ends alone make no difference in it.
    @Test func linesEndingInCRLFAreDiffedLineByLine() {
        let a = (1...20).map { "row \($0)" }.joined(separator: "\r\n") + "\r\n"
        let b = a.replacingOccurrences(of: "row 10", with: "row ten")
        let d = LineDiff.unified(expected: a, actual: b, expectedName: "e", actualName: "a")
        #expect(d.contains("-row 10\n+row ten\n"), "\(d)")
        #expect(d.contains("@@ -7,7 +7,7 @@"))
        #expect(LineDiff.unified(expected: a, actual: a.replacingOccurrences(of: "\r\n", with: "\n"), expectedName: "e", actualName: "a").isEmpty)
    }
}
