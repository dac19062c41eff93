import Foundation

/// Column and element names that map to record fields, loaded from `headers.tsv`.
///
/// Matching ignores case, accents, spaces and punctuation, so `Yanıt No`,
/// `yanit_no` and `YANIT NO` are the same name.
public struct HeaderAliases: Sendable {
    private var fieldByKey: [String: RecordField] = [:]

    public init(pairs: [(RecordField, String)]) {
        for (field, alias) in pairs { fieldByKey[Self.key(alias)] = field }
    }

    /// Loads `field<TAB>alias` lines. Throws `IngestError.badAliasFile` naming the line.
    public init(contentsOf url: URL) throws {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw IngestError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        var pairs: [(RecordField, String)] = []
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count >= 2, let field = RecordField(rawValue: String(parts[0])), !parts[1].isEmpty else {
                throw IngestError.badAliasFile(path: url.path, line: n + 1,
                    reason: "expected 'field<TAB>alias' with field one of \(RecordField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            pairs.append((field, String(parts[1])))
        }
        self.init(pairs: pairs)
    }

    /// The field a header names, if any.
    public func field(forHeader header: String) -> RecordField? { fieldByKey[Self.key(header)] }

    /// The matching key: lower-case, no accents (`ı` → `i`), letters and digits only.
    public static func key(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if u.properties.generalCategory == .nonspacingMark { continue }
            if u == "ı" { out.append("i"); continue }
            if u.properties.isAlphabetic || u.properties.numericType != nil { out.append(u) }
        }
        return String(out)
    }
}
