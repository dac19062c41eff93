import Foundation
import VerbatimCore

extension LexiconLoader {
    /// `aspects.tsv`: `theme<TAB>kind<TAB>term<TAB>valence<TAB>comment` (see lexicons/README.md).
    func loadAspects(_ url: URL, _ lang: Language, ids: Set<String>, into index: inout TermIndex<[AspectCue]>, negatedOutcomes: inout [String: Double], issues: inout [DataFileIssue]) {
        guard let lines = read(url, required: false, issues: &issues) else { return }
        let source = url.lastPathComponent
        let kinds = AspectCue.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        var seen: [String: Int] = [:]
        for l in lines {
            guard l.fields.count >= 4, !l.fields[2].isEmpty, let v = Self.number(l.fields[3]) else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "expected 'theme<TAB>kind<TAB>term<TAB>valence<TAB>comment', got '\(l.fields.joined(separator: "⇥"))'"))
                continue
            }
            guard ids.isEmpty || ids.contains(l.fields[0]) else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "unknown theme '\(l.fields[0])'; known: \(ids.sorted().joined(separator: ", "))"))
                continue
            }
            guard let kind = AspectCue.Kind(rawValue: l.fields[1]) else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "kind '\(l.fields[1])' is not one of \(kinds)"))
                continue
            }
            guard (-4...4).contains(v) else {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "valence \(l.fields[3]) for '\(l.fields[2])' is outside -4…4"))
                continue
            }
            if l.fields[2] == AspectCue.negationPlaceholder {
                guard kind == .outcome, v != 0 else {
                    issues.append(DataFileIssue(file: url.path, line: l.line, message: "'\(AspectCue.negationPlaceholder)' is only an 'outcome', with a valence that is not 0"))
                    continue
                }
                negatedOutcomes[l.fields[0]] = v
                continue
            }
            let words = TermIndex<[AspectCue]>.words(of: l.fields[2], language: lang)
            if reportsProblem(of: words, l.fields[2], url, l.line, &issues) { continue }
            let key = l.fields[0] + "\t" + words.map { $0.form + ($0.isStem ? "*" : "") }.joined(separator: " ")
            if let prev = seen[key] {
                issues.append(DataFileIssue(file: url.path, line: l.line, message: "'\(l.fields[2])' for \(l.fields[0]) repeats line \(prev); the later line wins", isError: false))
            }
            seen[key] = l.line
            // A term may carry a cue for several themes: keep them together.
            var cues = index.find(words)?.payload.filter { $0.theme != l.fields[0] } ?? []
            cues.append(AspectCue(theme: l.fields[0], kind: kind, valence: v))
            index.add(.init(words: words, payload: cues, text: l.fields[2], source: source, line: l.line))
        }
    }
}
