/// The constants of the sentiment rules, documented and configurable.
///
/// The defaults follow VADER (Hutto & Gilbert 2014) where it has a
/// constant, and say why where they differ.
public struct SentimentRules: Sendable, Hashable {
    /// Compound score at or above which a record is positive (VADER: 0.05).
    public var positiveThreshold = 0.05
    /// Compound score at or below which a record is negative (VADER: −0.05).
    public var negativeThreshold = -0.05
    /// A negated positive word keeps 74% of its strength with the sign flipped (VADER's N_SCALAR −0.74):
    /// `iyi değil` (+1.9) → −1.4.
    public var negatedPositiveScalar = -0.74
    /// A negated negative word becomes only mildly positive: `kötü değil` (−2.5) → +1.0.
    /// VADER uses the same −0.74 both ways; customer feedback "not bad" is faint praise, so we use −0.4.
    public var negatedNegativeScalar = -0.4
    /// Added to the strength of a word written in capitals in mixed-case text (VADER's C_INCR).
    public var capsIncrement = 0.733
    /// Added to the strength of an elongated word (`çoooook`): VADER's booster step.
    public var elongationIncrement = 0.293
    /// Added to the strength of the whole text per `!`, at most `maxExclamations` (VADER: 0.292, 4).
    public var exclamationIncrement = 0.292
    public var maxExclamations = 4
    /// Weight of the clause before a contrast conjunction and of the clause after it (VADER's "but": 0.5, 1.5).
    public var contrastBeforeWeight = 0.5
    public var contrastAfterWeight = 1.5
    /// Weight of the terms in a real condition (`ConditionRule`: `Bir sorun yaşarsanız hemen yardımcı oluyorlar`,
    /// "if you have a problem they help at once"): what it supposes may not happen. VADER has no such rule;
    /// 0 leaves the supposed problem out, 1 turns the rule off.
    public var conditionWeight = 0.0
    /// How many words a negator or an intensifier reaches (VADER: 3).
    public var window = 3
    /// Intensifier decay with distance (VADER: 1, 0.95, 0.9).
    public var intensifierDecay: [Double] = [1, 0.95, 0.9]
    /// Normalisation constant of the compound score: x / √(x² + α) (VADER: 15).
    public var alpha = 15.0
    /// Valence of a negation with nothing to negate (`интернет жоқ`, `ne javljaju se`, `gelmedi`):
    /// in customer feedback, saying something did not happen is a complaint. 0 turns the rule off.
    public var unattachedNegationValence = -1.0
    /// Valence of a rating written in the text at the end of its scale (`0/10`, `10/10`, `1/5`, `5/5`; `RatingRule`).
    /// Towards the middle band it weakens step by step; the middle band scores 0. 0 turns the rule off.
    public var ratingValence = 3.0
    /// The valence of leaving for another company (`CompetitorRule`: `başka operatöre geçtim`, "I switched to
    /// another operator") where no entry of the lexicon scores it: a complaint as strong as the hand-written
    /// churn entries (`başka operatöre geç*` −2).
    public var switchValence = -2.0
    /// Rating and text disagree when the text score is at least this strong against the rating.
    public var disagreementScore = 0.5
    /// Whether a learned layer's calibrated thresholds replace `positiveThreshold` and
    /// `negativeThreshold` for its language (false when a pipeline sets the thresholds itself).
    public var useCalibratedThresholds = true

    public init() {}

    /// A valence negated: the sign flips and the strength scales by `negatedPositiveScalar` or
    /// `negatedNegativeScalar`.
    public func negated(_ v: Double) -> Double { v > 0 ? v * negatedPositiveScalar : v * negatedNegativeScalar }

    /// The valence of a rating written in the text, `score` on `scale` (its bands as `SurveyRating` defines
    /// them): in the low band from −`ratingValence` at the bottom of the scale to a step
    /// short of 0 at the band's top (`6/10` −3/7, `2/5` −1.5), in the high band from a step above 0 at its
    /// bottom to +`ratingValence` at the top (`9/10` +1.5, `4/5` +1.5), 0 in the middle band.
    public func ratingValence(_ score: Double, on scale: SurveyRating.Scale) -> Double {
        if score <= scale.lowMax {
            // No stars (below the bottom of the CSAT scale) is as low as one.
            return -ratingValence * (scale.lowMax + 1 - max(score, scale.lowest)) / (scale.lowMax + 1 - scale.lowest)
        }
        if score >= scale.highMin {
            return ratingValence * (score - scale.highMin + 1) / (scale.highest - scale.highMin + 1)
        }
        return 0
    }

    /// The label of a compound score.
    public func label(_ score: Double) -> SentimentLabelValue { thresholds(for: nil).label(score) }

    /// The thresholds that label a text of a language: its learned calibration when there is one and
    /// `useCalibratedThresholds` allows it, else `positiveThreshold` and `negativeThreshold`.
    public func thresholds(for lexicon: LanguageLexicon?) -> LabelThresholds {
        if useCalibratedThresholds, let calibrated = lexicon?.calibratedThresholds { return calibrated }
        return LabelThresholds(positive: positiveThreshold, negative: negativeThreshold)
    }
}

import VerbatimCore
public typealias SentimentLabelValue = SentimentLabel
