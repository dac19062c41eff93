import Foundation
import VerbatimCore
import VerbatimReports

/// The facts of a keyed record as a run spools them: written for every
/// record of a file whose source has other exports, and read only when a
/// later export replaces some of its records (`DuplicateFolding`), so they
/// are made cheap to write: each field's bytes are copied after their
/// length, never escaped, and the text is cut to `VerbatimSample.maxTextLength`
/// only when it is read back. A partial carries the same facts as `line()`
/// text (`K` lines); `binary(line:)` and `line(binary:)` turn one into the other.
///
/// Layout: the record's length (4 bytes), then the fields of `KeyedRecord.line()`
/// in its order, each as a length (4 bytes, `0xFFFF_FFFF` for a missing
/// value) and its bytes: text as UTF-8, numbers as their 8 bytes (an `Int`,
/// or a `Double`'s bit pattern), a label or a flag as one byte; the themes as
/// one field holding, per theme, its name, polarity and score as three
/// fields. All numbers little-endian. (A text cut already, as a partial's
/// is, reads back the same: cutting a cut text changes nothing.)
extension KeyedRecord {
    private static let missing = UInt32.max

    /// Appends the facts of `r` (its evidence string and its row's length given).
    static func appendBinary(_ r: FeedbackRecord, evidence: String, rowBytes: Int, to out: inout [UInt8]) {
        let body = r.normalizedText.isEmpty ? r.text : r.normalizedText
        appendBinary(
            id: r.id, file: r.provenance.file, line: r.provenance.line, date: r.date, employee: r.employee, mention: r.employeeMention,
            channel: r.channel, language: r.language.rawValue, rating: r.rating, label: r.sentiment?.label ?? .neutral,
            score: r.sentiment?.score ?? 0, disagrees: r.ratingDisagrees, themes: r.themes.lazy.map { ($0.theme, $0.polarity, $0.score) },
            text: body, evidence: evidence, rowBytes: rowBytes, to: &out)
    }

    private static func appendBinary<Themes: Collection>(
        id: String, file: String, line: Int, date: String?, employee: String?, mention: String?, channel: String?, language: String,
        rating: Double?, label: SentimentLabel, score: Double, disagrees: Bool, themes: Themes, text: String,
        evidence: String, rowBytes: Int, to out: inout [UInt8]
    ) where Themes.Element == (String, SentimentLabel, Double) {
        let start = out.count
        appendLength(0, to: &out)
        appendField(id, to: &out)
        appendField(file, to: &out)
        appendField(UInt64(bitPattern: Int64(line)), to: &out)
        appendField(date, to: &out)
        appendField(employee, to: &out)
        appendField(mention, to: &out)
        appendField(channel, to: &out)
        appendField(language, to: &out)
        appendField(rating.map(\.bitPattern), to: &out)
        appendField(label, to: &out)
        appendField(score.bitPattern, to: &out)
        appendField(disagrees, to: &out)
        let themesStart = out.count
        appendLength(0, to: &out)
        for (theme, polarity, s) in themes {
            appendField(theme, to: &out)
            appendField(polarity, to: &out)
            appendField(s.bitPattern, to: &out)
        }
        patchLength(at: themesStart, in: &out)
        appendField(text, to: &out)
        appendField(evidence, to: &out)
        appendField(UInt64(rowBytes), to: &out)
        patchLength(at: start, in: &out)
    }

    /// The facts of a partial's `K` line (without its tag), as the spool keeps them; nil when it is damaged.
    static func binary(line: ArraySlice<UInt8>) -> [UInt8]? {
        guard let k = parse(line) else { return nil }
        let s = k.facts.sample
        var out: [UInt8] = []
        appendBinary(
            id: s.recordId, file: s.file, line: s.line, date: s.date, employee: s.employee, mention: s.employeeMention, channel: s.channel,
            language: s.language, rating: s.rating, label: s.label, score: s.score, disagrees: k.facts.disagrees,
            themes: k.facts.themes.lazy.map { ($0.theme, $0.polarity, $0.score) }, text: s.text, evidence: s.evidence,
            rowBytes: k.rowBytes, to: &out)
        return out
    }

    /// A spooled record (without its length) as a partial's `K` line (without its newline); nil when it is damaged.
    static func line(binary record: ArraySlice<UInt8>) -> [UInt8]? {
        guard var line = read(binary: record)?.line() else { return nil }
        line.removeLast()
        return line
    }

    /// The id of a spooled record (without its length), as its bytes.
    static func id(binary record: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var fields = BinaryFields(record)
        return fields.next() ?? nil
    }

