import VerbatimCore

/// The employee × theme heatmap of `report.html`, as inline SVG: one row
/// per employee, one column per theme; a cell's colour is the net sentiment
/// of that employee's mentions of the theme (red −1 … light 0 … green +1)
/// and its number the count of mentions. Empty cells stay blank.
public struct EmployeeThemeHeatmap: Sendable {
    public var rows: [String]
    public var columns: [String]
    /// `cells[row][column]`, nil where the employee never met the theme.
    public var cells: [[SentimentTally?]]
    public var numbers: LocalizedNumbers
    /// Tooltip word for the net sentiment.
    public var netLabel: String

    static let labelWidth = 190.0, cell = 40.0, cellHeight = 26.0, header = 150.0

    public init(rows: [String], columns: [String], cells: [[SentimentTally?]], numbers: LocalizedNumbers, netLabel: String) {
        self.rows = rows
        self.columns = columns
        self.cells = cells
        self.numbers = numbers
        self.netLabel = netLabel
    }

    public func svg() -> String {
        let e = HTMLEscaping.escape
        let f = { (v: Double) in NumberFormat.fixed(v, 1) }
        let width = Self.labelWidth + Double(columns.count) * Self.cell + 150
        let height = Self.header + Double(rows.count) * Self.cellHeight + 4
        var s = "<svg class=\"chart\" id=\"heatmap\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\">\n"
        for (c, name) in columns.enumerated() {
            let x = Self.labelWidth + Double(c) * Self.cell + Self.cell / 2
            s += "<text class=\"col\" transform=\"translate(\(f(x + 4)),\(f(Self.header - 8))) rotate(-45)\">\(e(name))</text>\n"
        }
        for (r, name) in rows.enumerated() {
            let y = Self.header + Double(r) * Self.cellHeight
            s += "<text class=\"label\" x=\"\(f(Self.labelWidth - 8))\" y=\"\(f(y + 17))\" text-anchor=\"end\">\(e(name))</text>"
            for (c, tally) in cells[r].enumerated() {
                let x = Self.labelWidth + Double(c) * Self.cell
                guard let t = tally, t.n > 0 else {
                    s += "<rect class=\"empty\" x=\"\(f(x + 1))\" y=\"\(f(y + 1))\" width=\"\(f(Self.cell - 2))\" height=\"\(f(Self.cellHeight - 2))\"/>"
                    continue
                }
                let net = t.netSentiment
                s += "<g><rect x=\"\(f(x + 1))\" y=\"\(f(y + 1))\" width=\"\(f(Self.cell - 2))\" height=\"\(f(Self.cellHeight - 2))\" rx=\"2\" fill=\"\(Self.colour(net))\">"
                s += "<title>\(e(name)) · \(e(columns[c])): n \(t.n), \(e(netLabel)) \(numbers.signed(net, 2))</title></rect>"
                s += "<text class=\"\(abs(net) > 0.55 ? "cell dark" : "cell")\" x=\"\(f(x + Self.cell / 2))\" y=\"\(f(y + 17))\" text-anchor=\"middle\">\(t.n)</text></g>"
            }
            s += "\n"
        }
        // Colour scale
        let lx = Self.labelWidth + Double(columns.count) * Self.cell + 24
        for (k, v) in [1.0, 0.5, 0, -0.5, -1].enumerated() {
            let y = Self.header + Double(k) * 18
            s += "<rect x=\"\(f(lx))\" y=\"\(f(y))\" width=\"14\" height=\"14\" rx=\"2\" fill=\"\(Self.colour(v))\"/>"
            s += "<text x=\"\(f(lx + 20))\" y=\"\(f(y + 11))\">\(numbers.signed(v, 1))</text>\n"
        }
        return s + "</svg>"
    }

    /// Diverging colour for a net sentiment in −1…1: red, a light grey at 0, green.
    static func colour(_ net: Double) -> String {
        let v = max(-1, min(1, net))
        let mid = (r: 242.0, g: 242.0, b: 240.0)
        let end = v >= 0 ? (r: 46.0, g: 125.0, b: 50.0) : (r: 198.0, g: 40.0, b: 40.0)
        let a = abs(v)
        func mix(_ m: Double, _ e: Double) -> Int { Int((m + (e - m) * a).rounded()) }
        return "rgb(\(mix(mid.r, end.r)),\(mix(mid.g, end.g)),\(mix(mid.b, end.b)))"
    }
}
