import Foundation
import VerbatimCore

/// Turns the learner's counts into valences and chooses, by k-fold
/// cross-validation over the spool, the scale of the valences, the
/// shrinkage towards the hand-written ones, and the label thresholds.
///
/// A unit seen in `p` positive and `n` negative texts (negated occurrences
/// counted for the opposite label) has the class-balanced log-odds
/// `ln((p+1)/(P+2)) − ln((n+1)/(N+2))` (Laplace smoothing, `P` and `N` the
/// numbers of positive and negative texts), and the valence
/// `hand + (p+n)/(p+n+k)·scale·log-odds`, clamped to −4…4, where `hand` is
/// its hand-written valence (0 for a new term) and `k` the shrinkage: the
/// learned evidence is added to the hand-written valence, and a unit seen in
/// few texts keeps little of it. (Replacing the hand-written valence instead,
/// shrunk towards it, measured worse on every dev file: see README, Accuracy.)
/// Each held-out text is scored by replaying the rules the scorer applied to
/// it with valences learned without its fold.
struct ValenceFit {
    let units: UnitTable
    let foldTexts: [LabelCounts]
    let rules: SentimentRules
    let options: LexiconLearner.Options

    /// What the cross-validation found.
    struct Figures {
        var scale = 0.0, shrinkage = 0.0
        /// The L2 pull of the discriminative refinement, when it was kept.
        var refinementL2: Double?
        var handBinaryF1 = 0.0, handThreeClassF1: Double?
        var binaryF1 = 0.0, threeClassF1: Double?
        var thresholds = LabelThresholds(positive: 0.05, negative: -0.05)
    }

    func run(_ spool: LearnerSpool) throws -> LearnedLayer {
        let totals = LabelCounts.sum(foldTexts)
        let hasNeutral = Double(totals.neutral) >= 0.02 * Double(totals.total)
        var figures = Figures()
        let defaults = rules.thresholds(for: nil)
        let hand = try histogram(spool) { _ in units.priors }
        figures.handBinaryF1 = hand.binaryF1(defaults)
        figures.handThreeClassF1 = hasNeutral ? hand.threeClassF1(defaults) : nil
        var best: (f1: Double, scale: Double, shrinkage: Double, histogram: ScoreHistogram)?
        for scale in options.scales {
            for shrinkage in options.shrinkages {
                let tables = (0..<foldTexts.count).map { f in valences(excluding: f, totals: totals, scale: scale, shrinkage: shrinkage) }
                let h = try histogram(spool) { tables[Int($0)] }
                let f1 = h.binaryF1(defaults)
                if best == nil || f1 > best!.f1 + 1e-9 { best = (f1, scale, shrinkage, h) }
            }
        }
        guard var best else { throw LearnError.nothingLearned }
        figures.scale = best.scale
        figures.shrinkage = best.shrinkage
        // Then the discriminative refinement, kept only where it helps the held-out folds.
        var refinement: ValenceRefinement?
        for l2 in options.refinementL2 {
            let polar = Double(totals.positive + totals.negative)
            let weights = (positive: polar / (2 * Double(totals.positive)), negative: polar / (2 * Double(totals.negative)))
            let r = ValenceRefinement(rules: rules, priors: units.priors, classWeights: weights, l2: l2)
            let tables = try (0..<foldTexts.count).map { f in
                var v = valences(excluding: f, totals: totals, scale: best.scale, shrinkage: best.shrinkage)
                try r.refine(&v, spool: spool, excluding: f)
                return v
            }
            let h = try histogram(spool) { tables[Int($0)] }
            let f1 = h.binaryF1(defaults)
            if f1 > best.f1 + 1e-9 { best = (f1, best.scale, best.shrinkage, h); refinement = r }
        }
        figures.refinementL2 = refinement?.l2
        // Without neutral texts, nothing says where neutral begins: the rules' thresholds stay.
        let calibrated = hasNeutral ? best.histogram.calibrateNeutralBand() : nil
        figures.thresholds = calibrated ?? defaults
        figures.binaryF1 = best.histogram.binaryF1(figures.thresholds)
        figures.threeClassF1 = hasNeutral ? best.histogram.threeClassF1(figures.thresholds) : nil
        var final = valences(excluding: nil, totals: totals, scale: best.scale, shrinkage: best.shrinkage)
        try refinement?.refine(&final, spool: spool, excluding: nil)
        return LearnedLayer(entries: entries(final), thresholds: calibrated, figures: figures, texts: totals)
    }

