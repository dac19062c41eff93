/// What a survey rating says: the one home of the CSAT and NPS definitions.
///
/// A rating is read on the NPS scale (0–10) when it is above 5 or exactly 0,
/// which no 1–5 scale gives; otherwise on the CSAT scale (1–5 stars). NPS, as
/// Bain defines it: promoters 9–10, passives 7–8, detractors 0–6, and
/// NPS = % promoters − % detractors (−100…100). CSAT: 4–5 satisfied, 3
/// neither, 1–2 dissatisfied; CSAT % = % satisfied. `SentimentTally` counts
/// with these bands, and the `sentiment` stage compares the text's score with
/// them (a high rating with a clearly negative text disagrees).
public enum SurveyRating {
    /// The scale a rating is on.
    public enum Scale: Sendable, Hashable {
        /// 1–5 stars or CSAT.
        case csat
        /// 0–10 Net Promoter Score.
        case nps

        /// The scale whose top is `top` (5: CSAT, 10: NPS); nil for any other.
        public init?(top: Double) {
            switch top {
            case 5: self = .csat
            case 10: self = .nps
            default: return nil
            }
        }

        /// The lowest and the highest rating on the scale (1–5 stars, 0–10 NPS).
        public var lowest: Double { self == .csat ? 1 : 0 }
        public var highest: Double { self == .csat ? 5 : 10 }
        /// The highest rating in the low band (dissatisfied, detractor).
        public var lowMax: Double { self == .csat ? 2 : 6 }
        /// The lowest rating in the high band (satisfied, promoter).
        public var highMin: Double { self == .csat ? 4 : 9 }
    }

    /// Where a rating stands on its scale.
    public enum Band: Sendable, Hashable {
        /// Dissatisfied (CSAT 1–2) or a detractor (NPS 0–6).
        case low
        /// CSAT 3, or a passive (NPS 7–8).
        case middle
        /// Satisfied (CSAT 4–5) or a promoter (NPS 9–10).
        case high
    }

    /// The scale of `rating`: NPS above 5 or at 0, else CSAT.
    public static func scale(of rating: Double) -> Scale { rating > 5 || rating == 0 ? .nps : .csat }

    /// The scale of `rating` and its band on that scale.
    public static func classify(_ rating: Double) -> (scale: Scale, band: Band) {
        let scale = scale(of: rating)
        return (scale, rating <= scale.lowMax ? .low : rating >= scale.highMin ? .high : .middle)
    }

    /// NPS from counts: % promoters − % detractors; nil without ratings.
    public static func netPromoterScore(promoters: Int, detractors: Int, of count: Int) -> Double? {
        count == 0 ? nil : Double(promoters - detractors) / Double(count) * 100
    }
}