    /// A spooled record (without its length) back; nil when it is damaged.
    static func read(binary record: ArraySlice<UInt8>) -> KeyedRecord? {
        var f = BinaryFields(record)
        guard let id = f.string(), let id, let file = f.string(), let file, let line = f.number(), let line,
              let date = f.string(), let employee = f.string(), let mention = f.string(), let channel = f.string(),
              let language = f.string(), let language, let rating = f.number(), let label = f.label(), let label,
              let score = f.number(), let score, let disagrees = f.flag(),
              let themeBytes = f.next(), let themeBytes, let themes = readThemes(themeBytes),
              let text = f.string(), let text, let evidence = f.string(), let evidence, let rowBytes = f.number(), let rowBytes,
              rowBytes > 0, f.atEnd
        else { return nil }
        let sample = VerbatimSample(
            recordId: id, file: file, line: Int(Int64(bitPattern: line)), date: date, employee: employee, employeeMention: mention,
            channel: channel, language: language, rating: rating.map(Double.init(bitPattern:)), label: label,
            score: Double(bitPattern: score), text: VerbatimSample.cut(text), evidence: evidence,
            themes: themes.map(\.tag.text))
        return KeyedRecord(facts: RecordFacts(sample: sample, disagrees: disagrees, themes: themes), rowBytes: Int(rowBytes))
    }

    private static func readThemes(_ bytes: ArraySlice<UInt8>) -> [RecordFacts.Theme]? {
        var f = BinaryFields(bytes)
        var themes: [RecordFacts.Theme] = []
        while !f.atEnd {
            guard let name = f.string(), let name, let polarity = f.label(), let polarity, let score = f.number(), let score else { return nil }
            themes.append(RecordFacts.Theme(theme: name, polarity: polarity, score: Double(bitPattern: score)))
        }
        return themes
    }

    /// The one byte of a label, and back.
    private static let labels: [SentimentLabel] = [.positive, .neutral, .negative]

    static func appendLength(_ n: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: n.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendField(_ s: String?, to out: inout [UInt8]) {
        guard var s else { appendLength(missing, to: &out); return }
        s.withUTF8 { bytes in
            appendLength(UInt32(bytes.count), to: &out)
            out.append(contentsOf: bytes)
        }
    }

    private static func appendField(_ n: UInt64?, to out: inout [UInt8]) {
        guard let n else { appendLength(missing, to: &out); return }
        appendLength(8, to: &out)
        withUnsafeBytes(of: n.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendField(_ label: SentimentLabel, to out: inout [UInt8]) {
        appendLength(1, to: &out)
        out.append(UInt8(labels.firstIndex(of: label)!))
    }

    private static func appendField(_ flag: Bool, to out: inout [UInt8]) {
        appendLength(1, to: &out)
        out.append(flag ? 1 : 0)
    }

    /// Writes, at `start`, the number of bytes after the 4 there.
    private static func patchLength(at start: Int, in out: inout [UInt8]) {
        let n = UInt32(out.count - start - 4).littleEndian
        withUnsafeBytes(of: n) { for k in 0..<4 { out[start + k] = $0[k] } }
    }

    /// A length written by `appendLength`, read from the 4 bytes at the start of `bytes`.
    static func length(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        guard bytes.count >= 4 else { return nil }
        var n: UInt32 = 0
        for k in 0..<4 { n |= UInt32(bytes[bytes.startIndex + k]) << (8 * k) }
        return n
    }

    /// The fields of a spooled record, one after the other. Each reader gives `.some(nil)` for a missing
    /// value, and nil when the bytes run out in the middle of a field, none is left, or the field does not
    /// hold what it should.
    private struct BinaryFields {
        let bytes: ArraySlice<UInt8>
        var at: Int
        init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes; at = bytes.startIndex }
        var atEnd: Bool { at == bytes.endIndex }

        mutating func next() -> ArraySlice<UInt8>?? {
            guard let n = KeyedRecord.length(bytes[at...]) else { return nil }
            at += 4
            if n == KeyedRecord.missing { return .some(nil) }
            guard Int(n) <= bytes.endIndex - at else { return nil }
            defer { at += Int(n) }
            return bytes[at..<(at + Int(n))]
        }

        mutating func string() -> String?? {
            guard let field = next() else { return nil }
            return .some(field.map { String(decoding: $0, as: UTF8.self) })
        }

        mutating func number() -> UInt64?? {
            guard let field = next() else { return nil }
            guard let field else { return .some(nil) }
            guard field.count == 8 else { return nil }
            var n: UInt64 = 0
            for (k, b) in field.enumerated() { n |= UInt64(b) << (8 * k) }
            return .some(n)
        }

        mutating func label() -> SentimentLabel?? {
            guard let field = next(), let field, field.count == 1, Int(field.first!) < KeyedRecord.labels.count else { return nil }
            return .some(KeyedRecord.labels[Int(field.first!)])
        }

        mutating func flag() -> Bool? {
            guard let field = next(), let field, field.count == 1 else { return nil }
            return field.first! == 1
        }
    }
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
        guard let n = KeyedRecord.length(head), let record = try reader.take(Int(n)) else { throw damaged() }
        count += 1
        return record
    }

    /// Calls `body` with each record of the spool at `url`.
    static func forEach(of url: URL, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        var r = try KeyedFactsReader(url: url)
        defer { r.close() }
        while let record = try r.next() { try body(record) }
    }

    private func damaged() -> PartialError { .damaged(path: url.path, line: count + 1, reason: "a record's facts are cut off") }
}
