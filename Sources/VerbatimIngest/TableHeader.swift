import VerbatimCore

/// The header of a table export (CSV, a worksheet): how many rows it takes, the name of each
/// column, which column holds which field, and the survey tool whose shape it has.
///
/// Survey tools are recognised with no configuration (`SurveyLayout`): Qualtrics' three
/// header rows, SurveyMonkey's question row and sub-answer row, Google Forms and Microsoft
/// Forms. Columns map through the pipeline's `columns:` first, then the header aliases;
/// when no header names the text column, the open-ended answer column is chosen by its
/// content: the one holding the most free text in the first rows. A report's title lines above
/// the header (one cell or none filled: `Müşteri Anketi – Kasım 2026`) are passed over.
struct TableHeader: Sendable {
    /// Title lines above the header (`titleRows`), counted in `rows`.
    var titleRows = 0
    /// Rows before the first answer: title lines and header rows.
    var rows: Int
    var names: [String]
    var mapping: ColumnMapping
    var layout: SurveyLayout
    /// Why the text column was chosen, for the manifest.
    var textReason: String
    /// The rating columns and the scale each is read on.
    var ratings = RatingColumns()
    /// The date column's order, when its answers or the pipeline say month first (nil: day first).
    var dateOrder: DateOrder.Decision?
    /// The fields whose column was found by its content, with why (`ColumnByContent`).
    var byContent: [FileReadSummary.ContentColumn] = []

    /// Rows read before the header is decided (the header rows, then a sample of answers).
    static let sampleRows = 25

    /// Decides the header from the first rows of a table (`rows`: up to `sampleRows`, fewer at the end of the file).
    ///
    /// `exactWidths`: every row has the header's number of cells (CSV); a worksheet's rows may be
    /// shorter (empty cells at the end are not stored).
    static func resolve(
        _ sample: [[String]], explicit: [RecordField: String], aliases: HeaderAliases, exactWidths: Bool = true, ratingScale: SurveyRating.Scale? = nil,
        dateOrder: DateOrder? = nil
    ) throws(IngestError) -> TableHeader {
        var header = try resolveColumns(sample, explicit: explicit, aliases: aliases, exactWidths: exactWidths)
        let answers = Array(sample.dropFirst(header.rows))
        let rows = Array(sample.dropFirst(header.titleRows))
        let questions = header.names.indices.map { header.layout.questionText(rows, column: $0) ?? header.names[$0] }
        func candidates() -> Set<Int> {
            Set(header.names.indices).subtracting(header.mapping.columns.values).subtracting(header.layout.optionColumns(rows))
                .subtracting(header.mapping.optionColumns.values.joined())
        }
        header.ratings = RatingColumns.resolve(
            &header.mapping, names: header.names, questions: questions, answers: answers, candidates: candidates(),
            groups: header.layout.optionGroups(rows), explicit: ratingScale, aliases: aliases)
        if header.mapping[.employee] == nil,
           let i = QuestionColumns.employee(questions: questions, answers: answers, candidates: candidates(), aliases: aliases) {
            header.mapping.assign(.employee, i)
        }
        if header.mapping[.date] == nil, let i = header.layout.submittedColumn(header.names), !header.mapping.columns.values.contains(i) {
            header.mapping.assign(.date, i)
        }
        header.assignByContent(answers, candidates: candidates(), aliases: aliases)
        if let i = header.mapping[.date] {
            header.dateOrder = DateOrder.decide(explicit: dateOrder, answers: answers.compactMap { i < $0.count ? $0[i] : nil })
        }
        return header
    }

    /// The date and channel columns no header names, found by what they hold (`ColumnByContent`).
    private mutating func assignByContent(_ answers: [[String]], candidates: Set<Int>, aliases: HeaderAliases) {
        var left = candidates.sorted()
        if mapping[.date] == nil, let c = ColumnByContent.date(answers, names: names, candidates: left, months: aliases.months) {
            mapping.assign(.date, c.index)
            byContent.append(FileReadSummary.ContentColumn(field: RecordField.date.rawValue, name: names[c.index], reason: c.reason))
            left.removeAll { $0 == c.index }
        }
        if mapping[.channel] == nil, let c = ColumnByContent.channel(answers, names: names, candidates: left, channels: aliases.channelNames) {
            mapping.assign(.channel, c.index)
            byContent.append(FileReadSummary.ContentColumn(field: RecordField.channel.rawValue, name: names[c.index], reason: c.reason))
        }
    }

