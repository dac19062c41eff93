import VerbatimCore

/// The daily trend of `report.html`, as inline SVG: records per day as bars
/// (left axis) and the day's net sentiment as a line (right axis, −1…+1,
/// with the zero line drawn). Days without a date are left out.
///
/// A day with fewer than `minResponses` records has a hollow point and the
/// line does not pass through it (one record would put it at ±1); the
/// legend says so when there is such a day.
public struct DailyTrendChart: Sendable {
    /// `(day, tally)` in date order, `YYYY-MM-DD`.
    public var days: [(day: String, tally: SentimentTally)]
    public var recordsLabel: String
    public var netLabel: String
    public var numbers: LocalizedNumbers
    /// Days with fewer records are drawn hollow and left off the line.
    public var minResponses = 1
    /// The legend's words for such days (`fewer than 5 records (not on the line)`).
    public var fewLabel = ""

    static let left = 44.0, right = 48.0, top = 28.0, plotHeight = 180.0, bottom = 46.0, minStep = 26.0

    public init(days: [(day: String, tally: SentimentTally)], recordsLabel: String, netLabel: String, numbers: LocalizedNumbers) {
        self.days = days
        self.recordsLabel = recordsLabel
        self.netLabel = netLabel
        self.numbers = numbers
    }

    public func svg() -> String {
        let e = HTMLEscaping.escape
        let f = { (v: Double) in NumberFormat.fixed(v, 1) }
        let step = max(Self.minStep, 640 / Double(max(days.count, 1)))
        let plotWidth = step * Double(max(days.count, 1))
        let width = Self.left + plotWidth + Self.right
        let height = Self.top + Self.plotHeight + Self.bottom
        let maxN = Self.niceCeiling(days.map(\.tally.n).max() ?? 1)
        let y0 = Self.top + Self.plotHeight
        func yCount(_ n: Double) -> Double { y0 - Self.plotHeight * n / Double(maxN) }
        func yNet(_ v: Double) -> Double { Self.top + Self.plotHeight * (1 - v) / 2 }

        var s = "<svg class=\"chart\" id=\"trend\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\">\n"
        // Legend
        s += "<rect class=\"bar\" x=\"\(f(Self.left))\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\"/><text x=\"\(f(Self.left + 16))\" y=\"16\">\(e(recordsLabel))</text>"
        let lx = Self.left + 34 + Double(recordsLabel.count) * 7.5
        s += "<line class=\"net\" x1=\"\(f(lx))\" y1=\"12\" x2=\"\(f(lx + 18))\" y2=\"12\"/><text x=\"\(f(lx + 24))\" y=\"16\">\(e(netLabel))</text>\n"
        if days.contains(where: { isFew($0.tally) }) {
            let fx = lx + 40 + Double(netLabel.count) * 7.5
            s += "<circle class=\"net few\" cx=\"\(f(fx + 6))\" cy=\"12\" r=\"3.5\"/><text class=\"few-legend\" x=\"\(f(fx + 16))\" y=\"16\">\(e(fewLabel))</text>\n"
        }
        // Axes and grid
        for k in 0...4 {
            let n = Double(maxN) * Double(k) / 4
            let y = yCount(n)
            s += "<line class=\"grid\" x1=\"\(f(Self.left))\" y1=\"\(f(y))\" x2=\"\(f(Self.left + plotWidth))\" y2=\"\(f(y))\"/>"
            s += "<text class=\"axis\" x=\"\(f(Self.left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(Int(n.rounded()))</text>"
            let v = 1 - Double(k) / 2
            s += "<text class=\"axis\" x=\"\(f(Self.left + plotWidth + 6))\" y=\"\(f(yNet(v) + 4))\">\(numbers.signed(v, 1))</text>\n"
        }
        s += "<line class=\"zero\" x1=\"\(f(Self.left))\" y1=\"\(f(yNet(0)))\" x2=\"\(f(Self.left + plotWidth))\" y2=\"\(f(yNet(0)))\"/>\n"
        // Bars and labels
        let labelEvery = max(1, Int((44 / step).rounded(.up)))
        var points: [String] = []
        for (k, d) in days.enumerated() {
            let x = Self.left + step * Double(k)
            let t = d.tally
            let bw = step * 0.6
            s += "<rect class=\"bar\" x=\"\(f(x + (step - bw) / 2))\" y=\"\(f(yCount(Double(t.n))))\" width=\"\(f(bw))\" height=\"\(f(y0 - yCount(Double(t.n))))\">"
            s += "<title>\(e(d.day)): \(e(recordsLabel)) \(t.n), \(e(netLabel)) \(numbers.signed(t.netSentiment, 2))</title></rect>"
            if k % labelEvery == 0 {
                s += "<text class=\"axis\" x=\"\(f(x + step / 2))\" y=\"\(f(y0 + 16))\" text-anchor=\"middle\">\(e(String(d.day.dropFirst(5))))</text>"
            }
            s += "\n"
            if !isFew(t) { points.append("\(f(x + step / 2)),\(f(yNet(t.netSentiment)))") }
        }
        if points.count > 1 { s += "<polyline class=\"net\" points=\"\(points.joined(separator: " "))\"/>\n" }
        for (k, d) in days.enumerated() {
            let x = Self.left + step * Double(k) + step / 2
            s += "<circle class=\"\(isFew(d.tally) ? "net few" : "net")\" cx=\"\(f(x))\" cy=\"\(f(yNet(d.tally.netSentiment)))\" r=\"3.5\"><title>\(e(d.day)): \(e(netLabel)) \(numbers.signed(d.tally.netSentiment, 2))</title></circle>\n"
        }
        if let first = days.first?.day, let last = days.last?.day {
            s += "<text class=\"axis\" x=\"\(f(Self.left))\" y=\"\(f(y0 + 36))\">\(e(first)) … \(e(last))</text>\n"
        }
        return s + "</svg>"
    }

    /// True for a day with too few records to put on the line.
    func isFew(_ t: SentimentTally) -> Bool { t.n < minResponses }

    /// A round axis maximum not below `n`: four ticks of 1, 2, 2.5 or 5 × 10ᵏ each (whole numbers).
    static func niceCeiling(_ n: Int) -> Int {
        var base = 1
        while true {
            for m in [4, 8, 10, 20] where base * m >= n && (m != 10 || base >= 10) { return base * m }
            base *= 10
        }
    }
}
