import Foundation
import VerbatimCore

/// The language data the text stage needs: identification cues and
/// contrast conjunctions, loaded from `lexicons/<lang>/langid.tsv` and
/// `lexicons/<lang>/contrast.tsv`.
public struct TextResources: Sendable {
    /// Identification cues for one language.
    public struct Cues: Sendable {
        /// Whole words and their weights.
        public var words = UTF8Trie<Double>()
        /// Word endings and their weights (a suffix trie).
        public var suffixes = UTF8Trie<Double>(reversed: true)
    }

    /// Cue tables by language code (`tr`, `kk`, `mn`, `sr`, `ru`, `en`).
    public var cues: [String: Cues] = [:]
    /// Contrast conjunctions per scored language, folded, as word sequences.
    public var contrast: [Language: [[String]]] = [:]

    public init() {}

    /// Every language whose identification cues are read.
    public static let cueLanguages = ["tr", "kk", "mn", "sr", "ru", "en"]

    /// Loads from a lexicon directory. Missing files are fine (fewer cues); malformed lines are issues.
    public static func load(directory: URL) -> (TextResources, [DataFileIssue]) {
        var r = TextResources()
        var issues: [DataFileIssue] = []
        for code in cueLanguages {
            let url = directory.appendingPathComponent(code).appendingPathComponent("langid.tsv")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let lang = Language(rawValue: code) ?? .und
            var cues = Cues()
            for l in DataFile.lines(of: text) {
                guard l.fields.count >= 3, let w = Double(l.fields[2]), w > 0, w <= 3, !l.fields[1].isEmpty else {
                    issues.append(DataFileIssue(file: url.path, line: l.line, message: "expected 'word|suffix<TAB>item<TAB>weight (0.1–3)'"))
                    continue
                }
                let item = lang == .und ? LanguageFolding.defaultLower(l.fields[1]) : LanguageIdentifier.cueForm(l.fields[1], code: code)
                switch l.fields[0] {
                case "word": cues.words.insert(item, w)
                case "suffix": cues.suffixes.insert(item, w)
                default: issues.append(DataFileIssue(file: url.path, line: l.line, message: "kind must be 'word' or 'suffix', not '\(l.fields[0])'"))
                }
            }
            r.cues[code] = cues
        }
        for lang in Language.scored {
            let url = directory.appendingPathComponent(lang.rawValue).appendingPathComponent("contrast.tsv")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            r.contrast[lang] = DataFile.lines(of: text).compactMap { l in
                let words = l.fields[0].split(separator: " ").map { LanguageFolding.fold(String($0), for: lang) }
                return words.isEmpty ? nil : words
            }
        }
        return (r, issues)
    }
}
