import Foundation
import Testing
import VerbatimTestSupport

/// `verbatim learn` end to end, as a user runs it.
@Suite("verbatim learn", .serialized)
struct LearnCommandTests {
    /// A slice of the rated Kazakh export (every sixth row: ratings, not labels) gives a layer that,
    /// on top of the hand-written lexicon, raises binary macro-F1 on the Kazakh dev reviews.
    @Test func aLayerLearnedFromRatedExportsRaisesKazakhDevF1() throws {
        let rated = RepoPaths.shared.appendingPathComponent("eval/train/kk_rated_reviews.csv")
        let dev = RepoPaths.shared.appendingPathComponent("eval/dev/kk_reviews.tsv")
        let lines = try String(contentsOf: rated, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let slice = lines.enumerated().filter { $0.offset == 0 || $0.offset % 6 == 5 }.map(\.element).joined(separator: "\n")
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let export = dir.write("rated.csv", slice + "\n")
        let layer = dir.url.appendingPathComponent("kk_ours.tsv")
        let r = try runVerbatim(["learn", "--lang", "kk", "--date", "2026-12-01", "--out", layer.path, export.path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: layer, encoding: .utf8)
        #expect(text.contains("# source: \(export.path) (rated export,"))
        #expect(text.contains("cross-validated binary macro-F1"))

        let items = try String(contentsOf: dev, encoding: .utf8).split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: "\t", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
        let input = items.map { $0.1.replacingOccurrences(of: "\r", with: " ") }.joined(separator: "\n") + "\n"
        func f1(_ extra: [String]) throws -> Double {
            let out = try runVerbatim(["classify", "--lang", "kk"] + extra, stdin: input)
            let labels = out.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] }
            return BinaryF1.of(gold: items.map(\.0), predicted: labels.map { $0 == "positive" ? "pos" : $0 == "negative" ? "neg" : "neu" })
        }
        let hand = try f1([])
        let learned = try f1(["--layer", "kk=\(layer.path)"])
        #expect(learned > hand, "hand \(hand), with the learned layer \(learned)")
    }

    @Test func theSameInputsGiveAByteIdenticalLayer() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let train = dir.write("train.tsv", (0..<40).map { $0 % 2 == 0 ? "pos\tharika bir gün \($0 % 7)" : "neg\tberbat bir gün değil mi \($0 % 5)" }.joined(separator: "\n"))
        var layers: [String] = []
        for name in ["a.tsv", "b.tsv"] {
            let out = dir.url.appendingPathComponent(name)
            let r = try runVerbatim(["learn", "--lang", "tr", "--date", "2026-12-01", "--out", out.path, train.path])
            #expect(r.status == 0, "\(r.stderr)")
            layers.append(try String(contentsOf: out, encoding: .utf8).replacingOccurrences(of: name, with: "OUT"))
        }
        #expect(layers[0] == layers[1])
    }

    /// Bad input is refused with file and line, and an existing layer is left as it was.
    @Test(arguments: [
        ("labels.tsv", "pos\tiyi\nneg\tkötü\ngood\tharika\n", "labels.tsv line 3: unknown label 'good'"),
        ("ratings.csv", "id,rating,comment\n1,5,çok iyi\n2,7,berbat\n", "ratings.csv line 3: rating 7 is outside the stars (1–5) scale"),
        ("norating.csv", "id,comment\n1,çok iyi\n2,berbat\n", "norating.csv: no record has a rating"),
        ("scores.csv", "id,rating,comment\n1,5,\n2,1,\n", "scores.csv: 2 rows have a rating but no comment, and no row has both"),
        ("little.tsv", "pos\tiyi\nneg\tkötü\n", "too little data to learn anything: 1 positive and 1 negative texts"),
    ])
    func badInputIsRefusedAndNothingIsWritten(_ name: String, _ content: String, _ message: String) throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let input = dir.write(name, content)
        let earlier = "# Learned lexicon layer for tr, an earlier one\n"
        let out = dir.write("layer.tsv", earlier)
        let r = try runVerbatim(["learn", "--lang", "tr", "--out", out.path, input.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(try String(contentsOf: out, encoding: .utf8) == earlier)
    }

    /// `--out` replaces only a layer: a folder, one of the inputs, or another existing file is refused
    /// before anything is read, and left as it was.
    @Test func theLayerNeverOverwritesAnInputAFolderOrAnotherFile() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let training = (0..<40).map { $0 % 2 == 0 ? "pos\tharika bir gün \($0 % 7)" : "neg\tberbat bir gün \($0 % 5)" }.joined(separator: "\n")
        let train = dir.write("train.tsv", training)
        let export = dir.write("survey.csv", "id,rating,comment\n1,5,çok iyi\n")
        dir.write("layers/keep.txt", "")
        let cases: [(String, String)] = [
            (train.path, "is also an input: the layer would overwrite the feedback it learns from"),
            (dir.url.appendingPathComponent("layers").path, "is a folder; give the layer file to write"),
            (export.path, "exists and is not a learned layer"),
        ]
        for (out, message) in cases {
            let r = try runVerbatim(["learn", "--lang", "tr", "--out", out, train.path])
            #expect(r.status == 64)
            #expect(r.stderr.contains(message), "\(r.stderr)")
        }
        #expect(dir.read("train.tsv") == training)
        #expect(dir.read("survey.csv") == "id,rating,comment\n1,5,çok iyi\n")
    }

    /// Standard input and a pipe are refused by name before anything is read: learning reads each input
    /// once per cross-validation fold, and a pipe read twice looks empty ("too little data").
    @Test func standardInputAndPipesAreRefusedAsInputs() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let training = (0..<40).map { $0 % 2 == 0 ? "pos\tharika bir gün \($0 % 7)" : "neg\tberbat bir gün \($0 % 5)" }.joined(separator: "\n") + "\n"
        let out = dir.url.appendingPathComponent("layer.tsv").path
        for (input, name) in [("-", "standard input"), ("/dev/stdin", "'/dev/stdin'")] {
            let r = try runVerbatim(["learn", "--lang", "tr", "--out", out, input], stdin: training)
            #expect(r.status == 64, "\(input): \(r.stderr)")
            #expect(r.stderr.contains("\(name) is not a file: learn reads each input more than once"), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// A file given as a layer that is no layer (an export) is refused with its first problems and a count,
    /// not one error per line of the export.
    @Test func aFileThatIsNoLayerIsRefusedWithItsFirstProblemsAndACount() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let export = dir.write("survey.csv", "id;date;comment\n" + (1...40).map { "\($0);2026-11-21;çok iyi" }.joined(separator: "\n") + "\n")
        let r = try runVerbatim(["classify", "--lang", "tr", "--layer", "tr=\(export.path)"], stdin: "çok iyi\n")
        #expect(r.status == 78)
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 11, "\(r.stderr)")
        #expect(errors.last?.hasSuffix("survey.csv: 31 more problem(s) like those above, not listed") == true, "\(r.stderr)")
    }

    @Test func classifyExplainsALearnedTerm() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let layer = dir.write("tr.tsv", "# test layer\nzıpzıp\t2.5\tn_pos=40 n_neg=2\n")
        let r = try runVerbatim(["classify", "--lang", "tr", "--explain", "--layer", "tr=\(layer.path)"], stdin: "Kargo zıpzıp\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("positive"))
        #expect(r.stdout.contains("zıpzıp +2.5 learned(n_pos=40 n_neg=2)"))
    }
}

