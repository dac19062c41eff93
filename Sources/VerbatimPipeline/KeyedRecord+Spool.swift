import Foundation
import VerbatimCore
import VerbatimReports

/// The facts of a keyed record as a run spools them: written for every
/// record of a file whose source has other exports, and read only when a
/// later export replaces some of its records (`DuplicateFolding`), so they
/// are made cheap to write (`SpoolBytesWriter`: copied, never escaped), and
/// the text is cut to `VerbatimSample.maxTextLength` only when it is read
/// back. A partial carries the same facts as `line()` text (`K` lines);
/// `binary(line:)` and `line(binary:)` turn one into the other.
///
/// Layout: the record's length (a count), then the fields of its sample
/// (`VerbatimSample.writeSpoolFields`, the text not cut), rating-disagrees (a
/// code), its themes (a count, then each theme's name, polarity and score)
/// and the length of its row. (A text cut already, as a partial's is, reads
/// back the same: cutting a cut text changes nothing.)
extension KeyedRecord {
    /// Appends the facts of `r` (its evidence string and its row's length given).
    static func appendBinary(_ r: FeedbackRecord, evidence: String, rowBytes: Int, to out: inout [UInt8]) {
        let body = r.normalizedText.isEmpty ? r.text : r.normalizedText
        appendBinary(
            id: r.id, file: r.provenance.file, line: r.provenance.line, date: r.date, employee: r.employee, mention: r.employeeMention,
            channel: r.channel, language: r.language.rawValue, ratings: r.ratings, label: r.sentiment?.label ?? .neutral,
            score: r.sentiment?.score ?? 0, disagrees: r.ratingDisagrees, themes: r.themes.lazy.map { ($0.theme, $0.polarity, $0.score) },
            text: body, evidence: evidence, rowBytes: rowBytes, to: &out)
    }

    /// Appends the facts of a rated response without text (no themes, no evidence; its row's length given).
    static func appendBinary(_ r: RatedResponse, rowBytes: Int, to out: inout [UInt8]) {
        appendBinary(
            id: r.id, file: r.provenance.file, line: r.provenance.line, date: r.date, employee: r.employee, mention: nil,
            channel: r.channel, language: Language.und.rawValue, ratings: r.ratings, label: .neutral, score: 0, disagrees: false,
            themes: [(String, SentimentLabel, Double)](), text: "", evidence: "", rowBytes: rowBytes, to: &out)
    }

    /// The layout, for the values of a record (`String`s) and for those of a partial's line (its bytes).
    static func appendBinary<Text: SpoolText, Themes: Collection>(
        id: Text, file: Text, line: Int, date: Text?, employee: Text?, mention: Text?, channel: Text?, language: Text,
        ratings: SurveyRating.Ratings, label: SentimentLabel, score: Double, disagrees: Bool, themes: Themes, text: Text, evidence: Text,
        rowBytes: Int, to out: inout [UInt8]
    ) where Themes.Element == (Text, SentimentLabel, Double) {
        var w = SpoolBytesWriter()
        swap(&w.bytes, &out)
        let start = w.bytes.count
        w.count(0)
        VerbatimSample.writeSpoolFields(
            recordId: id, file: file, line: line, date: date, employee: employee, employeeMention: mention, channel: channel,
            language: language, ratings: ratings, label: label, score: score, text: text, evidence: evidence, to: &w)
        w.code(disagrees ? 1 : 0)
        w.count(themes.count)
        for (theme, polarity, s) in themes {
            w.text(theme); w.label(polarity); w.number(s)
        }
        w.number(rowBytes)
        w.patchCount(at: start)
        swap(&w.bytes, &out)
    }

    /// The facts of a partial's `K` line (without its tag), as the spool keeps them; nil when it is damaged.
    /// Read from the line's bytes (`KeyedLineFields`) when it is as `line()` writes it, which nearly every
    /// line is; else through `parse`, the definition of a whole line, which gives the same bytes.
    static func binary(line: ArraySlice<UInt8>) -> [UInt8]? {
        line.withUnsafeBufferPointer { KeyedLineFields($0)?.binary() } ?? binaryByParsing(line: line)
    }

