import Foundation
import VerbatimCore

/// Refines count-based valences discriminatively: a few epochs of stochastic
/// gradient descent on the logistic loss of each positive or negative text's
/// score, where the score is the scorer's own sum replayed from the spool
/// (negation, intensifiers, emphasis and contrast as they applied). Words that
/// always come together stop counting twice, which log-odds cannot see. An L2
/// pull towards the hand-written valence (0 for a new term) keeps rare terms
/// near what they were; the classes weigh the same, as in the log-odds.
struct ValenceRefinement {
    let rules: SentimentRules
    let priors: [Double]
    /// Each class weighs as much as the other, however many texts it has (valences stay class-balanced).
    let classWeights: (positive: Double, negative: Double)
    /// Pull towards the prior per occurrence.
    var l2: Double
    var epochs = 4
    /// Log-odds per unit of summed valence in the loss.
    var sharpness = 0.5
    var learningRate = 0.05

    /// Refines `valences` on the spooled positive and negative texts outside fold `excluded`.
    func refine(_ valences: inout [Double], spool: LearnerSpool, excluding excluded: Int?) throws {
        for epoch in 0..<epochs {
            let rate = learningRate / (1 + Double(epoch))
            try spool.forEach { text in
                guard text.label != .neutral, excluded.map({ Int(text.fold) != $0 }) ?? true else { return }
                step(text, &valences, rate: rate)
            }
        }
    }

    private func step(_ text: LearnerSpool.Text, _ v: inout [Double], rate: Double) {
        let y: Double = text.label == .positive ? 1 : -1
        let weight = text.label == .positive ? classWeights.positive : classWeights.negative
        var sum = text.fixed
        for hit in text.hits { sum += rules.replay(hit, valence: v[Int(hit.unit)]) }
        // d(loss)/d(sum) for loss = ln(1 + e^(−y·k·sum)).
        let margin = y * sharpness * sum
        let gradient = -weight * y * sharpness / (1 + exp(margin))
        for hit in text.hits {
            let u = Int(hit.unit)
            let update = gradient * slope(hit, v[u]) + l2 * (v[u] - priors[u])
            v[u] = max(-4, min(4, v[u] - rate * update))
        }
    }

    /// The derivative of `contribution` with respect to the valence.
    private func slope(_ hit: LearnerSpool.Hit, _ value: Double) -> Double {
        var d = Double(hit.weight)
        var v = value
        for _ in 0..<hit.negations {
            let scalar = v >= 0 ? rules.negatedPositiveScalar : rules.negatedNegativeScalar
            d *= scalar
            v *= scalar
        }
        return d
    }
}

extension SentimentRules {
    /// What a spooled hit adds to a text's sum with `valence`: the rules replayed as the scorer applied them
    /// (`AffixNegationRule`/`NegationWordRule` negations, `IntensifierRule`/`EmphasisRule` boost,
    /// `ContrastRule`/`ConcessionRule` weight). A neutral entry scores nothing.
    func replay(_ hit: LearnerSpool.Hit, valence: Double) -> Double {
        var v = valence
        if v == 0 { return 0 }
        for _ in 0..<hit.negations { v = negated(v) }
        if hit.boost != 0 { v += (v >= 0 ? 1 : -1) * Double(hit.boost) }
        return v * Double(hit.weight)
    }
}
