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
        let f = try SpoolFields(reading: &r)
        func text(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        self.init(
            recordId: text(f.recordId), file: text(f.file), line: f.line, date: f.date.map(text), employee: f.employee.map(text),
            employeeMention: f.employeeMention.map(text), channel: f.channel.map(text), language: text(f.language), ratings: f.ratings,
            label: f.label, score: f.score, text: text(f.text), evidence: text(f.evidence), themes: [])
    }

    /// The fields `writeSpoolFields` wrote, read back as they stand in the spool (its texts as slices of
    /// it): the one reader of that layout, for a sample and for a keyed record's line
    /// (`KeyedRecord.line(binary:)`), which copies them without making a `String` of each.
    public struct SpoolFields {
        public var recordId, file: ArraySlice<UInt8>
        public var line: Int
        public var date, employee, employeeMention, channel: ArraySlice<UInt8>?
        public var language: ArraySlice<UInt8>
        public var ratings: SurveyRating.Ratings
        public var label: SentimentLabel
        public var score: Double
        public var text, evidence: ArraySlice<UInt8>

        public init(reading r: inout SpoolBytesReader) throws(SpoolBytesReader.Damaged) {
            recordId = try r.presentTextBytes(); file = try r.presentTextBytes(); line = try r.int(); date = try r.textBytes()
            employee = try r.textBytes(); employeeMention = try r.textBytes(); channel = try r.textBytes(); language = try r.presentTextBytes()
            ratings = try r.ratings(); label = try r.label(); score = try r.double(); text = try r.presentTextBytes()
            evidence = try r.presentTextBytes()
        }
    }
}
