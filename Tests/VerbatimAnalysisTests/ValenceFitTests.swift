import Testing

@testable import VerbatimAnalysis

/// How the learner averages its settings by their held-out F1 (`ValenceFit.weights`), rather than picking the
/// best one: near-equal settings weigh nearly the same, and a small change of a figure moves the weights a
/// little instead of flipping the choice.
@Suite("valence fit")
struct ValenceFitTests {
    @Test func weightsSumToOneHeaviestFirstAndDropTheFarOnes() {
        let noise = 0.002
        let w = ValenceFit.weights([("a", 0.810), ("b", 0.8191), ("c", 0.8190), ("d", 0.700)], noise)
        #expect(w.map { $0.0 } == ["b", "c", "a"], "d is 0.12 below the best, 60 noises: dropped")
        #expect(abs(w.reduce(0) { $0 + $1.1 } - 1) < 1e-12)
        #expect(abs(w[0].1 - w[1].1) < 0.05 * w[0].1, "0.0001 apart, within the noise: nearly the same weight")
        #expect(w[2].1 < 0.02 * w[0].1, "0.009 below, 4.5 noises: little weight")
    }

    @Test func aTinyChangeOfAFigureMovesTheWeightsALittle() {
        let noise = 0.0018
        // Held-out F1s 0.000007 apart once flipped the chosen scale; here they swap by as much.
        let before = ValenceFit.weights([(1.0, 0.819308), (1.5, 0.819315)], noise)
        let after = ValenceFit.weights([(1.0, 0.819315), (1.5, 0.819308)], noise)
        let share = { (w: [(Double, Double)], scale: Double) in w.first { $0.0 == scale }!.1 }
        #expect(abs(share(before, 1.5) - share(after, 1.5)) < 0.01)
        #expect(abs(share(before, 1.5) - 0.5) < 0.01)
    }

    @Test func theNoiseIsTheStandardErrorOfAHeldOutF1() {
        #expect(abs(ValenceFit.heldOutNoise(f1: 0.82, texts: 46_363) - 0.00178) < 0.00002)
        #expect(ValenceFit.heldOutNoise(f1: 0.70, texts: 4_738) > ValenceFit.heldOutNoise(f1: 0.70, texts: 47_380))
        #expect(ValenceFit.heldOutNoise(f1: 1, texts: 100) > 0, "never zero: the weights divide by it")
    }

    @Test func tablesAreSummedByWeight() {
        let sum = ValenceFit.sum([([1, 2], 0.25), ([3, -2], 0.75)])
        #expect(sum == [2.5, -1])
    }
}