    /// `binary(line:)` through `parse`: every line, escaped or damaged ones too.
    static func binaryByParsing(line: ArraySlice<UInt8>) -> [UInt8]? {
        guard let k = parse(line) else { return nil }
        let s = k.facts.sample
        var out: [UInt8] = []
        appendBinary(
            id: s.recordId, file: s.file, line: s.line, date: s.date, employee: s.employee, mention: s.employeeMention, channel: s.channel,
            language: s.language, ratings: s.ratings, label: s.label, score: s.score, disagrees: k.facts.disagrees,
            themes: k.facts.themes.lazy.map { ($0.theme, $0.polarity, $0.score) }, text: s.text, evidence: s.evidence,
            rowBytes: k.rowBytes, to: &out)
        return out
    }

    /// A spooled record (without its length) as a partial's `K` line (without its newline); nil when it is damaged.
    /// Copied from the spool's bytes when the record's text is one a sample keeps whole (at most
    /// `VerbatimSample.maxTextLength` bytes, so at most as many characters) and its texts are valid UTF-8
    /// (as this process wrote them); else through `read(binary:)` and `line()`, which cut the text.
    static func line(binary record: ArraySlice<UInt8>) -> [UInt8]? {
        guard let facts = SpooledFacts(record) else { return nil }
        var line: [UInt8]
        if facts.fields.text.count <= VerbatimSample.maxTextLength, facts.textsAreValid {
            line = []
            line.reserveCapacity(record.count + 64)
            let f = facts.fields
            appendLine(
                id: f.recordId, file: f.file, line: f.line, date: f.date, employee: f.employee, mention: f.employeeMention, channel: f.channel,
                language: f.language, ratings: f.ratings, label: f.label, score: f.score, disagrees: facts.disagrees, themes: facts.themes,
                text: f.text, evidence: f.evidence, rowBytes: facts.rowBytes, to: &line)
        } else {
            line = facts.record.line()
        }
        line.removeLast()
        return line
    }

    /// The id of a spooled record (without its length).
    static func id(binary record: ArraySlice<UInt8>) -> String? {
        var r = SpoolBytesReader(record)
        return try? r.text()
    }

    /// A spooled record (without its length) back; nil when it is damaged.
    static func read(binary record: ArraySlice<UInt8>) -> KeyedRecord? { SpooledFacts(record)?.record }
}

/// The spooled facts of a keyed file, one record after the other (`KeyedRecord.appendBinary`).
struct KeyedFactsReader {
    private var reader: ByteLineReader
    private let handle: FileHandle
    let url: URL
    /// Records read so far.
    private(set) var count = 0

    init(url: URL) throws {
        guard let h = FileHandle(forReadingAtPath: url.path) else { throw PartialError.unreadable(path: url.path, reason: "cannot open the spool") }
        self.url = url
        handle = h
        reader = ByteLineReader(handle: h)
    }

    func close() { try? handle.close() }

    /// The next record (without its length); nil at the end. Throws when the spool ends inside a record.
    mutating func next() throws -> ArraySlice<UInt8>? {
        guard let head = try reader.take(4) else {
            guard try reader.take(1) == nil else { throw damaged() }
            return nil
        }
        guard let n = Self.length(head), let record = try reader.take(n) else { throw damaged() }
        count += 1
        return record
    }

    /// A record's length from its four-byte head (read apart, so that the head's slice of the reader's
    /// buffer is let go before the record is read).
    private static func length(_ head: ArraySlice<UInt8>) -> Int? {
        var lengths = SpoolBytesReader(head)
        return (try? lengths.count()).map { Int($0) }
    }

    /// Calls `body` with each record of the spool at `url`.
    static func forEach(of url: URL, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        var r = try KeyedFactsReader(url: url)
        defer { r.close() }
        while let record = try r.next() { try body(record) }
    }

    private func damaged() -> PartialError { .damaged(path: url.path, line: count + 1, reason: "a record's facts are cut off") }
}