/// Binary macro-F1 over pos/neg items, a neutral prediction counting as a miss (as `make eval`).
enum BinaryF1 {
    static func of(gold: [String], predicted: [String]) -> Double {
        func f1(_ c: String) -> Double {
            var tp = 0.0, fp = 0.0, fn = 0.0
            for (g, p) in zip(gold, predicted) where g != "neu" {
                if g == c && p == c { tp += 1 } else if p == c { fp += 1 } else if g == c { fn += 1 }
            }
            return tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn)
        }
        return (f1("pos") + f1("neg")) / 2
    }
}

extension LearnCommandTests {
    /// A pipeline's learned layer is checked by `validate`: a bad line is an error with file and line.
    @Test func validateChecksAPipelinesLearnedLayers() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let layer = dir.write("kk.tsv", "# layer\nжақсы*\t2.5\tn_pos=40 n_neg=2\nжаман\tbad\tn_pos=1 n_neg=9\n")
        let pipeline = dir.write("p.yaml", "input: fixtures/exports\nlexicons: lexicons\nlearned_lexicons:\n  - language: kk\n    path: \(layer.path)\n")
        let r = try runVerbatim(["validate", pipeline.path])
        #expect(r.status == 78)
        #expect(r.stderr.contains("kk.tsv line 3: expected 'term<TAB>valence (−4…4)<TAB>n_pos=… n_neg=…'"), "\(r.stderr)")
        dir.write("kk.tsv", "# layer\nжақсы*\t2.5\tn_pos=40 n_neg=2\nжиберу\t-1.5\tn_pos=1 n_neg=9\n")
        let ok = try runVerbatim(["validate", pipeline.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("learned layers: kk"))
        #expect(ok.stdout.contains("kk 1 new terms"))
        for (path, message) in [(dir.url.path, "a folder, not a learned layer file"), (dir.url.appendingPathComponent("none.tsv").path, "learned layer missing")] {
            let r = try runVerbatim(["classify", "--lang", "kk", "--layer", "kk=\(path)"], stdin: "жақсы\n")
            #expect(r.status == 78)
            #expect(r.stderr.contains("\(path): \(message)"), "\(r.stderr)")
        }
        // Saved in a Cyrillic code page (windows-1251 `жақсы` begins with 0xE6): where, and what to do.
        let codePage = dir.url.appendingPathComponent("cp1251.tsv")
        try Data("# layer\n".utf8 + [0xE6, 0x61, 0x09, 0x32, 0x09, 0x6E, 0x5F, 0x70, 0x6F, 0x73, 0x3D, 0x31, 0x0A]).write(to: codePage)
        let saved = try runVerbatim(["classify", "--lang", "kk", "--layer", "kk=\(codePage.path)"], stdin: "жақсы\n")
        #expect(saved.status == 78)
        #expect(saved.stderr.contains("learned layer not UTF-8 text (line 2 has the byte 0xE6; save the file as UTF-8)"), "\(saved.stderr)")
    }
}
