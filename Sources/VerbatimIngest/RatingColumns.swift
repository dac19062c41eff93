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
        // Qualtrics writes an NPS question's group (1 detractor, 2 passive, 3 promoter) beside its answer,
        // as `Q1_NPS_GROUP`: a code, not a rating, whatever its question says.
        let candidates = candidates.filter { !names[$0].uppercased().hasSuffix(Self.qualtricsGroupSuffix) }
        let asked = findQuestions(&mapping, questions: questions, answers: answers, candidates: candidates, groups: groups, aliases: aliases)
        if mapping[.rating] == nil,
           let off = QuestionColumns.offScaleSatisfaction(questions: questions, answers: answers, candidates: candidates, aliases: aliases) {
            out.notes.append(Self.offScaleNote(names[off.column], question: off.question, highest: off.highest))
        }
        if let n = mapping[.nps] {
            out.nps = asked.nps ?? RatingColumnScale(scale: .nps, reason: "its name '\(names[n])' (lexicons/headers.tsv: nps)")
        }
        out.decideRating(&mapping, names: names, answers: answers, named: RatingColumnScale.explicit(explicit) ?? asked.rating, aliases: aliases)
        out.settleNPS(&mapping, names: names)
        return out
    }

    /// Maps the rating and NPS fields that no header named to their questions; the scales the questions say.
    private static func findQuestions(
        _ mapping: inout ColumnMapping, questions: [String], answers: [[String]], candidates: Set<Int>, groups: [SurveyLayout.OptionGroup],
        aliases: HeaderAliases
    ) -> (rating: RatingColumnScale?, nps: RatingColumnScale?) {
        var free = candidates
        var scales: (rating: RatingColumnScale?, nps: RatingColumnScale?) = (nil, nil)
        if mapping[.rating] == nil,
           let q = QuestionColumns.rating([.csat, .rating], questions: questions, answers: answers, candidates: free, groups: groups, aliases: aliases) {
            mapping.assign(.rating, options: q.columns)
            scales.rating = q.scale
            free.subtract(q.columns)
        }
        if mapping[.nps] == nil,
           let q = QuestionColumns.rating([.nps], questions: questions, answers: answers, candidates: free, groups: groups, aliases: aliases) {
            mapping.assign(.nps, options: q.columns)
            scales.nps = q.scale
        }
        return scales
    }

    /// The rating column's scale: `named` (the pipeline's or its question's), else its name's, else its
    /// first answers', else 1–5 beside an NPS column. A column whose answers alone say 0–10 beside an NPS
    /// column is left unread.
    private mutating func decideRating(
        _ mapping: inout ColumnMapping, names: [String], answers: [[String]], named: RatingColumnScale?, aliases: HeaderAliases
    ) {
        guard let i = mapping[.rating] else { return }
        let named = named ?? RatingColumnScale.named(names[i], aliases: aliases)
        let found = named ?? RatingColumnScale.answered(answers.compactMap { i < $0.count ? $0[i] : nil })
        if let n = mapping[.nps], named == nil, let found, found.scale == .nps {
            mapping.remove(.rating)
            notes.append(.unread(
                name: names[i], why: "\(found.reason), beside the NPS column '\(names[n])'; set rating_scale: in the pipeline's sources to read it"))
            return
        }
        rating = found ?? mapping[.nps].map { RatingColumnScale(scale: .csat, reason: "the rating beside the NPS column '\(names[$0])'") }
        notes.append(RatingColumnNote(name: Self.name(of: .rating, mapping, names),
                                      scale: rating?.description ?? "each rating by its value (below 1 or above 5: NPS 0–10; else CSAT 1–5)"))
    }

    /// The NPS column's note; it is left unread when the rating column is on 0–10 too (a response has one NPS).
    private mutating func settleNPS(_ mapping: inout ColumnMapping, names: [String]) {
        guard let n = mapping[.nps] else { return }
        if let rating, rating.scale == .nps, let i = mapping[.rating] {
            mapping.remove(.nps)
            notes.append(.unread(name: names[n], why: "the rating column '\(names[i])' is on 0–10 too (\(rating.reason)), and a response has one NPS"))
        } else {
            notes.append(RatingColumnNote(name: Self.name(of: .nps, mapping, names), scale: nps.description))
        }
    }

    static let qualtricsGroupSuffix = "_NPS_GROUP"

    /// Why a satisfaction question answered on another scale (0–10) is not read: neither a CSAT 1–5 nor
    /// a recommendation; the pipeline can name it with the scale to read it on.
    static func offScaleNote(_ name: String, question: String, highest: Double) -> RatingColumnNote {
        let shown = question.count > 60 ? String(question.prefix(60)) + "…" : question
        return .unread(name: name, why: """
            a satisfaction question ('\(shown)', lexicons/headers.tsv: csat question) answered up to \
            \(PlainNumber.text(highest)), off CSAT's 1–5, and not NPS's recommendation question; to read it on 0–10, set \
            columns: {rating: '\(name)'} and rating_scale: nps in the pipeline's sources
            """)
    }

    /// A field's column name, or the names of its option columns joined ("Q - A | Q - B").
    private static func name(of field: RecordField, _ mapping: ColumnMapping, _ names: [String]) -> String {
        guard let first = mapping[field] else { return "" }
        return ([first] + (mapping.optionColumns[field] ?? [])).map { names[$0] }.joined(separator: " | ")
    }
}
