import VerbatimCore

/// Parses survey ratings: `4`, `4,5`, `4.5`, `4/5`, `9 / 10`, a choice with its label (`5 - Çok memnunum`), stars (`★★★★☆`).
public enum RatingParser {
    /// The rating as a number 0…10, or nil when it is not one.
    public static func parse(_ raw: String) -> Double? {
        var raw = raw
        if let ascii = raw.withUTF8({ parseASCII($0) }) { return ascii }
        var s = raw.trimmingCharactersInSet(" \t")
        if let slash = s.firstIndex(of: "/") { s = String(s[..<slash]).trimmingCharactersInSet(" \t") }
        guard !s.isEmpty else { return nil }
        guard let v = Double(s.replacingOccurrencesOfComma()), v.isFinite, v >= 0, v <= 10 else { return labelled(s) ?? stars(s) }
        return v
    }

    /// The scale a rating names after a slash ("4/5", "9 / 10"); nil without one, or for any other top.
    public static func writtenScale(_ raw: String) -> SurveyRating.Scale? {
        guard let slash = raw.firstIndex(of: "/") else { return nil }
        let top = String(raw[raw.index(after: slash)...]).trimmingCharactersInSet(" \t")
        return Double(top).flatMap { SurveyRating.Scale(top: $0) }
    }

    /// `writtenScale` over the UTF-8 bytes of a value (only a value with a slash is looked at further).
    static func writtenScale(bytes: UnsafeBufferPointer<UInt8>) -> SurveyRating.Scale? {
        guard bytes.contains(UInt8(ascii: "/")) else { return nil }
        return writtenScale(String(decoding: bytes, as: UTF8.self))
    }

    /// A choice as survey tools export it, its number before its label ("5 - Çok memnunum",
    /// "10 (Extremely likely)", "4 – Доволен"): the number, when what follows a dash, colon, bracket
    /// or space holds a letter and no digit ("5 üzerinden 4", four out of five, is not read as 5).
    static func labelled(_ s: String) -> Double? {
        guard let m = s.wholeMatch(of: /(\d{1,2}(?:[.,]\d+)?)(?:\s*[-–—:=(]\s*|\s+)(\D*)/), m.2.contains(where: \.isLetter),
              let v = Double(String(m.1).replacingOccurrencesOfComma()), v <= 10 else { return nil }
        return v
    }

    /// Stars as review and app-store exports write them ("★★★★☆", "⭐⭐⭐"): the filled ones, out of at most 10.
    static func stars(_ s: String) -> Double? {
        var filled = 0, all = 0
        for u in s.unicodeScalars where u != " " {
            switch u {
            case "★", "⭐": filled += 1
            case "☆": break
            case "\u{FE0F}": continue  // the emoji presentation of ⭐
            default: return nil
            }
            all += 1
        }
        return all == 0 || all > 10 ? nil : Double(filled)
    }

    /// `parse` over the UTF-8 bytes of a value.
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if let ascii = parseASCII(bytes) { return ascii }
        return parse(String(decoding: bytes, as: UTF8.self))
    }

    /// `parse` for the usual all-ASCII value, on its bytes (every ASCII character is one
    /// scalar and, `/` included, one `Character`, so this reads exactly as `parse` does);
    /// `.some(nil)` when it is not a rating, nil when the value is not ASCII.
    private static func parseASCII(_ b: UnsafeBufferPointer<UInt8>) -> Double?? {
        guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
        func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        var lo = 0, hi = b.count
        while lo < hi, isBlank(b[lo]) { lo += 1 }
        while hi > lo, isBlank(b[hi - 1]) { hi -= 1 }
        if let slash = b[lo..<hi].firstIndex(of: UInt8(ascii: "/")) {
            hi = slash
            while hi > lo, isBlank(b[hi - 1]) { hi -= 1 }
        }
        if lo == hi { return .some(nil) }
        if hi - lo <= 2, b[lo..<hi].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            // One or two digits, the usual rating: its value exactly, as `Double` would read it.
            let v = b[lo..<hi].reduce(0) { $0 * 10 + Int($1 - 0x30) }
            return .some(v <= 10 ? Double(v) : nil)
        }
        if hi - lo > 64 { return nil }  // long enough to be odd: the general path reads it
        let text = String(unsafeUninitializedCapacity: hi - lo) { out in
            for k in lo..<hi { out[k - lo] = b[k] == UInt8(ascii: ",") ? UInt8(ascii: ".") : b[k] }
            return hi - lo
        }
        // Not a number: a labelled choice ("5 - Very satisfied") is read by `parse`.
        guard let v = Double(text), v.isFinite, v >= 0, v <= 10 else { return nil }
        return .some(v)
    }
}

extension String {
    fileprivate func replacingOccurrencesOfComma() -> String {
        String(unicodeScalars.map { $0 == "," ? "." : Character($0) })
    }
}
