import VerbatimCore

/// The theme × sentiment chart of `report.html`: one horizontal bar per
/// theme, split into positive, neutral and negative mentions, as inline SVG.
///
/// Themes are ordered by negative mentions (the ones driving dissatisfaction
/// first), then by id; bars share one scale so lengths compare.
public struct ThemeSentimentChart: Sendable {
    /// One bar: the theme's display name and its tally.
    public struct Bar: Sendable {
        public var label: String
        public var tally: SentimentTally
        public init(label: String, tally: SentimentTally) {
            self.label = label
            self.tally = tally
        }
    }

    public var bars: [Bar]
    /// Legend and tooltip words: positive, neutral, negative.
    public var labels: (positive: String, neutral: String, negative: String)
    public var numbers: LocalizedNumbers

    static let labelWidth = 200.0, barWidth = 460.0, rowHeight = 28.0, barHeight = 18.0, top = 30.0

    public init(bars: [Bar], labels: (positive: String, neutral: String, negative: String), numbers: LocalizedNumbers) {
        self.bars = bars
        self.labels = labels
        self.numbers = numbers
    }

    public func svg() -> String {
        let e = HTMLEscaping.escape
        let f = { (v: Double) in NumberFormat.fixed(v, 1) }
        let maxN = max(1, bars.map(\.tally.n).max() ?? 1)
        let width = Self.labelWidth + Self.barWidth + 60
        let height = Self.top + Double(bars.count) * Self.rowHeight + 8
        var s = "<svg class=\"chart\" id=\"theme-chart\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\">\n"
        s += "<title>\(e(labels.positive)) / \(e(labels.neutral)) / \(e(labels.negative))</title>\n"
        // Legend
        var x = Self.labelWidth
        for (name, cls) in [(labels.positive, "pos"), (labels.neutral, "neu"), (labels.negative, "neg")] {
            s += "<rect class=\"\(cls)\" x=\"\(f(x))\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\"/>"
            s += "<text x=\"\(f(x + 16))\" y=\"16\">\(e(name))</text>\n"
            x += 24 + Double(name.count) * 7.5
        }
        for (k, bar) in bars.enumerated() {
            let y = Self.top + Double(k) * Self.rowHeight
            let t = bar.tally
            s += "<g class=\"bar\">"
            s += "<text class=\"label\" x=\"\(f(Self.labelWidth - 8))\" y=\"\(f(y + 13))\" text-anchor=\"end\">\(e(bar.label))</text>"
            var bx = Self.labelWidth
            for (count, cls, name) in [(t.positive, "pos", labels.positive), (t.neutral, "neu", labels.neutral), (t.negative, "neg", labels.negative)] where count > 0 {
                let w = Self.barWidth * Double(count) / Double(maxN)
                s += "<rect class=\"\(cls)\" x=\"\(f(bx))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(Self.barHeight))\">"
                s += "<title>\(e(bar.label)): \(e(name)) \(count) (\(numbers.percent(Double(count) / Double(t.n))))</title></rect>"
                if w >= 22 { s += "<text class=\"in\" x=\"\(f(bx + w / 2))\" y=\"\(f(y + 13))\" text-anchor=\"middle\">\(count)</text>" }
                bx += w
            }
            s += "<text class=\"total\" x=\"\(f(bx + 6))\" y=\"\(f(y + 13))\">\(t.n)</text>"
            s += "</g>\n"
        }
        return s + "</svg>"
    }
}
