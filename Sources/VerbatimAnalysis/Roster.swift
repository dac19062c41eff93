import VerbatimCore

/// The employees that feedback may name, read from a roster file (the
/// pipeline's `roster:`), for the `employee_mentions` stage.
///
/// CSV (`,` or `;`) or TSV, UTF-8, one employee per line: `id`, `name` (as
/// the exports write it, so counts meet the records that name the employee
/// in a column), `aliases` separated by `|` (`Ayşe|Ayşe Hanım`), and
/// optionally `languages` (`tr`, or `kk|ru`): the languages of the feedback
/// in which the employee is looked for (all when empty), so that `Ana` in
/// Serbian feedback is an employee but not the Turkish word. A header line
/// `id,name,aliases,languages` is optional; `#` starts a comment line. Problems
/// name the file and line: a line without a name, a repeated id, an alias
/// (or name) already used by another employee.
public struct Roster: Sendable {
    /// One employee and the ways customers name them.
    public struct Employee: Sendable, Hashable {
        public var id: String
        /// The name reports use (and exports write in their employee column).
        public var name: String
        /// Other ways of naming: given name, name with an honorific, nickname.
        public var aliases: [String]
        /// Languages of feedback that may name this employee; empty: any.
        public var languages: [Language]
        /// Line in the roster file.
        public var line: Int

        /// The name and every alias, each once.
        public var patterns: [String] {
            var seen = Set<String>()
            return ([name] + aliases).filter { seen.insert(Roster.key($0)).inserted }
        }
    }

    public var file: String
    public var employees: [Employee]

    public init(file: String, employees: [Employee]) {
        self.file = file
        self.employees = employees
    }

    /// Parses a roster's text; the delimiter is TAB when the first line has
    /// one, else `;` when it has one and no `,`, else `,`.
    public static func parse(_ text: String, file: String) -> (Roster, [DataFileIssue]) {
        var issues: [DataFileIssue] = []
        var employees: [Employee] = []
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let rawLines = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let firstLine = rawLines.first(where: { !$0.trimmed.isEmpty && !$0.trimmed.hasPrefix("#") }) else {
            issues.append(DataFileIssue(file: file, line: 0, message: "the roster is empty"))
            return (Roster(file: file, employees: []), issues)
        }
        let delimiter: Character = firstLine.contains("\t") ? "\t" : (firstLine.contains(";") && !firstLine.contains(",") ? ";" : ",")
        var ids: [String: Int] = [:]
        var owners: [String: (name: String, line: Int)] = [:]
        var headerSeen = false
        for (k, raw) in rawLines.enumerated() {
            let n = k + 1
            let trimmed = raw.trimmed
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = split(raw, by: delimiter).map { String($0.trimmed) }
            if !headerSeen, fields.first?.lowercased() == "id" { headerSeen = true; continue }
            headerSeen = true
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                issues.append(DataFileIssue(file: file, line: n, message: "expected id, name and optional aliases separated by '|', found \(fields.count) field(s)"))
                continue
            }
            if fields.count > 4 {
                issues.append(DataFileIssue(file: file, line: n, message: "\(fields.count) fields; expected id, name, aliases, languages (separate aliases with '|')"))
                continue
            }
            var languages: [Language] = []
            var badLanguage = false
            for code in fields.count > 3 ? fields[3].split(separator: "|").map({ String($0.trimmed) }).filter({ !$0.isEmpty }) : [] {
                if let l = Language(rawValue: code), l != .und { languages.append(l) } else {
                    issues.append(DataFileIssue(file: file, line: n, message: "unknown language '\(code)'; expected tr, kk, mn, sr or ru"))
                    badLanguage = true
                }
            }
            if badLanguage { continue }
            let id = fields[0], name = fields[1]
            if let first = ids[id] {
                issues.append(DataFileIssue(file: file, line: n, message: "id '\(id)' is already used on line \(first)"))
                continue
            }
            ids[id] = n
            let aliases = fields.count > 2 ? fields[2].split(separator: "|").map { String($0.trimmed) }.filter { !$0.isEmpty } : []
            let employee = Employee(id: id, name: name, aliases: aliases, languages: languages, line: n)
            for pattern in employee.patterns {
                let key = Self.key(pattern)
                if let owner = owners[key] {
                    issues.append(DataFileIssue(file: file, line: n, message: "'\(pattern)' is already a name or alias of \(owner.name) (line \(owner.line)); a mention must point at one employee"))
                } else {
                    owners[key] = (name, n)
                }
            }
            employees.append(employee)
        }
        return (Roster(file: file, employees: employees), issues)
    }

    /// How names are compared for duplicates: lower-case, single spaces.
    static func key(_ s: String) -> String {
        LanguageFoldingShim.defaultLower(s).split(separator: " ").joined(separator: " ")
    }

    /// Splits one line on `delimiter`, honouring `"…"` quoting (`""` is a quote).
    static func split(_ line: Substring, by delimiter: Character) -> [Substring] {
        guard delimiter != "\t", line.contains("\"") else { return line.split(separator: delimiter, omittingEmptySubsequences: false) }
        var fields: [Substring] = []
        var current = ""
        var quoted = false
        var it = line.makeIterator()
        while let c = it.next() {
            if quoted {
                if c == "\"" {
                    // A doubled quote stays; a single one ends the quoted part.
                    var lookahead = it
                    if lookahead.next() == "\"" { current.append("\""); it = lookahead } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == delimiter { fields.append(Substring(current)); current = "" }
            else { current.append(c) }
        }
        fields.append(Substring(current))
        return fields
    }
}

extension Substring {
    fileprivate var trimmed: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
