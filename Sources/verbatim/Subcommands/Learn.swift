import ArgumentParser
import Foundation
import VerbatimAnalysis
import VerbatimCore
import VerbatimPipeline

extension RatingLabels.Scale: ExpressibleByArgument {}

extension Verbatim {
    /// `verbatim learn`: a learned lexicon layer from labelled feedback.
    struct Learn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "learn",
            abstract: "Learn a lexicon layer for one language from labelled or rated feedback.",
            discussion: """
                Each INPUT is a `label<TAB>text` file (labels pos, neg, neu) or an export that `verbatim run` \
                reads and whose records have a rating; ratings become labels by --scale (stars: 1-2 neg, \
                3 neu, 4-5 pos; nps: 0-6 neg, 7-8 neu, 9-10 pos), or by --negative-max and --positive-min. \
                The layer (term<TAB>valence<TAB>evidence, see lexicons/README.md) adjusts hand-written \
                valences and adds words and stems, each with the counts it was learned from, and calibrates \
                the label thresholds by k-fold cross-validation, whose F1 it reports. Use it in a pipeline \
                under `learned_lexicons:`, or with `verbatim classify --layer LANG=FILE`. The same inputs and options \
                give a byte-identical file; it is written only when learning succeeded.
                """ + "\n\n" + ExitCodes.help)

        @Option(name: .long, help: "Language of the texts: tr, kk, mn or sr.")
        var lang: String

        @Option(name: .long, help: "The layer file to write.")
        var out: String

        @Option(name: .long, help: "Folder of linguistic data to learn on top of (default: lexicons/ here, else the installed data).")
        var lexicons = "lexicons"

        @Option(name: .long, help: "Rating scale of rated exports: stars (1-5) or nps (0-10).")
        var scale: RatingLabels.Scale = .stars

        @Option(name: .long, help: "Highest rating that counts as negative (default: 2 stars, 6 NPS).")
        var negativeMax: Double?

        @Option(name: .long, help: "Lowest rating that counts as positive (default: 4 stars, 9 NPS).")
        var positiveMin: Double?

        @Option(name: .long, help: "Texts a new word must appear in to be learned.")
        var minSupport = LexiconLearner.Options().minSupport

        @Option(name: .long, help: "Cross-validation folds.")
        var folds = LexiconLearner.Options().folds

        @Option(name: .long, help: "Date written in the layer's header (YYYY-MM-DD; default today).")
        var date: String?

        @Argument(help: "Labelled files or rated exports.")
        var inputs: [String]

        func validate() throws {
            guard let l = Language(rawValue: lang), Language.scored.contains(l) else { throw ValidationError("--lang must be tr, kk, mn or sr") }
            guard (2...20).contains(folds) else { throw ValidationError("--folds must be 2…20") }
            guard minSupport >= 1 else { throw ValidationError("--min-support must be at least 1") }
            let labels = RatingLabels(scale: scale, negativeMax: negativeMax, positiveMin: positiveMin)
            guard labels.negativeMax < labels.positiveMin, scale.range.contains(labels.negativeMax), scale.range.contains(labels.positiveMin) else {
                throw ValidationError("--negative-max must be below --positive-min, both within the \(scale.rawValue) scale \(scale.range)")
            }
            if let date, date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
            try validateOut()
            try validateInputs()
        }

        /// Every input is a file to read more than once (cross-validation reads it again for each fold):
        /// standard input, a pipe or a device cannot be, and would be learned from as if empty.
        private func validateInputs() throws {
            for input in inputs {
                // `stat`, which follows links: /dev/stdin is a link to the pipe.
                var info = stat()
                let kind = stat(input, &info) == 0 ? info.st_mode & S_IFMT : nil
                guard input == "-" || (kind != nil && kind != S_IFREG && kind != S_IFDIR) else { continue }
                let name = input == "-" ? "standard input" : "'\(input)'"
                throw ValidationError("\(name) is not a file: learn reads each input more than once (once per cross-validation fold); save it to a file and give that")
            }
        }

        /// `--out` names the layer file: not a folder, not one of the inputs (the layer would overwrite the
        /// feedback it learns from), and not an existing file other than a layer (an export given by mistake).
        private func validateOut() throws {
            let url = URL(fileURLWithPath: out)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
            if isDirectory.boolValue {
                throw ValidationError("--out '\(out)' is a folder; give the layer file to write, e.g. \(url.appendingPathComponent("\(lang)_learned.tsv").relativePath)")
            }
            let target = url.resolvingSymlinksInPath().standardizedFileURL.path
            if inputs.contains(where: { URL(fileURLWithPath: $0).resolvingSymlinksInPath().standardizedFileURL.path == target }) {
                throw ValidationError("--out '\(out)' is also an input: the layer would overwrite the feedback it learns from; write it to another file")
            }
            if !LearnedLayerFile.isLayer(url) {
                throw ValidationError("--out '\(out)' exists and is not a learned layer (its first line is not '# \(LearnedLayerFile.title) …'); "
                                      + "learn replaces only a layer it wrote: give a new file, or remove that one first")
            }
        }

        func run() throws {
            let language = Language(rawValue: lang)!
            let resources = LoadedResources.loadCollectingIssues(lexicons: DataHome.resolve(lexicons), referencedFrom: "--lexicons")
            let errors = resources.issues.filter(\.isError)
            if !errors.isEmpty {
                for line in DataFileIssue.listed(errors) { printError("error: \(line)") }
                throw ExitCodes.configurationError
            }
            var options = LexiconLearner.Options()
            options.minSupport = minSupport
            options.folds = folds
            do {
                let inputs = try self.inputs.map { try LabelledInput(url: URL(fileURLWithPath: $0)) }
                let learning = LexiconLearning(
                    language: language, inputs: inputs, ratings: RatingLabels(scale: scale, negativeMax: negativeMax, positiveMin: positiveMin),
                    options: options, resources: resources)
                let progress = LearnProgress()
                let (layer, setAside) = try learning.run(progress: progress.show)
                progress.clear()
                for file in setAside.encodings { printError("verbatim learn: read \(file)") }
                for line in setAside.rejected.prefix(5) { printError("set aside: \(line)") }
                if setAside.rejected.count > 5 { printError("set aside: \(setAside.rejected.count - 5) more rejected rows") }
                if setAside.unrated > 0 { printError("set aside: \(setAside.unrated) records without a rating") }
                if setAside.withoutText > 0 { printError("set aside: \(setAside.withoutText) ratings without text") }
                if setAside.notFeedback > 0 { printError("set aside: \(setAside.notFeedback) items that are no customer's feedback (service lines, the company's own posts)") }
                let text = LexiconLearning.render(layer, header: header(inputs))
                do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    throw LearnError.write(path: out, reason: error.localizedDescription)
                }
                for line in layer.report { print(line) }
                print("wrote \(out)")
            } catch let error as LearnError {
                printError("verbatim learn: \(error.localizedDescription)")
                throw ExitCodes.failedNothingWritten
            }
        }

        /// Where the layer came from: each input with its size, the date, the command.
        private func header(_ inputs: [LabelledInput]) -> [String] {
            var lines = ["\(LearnedLayerFile.title) for \(lang), written by `verbatim learn` (format: lexicons/README.md, Learned layers)."]
            for input in inputs {
                let size = (try? FileManager.default.attributesOfItem(atPath: input.url.path)[.size] as? Int) ?? 0
                let kind = input.kind == .labelled ? "labelled texts" : "rated export"
                lines.append("source: \(input.url.relativePath) (\(kind), \(size) bytes)")
            }
            lines.append("date: \(date ?? Self.today())")
            lines.append("command: verbatim " + CommandLine.arguments.dropFirst().joined(separator: " "))
            return lines
        }

        private static func today() -> String {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd"
            return f.string(from: Date())
        }
    }
}

/// The learner's progress on a terminal's stderr: the pass and the texts read, rewritten in place.
struct LearnProgress {
    let enabled = isatty(STDERR_FILENO) != 0

    func show(pass: Int, texts: Int) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\rlearn: pass \(pass) of 2, \(texts) texts".utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
