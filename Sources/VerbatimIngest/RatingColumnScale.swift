import VerbatimCore

/// The scale of a file's rating column, decided once for every answer in it.
///
/// A rating read by its own value alone (`SurveyRating.scale(of:)`: above 5 or below 1 is NPS) turns an
/// NPS survey's detractors who answered 1 to 5 into CSAT ratings, four and five of them "satisfied",
/// and leaves the NPS to the answers 6 to 10: six answers 10, 9, 8, 3, 2, 4 gave NPS +66.7 and a
/// CSAT of 33% over three ratings no one gave, where the survey's NPS is −16.7. So the column
/// decides (`RatingColumns` puts these in order): the pipeline's `rating_scale:` for the source
/// (`explicit`); the column's name, when `headers.tsv` lists it as `csat` (`named`); the survey
/// question (`QuestionColumns`); its first answers, the rows `TableHeader` samples (`answered`: a 0
/// or a number above 5, which no 1–5 scale gives, or a `/10`, make it 0–10). Otherwise each
/// rating is read by its value, as before.
public struct RatingColumnScale: Sendable, Hashable {
    public var scale: SurveyRating.Scale
    /// Why, for the manifest and a reject's reason: "its name 'NPS' (lexicons/headers.tsv)".
    public var reason: String

    public init(scale: SurveyRating.Scale, reason: String) {
        self.scale = scale
        self.reason = reason
    }

    /// The scale a column's name says ("CSAT", "Stars"; an NPS column's name is the `nps` field's); nil when it says none.
    static func named(_ header: String, aliases: HeaderAliases) -> RatingColumnScale? {
        aliases.ratingScale(forHeader: header).map { RatingColumnScale(scale: $0, reason: "its name '\(header)' (lexicons/headers.tsv)") }
    }

    /// The scale a column's first answers say: 0–10 when one is below 1 (a 0), above 5 or written out of 10; nil otherwise.
    static func answered(_ answers: [String]) -> RatingColumnScale? {
        for answer in answers {
            let a = answer.trimmingCharactersInSet(" \t")
            guard !a.isEmpty, let v = RatingParser.parse(a) else { continue }
            if RatingParser.writtenScale(a) == .nps || v < 1 || v > 5 {
                return RatingColumnScale(scale: .nps, reason: "its first answers include '\(a)', which no 1–5 scale gives")
            }
        }
        return nil
    }

    /// The pipeline's `rating_scale:` (the readers whose fields have no header row of answers: XML, JSON).
    static func explicit(_ scale: SurveyRating.Scale?) -> RatingColumnScale? {
        scale.map { RatingColumnScale(scale: $0, reason: "rating_scale: \($0.rawValue) in the pipeline file") }
    }

    /// What the manifest says: "NPS 0–10: its name 'NPS' (lexicons/headers.tsv)".
    public var description: String {
        "\(scale == .nps ? "NPS 0–10" : "CSAT 1–5"): \(reason)"
    }
}