    /// Valences learned from every fold but `excluded`.
    func valences(excluding excluded: Int?, totals: LabelCounts, scale: Double, shrinkage: Double) -> [Double] {
        var texts = totals
        if let excluded {
            texts.positive -= foldTexts[excluded].positive
            texts.negative -= foldTexts[excluded].negative
        }
        let p0 = Double(texts.positive) + 2, n0 = Double(texts.negative) + 2
        var out = [Double](repeating: 0, count: units.count)
        for u in 0..<units.count {
            var c = units.total(u)
            if let excluded { c.positive -= units.foldCounts[excluded][u].positive; c.negative -= units.foldCounts[excluded][u].negative }
            let p = Double(c.positive), n = Double(c.negative), seen = p + n
            let logOdds = log((p + 1) / p0) - log((n + 1) / n0)
            // A phrase's words come first in the table: it adds its own evidence to theirs.
            let prior = units.priors[u] + units.components[u].reduce(0) { $0 + out[$1] }
            out[u] = max(-4, min(4, prior + seen / (seen + shrinkage) * scale * logOdds))
        }
        return out
    }

    /// Scores every spooled text with the valences `table(fold)` by replaying its rules.
    private func histogram(_ spool: LearnerSpool, _ table: (UInt8) -> [Double]) throws -> ScoreHistogram {
        var h = ScoreHistogram()
        try spool.forEach { text in
            h.add(compound(text, table(text.fold)), label: text.label)
        }
        return h
    }

    /// The compound score of a spooled text: what `SentimentScorer.score` computes for it.
    func compound(_ text: LearnerSpool.Text, _ valences: [Double]) -> Double {
        var sum = text.fixed
        for hit in text.hits { sum += rules.replay(hit, valence: valences[Int(hit.unit)]) }
        sum += ExclamationRule.emphasis(of: sum, bangs: Int(text.exclamations), rules)
        return sum == 0 ? 0 : max(-1, min(1, sum / (sum * sum + rules.alpha).squareRoot()))
    }

    /// The entries worth writing: new terms with a valence, hand-written ones whose valence moved, and
    /// new terms without one that a written stem would otherwise catch (written as 0, which blocks it).
    private func entries(_ valences: [Double]) -> [LearnedLayerFile.Entry] {
        var written: [Int] = []
        var stems = Set<String>()
        var dropped: [Int] = []
        for u in 0..<units.count where units.isWritable(u) {
            let v = (valences[u] * 100).rounded() / 100
            if units.isCandidate(u) ? abs(v) >= options.minChange : abs(v - units.priors[u]) >= options.minChange {
                written.append(u)
                if units.isCandidate(u), units.terms[u].hasSuffix("*") { stems.insert(String(units.terms[u].dropLast())) }
            } else if units.isCandidate(u), !units.isPair(u) {
                dropped.append(u)
            }
        }
        var out = written.map { entry($0, valence: valences[$0]) }
        for u in dropped where Self.hasStem(units.terms[u], in: stems) { out.append(entry(u, valence: 0)) }
        return out.sorted { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) }
    }

    private func entry(_ u: Int, valence: Double) -> LearnedLayerFile.Entry {
        let c = units.total(u)
        return LearnedLayerFile.Entry(term: units.terms[u], valence: (valence * 100).rounded() / 100, positives: c.positive, negatives: c.negative)
    }

    /// Whether a written stem is a proper prefix of `term` (a word, or a stem written `x*`).
    static func hasStem(_ term: String, in stems: Set<String>) -> Bool {
        let body = Array((term.hasSuffix("*") ? String(term.dropLast()) : term).unicodeScalars)
        guard body.count > 1 else { return false }
        for n in 1..<body.count where stems.contains(String(String.UnicodeScalarView(body[..<n]))) { return true }
        return false
    }
}

/// Held-out compound scores by label, in bins of 0.01: enough to compute F1 at any thresholds
/// without keeping one score per text.
struct ScoreHistogram {
    /// Bins over −1…1 for negative, neutral and positive texts.
    private var bins = [[Int]](repeating: [Int](repeating: 0, count: 201), count: 3)

    static func bin(_ score: Double) -> Int { max(0, min(200, Int(((score + 1) * 100).rounded()))) }
    static func score(ofBin b: Int) -> Double { Double(b) / 100 - 1 }

