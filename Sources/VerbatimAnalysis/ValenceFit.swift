import Foundation
import VerbatimCore

/// Turns the learner's counts into valences and chooses, by k-fold
/// cross-validation over the spool, the scale of the valences, the
/// shrinkage towards the hand-written ones, the refinement, and the label thresholds.
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
///
/// The settings are not chosen one by one but averaged: each setting's valences weigh
/// `exp(−(best − F1)/noise)`, where F1 is its held-out binary macro-F1 and `noise` the standard
/// error of such a figure over this many texts (`heldOutNoise`). Settings within the noise of the
/// best weigh nearly as much as the best, and a small change to the data or the rules moves the
/// weights a little, where picking the best flipped between near-equal settings (a held-out
/// difference of 0.000007 once moved a layer's dev F1 by 0.003: see README, Learned lexicon layers).
struct ValenceFit {
    let units: UnitTable
    let foldTexts: [LabelCounts]
    let rules: SentimentRules
    let options: LexiconLearner.Options

    /// One count-based setting: valence per unit of log-odds, and shrinkage in texts.
    struct Setting: Equatable {
        var scale: Double, shrinkage: Double
    }

    /// What the cross-validation found.
    struct Figures {
        /// The count-based settings averaged, with their weights (summing to 1), heaviest first.
        var settings: [(setting: Setting, weight: Double)] = []
        /// The refinements averaged (nil: the count-based valences), with their weights, heaviest first.
        var refinements: [(l2: Double?, weight: Double)] = []
        var handBinaryF1 = 0.0, handThreeClassF1: Double?
        var binaryF1 = 0.0, threeClassF1: Double?
        var thresholds = LabelThresholds(positive: 0.05, negative: -0.05)
    }

    /// Weights below this share of the heaviest are dropped (they would change no valence's hundredths).
    static let negligibleWeight = 0.01

    func run(_ spool: LearnerSpool) throws -> LearnedLayer {
        let totals = LabelCounts.sum(foldTexts)
        let hasNeutral = Double(totals.neutral) >= 0.02 * Double(totals.total)
        var figures = Figures()
        let defaults = rules.thresholds(for: nil)
        let hand = try histogram(spool) { _ in units.priors }
        figures.handBinaryF1 = hand.binaryF1(defaults)
        figures.handThreeClassF1 = hasNeutral ? hand.threeClassF1(defaults) : nil
        // The count-based settings, each scored on the held-out folds, then averaged by their scores.
        var scored: [(setting: Setting, f1: Double)] = []
        for scale in options.scales {
            for shrinkage in options.shrinkages {
                let setting = Setting(scale: scale, shrinkage: shrinkage)
                let tables = (0..<foldTexts.count).map { f in valences(excluding: f, totals: totals, setting) }
                scored.append((setting, try histogram(spool) { tables[Int($0)] }.binaryF1(defaults)))
            }
        }
        // No setting to score (an empty grid in the options): nothing to learn, as before averaging.
        guard let best = scored.map(\.f1).max() else { throw LearnError.nothingLearned }
        let noise = Self.heldOutNoise(f1: best, texts: totals.polar)
        let settings = Self.weights(scored.map { ($0.setting, $0.f1) }, noise)
        figures.settings = settings.map { (setting: $0.0, weight: $0.1) }
        let blend = { (f: Int?) in Self.sum(settings.map { (valences(excluding: f, totals: totals, $0.0), $0.1) }) }
        // Then the discriminative refinement of the blend, the refinements averaged with the blend as it is.
        var variants: [(l2: Double?, f1: Double, tables: [[Double]])] = []
        let counted = (0..<foldTexts.count).map { blend($0) }
        variants.append((nil, try histogram(spool) { counted[Int($0)] }.binaryF1(defaults), counted))
        for l2 in options.refinementL2 {
            let r = refinement(l2, totals)
            let tables = try counted.indices.map { f in
                var v = counted[f]
                try r.refine(&v, spool: spool, excluding: f)
                return v
            }
            variants.append((l2, try histogram(spool) { tables[Int($0)] }.binaryF1(defaults), tables))
        }
        let refinements = Self.weights(variants.indices.map { ($0, variants[$0].f1) }, noise)
        figures.refinements = refinements.map { (l2: variants[$0.0].l2, weight: $0.1) }
        let heldOutTables = (0..<foldTexts.count).map { f in Self.sum(refinements.map { (variants[$0.0].tables[f], $0.1) }) }
        let heldOut = try histogram(spool) { heldOutTables[Int($0)] }
        // Without neutral texts, nothing says where neutral begins: the rules' thresholds stay.
        let calibrated = hasNeutral ? heldOut.calibrateNeutralBand() : nil
        figures.thresholds = calibrated ?? defaults
        figures.binaryF1 = heldOut.binaryF1(figures.thresholds)
        figures.threeClassF1 = hasNeutral ? heldOut.threeClassF1(figures.thresholds) : nil
        let whole = blend(nil)
        let final = try Self.sum(figures.refinements.map { w in
            var v = whole
            if let l2 = w.l2 { try refinement(l2, totals).refine(&v, spool: spool, excluding: nil) }
            return (v, w.weight)
        })
        return LearnedLayer(entries: entries(final), thresholds: calibrated, figures: figures, texts: totals)
    }

