import Foundation

/// A review that Google's tools hold with their own translation in front of it: Business Profile, Maps
/// and Takeout write a review in another language than the account's as
///
///     (Translated by Google) The queue is long
///
///     (Original)
///     Кезек өте ұзын, күттік
///
/// with both markers in the account's language (`(Google tarafından çevrildi)` … `(Orijinal)`). The
/// customer's words are the original: the translation, read too, was counted twice and in a language
/// the customer did not write.
enum MachineTranslation {
    /// The original part of `text` when it is written so: a first line in parentheses that names
    /// Google, then, after an empty line, a line in parentheses alone, then the original. Nil otherwise.
    static func original(of text: String) -> String? {
        guard text.utf8.first == UInt8(ascii: "(") else { return nil }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let close = lines[0].firstIndex(of: ")"), lines[0][..<close].contains("Google") else { return nil }
        for k in lines.indices.dropFirst(2) where lines[k - 1].allSatisfy(\.isWhitespace) && isMarker(lines[k]) {
            let original = lines[(k + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            return original.isEmpty ? nil : original
        }
        return nil
    }

    /// `(Original)`, `(Orijinal)`, `(Оригинал)`: a short line in parentheses, alone.
    private static func isMarker(_ line: Substring) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.count >= 3 && t.count <= 40 && t.first == "(" && t.last == ")" && !t.dropFirst().dropLast().contains { $0 == "(" || $0 == ")" }
    }
}
