/// Numbers read from UTF-8 bytes exactly as `Int(String)` and `Double(String)` read the same text,
/// without making the `String`: for the spools and partials that Verbatim writes and reads back a
/// million times a run (`SpoolRow`, `SurveyRating.Ratings(bytes:)`).
///
/// The forms Verbatim writes (`12`, `-0.4585`, `4.5`) are read here; anything else (a sign `+`,
/// an exponent, more digits than a `Double` holds exactly) is handed to the standard library's
/// parser, so the answer is always the standard one.
public enum DecimalBytes {
    /// `Int(String(decoding: b, as: UTF8.self))`.
    public static func int(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !b.isEmpty, b.count <= 18 else { return slowInt(b) }
        var v = 0
        for c in b {
            let d = c &- 0x30
            guard d < 10 else { return slowInt(b) }
            v = v &* 10 &+ Int(d)
        }
        return v
    }

    /// `Double(String(decoding: b, as: UTF8.self))`.
    public static func double(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let negative = !b.isEmpty && b[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var point = false, digitBeforePoint = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                guard !point, digitBeforePoint else { return slowDouble(b) }
                point = true
            } else {
                let d = c &- 0x30
                guard d < 10, digits < 19 else { return slowDouble(b) }
                mantissa = mantissa * 10 + UInt64(d)
                digits += 1
                if point { fraction += 1 } else { digitBeforePoint = true }
            }
            i += 1
        }
        // Both parts written, and a mantissa and a power of ten that are exact in a `Double`: one
        // division then rounds once, to the value the standard parser gives.
        guard digitBeforePoint, !point || fraction > 0, mantissa <= 1 << 53, fraction < powersOfTen.count else { return slowDouble(b) }
        let v = Double(mantissa) / powersOfTen[fraction]
        return negative ? -v : v
    }

    /// 10⁰ … 10²², each exact in a `Double`.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { a, _ in a * 10 } }

    private static func slowInt(_ b: UnsafeBufferPointer<UInt8>) -> Int? { Int(String(decoding: b, as: UTF8.self)) }
    private static func slowDouble(_ b: UnsafeBufferPointer<UInt8>) -> Double? { Double(String(decoding: b, as: UTF8.self)) }
}
