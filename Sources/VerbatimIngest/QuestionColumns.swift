import VerbatimCore

/// Columns whose header is a survey question rather than a field's name: Google Forms, Microsoft
/// Forms and SurveyMonkey name each column by the question asked ("Hizmetimizden ne kadar memnun
/// kaldınız?", "Sizi arayan temsilcimizin adı"), which no alias can list. A column is read as the
/// rating or the employee when its header holds one of the question words of `headers.tsv`
/// (`csat question`, `nps question`, `rating question`, `employee question`) and its first answers
/// are what that field holds: ratings (numbers or listed choices), or short names. Only fields no
/// header named already are looked for, and only in columns no field took. A SurveyMonkey choice
/// question spread over one column per option is read as one field, from whichever option column a
/// row fills (one of its columns alone holds only the respondents who chose that option).
enum QuestionColumns {
    /// A rating question's column (or its option columns, first to last) and its scale.
    struct Rating {
        var columns: [Int]
        var scale: RatingColumnScale?
    }

    /// Share of a column's non-empty answers that must be the field's kind of value (4 in 5).
    static let agreement = 0.8

    /// The first question of `kinds` (in that order of preference) whose answers are ratings: for the
    /// rating column a satisfaction question before a plain rating question; for the NPS column the
    /// recommendation question. A satisfaction question answered above 5 (a 0–10 satisfaction scale)
    /// is not read: it is neither CSAT nor NPS, and `columns: rating:` reads it by each answer's value
    /// when that is wanted. `questions` are the columns' questions (a Qualtrics export's second header
    /// row), their names otherwise.
    /// A SurveyMonkey choice question spread over one column per option (`groups`) is read when all of
    /// its options are ratings ("Veoma zadovoljan", "5"), from whichever of its columns a row fills.
    static func rating(
        _ kinds: [HeaderAliases.QuestionKind], questions: [String], answers: [[String]], candidates: Set<Int>,
        groups: [SurveyLayout.OptionGroup] = [], aliases: HeaderAliases
    ) -> Rating? {
        var found: [HeaderAliases.QuestionKind: Rating] = [:]
        func consider(_ question: String, columns: [Int], values: [String]) {
            guard let kind = aliases.questionKind(forHeader: question), kinds.contains(kind), found[kind] == nil,
                  holdsRatings(values, aliases: aliases) else { return }
            let scale = scale(kind, question: question, answers: values)
            if kind != .rating, scale == nil { return }
            found[kind] = Rating(columns: columns, scale: scale)
        }
        for (i, question) in questions.enumerated() where candidates.contains(i) {
            consider(question, columns: [i], values: column(i, of: answers))
        }
        for g in groups where g.options.allSatisfy({ isRating($0, aliases: aliases) }) {
            consider(g.question, columns: g.columns, values: g.options)
        }
        return kinds.lazy.compactMap { found[$0] }.first
    }

    /// The first satisfaction question (of the `candidates`) whose answers are numbers off its 1–5 scale:
    /// `rating` does not read it, and the manifest says so, with its column and the highest answer.
    static func offScaleSatisfaction(questions: [String], answers: [[String]], candidates: Set<Int>, aliases: HeaderAliases)
        -> (column: Int, question: String, highest: Double)? {
        for (i, question) in questions.enumerated() where candidates.contains(i) && aliases.questionKind(forHeader: question) == .csat {
            let values = column(i, of: answers)
            guard holdsRatings(values, aliases: aliases), scale(.csat, question: question, answers: values) == nil,
                  let highest = values.compactMap(RatingParser.parse).max() else { continue }
            return (i, question, highest)
        }
        return nil
    }

    /// The first employee question whose answers are names.
    static func employee(questions: [String], answers: [[String]], candidates: Set<Int>, aliases: HeaderAliases) -> Int? {
        questions.indices.first { i in
            candidates.contains(i) && aliases.questionKind(forHeader: questions[i]) == .employee && holdsNames(column(i, of: answers))
        }
    }

    /// The scale a question's kind says, when its answers fit it; else nil, for its answers to decide.
    private static func scale(_ kind: HeaderAliases.QuestionKind, question: String, answers: [String]) -> RatingColumnScale? {
        let scale: SurveyRating.Scale
        switch kind {
        case .csat: scale = .csat
        case .nps: scale = .nps
        case .rating, .employee: return nil
        }
        let fits = answers.allSatisfy { a in RatingParser.parse(a).map { SurveyRating.Score($0, scale: scale).isOnScale } ?? true }
        guard fits else { return nil }
        let shown = question.count > 60 ? String(question.prefix(60)) + "…" : question
        return RatingColumnScale(scale: scale, reason: "its question '\(shown)' (lexicons/headers.tsv: \(kind.rawValue))")
    }

    private static func column(_ i: Int, of rows: [[String]]) -> [String] {
        rows.compactMap { i < $0.count ? $0[i] : nil }.filter { !$0.isEmpty }
    }

    /// Whether most answers are ratings: numbers 0–10 or listed choices (answers that say the question
    /// was not answered, `Offered`, are left out).
    static func holdsRatings(_ values: [String], aliases: HeaderAliases) -> Bool {
        let values = values.filter { !aliases.ratingChoices.isNoAnswer($0) }
        guard !values.isEmpty else { return false }
        return Double(values.count { isRating($0, aliases: aliases) }) >= Double(values.count) * agreement
    }

    static func isRating(_ value: String, aliases: HeaderAliases) -> Bool {
        RatingParser.parse(value) != nil || aliases.ratingChoices.rating(value) != nil
    }

    /// Whether most answers look like a person's name: one to four words, at most 40 characters, with
    /// letters and no digits.
    static func holdsNames(_ values: [String]) -> Bool {
        guard !values.isEmpty else { return false }
        let names = values.count { v in
            let words = v.split(whereSeparator: \.isWhitespace).count
            return (1...4).contains(words) && v.count <= 40 && v.contains(where: \.isLetter) && !v.contains(where: \.isNumber)
        }
        return Double(names) >= Double(values.count) * agreement
    }
}
