import VerbatimCore

/// How a name changes when it is declined, per language, from
/// `lexicons/name_endings.tsv`: the case endings that may follow a name
/// written without an apostrophe (Turkish `Ayşeye`, Kazakh `Айгерімге`,
/// Mongolian `Номинд`), and the final vowels a declension replaces
/// (Serbian `Jelena` → `Jeleni`, `Marko` → `Marku`).
///
/// File format: `language<TAB>kind<TAB>form`, `kind` being `ending` or
/// `final`; forms are folded like lexicon terms (Serbian in Latin script).
public struct NameEndings: Sendable {
    /// Endings per language.
    public private(set) var endings: [Language: Set<String>] = [:]
    /// Final letters that declension replaces, per language.
    public private(set) var finals: [Language: [String]] = [:]

    public init() {}

    public static func parse(_ text: String, file: String) -> (NameEndings, [DataFileIssue]) {
        var out = NameEndings()
        var issues: [DataFileIssue] = []
        var seen: [String: Int] = [:]
        for l in DataFile.lines(of: text) {
            guard l.fields.count >= 3 else {
                issues.append(DataFileIssue(file: file, line: l.line, message: "expected language, kind (ending or final) and form"))
                continue
            }
            guard let lang = Language(rawValue: l.fields[0]), lang != .und else {
                issues.append(DataFileIssue(file: file, line: l.line, message: "unknown language '\(l.fields[0])'; expected tr, kk, mn, sr or ru"))
                continue
            }
            let form = LanguageFoldingShim.fold(l.fields[2], lang)
            guard !form.isEmpty else {
                issues.append(DataFileIssue(file: file, line: l.line, message: "empty form"))
                continue
            }
            // Duplicates as written (two forms may fold together, e.g. `ı` and `i`: that is fine).
            let id = "\(lang.rawValue)\t\(l.fields[1])\t\(l.fields[2])"
            if let first = seen[id] {
                issues.append(DataFileIssue(file: file, line: l.line, message: "'\(l.fields[2])' is already listed on line \(first)", isError: false))
                continue
            }
            seen[id] = l.line
            switch l.fields[1] {
            case "ending": out.endings[lang, default: []].insert(form)
            case "final": out.finals[lang, default: []].append(form)
            default:
                issues.append(DataFileIssue(file: file, line: l.line, message: "unknown kind '\(l.fields[1])'; expected ending or final"))
            }
        }
        return (out, issues)
    }

    /// True when `word` is `name` as written, or declined with an ending of
    /// `language` (after dropping a final vowel the declension replaces).
    /// Both are folded for `language`.
    public func matches(_ word: String, name: String, language: Language) -> Bool {
        if word == name { return true }
        let ends = endings[language] ?? []
        if word.hasPrefix(name), ends.contains(String(word.dropFirst(name.count))) { return true }
        for f in finals[language] ?? [] where name.hasSuffix(f) && name.count > f.count + 1 {
            let stem = String(name.dropLast(f.count))
            if word.hasPrefix(stem), word.count > stem.count, ends.contains(String(word.dropFirst(stem.count))) { return true }
        }
        return false
    }
}