    /// The header's rows, names and mapping (`resolve` without the rating column's scale).
    private static func resolveColumns(_ sample: [[String]], explicit: [RecordField: String], aliases: HeaderAliases, exactWidths: Bool) throws(IngestError) -> TableHeader {
        let titles = titleRows(sample, explicit: explicit, aliases: aliases)
        let rows = Array(sample.dropFirst(titles))
        let layout = SurveyLayout.detect(rows)
        let names = layout.columnNames(rows)
        var mapping: ColumnMapping
        do { mapping = try ColumnMapping(headers: names, explicit: explicit, aliases: aliases, requireText: false) } catch {
            // Qualtrics: a `columns:` name may be the question's text instead of its id.
            guard case .qualtrics = layout, rows.count > 1 else { throw error }
            mapping = try ColumnMapping(headers: rows[1], explicit: explicit, aliases: aliases, requireText: false)
        }
        if layout == .qualtrics, rows.count > 1 {
            // Fields the ids do not name may be named by the question texts ("Temsilci").
            let byText = try? ColumnMapping(headers: rows[1], explicit: [:], aliases: aliases, requireText: false)
            for (field, i) in byText?.columns ?? [:] where mapping[field] == nil && !mapping.columns.values.contains(i) {
                mapping.assign(field, i)
            }
        }
        if let i = mapping[.text] {
            let how = explicit[.text] != nil ? "named in the pipeline file (columns: text)" : "its header is a text column name (lexicons/headers.tsv)"
            return TableHeader(titleRows: titles, rows: titles + layout.headerRows, names: names, mapping: mapping, layout: layout, textReason: "column '\(names[i])': \(how)")
        }
        // A table of one column is not a survey, nor are lines that do not split alike (prose): their header is what it is.
        let answers = Array(rows.dropFirst(layout.headerRows))
        let even = answers.filter { exactWidths ? $0.count == rows[0].count : $0.count <= names.count }.count
        // A column the company wrote (Google Play's `Developer Reply Text`) is never the customer's text.
        let company = names.indices.filter { aliases.isCompanyText(names[$0]) }
        guard names.count > 1, even * 5 >= answers.count * 4,
              let choice = FreeTextColumn.choose(answers, columns: names.count, excluding: Set(mapping.columns.values).union(company)) else {
            throw .noTextColumn(headers: names)
        }
        mapping.assignText(choice.index)
        let question = layout.questionText(rows, column: choice.index).map { " (\"\($0.prefix(60))\")" } ?? ""
        let reason = "column '\(names[choice.index])'\(question): no header names the text column; it holds free text in \(choice.freeRows) of the \(choice.sampled) answers sampled, \(choice.averageLength) characters on average"
        return TableHeader(titleRows: titles, rows: titles + layout.headerRows, names: names, mapping: mapping, layout: layout, textReason: reason)
    }

    /// How many cells of a row are filled.
    private static func filled(_ row: [String]) -> Int { row.count(where: { !$0.isEmpty }) }

    /// The most title rows looked for above a header.
    static let maxTitleRows = 5
    /// The most lines of a report's preamble looked for above a header that names the text column.
    static let maxPreambleRows = 20

    /// How many rows at the top are a report's title lines, above its header: up to `maxTitleRows` rows
    /// of one cell or none (its name, a date range: `titleRows(_:)`); or, where the first row names no
    /// text column, up to `maxPreambleRows` rows of a preamble above the first row that does, each with
    /// fewer than half its cells (`"Report:","Mentions"`, `"From:","2026-11-20"`, as Brandwatch and
    /// other listening tools write them above their CSV and Excel exports).
    static func titleRows(_ rows: [[String]], explicit: [RecordField: String], aliases: HeaderAliases) -> Int {
        let byShape = titleRows(rows)
        if byShape > 0 { return byShape }
        func namesText(_ row: [String]) -> Bool {
            let explicitKey = explicit[.text].map(HeaderAliases.key)
            return row.contains { cell in explicitKey.map { HeaderAliases.key(cell) == $0 } ?? (aliases.field(forHeader: cell) == .text) }
        }
        guard let first = rows.first, !namesText(first),
              let header = rows.prefix(maxPreambleRows + 1).indices.dropFirst().first(where: { namesText(rows[$0]) && filled(rows[$0]) >= 2 }),
              rows[..<header].allSatisfy({ filled($0) * 2 < filled(rows[header]) }) else { return 0 }
        return header
    }

