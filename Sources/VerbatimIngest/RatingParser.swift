/// Parses survey ratings: `4`, `4,5`, `4.5`, `4/5`, `9 / 10`.
public enum RatingParser {
    /// The rating as a number 0…10, or nil when it is not one.
    public static func parse(_ raw: String) -> Double? {
        var raw = raw
        if let ascii = raw.withUTF8({ parseASCII($0) }) { return ascii }
        var s = raw.trimmingCharactersInSet(" \t")
        if let slash = s.firstIndex(of: "/") { s = String(s[..<slash]).trimmingCharactersInSet(" \t") }
        s = s.replacingOccurrencesOfComma()
        guard !s.isEmpty, let v = Double(s), v.isFinite, v >= 0, v <= 10 else { return nil }
        return v
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
        guard let v = Double(text), v.isFinite, v >= 0, v <= 10 else { return .some(nil) }
        return .some(v)
    }
}

extension String {
    fileprivate func replacingOccurrencesOfComma() -> String {
        String(unicodeScalars.map { $0 == "," ? "." : Character($0) })
    }
}
