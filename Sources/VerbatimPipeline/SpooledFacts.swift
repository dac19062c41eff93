import VerbatimCore
import VerbatimReports

/// A spooled record's facts as they stand in the spool, its texts as slices of it: the one reader of
/// the layout `KeyedRecord.appendBinary` writes, for the record (`record`) and for its line, copied.
struct SpooledFacts {
    var fields: VerbatimSample.SpoolFields
    var disagrees: Bool
    var themes: [(ArraySlice<UInt8>, SentimentLabel, Double)]
    var rowBytes: Int

    /// Nil when the bytes are damaged: cut off, followed by more, or not whole (`KeyedRecord.isWhole`).
    init?(_ record: ArraySlice<UInt8>) {
        var r = SpoolBytesReader(record)
        do throws(SpoolBytesReader.Damaged) {
            fields = try VerbatimSample.SpoolFields(reading: &r)
            disagrees = try r.code() == 1
            themes = []
            for _ in 0..<(try r.count()) { themes.append((try r.presentTextBytes(), try r.label(), try r.double())) }
            rowBytes = try r.int()
        } catch {
            return nil
        }
        guard KeyedRecord.isWhole(rowBytes: rowBytes, hasText: !fields.text.isEmpty, ratings: fields.ratings), r.atEnd else { return nil }
    }

    /// Whether every text is valid UTF-8, so that its `String` has the same bytes.
    var textsAreValid: Bool {
        // Each text checked where it stands (this runs for every record a shard writes: no array of them is made).
        func valid(_ b: ArraySlice<UInt8>?) -> Bool { b.map { $0.withUnsafeBufferPointer(UTF8Bytes.isValid) } ?? true }
        let f = fields
        return valid(f.recordId) && valid(f.file) && valid(f.language) && valid(f.text) && valid(f.evidence) && valid(f.date)
            && valid(f.employee) && valid(f.employeeMention) && valid(f.channel) && themes.allSatisfy { valid($0.0) }
    }

    /// The record, its text cut as a sample cuts it.
    var record: KeyedRecord {
        func text(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        let f = fields
        let themes = themes.map { RecordFacts.Theme(theme: text($0.0), polarity: $0.1, score: $0.2) }
        let sample = VerbatimSample(
            recordId: text(f.recordId), file: text(f.file), line: f.line, date: f.date.map(text), employee: f.employee.map(text),
            employeeMention: f.employeeMention.map(text), channel: f.channel.map(text), language: text(f.language), ratings: f.ratings,
            label: f.label, score: f.score, text: VerbatimSample.cut(text(f.text)), evidence: text(f.evidence), themes: themes.map(\.tag.text))
        return KeyedRecord(facts: RecordFacts(sample: sample, disagrees: disagrees, themes: themes), rowBytes: rowBytes)
    }
}
