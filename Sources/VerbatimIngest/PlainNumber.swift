/// A number as text the way a worksheet or a JSON export holds it unformatted: a whole number without
/// a decimal point (`5`, not `5.0`), any other as Swift writes it (`4.5`, `0.1`).
enum PlainNumber {
    static func text(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