    mutating func add(_ score: Double, label: SentimentLabel) { bins[Self.row(label)][Self.bin(score)] += 1 }

    private static func row(_ label: SentimentLabel) -> Int { label == .negative ? 0 : label == .neutral ? 1 : 2 }

    /// Thresholds in hundredths of the compound score (what the bins resolve).
    struct Cut: Hashable {
        var positive: Int, negative: Int
        init(positive: Int, negative: Int) { self.positive = positive; self.negative = negative }
        init(_ t: LabelThresholds) { self.init(positive: Int((t.positive * 100).rounded()), negative: Int((t.negative * 100).rounded())) }
        var thresholds: LabelThresholds { LabelThresholds(positive: Double(positive) / 100, negative: Double(negative) / 100) }
        /// The row of the label of bin `b` (score `b/100 − 1`).
        func row(_ b: Int) -> Int { b - 100 >= positive ? 2 : b - 100 <= negative ? 0 : 1 }
    }

    /// Confusion counts: [gold][predicted], rows and columns negative, neutral, positive.
    func confusion(_ t: Cut) -> [[Int]] {
        var m = [[Int]](repeating: [0, 0, 0], count: 3)
        for g in 0..<3 {
            for b in 0..<201 where bins[g][b] > 0 { m[g][t.row(b)] += bins[g][b] }
        }
        return m
    }

    /// Macro-F1 over positive and negative texts only; a neutral prediction is a miss.
    func binaryF1(_ t: LabelThresholds) -> Double { binaryF1(confusion(Cut(t))) }

    /// Macro-F1 over the three classes.
    func threeClassF1(_ t: LabelThresholds) -> Double { threeClassF1(confusion(Cut(t))) }

    private func binaryF1(_ m: [[Int]]) -> Double { (Self.f1(m, 0, gold: [0, 2]) + Self.f1(m, 2, gold: [0, 2])) / 2 }

    private func threeClassF1(_ m: [[Int]]) -> Double {
        (Self.f1(m, 0, gold: [0, 1, 2]) + Self.f1(m, 1, gold: [0, 1, 2]) + Self.f1(m, 2, gold: [0, 1, 2])) / 3
    }

    private static func f1(_ m: [[Int]], _ c: Int, gold rows: [Int]) -> Double {
        let tp = Double(m[c][c])
        let fp = Double(rows.filter { $0 != c }.reduce(0) { $0 + m[$1][c] })
        let fn = Double((0..<3).filter { $0 != c }.reduce(0) { $0 + m[c][$1] })
        return tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn)
    }

    /// The neutral band `−b…b` (b in 0.01…0.6) that maximises binary plus three-class macro-F1 over
    /// held-out texts. Only data with neutral texts can say how wide it is; the valences are
    /// class-balanced, so the band is symmetric.
    func calibrateNeutralBand() -> LabelThresholds {
        var best = (value: -1.0, cut: Cut(positive: 5, negative: -5))
        for b in 1...60 {
            let cut = Cut(positive: b, negative: -b)
            let m = confusion(cut)
            let value = binaryF1(m) + threeClassF1(m)
            if value > best.value + 1e-9 { best = (value, cut) }
        }
        return best.cut.thresholds
    }
}

/// What `verbatim learn` produces for one language.
public struct LearnedLayer: Sendable {
    public var entries: [LearnedLayerFile.Entry]
    /// The calibrated neutral band, when the data had neutral texts to calibrate it on.
    public var thresholds: LabelThresholds?
    var figures: ValenceFit.Figures
    public var texts: LabelCounts

    /// Lines for the layer's header and the learner's report.
    public var report: [String] {
        func f(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "n/a" }
        let learnedTerms = entries.filter { !$0.term.isEmpty }.count
        return [
            "texts: \(texts.positive) positive, \(texts.neutral) neutral, \(texts.negative) negative; entries: \(learnedTerms)",
            "chosen by cross-validation: scale \(figures.scale) valence per unit of log-odds, shrinkage \(figures.shrinkage) texts, "
                + (figures.refinementL2.map { "refined by logistic loss (L2 \($0))" } ?? "no refinement"),
            "cross-validated binary macro-F1: hand-written only \(f(figures.handBinaryF1)), with this layer \(f(figures.binaryF1))",
            "cross-validated three-class macro-F1: hand-written only \(f(figures.handThreeClassF1)), with this layer \(f(figures.threeClassF1))",
        ]
    }
}
