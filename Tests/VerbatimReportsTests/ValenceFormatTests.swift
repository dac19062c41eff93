import Testing
@testable import VerbatimCore

@Suite("Valence formatting in explanations")
struct ValenceFormatTests {
    /// Swift's own shortest description, `.0` dropped, `+` for positive: what `Evidence.format` must equal.
    func described(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        var t = "\(r)"
        if t.hasSuffix(".0") { t.removeLast(2) }
        return (r > 0 ? "+" : "") + t
    }

    @Test func hundredthsPrintLikeTheStandardDescription() {
        for h in -1000...1000 {
            let v = Double(h) / 100
            #expect(Evidence.format(v) == described(v), "\(v)")
        }
        for v in [0.004, -0.004, 0.005, -0.0, 3.14159, -2.675, 123456.789, 1e13, -1e15, 0.1 + 0.2] {
            #expect(Evidence.format(v) == described(v), "\(v)")
        }
    }
}
