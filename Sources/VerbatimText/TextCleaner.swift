import Foundation

/// Cleans raw feedback text before tokenization.
///
/// NFC; HTML tags removed and entities decoded (social-media exports carry
/// them); zero-width characters and other format characters removed;
/// control characters and runs of white space folded to one space.
public enum TextCleaner {
    public static func clean(_ raw: String) -> String {
        var text = raw
        if text.contains("<") || text.contains("&") { text = stripMarkup(text) }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            let v = u.value
            // Zero-width space/non-joiner, word joiner, BOM, soft hyphen, bidi marks: dropped.
            // ZWJ (U+200D) is kept: it joins emoji sequences.
            if v == 0x200B || v == 0x200C || v == 0x2060 || v == 0xFEFF || v == 0x00AD || (0x200E...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                continue
            }
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || u.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(u)
        }
        return String(out)
    }

    /// Removes tags (`<b>`, `<br/>`, `<p class=…>`) and decodes entities.
    static func stripMarkup(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "<", i + 1 < scalars.count, scalars[i + 1].properties.isAlphabetic || scalars[i + 1] == "/" || scalars[i + 1] == "!" {
                // A tag: skip to '>' (bounded look-ahead so "<3" and stray '<' survive).
                var j = i + 1
                while j < scalars.count, j - i < 400, scalars[j] != ">", scalars[j] != "<" { j += 1 }
                if j < scalars.count, scalars[j] == ">" {
                    let name = String(String.UnicodeScalarView(scalars[(i + 1)..<j])).lowercased()
                    if name.hasPrefix("br") || name.hasPrefix("p") || name.hasPrefix("/p") || name.hasPrefix("div") || name.hasPrefix("/div") || name.hasPrefix("li") {
                        out.append(" ")
                    }
                    i = j + 1
                    continue
                }
            }
            if c == "&" {
                var j = i + 1
                while j < scalars.count, j - i < 12, scalars[j] != ";", scalars[j].properties.isAlphabetic || scalars[j].properties.numericType != nil || scalars[j] == "#" { j += 1 }
                if j < scalars.count, scalars[j] == ";", let decoded = decodeEntity(String(String.UnicodeScalarView(scalars[(i + 1)..<j]))) {
                    out.append(decoded)
                    i = j + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    static let namedEntities: [String: UnicodeScalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "laquo": "«", "raquo": "»",
        "hellip": "…", "ndash": "–", "mdash": "—", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "euro": "€",
    ]

    static func decodeEntity(_ body: String) -> UnicodeScalar? {
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            return UInt32(body.dropFirst(2), radix: 16).flatMap(UnicodeScalar.init)
        }
        if body.hasPrefix("#") { return UInt32(body.dropFirst()).flatMap(UnicodeScalar.init) }
        return namedEntities[body.lowercased()]
    }
}
