import VerbatimCore

/// A sample's fields as a run spools them for itself (`SpoolBytesWriter`): in a file's spooled
/// aggregate (`RunAggregate.spoolBytes`) and in a keyed record's spooled facts, which write them from
/// the record itself, without building the sample. The themes are not among them: each caller writes
/// them its own way after the fields (an aggregate as the sample's strings, facts as the record's
/// themes with their scores) and sets them on the sample it reads back.
extension VerbatimSample {
    @inlinable
    public static func writeSpoolFields<Text: SpoolText>(
        recordId: Text, file: Text, line: Int, date: Text?, employee: Text?, employeeMention: Text?, channel: Text?,
        language: Text, ratings: SurveyRating.Ratings, label: SentimentLabel, score: Double, text: Text, evidence: Text,
        to w: inout SpoolBytesWriter
    ) {
        w.text(recordId); w.text(file); w.number(line); w.text(date); w.text(employee); w.text(employeeMention); w.text(channel)
        w.text(language); w.ratings(ratings); w.label(label); w.number(score); w.text(text); w.text(evidence)
    }

    public func writeSpoolFields(to w: inout SpoolBytesWriter) {
        Self.writeSpoolFields(
            recordId: recordId, file: file, line: line, date: date, employee: employee, employeeMention: employeeMention, channel: channel,
            language: language, ratings: ratings, label: label, score: score, text: text, evidence: evidence, to: &w)
    }

    /// A sample read back from the fields `writeSpoolFields` wrote, without themes yet.
    public init(spoolFields r: inout SpoolBytesReader) throws(SpoolBytesReader.Damaged) {
        let id = try r.presentText(), file = try r.presentText(), line = try r.int(), date = try r.text(), employee = try r.text()
        let mention = try r.text(), channel = try r.text(), language = try r.presentText(), ratings = try r.ratings()
        let label = try r.label(), score = try r.double(), text = try r.presentText(), evidence = try r.presentText()
        self.init(
            recordId: id, file: file, line: line, date: date, employee: employee, employeeMention: mention, channel: channel,
            language: language, ratings: ratings, label: label, score: score, text: text, evidence: evidence, themes: [])
    }
}
