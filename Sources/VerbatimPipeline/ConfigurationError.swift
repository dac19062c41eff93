import VerbatimCore

/// A problem with a pipeline file or the data files it points at.
///
/// Every message names the file, the key path (and line when known) and
/// what is expected, so that the person who edits the file can fix it
/// without reading code.
public enum ConfigurationError: Error, Sendable, Hashable {
    /// The pipeline file cannot be read.
    case unreadable(file: String, reason: String)
    /// The YAML itself is malformed.
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A key that the pipeline format does not have (often a typo).
    case unknownKey(file: String, path: String, line: Int, key: String, allowed: [String], suggestion: String?)
    /// A required key is missing.
    case missingKey(file: String, path: String, key: String)
    /// A value of the wrong shape (a list where a map is expected, …).
    case wrongType(file: String, path: String, line: Int, expected: String)
    /// A value outside what is allowed.
    case invalidValue(file: String, path: String, line: Int, value: String, expected: String)
    /// The stages cannot run in the order given.
    case stageOrder(file: String, path: String, line: Int, message: String)
    /// Linguistic data files have errors.
    case dataFiles([DataFileIssue])
    /// A path in the pipeline does not exist.
    case missingPath(file: String, path: String, value: String)
}

extension ConfigurationError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unreadable(file, reason): "\(file): cannot read the pipeline file: \(reason)"
        case let .syntax(file, line, column, message): "\(file):\(line):\(column): YAML syntax error: \(message)"
        case let .unknownKey(file, path, line, key, allowed, suggestion):
            "\(file):\(line): unknown key '\(key)' in \(path.isEmpty ? "the top level" : path)"
                + (suggestion.map { " — did you mean '\($0)'?" } ?? "") + " Allowed keys: \(allowed.joined(separator: ", "))."
        case let .missingKey(file, path, key): "\(file): \(path.isEmpty ? "" : path + ": ")missing required key '\(key)'"
        case let .wrongType(file, path, line, expected): "\(file):\(line): \(path) must be \(expected)"
        case let .invalidValue(file, path, line, value, expected): "\(file):\(line): \(path) is '\(value)'; expected \(expected)"
        case let .stageOrder(file, path, line, message): "\(file):\(line): \(path): \(message)"
        case let .dataFiles(issues):
            "linguistic data has \(issues.filter(\.isError).count) error(s):\n" + DataFileIssue.listed(issues.filter(\.isError)).map { "  " + $0 }.joined(separator: "\n")
        case let .missingPath(file, path, value): "\(file): \(path) points at '\(value)', which does not exist"
        }
    }
}
