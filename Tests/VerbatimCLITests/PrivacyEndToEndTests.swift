import Foundation
import Testing
import VerbatimTestSupport

/// A folder of exports full of personal data (`fixtures/pii/exports/`, all
/// synthetic, with valid check digits) goes through `verbatim run`: with
/// `pii: mask` none of it is in any output file, and the analysis is the
/// same as with `pii: off`, where all of it is (so the check can fail).
@Suite("Personal data never leaves a run", .serialized)
struct PrivacyEndToEndTests {
    static let pii = RepoPaths.fixtures.appendingPathComponent("pii")

    /// The lines of a list file under `fixtures/pii/`, comments skipped.
    static func list(_ name: String) throws -> [String] {
        try String(contentsOf: pii.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Runs the exports with `pii: <mode>`, every verbatim kept; returns every output file's text by name.
    static func run(_ mode: String) throws -> [String: String] {
        let dir = TemporaryFolder("verbatim-pii")
        defer { dir.remove() }
        let pipeline = dir.write("pii.yaml", """
            version: 1
            name: pii
            input: \(pii.appendingPathComponent("exports").path)
            lexicons: \(RepoPaths.lexicons.path)
            as_of: 2026-11-21
            pii: \(mode)
            aggregate:
              min_responses: 1
              top_verbatims: 50
            store: none
            """)
        let out = dir.url.appendingPathComponent("out")
        let r = try runVerbatim(["run", "--pipeline", pipeline.path, "--out", out.path, "--quiet"])
        #expect(r.status == 2, "some rows of the fixtures are rejected on purpose: \(r.stderr)")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            files[name] = String(decoding: try Data(contentsOf: out.appendingPathComponent(name)), as: UTF8.self)
        }
        return files
    }

    static func squeezed(_ s: String, dropping: Set<Character>) -> String { String(s.filter { !dropping.contains($0) && !$0.isWhitespace }) }

    @Test func noPersonalDataInAnyOutputFile() throws {
        let values = try Self.list("personal_data.txt")
        #expect(values.count >= 30)
        let files = try Self.run("mask")
        #expect(files.keys.sorted() == ["channels.csv", "employee_themes.csv", "employees.csv", "manifest.json", "records.csv", "rejects.csv",
                                         "report.html", "report.md", "summary.json", "themes.csv"])
        let punctuation: Set<Character> = [".", "-", "/", "(", ")", "+"]
        for (name, text) in files {
            let noSpaces = Self.squeezed(text, dropping: [])
            let bare = Self.squeezed(text, dropping: punctuation)
            for v in values {
                #expect(!text.contains(v), "\(name) holds \(v)")
                #expect(!noSpaces.contains(Self.squeezed(v, dropping: [])), "\(name) holds \(v) (spaces removed)")
                #expect(!bare.contains(Self.squeezed(v, dropping: punctuation)), "\(name) holds \(v) (separators removed)")
            }
        }
        // The placeholders stand where the data was.
        let summary = files["summary.json"] ?? ""
        for p in ["[phone]", "[email]", "[card]", "[iban]", "[national_id]"] { #expect(summary.contains(p), "no \(p) in summary.json") }
        #expect(files["rejects.csv"]?.contains("[phone]") == true, "the rejected rows are masked too")
    }

    @Test func ordinaryNumbersStay() throws {
        let files = try Self.run("mask")
        for n in try Self.list("kept_numbers.txt") {
            #expect(files["summary.json"]?.contains(n) == true, "\(n) was masked")
            #expect(files["report.html"]?.contains(n) == true, "\(n) was masked in report.html")
        }
    }

    /// The same exports with `pii: off` quote every value: the test above could fail.
    @Test func withMaskingOffTheDataIsThere() throws {
        let files = try Self.run("off")
        let all = files.values.joined(separator: "\n")
        for v in try Self.list("personal_data.txt") { #expect(all.contains(v), "\(v) is not quoted in any report even unmasked") }
    }

    /// Sentiment, themes and language come from the original text: every table is the same masked or not,
    /// but for `records.csv`'s text, which is masked.
    @Test func maskingDoesNotChangeTheAnalysis() throws {
        let masked = try Self.run("mask"), open = try Self.run("off")
        for name in ["employees.csv", "themes.csv", "employee_themes.csv", "channels.csv"] {
            #expect(masked[name] == open[name], "\(name) differs")
        }
        let maskedRows = Self.rows(masked["records.csv"] ?? ""), openRows = Self.rows(open["records.csv"] ?? "")
        #expect(maskedRows.first?.last == "text" && maskedRows.count == openRows.count && maskedRows.count > 10)
        #expect(maskedRows.map { $0.dropLast() } == openRows.map { $0.dropLast() }, "records.csv differs before its text column")
        #expect(maskedRows.map(\.last) != openRows.map(\.last), "the text column is masked")
        #expect(masked["records.csv"]?.contains("PII-TR-1") == true)
    }

    /// The rows of a CSV file as its fields (quotes, doubled quotes and line breaks inside quotes read).
    static func rows(_ csv: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(csv.drop { $0 == "\u{FEFF}" }.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.unicodeScalars.append(c); chars.removeFirst() } else { quoted = false } }
                else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r" { continue }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        return rows
    }

