import Foundation
import Testing
import VerbatimTestSupport

/// Runs the built `verbatim` binary as a user would (`make test` builds it first).
@Suite("verbatim command line", .serialized)
struct CommandLineTests {
    @Test func validateNamesAMisspelledKey() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let p = dir.write("bad.yaml", "input: fixtures/exports\nlexicons: lexicons\naggregate:\n  min_respnses: 3\n")
        let r = try runVerbatim(["validate", p.path])
        #expect(r.status == 78)
        #expect(r.stderr.contains("unknown key 'min_respnses'"))
        #expect(r.stderr.contains("did you mean 'min_responses'"))
        #expect(r.stderr.contains("bad.yaml:4"))
    }

    @Test func validateAcceptsTheBundledPipelines() throws {
        for p in ["pipelines/nightly.yaml", "pipelines/fixtures.yaml"] {
            let r = try runVerbatim(["validate", p])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("stages: normalize → language → employee_mentions → sentiment → themes"))
        }
    }

    /// `own_accounts:` is said back by `validate`: how many for every source, and how many more per rule.
    @Test func validateSaysTheOwnAccounts() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let p = dir.write("own.yaml", """
            input: fixtures/exports
            lexicons: lexicons
            own_accounts: ["@TurkTelekom", turktelekom, user900]
            sources:
              - match: "telegram_*"
                own_accounts: ["Aigerim | Support"]
            """)
        let r = try runVerbatim(["validate", p.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("own accounts, set aside as staff answers: 2 for every source; 1 more for 'telegram_*'"), "\(r.stdout)")
        #expect(!(try runVerbatim(["validate", "pipelines/fixtures.yaml"])).stdout.contains("own accounts"))
    }

    @Test func checkPassesOnThePinnedFixturesAndFailsWithADiffWhenOneChanges() throws {
        let ok = try runVerbatim(["check", "--pipeline", "pipelines/fixtures.yaml"])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")

        let copy = TemporaryFolder()
        defer { copy.remove() }
        let expected = RepoPaths.fixtures.appendingPathComponent("expected")
        for name in try FileManager.default.contentsOfDirectory(atPath: expected.path) {
            let text = try String(contentsOf: expected.appendingPathComponent(name), encoding: .utf8)
            copy.write(name, name == "report.md" ? text.replacingOccurrences(of: "# Verbatim report", with: "# Verbatim REPORT") : text)
        }
        let bad = try runVerbatim(["check", "--pipeline", "pipelines/fixtures.yaml", "--expected", copy.url.path])
        #expect(bad.status == 3)
        #expect(bad.stdout.contains("✗ report.md"))
        #expect(bad.stdout.contains("-# Verbatim REPORT"))
        #expect(bad.stdout.contains("+# Verbatim report"))
    }

    @Test func classifyGivesOneResultPerLineInOrder() throws {
        let input = "Temsilci çok kibardı, teşekkürler\n\nОператор грубый и ничего не решил\n\u{1F44D}\nOperaterka je bila neljubazna\n"
        let r = try runVerbatim(["classify"], stdin: input)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("positive\t") && lines[0].hasSuffix("\ttr"))
        #expect(lines[1] == "neutral\t0.0000\tund")
        #expect(lines[2].hasSuffix("\tru") && lines[2].hasPrefix("negative\t"), "Russian, read with the Russian words of the Kazakh lexicon")
        #expect(lines[4].hasPrefix("negative\t") && lines[4].hasSuffix("\tsr"))
    }

    /// A file saved in a Windows code page (Notepad on Turkish Windows) or UTF-16 is read as an export is,
    /// with a note of the encoding on stderr: the same rows as its UTF-8 form, not replacement characters.
    @Test func classifyReadsAFileInACodePageOrUTF16AsItsUTF8Form() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let text = "Çok kötü bir hizmet, berbattı\nOperatör çok kibardı, teşekkürler\n"
        let table: [Unicode.Scalar: UInt8] = ["Ç": 0xC7, "ö": 0xF6, "ü": 0xFC, "ı": 0xFD, "ş": 0xFE]
        let utf8 = dir.write("utf8.txt", text)
        let codePage = dir.write("cp1254.txt", text.unicodeScalars.map { table[$0] ?? UInt8($0.value) })
        let utf16 = dir.write("utf16.txt", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let expected = try runVerbatim(["classify", "--explain", utf8.path])
        #expect(expected.status == 0 && expected.stderr.isEmpty, "\(expected.stderr)")
        for (file, note) in [(codePage, "as windows-1254 (guessed from letters)"), (utf16, "as utf-16le (BOM)")] {
            let r = try runVerbatim(["classify", "--explain", file.path])
            #expect(r.status == 0)
            #expect(r.stdout == expected.stdout)
            #expect(r.stderr.contains("reading \(file.path) \(note)"), "\(r.stderr)")
        }
    }

    /// The inputs by name (an argument is shown in the test log, and the first input is 4.4 MB).
    static func lineClassifyCannotAnalyse(_ name: String) -> (input: [UInt8], reason: String) {
        if name == "too long" {
            let long = Array("Berbat bir hizmet\n".utf8) + Array(String(repeating: "ж", count: 2_200_000).utf8) + Array("\nÇok iyi\n".utf8)
            return (long, "line 2: 4400000 bytes, longer than the 4 MiB one text may have: not analysed")
        }
        let codePage = Array("Berbat bir hizmet, çok üzgünüm\n".utf8) + [0x4B, 0xF6, 0x74, 0xFC, 0x0A] + Array("Çok iyi, teşekkür ederim\n".utf8)
        return (codePage, "line 2: bytes that are not valid utf-8 (F6 at byte 2): not analysed")
    }

    /// A line `classify` cannot analyse is set aside in its place, its row neutral with why, and the command
    /// exits 2: a line past 4 MiB (a binary file piped in, a whole export on one line), not held in memory;
    /// a line with bytes that are not UTF-8 (a line of a windows-1254 file pasted into UTF-8 text), as an
    /// export's row with such bytes is, instead of being scored with them replaced. The UTF-8 around the
    /// second is enough for the input to be read as UTF-8 (`EncodingDetector.leansUTF8`).
    @Test(arguments: ["too long", "not UTF-8"])
    func classifySetsAsideALineItCannotAnalyse(_ name: String) throws {
        let (input, reason) = Self.lineClassifyCannotAnalyse(name)
        let r = try runVerbatim(["classify", "--explain"], stdinBytes: input)
        #expect(r.status == 2)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("negative\t") && lines[2].hasPrefix("positive\t"))
        #expect(lines[1] == "neutral\t0.0000\tund\t0.00\t\t\(reason)\t")
        #expect(r.stderr.contains("verbatim: \(reason)"))
    }

    @Test func classifyWithoutExplainGivesTheSameLabelsWithoutTaggingThemes() throws {
        // Plain `classify` runs no themes stage (its output has no themes): the label, score and language
        // must still be exactly those of `--explain`, whose last column shows the themes it tagged.
        let input = "Operatör çok kaba, 2 saat bekledim\nОператор өте сыпайы, рахмет\nDostava kasni, ali je kurir ljubazan\n"
        let plain = try runVerbatim(["classify"], stdin: input)
        let explained = try runVerbatim(["classify", "--explain"], stdin: input)
        #expect(plain.status == 0 && explained.status == 0)
        let rows = explained.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(plain.stdout.split(separator: "\n").map(String.init) == rows.map { $0.prefix(3).joined(separator: "\t") })
        #expect(rows.allSatisfy { !$0.last!.isEmpty }, "each text mentions a theme under --explain")
    }

    @Test func classifyExplainShowsTokensRulesAndJSON() throws {
        let r = try runVerbatim(["classify", "--explain", "--format", "json", "--lang", "tr"], stdin: "hiç beğenmedim\n")
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"label\": \"negative\""))
        #expect(r.stdout.contains("negation(-me"), "the negation suffix inside the word is named")
        #expect(r.stdout.contains("\"surface\": \"beğenmedim\",\"form\": \"begenmedim\""), "the lookup form folds Turkish letters")
        #expect(r.stdout.split(separator: "\n").count == 1)
    }

    /// `classify --lang auto` over lines of one language: a line too plain to identify takes theirs, and
    /// a Russian line among Kazakh ones is read by the Kazakh lexicon; `--explain` JSON says where each
    /// line's language came from and which lexicon read it, and the rows keep the input's order.
    @Test func classifyGivesAPlainLineTheLanguageOfTheOthersAndSaysSo() throws {
        let kazakh = ["Оператор өте сыпайы болды", "Жеткізу кешікті", "Қызмет маған ұнады", "Ақша қайтарылмады", "Рахмет, бәрі жақсы"]
        let input = (["Кашан тартылат", "Приложение не работает уже третий день"] + kazakh).joined(separator: "\n") + "\n"
        let r = try runVerbatim(["classify", "--explain", "--format", "json"], stdin: input)
        #expect(r.status == 0)
        let objects = try r.stdout.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        try #require(objects.count == 7)
        #expect(objects[0]["language"] as? String == "kk" && objects[0]["language_source"] as? String == "context")
        #expect(objects[0]["normalized"] as? String == "Кашан тартылат", "the rows keep the input's order")
        #expect(objects[1]["language"] as? String == "ru" && objects[1]["lexicon"] as? String == "kk")
        #expect(objects[1]["label"] as? String == "negative")
        #expect(objects[2]["language_source"] as? String == "identified" && objects[2]["lexicon"] as? String == "kk")
        let alone = try runVerbatim(["classify", "--explain", "--format", "json"], stdin: "Кашан тартылат\n")
        #expect(alone.stdout.contains("\"language\": \"und\"") && alone.stdout.contains("\"lexicon\": null"), "\(alone.stdout)")
        let declared = try runVerbatim(["classify", "--explain", "--format", "json", "--lang", "kk"], stdin: "Кашан тартылат\n")
        #expect(declared.stdout.contains("\"language_source\": \"declared\""))
    }

    /// `--lang ru`: Russian declared keeps its language and is read with the Kazakh lexicon's Russian words and themes.
    @Test func classifyReadsDeclaredRussianWithTheKazakhLexicon() throws {
        let r = try runVerbatim(["classify", "--explain", "--format", "json", "--lang", "ru"], stdin: "Связь пропадает\nДеньги до сих пор не вернули.\n")
        #expect(r.status == 0)
        let objects = try r.stdout.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        try #require(objects.count == 2)
        for o in objects {
            #expect(o["language"] as? String == "ru" && o["language_source"] as? String == "declared" && o["lexicon"] as? String == "kk")
            #expect(o["label"] as? String == "negative", "\(o)")
        }
        let themes = try #require(objects[1]["themes"] as? [[String: Any]])
        #expect(themes.map { "\($0["theme"] ?? ""):\($0["polarity"] ?? "")" } == ["price_billing:negative"])
        let wrong = try runVerbatim(["classify", "--lang", "en"], stdin: "ok\n")
        #expect(wrong.status == 64 && wrong.stderr.contains("--lang must be auto, tr, kk, mn, sr or ru"), "\(wrong.stderr)")
    }

    @Test func classifyJSONIsOneLinePerTextWhenAStringStartsWithACombiningMark() throws {
        // A keycap cut from its digit (U+20E3) and a text that begins with an accent (U+0301): each JSON string that
        // starts with the mark once joined its opening quote into one Character and the line broke in three.
        let input = "Өте жақсы 👌8\u{FE0F}\u{20E3}8\u{FE0F}\u{20E3}😊\n\u{0301}iyi hizmet\nçok iyi\n"
        let r = try runVerbatim(["classify", "--explain", "--format", "json", "--lang", "auto"], stdin: input)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3, "\(r.stdout)")
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["label"] is String, "\(line)")
        }
    }

    @Test func runReportsWhereTheReportsAreAndExitsTwoOnRejects() throws {
        let out = TemporaryFolder()
        defer { out.remove() }
        let r = try runVerbatim(["run", "--pipeline", "pipelines/fixtures.yaml", "--out", out.url.appendingPathComponent("r").path, "--quiet"])
        #expect(r.stdout.contains("Reports written to"))
        #expect(r.status == 0 || r.status == 2)
        #expect(out.read("r/summary.json") != nil)
    }

    @Test func helpDocumentsExitCodes() throws {
        let r = try runVerbatim(["run", "--help"])
        #expect(r.stdout.contains("EXIT CODES"))
        #expect(r.stdout.contains("78"))
    }

    @Test func usageErrorsExit64() throws {
        let r = try runVerbatim(["classify", "--lang", "xx"])
        #expect(r.status == 64)
    }
}