    /// The refinement with L2 pull `l2`; each class weighs as much as the other.
    private func refinement(_ l2: Double, _ totals: LabelCounts) -> ValenceRefinement {
        let polar = Double(totals.positive + totals.negative)
        let weights = (positive: polar / (2 * Double(totals.positive)), negative: polar / (2 * Double(totals.negative)))
        return ValenceRefinement(rules: rules, priors: units.priors, classWeights: weights, l2: l2)
    }

    /// The standard error of a held-out F1 near `f1` over `texts` texts, `√(F1·(1−F1)/n)`: how far apart two
    /// settings' figures can be by the draw of the texts alone (0.0018 for 46,000 Kazakh reviews near 0.82,
    /// 0.0067 for 4,700 Serbian tweets near 0.70).
    static func heldOutNoise(f1: Double, texts: Int) -> Double {
        max(1e-4, (f1 * (1 - f1) / Double(max(1, texts))).squareRoot())
    }

    /// Each candidate's weight, `exp(−(best − F1)/noise)` normalised to sum to 1, the negligible ones
    /// dropped; heaviest first, candidates of equal weight in their given order.
    static func weights<Candidate>(_ scored: [(Candidate, Double)], _ noise: Double) -> [(Candidate, Double)] {
        let best = scored.map(\.1).max() ?? 0
        let raw = scored.map { ($0.0, exp(-(best - $0.1) / noise)) }.filter { $0.1 >= negligibleWeight }
        let total = raw.reduce(0) { $0 + $1.1 }
        return raw.enumerated().sorted { $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset }
            .map { ($0.element.0, $0.element.1 / total) }
    }

    /// The weighted sum of valence tables of the same units.
    static func sum(_ parts: [([Double], Double)]) -> [Double] {
        guard let first = parts.first else { return [] }
        var out = [Double](repeating: 0, count: first.0.count)
        for (table, weight) in parts {
            for u in out.indices { out[u] += weight * table[u] }
        }
        return out
    }

    /// Valences learned from every fold but `excluded`.
    func valences(excluding excluded: Int?, totals: LabelCounts, _ setting: Setting) -> [Double] {
        let scale = setting.scale, shrinkage = setting.shrinkage
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
            "averaged by cross-validated F1: " + figures.settings.prefix(3).map { w in
                "scale \(w.setting.scale) × shrinkage \(w.setting.shrinkage) texts (\(String(format: "%.2f", w.weight)))"
            }.joined(separator: ", ") + (figures.settings.count > 3 ? ", \(figures.settings.count - 3) more" : "")
                + "; " + figures.refinements.map { w in
                    (w.l2.map { "refined by logistic loss, L2 \($0)" } ?? "not refined") + " (\(String(format: "%.2f", w.weight)))"
                }.joined(separator: ", "),
            "cross-validated binary macro-F1: hand-written only \(f(figures.handBinaryF1)), with this layer \(f(figures.binaryF1))",
            "cross-validated three-class macro-F1: hand-written only \(f(figures.handThreeClassF1)), with this layer \(f(figures.threeClassF1))",
        ]
    }
}