    /// How many rows at the top are a report's title lines (its name, a date range: one cell or none
    /// filled), above a header of two cells or more. 0 for a table of one column, whose rows all look so.
    static func titleRows(_ rows: [[String]]) -> Int {
        guard let header = rows.prefix(maxTitleRows + 1).firstIndex(where: { filled($0) >= 2 }), header > 0 else { return 0 }
        // The header names most of the table's columns: a data row with two answers under a title is not one.
        let widest = rows.map(filled).max() ?? 0
        return filled(rows[header]) * 2 >= widest ? header : 0
    }

    /// What the manifest says of the header: its layout, the text column and the rating column's scale.
    func describe(into summary: inout FileReadSummary) {
        summary.layout = layoutDescription
        summary.textColumn = mapping[.text].map { ([$0] + (mapping.optionColumns[.text] ?? [])).map { names[$0] }.joined(separator: " | ") }
        let others = (mapping.optionColumns[.text] ?? []).map { "'\(names[$0])'" }
        summary.textColumnReason = others.isEmpty ? textReason
            : textReason + "; where it is empty, the first of \(others.joined(separator: ", ")) that is filled (the text under another name)"
        summary.ratingColumns = ratings.notes
        summary.dateOrder = dateOrder.map { d in (mapping[.date].map { "column '\(names[$0])': " } ?? "") + d.description }
        summary.columnsByContent = byContent
        let read = Set(mapping.columns.values).union(mapping.optionColumns.values.joined())
        summary.columnsNotRead = names.indices.filter { !read.contains($0) && !names[$0].isEmpty }.map { names[$0] }
        summary.hasDateColumn = mapping[.date] != nil
    }

    /// What the manifest says of the header's shape: the survey tool, and the title lines above it; nil for a plain table.
    var layoutDescription: String? {
        let titles = titleRows == 0 ? nil : "\(titleRows) title line\(titleRows == 1 ? "" : "s") above the header"
        let parts = [layout.description, titles].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}

/// The export shapes of survey tools, recognised from their header rows.
enum SurveyLayout: Sendable, Hashable {
    /// Row 1 column ids (`Q2_TEXT`), row 2 question texts, row 3 `{"ImportId": …}`.
    case qualtrics
    /// Row 1 questions (once over their sub-answers), row 2 `Response` / `Open-Ended Response` / option names.
    case surveyMonkey
    /// `Timestamp` first, then the questions.
    case googleForms
    /// `ID`, `Start time`, `Completion time`, …, then the questions.
    case microsoftForms
    /// One header row.
    case plain

    var headerRows: Int {
        switch self {
        case .qualtrics: 3
        case .surveyMonkey: 2
        default: 1
        }
    }

    /// For the manifest; nil for a plain table.
    var description: String? {
        switch self {
        case .qualtrics: "Qualtrics export (3 header rows: ids, questions, ImportId)"
        case .surveyMonkey: "SurveyMonkey export (2 header rows: questions, sub-answers)"
        case .googleForms: "Google Forms export (Timestamp, then questions)"
        case .microsoftForms: "Microsoft Forms export (ID, Start time, Completion time, then questions)"
        case .plain: nil
        }
    }

    static func detect(_ rows: [[String]]) -> SurveyLayout {
        guard let first = rows.first else { return .plain }
        // The extra header rows never have more cells than the first (a wider one is not a header row).
        if rows.count >= 3, rows[1].count <= first.count, rows[2].count <= first.count {
            let third = rows[2].filter { !$0.isEmpty }
            if !third.isEmpty, third.filter({ $0.hasPrefix("{\"ImportId\"") || $0.hasPrefix("{'ImportId'") }).count * 2 >= third.count { return .qualtrics }
        }
        if rows.count >= 2, rows[1].count <= first.count, rows[1].contains(where: { ["response", "open-ended response"].contains($0.lowercased()) }) { return .surveyMonkey }
        let keys = first.map(HeaderAliases.key)
        if keys.first == HeaderAliases.key("Timestamp") || keys.first == HeaderAliases.key("Zaman damgası") { return .googleForms }
        if keys.count >= 3, keys[0] == "id", keys.contains(HeaderAliases.key("Start time")), keys.contains(HeaderAliases.key("Completion time")) {
            return .microsoftForms
        }
        return .plain
    }

