import VerbatimCore

/// The rating columns of a table and the scale each is read on: the `rating` column, whose scale it
/// decides (`RatingColumnScale`), and the `nps` column, 0–10, that a survey asking both questions has
/// beside it. Each counts in its own figure, so a survey's CSAT and NPS are both read.
struct RatingColumns: Sendable {
    /// The `rating` column's scale; nil: each of its ratings by its value.
    var rating: RatingColumnScale?
    /// The `nps` column's, always 0–10, with why.
    var nps = RatingColumnScale(scale: .nps, reason: "an NPS column")
    /// What the manifest says of each.
    var notes: [RatingColumnNote] = []

    /// Finds the columns the headers did not name among the survey's questions (`QuestionColumns`),
    /// then decides the rating column's scale: the pipeline's `rating_scale:`, the question's, the
    /// column's name or first answers, and 1–5 beside an NPS column. A response has one NPS: a rating
    /// column that the pipeline puts on 0–10 leaves the NPS column unread, and one whose answers alone
    /// say 0–10 is left unread beside it (the NPS column is named; what the other holds is a guess),
    /// each saying so in the manifest.
    static func resolve(
        _ mapping: inout ColumnMapping, names: [String], questions: [String], answers: [[String]], candidates: Set<Int>,
        groups: [SurveyLayout.OptionGroup] = [], explicit: SurveyRating.Scale?, aliases: HeaderAliases
    ) -> RatingColumns {
        var out = RatingColumns()
        var free = candidates
        var questionScale: RatingColumnScale?
        if mapping[.rating] == nil,
           let q = QuestionColumns.rating([.csat, .rating], questions: questions, answers: answers, candidates: free, groups: groups, aliases: aliases) {
            mapping.assign(.rating, options: q.columns)
            questionScale = q.scale
            free.subtract(q.columns)
        }
        var npsQuestion: RatingColumnScale?
        if mapping[.nps] == nil,
           let q = QuestionColumns.rating([.nps], questions: questions, answers: answers, candidates: free, groups: groups, aliases: aliases) {
            mapping.assign(.nps, options: q.columns)
            npsQuestion = q.scale
        }
        if let n = mapping[.nps] {
            out.nps = npsQuestion ?? RatingColumnScale(scale: .nps, reason: "its name '\(names[n])' (lexicons/headers.tsv: nps)")
        }
        if let i = mapping[.rating] {
            let values = answers.compactMap { i < $0.count ? $0[i] : nil }
            let named = RatingColumnScale.explicit(explicit) ?? questionScale ?? RatingColumnScale.named(names[i], aliases: aliases)
            let found = named ?? RatingColumnScale.answered(values)
            if let n = mapping[.nps], named == nil, let found, found.scale == .nps {
                mapping.remove(.rating)
                out.notes.append(RatingColumnNote(
                    name: names[i], scale: "not read: \(found.reason), beside the NPS column '\(names[n])'; set rating_scale: in the pipeline's sources to read it"))
            } else {
                out.rating = found ?? mapping[.nps].map { RatingColumnScale(scale: .csat, reason: "the rating beside the NPS column '\(names[$0])'") }
                out.notes.append(RatingColumnNote(name: Self.name(of: .rating, mapping, names), scale: out.rating?.description ?? "each rating by its value (0 or above 5: NPS 0–10; else CSAT 1–5)"))
            }
        }
        if let n = mapping[.nps] {
            if let rating = out.rating, rating.scale == .nps, let i = mapping[.rating] {
                mapping.remove(.nps)
                out.notes.append(RatingColumnNote(name: names[n], scale: "not read: the rating column '\(names[i])' is on 0–10 too (\(rating.reason)), and a response has one NPS"))
            } else {
                out.notes.append(RatingColumnNote(name: Self.name(of: .nps, mapping, names), scale: out.nps.description))
            }
        }
        return out
    }

    /// A field's column name, or the names of its option columns joined ("Q - A | Q - B").
    private static func name(of field: RecordField, _ mapping: ColumnMapping, _ names: [String]) -> String {
        guard let first = mapping[field] else { return "" }
        return ([first] + (mapping.optionColumns[field] ?? [])).map { names[$0] }.joined(separator: " | ")
    }
}
