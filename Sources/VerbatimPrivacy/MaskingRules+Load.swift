import Foundation
import VerbatimCore

extension MaskingRules {
    /// Reads every `*.tsv` of `directory` (`lexicons/pii/`) in name order and runs
    /// the examples; returns the rules and every problem found, with file and line.
    public static func load(directory: URL) -> (MaskingRules, [DataFileIssue]) {
        var rules = MaskingRules()
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tsv") }.sorted() } catch {
            return (rules, [DataFileIssue(file: directory.path, line: 0, message: "no masking rules: the folder cannot be read (pii: off turns masking off)")])
        }
        guard !names.isEmpty else {
            return (rules, [DataFileIssue(file: directory.path, line: 0, message: "no masking rules (*.tsv) in the folder (pii: off turns masking off)")])
        }
        var issues: [DataFileIssue] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                issues.append(DataFileIssue(file: url.path, line: 0, message: "not UTF-8 text"))
                continue
            }
            issues += rules.parse(text, file: url.path)
        }
        return (rules, issues + rules.failingExamples())
    }
}