    @Test func classifyMasksItsExplanationWhenAsked() throws {
        let text = "Berbat, beni 0532 123 45 67 numaradan arayın, mail ayse.kaya@example.com.tr\n"
        let masked = try runVerbatim(["classify", "--explain", "--pii", "mask", "--lang", "tr"], stdin: text)
        let open = try runVerbatim(["classify", "--explain", "--lang", "tr"], stdin: text)
        #expect(masked.status == 0, "\(masked.stderr)")
        #expect(open.stdout.contains("0532"))
        for v in ["0532", "123 45 67", "ayse.kaya"] { #expect(!masked.stdout.contains(v), "\(v) in \(masked.stdout)") }
        #expect(masked.stdout.contains("[phone]"))
        // Label, score and language are those of the original text.
        #expect(masked.stdout.split(separator: "\t").prefix(4) == open.stdout.split(separator: "\t").prefix(4))
        // So are the themes (the last column): no number, masked or not, is read as a theme word.
        #expect(masked.stdout.split(separator: "\t").last == open.stdout.split(separator: "\t").last)
        let json = try runVerbatim(["classify", "--explain", "--pii", "mask", "--format", "json"], stdin: text)
        for v in ["0532", "ayse.kaya"] { #expect(!json.stdout.contains(v), "\(v) in \(json.stdout)") }
    }

    /// The bundled fixtures hold no personal data: nothing in their pinned outputs is masked.
    @Test func noOrdinaryNumberOfTheFixturesIsMasked() throws {
        let expected = RepoPaths.fixtures.appendingPathComponent("expected")
        let names = try FileManager.default.contentsOfDirectory(atPath: expected.path)
        #expect(names.count >= 8)
        for name in names {
            let text = try String(contentsOf: expected.appendingPathComponent(name), encoding: .utf8)
            for p in ["[phone]", "[email]", "[card]", "[iban]", "[national_id]"] { #expect(!text.contains(p), "\(name) has \(p)") }
        }
    }

    /// `verbatim validate` loads the masking rules, names a bad line with file and line, and runs the examples.
    @Test func validateChecksTheMaskingRules() throws {
        let ok = try runVerbatim(["validate", "pipelines/fixtures.yaml"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("personal data in report text: masked ("))
        let dir = TemporaryFolder("verbatim-pii-rules")
        defer { dir.remove() }
        try FileManager.default.copyItem(at: RepoPaths.lexicons, to: dir.url.appendingPathComponent("lexicons"))
        dir.write("lexicons/pii/tr.tsv", "phone\t0 5dd ddd dd\t-\nphone\t+90 5xx\t-\nmask\tara 0532 123 45 67\tara [phone]\n")
        let pipeline = dir.write("p.yaml", "input: \(RepoPaths.fixtures.path)/exports\nlexicons: \(dir.url.path)/lexicons\n")
        let bad = try runVerbatim(["validate", pipeline.path])
        #expect(bad.status == 78)
        #expect(bad.stderr.contains("pii/tr.tsv line 2: shape '+90 5xx': 'x' is not allowed"), "\(bad.stderr)")
        #expect(bad.stderr.contains("pii/tr.tsv line 3: the rules give 'ara [phone] 67', the example expects 'ara [phone]'"), "\(bad.stderr)")
        let off = dir.write("off.yaml", "input: \(RepoPaths.fixtures.path)/exports\nlexicons: \(dir.url.path)/lexicons\npii: off\n")
        let skipped = try runVerbatim(["validate", off.path])
        #expect(skipped.status == 0, "with pii: off the rules are not used: \(skipped.stderr)")
        #expect(skipped.stdout.contains("written as read (pii: off)"))
    }
}
