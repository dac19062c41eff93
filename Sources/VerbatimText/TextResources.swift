import Foundation
import VerbatimCore

/// The language data the text stage needs: identification cues and
/// contrast conjunctions, loaded from `lexicons/<lang>/langid.tsv` and
/// `lexicons/<lang>/contrast.tsv`.
public struct TextResources: Sendable {
    /// A cue's weight for each language of `cueLanguages` that lists it (one bit each in `present`), so that
    /// a word is looked up once for every language that reads it under the same form.
    public struct CueWeights: Sendable {
        public var present: UInt8 = 0
        public var weights = SIMD8<Double>(repeating: 0)

        /// `self` with the weights of `other`'s languages taken from `other` (a later line wins).
        func updated(with other: CueWeights) -> CueWeights {
            var merged = self
            Self.forEachSlot(other.present) { merged.weights[$0] = other.weights[$0] }
            merged.present |= other.present
            return merged
        }

        /// Calls `body` with each language slot whose bit is set in `mask`, lowest first.
        @inline(__always)
        static func forEachSlot(_ mask: UInt8, _ body: (Int) -> Void) {
            var bits = mask
            while bits != 0 {
                body(bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }

    /// Every language's cue words, each under its language's cue form (`LanguageIdentifier.cueForm`).
    public var cueWords = UTF8Trie<CueWeights>()
    /// Every language's cue word endings (a suffix trie), likewise.
    public var cueSuffixes = UTF8Trie<CueWeights>(reversed: true)
    /// Contrast conjunctions per scored language, folded, as word sequences.
    public var contrast: [Language: [[String]]] = [:]

    public init() {}

    /// Every language whose identification cues are read.
    public static let cueLanguages = ["tr", "kk", "mn", "sr", "ru", "en"]

    /// Loads from a lexicon directory. Missing files are fine (fewer cues); malformed lines are issues.
    public static func load(directory: URL) -> (TextResources, [DataFileIssue]) {
        var r = TextResources()
        var issues: [DataFileIssue] = []
        for (slot, code) in cueLanguages.enumerated() {
            let url = directory.appendingPathComponent(code).appendingPathComponent("langid.tsv")
            let (lines, issue) = DataFile.read(url, required: false)
            if let issue { issues.append(issue) }
            guard let lines else { continue }
            let lang = Language(rawValue: code) ?? .und
            for l in lines {
                guard l.fields.count >= 3, let w = Double(l.fields[2]), w > 0, w <= 3, !l.fields[1].isEmpty else {
                    issues.append(DataFileIssue(file: url.path, line: l.line, message: "expected 'word|suffix<TAB>item<TAB>weight (0.1–3)'"))
                    continue
                }
                let item = lang == .und ? LanguageFolding.defaultLower(l.fields[1]) : LanguageIdentifier.cueForm(l.fields[1], code: code)
                var one = CueWeights(present: 1 << UInt8(slot))
                one.weights[slot] = w
                switch l.fields[0] {
                case "word": r.cueWords.insert(item, one) { $0.updated(with: $1) }
                case "suffix": r.cueSuffixes.insert(item, one) { $0.updated(with: $1) }
                default: issues.append(DataFileIssue(file: url.path, line: l.line, message: "kind must be 'word' or 'suffix', not '\(l.fields[0])'"))
                }
            }
        }
        for lang in Language.scored {
            let url = directory.appendingPathComponent(lang.rawValue).appendingPathComponent("contrast.tsv")
            let (lines, issue) = DataFile.read(url, required: false)
            if let issue { issues.append(issue) }
            guard let lines else { continue }
            r.contrast[lang] = lines.compactMap { l in
                // Contrast words are whole words: a `*` would be read as a letter and never match.
                guard !l.fields[0].contains("*") else {
                    issues.append(DataFileIssue(file: url.path, line: l.line, message: "'\(l.fields[0])': contrast words are whole words, without '*'"))
                    return nil
                }
                let words = l.fields[0].split(separator: " ").map { LanguageFolding.fold(String($0), for: lang) }
                return words.isEmpty ? nil : words
            }
        }
        return (r, issues)
    }
}