    /// The name of each column: Qualtrics' ids; SurveyMonkey's question, with the sub-answer when it is an option's name.
    func columnNames(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        guard self == .surveyMonkey else { return first }
        let sub = rows[1]
        var question = ""
        var out: [String] = []
        for i in 0..<first.count {
            let top = i < first.count ? first[i] : ""
            if !top.isEmpty { question = top }
            let answer = i < sub.count ? sub[i] : ""
            let generic = answer.isEmpty || ["response", "open-ended response"].contains(answer.lowercased())
            out.append(!top.isEmpty && generic ? top : generic ? question : "\(question) - \(answer)")
        }
        return out
    }

    /// The columns of a SurveyMonkey choice question spread over one column per option (its
    /// sub-answer row names the option): each holds only the answers that chose it.
    func optionColumns(_ rows: [[String]]) -> Set<Int> {
        Set(optionGroups(rows).flatMap(\.columns))
    }

    /// A choice question exported with one column per option: its question, columns and options.
    struct OptionGroup: Sendable {
        var question: String
        var columns: [Int]
        var options: [String]
    }

    /// SurveyMonkey's choice questions with one column per option (its "expanded" export): a run of
    /// columns under one question (written over the first of them), each named by an option in the
    /// sub-answer row.
    func optionGroups(_ rows: [[String]]) -> [OptionGroup] {
        guard self == .surveyMonkey, rows.count > 1 else { return [] }
        let top = rows[0], sub = rows[1]
        func isOption(_ i: Int) -> Bool {
            i < sub.count && !sub[i].isEmpty && !["response", "open-ended response"].contains(sub[i].lowercased())
        }
        var groups: [OptionGroup] = []
        for i in sub.indices where isOption(i) {
            let asked = i < top.count ? top[i] : ""
            if asked.isEmpty, var last = groups.last, last.columns.last == i - 1 {
                last.columns.append(i)
                last.options.append(sub[i])
                groups[groups.count - 1] = last
            } else {
                groups.append(OptionGroup(question: asked, columns: [i], options: [sub[i]]))
            }
        }
        return groups
    }

    /// The column of when the answers were sent, for a layout whose name for it is no date alias of
    /// its own: SurveyMonkey's `End Date` (its `Start Date` is when the respondent began). As an alias
    /// it would take other tools' end dates before the dates they record (Qualtrics' `EndDate` stands
    /// before its `RecordedDate`).
    func submittedColumn(_ names: [String]) -> Int? {
        guard self == .surveyMonkey else { return nil }
        return names.firstIndex { HeaderAliases.key($0) == HeaderAliases.key("End Date") }
    }

    /// The question a column answers, when the layout has one apart from the column's name.
    func questionText(_ rows: [[String]], column: Int) -> String? {
        guard self == .qualtrics, rows.count > 1, column < rows[1].count, !rows[1][column].isEmpty else { return nil }
        return rows[1][column]
    }
}

/// Chooses the open-ended answer column of a survey by its content.
enum FreeTextColumn {
    struct Choice {
        var index: Int
        var freeRows: Int
        var sampled: Int
        var averageLength: Int
    }

    /// The column whose answers are most often free text (three words or more, mostly letters,
    /// Latin or Cyrillic as our languages are written), and longest on average among equals;
    /// nil when no column has free text in at least half of its answers.
    static func choose(_ rows: [[String]], columns: Int, excluding: Set<Int>) -> Choice? {
        var best: (choice: Choice, score: Double)?
        for c in 0..<columns where !excluding.contains(c) {
            let values = rows.compactMap { c < $0.count ? $0[c] : nil }.filter { !$0.isEmpty }
            guard values.count >= 1 else { continue }
            let free = values.filter(isFreeText)
            guard free.count * 2 >= values.count, !free.isEmpty else { continue }
            let average = free.reduce(0) { $0 + $1.count } / free.count
            let score = Double(free.count) / Double(values.count) * 1000 + Double(min(average, 999))
            let choice = Choice(index: c, freeRows: free.count, sampled: values.count, averageLength: average)
            if best == nil || score > best!.score { best = (choice, score) }
        }
        return best?.choice
    }

    /// Three words or more, 15 characters or more, letters (Latin or Cyrillic) at least 60% of what is not space.
    static func isFreeText(_ s: String) -> Bool {
        guard s.count >= 15 else { return false }
        var words = 0, letters = 0, other = 0
        var inWord = false
        for u in s.unicodeScalars {
            if u.properties.isWhitespace { inWord = false; continue }
            if !inWord { words += 1; inWord = true }
            let v = u.value
            if u.properties.isAlphabetic, v < 0x0530 { letters += 1 } else { other += 1 }
        }
        return words >= 3 && letters * 10 >= (letters + other) * 6
    }
}
