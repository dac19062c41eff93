/// Parses survey ratings: `4`, `4,5`, `4.5`, `4/5`, `9 / 10`.
public enum RatingParser {
    /// The rating as a number 0…10, or nil when it is not one.
    public static func parse(_ raw: String) -> Double? {
        var s = raw.trimmingCharactersInSet(" \t")
        if let slash = s.firstIndex(of: "/") { s = String(s[..<slash]).trimmingCharactersInSet(" \t") }
        s = s.replacingOccurrencesOfComma()
        guard !s.isEmpty, let v = Double(s), v.isFinite, v >= 0, v <= 10 else { return nil }
        return v
    }
}

extension String {
    fileprivate func replacingOccurrencesOfComma() -> String {
        String(unicodeScalars.map { $0 == "," ? "." : Character($0) })
    }
}
