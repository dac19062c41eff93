import Foundation
import Yams

/// A YAML node with the file and key path it came from, for typed reading
/// with precise errors.
///
/// `${VAR}` and `${VAR:-default}` in scalar values are replaced from the
/// environment.
struct ConfigNode {
    let node: Node
    let file: String
    let path: String
    let environment: [String: String]

    var line: Int { node.mark?.line ?? 0 }

    static func parse(yaml: String, file: String, environment: [String: String]) throws(ConfigurationError) -> ConfigNode {
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                return ConfigNode(node: .mapping([:]), file: file, path: "", environment: environment)
            }
            return ConfigNode(node: node, file: file, path: "", environment: environment)
        } catch let e as YamlError {
            switch e {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw .syntax(file: file, line: mark.line, column: mark.column, message: problem)
            case let .duplicatedKeysInMapping(duplicates, context):
                // Yams' own message repeats the whole file; the key and where it is first written say enough.
                let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
                throw .syntax(file: file, line: context.mark.line, column: context.mark.column,
                              message: "\(keys) given twice in one mapping (only one would count): keep one")
            default:
                throw .syntax(file: file, line: 0, column: 0, message: "\(e)")
            }
        } catch {
            throw .syntax(file: file, line: 0, column: 0, message: "\(error)")
        }
    }

    private func child(_ n: Node, _ p: String) -> ConfigNode {
        ConfigNode(node: n, file: file, path: p, environment: environment)
    }

    /// The pairs of a mapping, after checking every key against `allowed`.
    func mapping(allowed: [String]) throws(ConfigurationError) -> [String: ConfigNode] {
        guard case let .mapping(m) = node else { throw .wrongType(file: file, path: displayPath, line: line, expected: "a map of keys") }
        var out: [String: ConfigNode] = [:]
        for (k, v) in m {
            guard let key = k.string else { throw .wrongType(file: file, path: displayPath, line: k.mark?.line ?? line, expected: "a map with text keys") }
            guard allowed.contains(key) else {
                throw .unknownKey(file: file, path: displayPath, line: k.mark?.line ?? line, key: key, allowed: allowed,
                                  suggestion: Self.closest(key, in: allowed))
            }
            out[key] = child(v, path.isEmpty ? key : path + "." + key)
        }
        return out
    }

    /// A mapping with free keys (e.g. `columns:`), values as text.
    func stringMap() throws(ConfigurationError) -> [(key: String, value: String, node: ConfigNode)] {
        guard case let .mapping(m) = node else { throw .wrongType(file: file, path: displayPath, line: line, expected: "a map of keys") }
        var out: [(String, String, ConfigNode)] = []
        for (k, v) in m {
            guard let key = k.string else { throw .wrongType(file: file, path: displayPath, line: line, expected: "a map with text keys") }
            let c = child(v, path + "." + key)
            out.append((key, try c.string(), c))
        }
        return out
    }

    func sequence() throws(ConfigurationError) -> [ConfigNode] {
        guard case let .sequence(s) = node else { throw .wrongType(file: file, path: displayPath, line: line, expected: "a list") }
        return s.enumerated().map { child($1, "\(path)[\($0)]") }
    }

    var isMapping: Bool { if case .mapping = node { return true }; return false }

    func string() throws(ConfigurationError) -> String {
        guard case let .scalar(s) = node else { throw .wrongType(file: file, path: displayPath, line: line, expected: "a text value") }
        return Self.substitute(s.string, environment)
    }

    func int(in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        let s = try string()
        guard let v = Int(s), range.contains(v) else {
            throw .invalidValue(file: file, path: displayPath, line: line, value: s, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return v
    }

    func double(in range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        let s = try string()
        guard let v = Double(s), range.contains(v) else {
            throw .invalidValue(file: file, path: displayPath, line: line, value: s, expected: "a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return v
    }

    func bool() throws(ConfigurationError) -> Bool {
        let s = try string().lowercased()
        switch s {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw .invalidValue(file: file, path: displayPath, line: line, value: s, expected: "true or false")
        }
    }

    func invalid(_ value: String, expected: String) -> ConfigurationError {
        .invalidValue(file: file, path: displayPath, line: line, value: value, expected: expected)
    }

    var displayPath: String { path.isEmpty ? "the top level" : path }

    /// Replaces `${VAR}` and `${VAR:-default}`.
    static func substitute(_ s: String, _ env: [String: String]) -> String {
        guard s.contains("${") else { return s }
        var out = ""
        var rest = Substring(s)
        while let start = rest.range(of: "${") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { out += rest[start.lowerBound...]; return out }
            let body = rest[start.upperBound..<end]
            if let sep = body.range(of: ":-") {
                let name = String(body[..<sep.lowerBound])
                let value = env[name] ?? ""
                out += value.isEmpty ? String(body[sep.upperBound...]) : value
            } else {
                out += env[String(body)] ?? ""
            }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    /// The allowed key closest to a misspelled one (edit distance ≤ 3).
    static func closest(_ key: String, in allowed: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var prev = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var cur = [i] + Array(repeating: 0, count: b.count)
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                prev = cur
            }
            return a.isEmpty ? b.count : prev[b.count]
        }
        let k = Array(key.lowercased())
        let best = allowed.map { ($0, distance(k, Array($0.lowercased()))) }.min { $0.1 < $1.1 }
        guard let (name, d) = best, d <= min(3, max(1, key.count / 2)) else { return nil }
        return name
    }
}
