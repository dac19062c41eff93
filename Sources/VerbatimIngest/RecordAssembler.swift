import Foundation
import VerbatimCore

/// Turns the field values of one row or element into a record or a reject.
///
/// Shared by every reader, so CSV and XML records are validated the same way.
struct RecordAssembler {
    let file: String
    let options: SourceOptions
    /// The month names a date may be written with ("21 Kasım 2026"); without them, numeric dates only.
    var months = MonthNames()
    /// The texts a rating may be written as ("Çok memnunum"); without them, numbers only.
    var ratingChoices = RatingChoices()
    /// The channel names shown for what the file writes, and the channels of link hosts; without them, channels as written.
    var channelNames = ChannelNames()
    let channelMemo = ChannelMemo()
    /// The scale of the file's rating column, when its name, the pipeline or its first answers say;
    /// nil: each rating by its value.
    var ratingScale: RatingColumnScale?
    /// The date column writes the month before the day (`11/21/2026`: `DateOrder`).
    var monthFirst = false
    /// The scale of the file's `nps` column: always 0–10, with why (for a reject's reason).
    var npsScale = RatingColumnScale(scale: .nps, reason: "an NPS column")

    /// Validates one row's `values` into a record, or the first problem found into a reject
    /// (the readers whose values arrive as strings: XML, worksheets, JSON).
    ///
    /// `columns` gives the 1-based column of each field when the format has
    /// columns, so a reject about one field says which column it is.
    func assemble(
        _ values: FieldValues, line: Int, position: Int, columns: [RecordField: Int] = [:], raw: @autoclosure () -> String
    ) -> ReadEvent {
        // The values end to end in one buffer, lent to the byte-level assembly.
        var storage: [UInt8] = []
        var ranges: [(RecordField, Range<Int>)] = []
        for field in RecordField.allCases {
            guard let v = values[field] else { continue }
            let start = storage.count
            storage.append(contentsOf: v.utf8)
            ranges.append((field, start..<storage.count))
        }
        return storage.withUnsafeBufferPointer { all in
            var fields = FieldBytes()
            for (field, range) in ranges { fields[field] = UnsafeBufferPointer(rebasing: all[range]) }
            return assemble(fields, line: line, position: position, columns: columns, raw: raw())
        }
    }

    /// Validates one row's `fields` into a record, or the first problem found into a reject.
    /// Strings are made only for what the record keeps: its text, id, employee, channel and
    /// normalized date; the date and rating are read from their bytes. Every field but the
    /// text is well-formed UTF-8; the text is checked as its string is made.
    func assemble(
        _ fields: FieldBytes, line: Int, position: Int, columns: [RecordField: Int] = [:], raw: @autoclosure () -> String
    ) -> ReadEvent {
        let provenance = Provenance(file: file, line: line)
        func reject(_ p: RowProblem, _ field: RecordField) -> ReadEvent {
            .reject(Reject(provenance: Provenance(file: file, line: line, column: columns[field]), reason: p.description, raw: raw()))
        }
        if let author = fields.author, options.ownAccounts.contains(author) { return .setAside(.staffAnswer) }

        guard let text = fields.text.map({ FieldBytes.trimmed($0, FieldBytes.isBlankOrNewline) }), !text.isEmpty else {
            return rated(fields, provenance: provenance, position: position, reject: reject)
        }
        guard let validText = Self.string(validating: text) else { return reject(.invalidEncoding(options.encoding ?? .utf8), .text) }
        // A review held with Google's translation in front of it: the customer's own words.
        let textString = MachineTranslation.original(of: validText) ?? validText
        if options.encoding == nil || options.encoding == .utf8, Self.containsReplacementCharacter(text) {
            return reject(.invalidEncoding(options.encoding ?? .utf8), .text)
        }
        let date: String?, ratings: SurveyRating.Ratings
        switch dateAndRatings(fields) {
        case let .success(found): (date, ratings) = found
        case let .failure(bad): return reject(bad.problem, bad.field)
        }
        let id = fields.trimmedString(.id) ?? Self.stableID(file: file, position: position)
        let language = options.language ?? fields.language.flatMap {
            Language(rawValue: String(decoding: FieldBytes.trimmed($0) { $0 == 0x20 }, as: UTF8.self).lowercased())
        }
        var record = FeedbackRecord(
            id: id, provenance: provenance, date: date, employee: fields.nameString(.employee), channel: channel(fields),
            ratings: ratings, text: textString, declaredLanguage: language)
        record.contextLanguage = fields.languageHint.flatMap(Self.hintedLanguage)
        return .record(record)
    }

    /// The language a `language_hint` cell names (`tr`, `kk`, `sr_RS`, `ru-KZ`: the part before `_` or
    /// `-`), when it is a scored language; nil for any other (a Russian hint leaves a Russian text to the
    /// file around it, whose Kazakh or Mongolian lexicon reads it).
    static func hintedLanguage(_ cell: UnsafeBufferPointer<UInt8>) -> Language? {
        let code = String(decoding: FieldBytes.trimmed(cell) { $0 == 0x20 }, as: UTF8.self).lowercased()
        guard let language = Language(rawValue: String(code.prefix { $0 != "_" && $0 != "-" })) else { return nil }
        return Language.scored.contains(language) ? language : nil
    }

    /// A row without text: a rated response when it has a rating (and its date and ratings are
    /// readable); set aside when its rating cell says the survey was not answered (Zendesk's `Offered`,
    /// `Unoffered`); else rejected for its empty text.
    private func rated(
        _ fields: FieldBytes, provenance: Provenance, position: Int, reject: (RowProblem, RecordField) -> ReadEvent
    ) -> ReadEvent {
        switch dateAndRatings(fields) {
        case let .failure(bad): return reject(bad.problem, bad.field)
        case let .success((date, ratings)):
            guard !ratings.isEmpty else { return saysNotAnswered(fields) ? .setAside(.unansweredSurvey) : reject(.emptyText, .text) }
            let id = fields.trimmedString(.id) ?? Self.stableID(file: file, position: position)
            return .rated(RatedResponse(id: id, provenance: provenance, date: date, employee: fields.nameString(.employee),
                                        channel: channel(fields), ratings: ratings))
        }
    }

    /// Whether a rating cell of the row is a choice that says no answer was given.
    private func saysNotAnswered(_ fields: FieldBytes) -> Bool {
        [fields.rating, fields.nps].contains { cell in
            guard let r = cell.map({ FieldBytes.trimmed($0, FieldBytes.isSpaceOrTab) }), !r.isEmpty else { return false }
            return ratingChoices.isNoAnswer(String(decoding: r, as: UTF8.self))
        }
    }

    /// The record's channel: its channel value as `channelNames` shows it, else its link's channel.
    private func channel(_ fields: FieldBytes) -> String? {
        if let value = fields.nameString(.channel) { return channelMemo.channel(value, channelNames) }
        return fields.trimmedString(.link).flatMap(channelNames.channel(ofLink:))
    }

    /// A field that cannot be read, and why.
    struct BadField: Error {
        var problem: RowProblem
        var field: RecordField
    }

    /// The row's normalized date (nil when its field is empty) and its ratings; the date is checked
    /// first, then the rating column, then the NPS column.
    func dateAndRatings(_ fields: FieldBytes) -> Result<(date: String?, ratings: SurveyRating.Ratings), BadField> {
        var date: String?
        if let d = fields.date.map({ FieldBytes.trimmed($0, FieldBytes.isSpaceOrTab) }), !d.isEmpty {
            guard let n = DateNormalizer.normalize(bytes: d, monthFirst: monthFirst) ?? DateNormalizer.normalizeNamed(String(decoding: d, as: UTF8.self), months: months) else {
                return .failure(BadField(problem: .badDate(String(decoding: d, as: UTF8.self)), field: .date))
            }
            date = options.timeZone.map { $0.local(n) } ?? n
        }
        var ratings = SurveyRating.Ratings()
        // The rating column, then the NPS column (two calls, not a loop over an array made per row).
        if let bad = read(.rating, fields.rating, column: ratingScale, into: &ratings) { return .failure(bad) }
        if let bad = read(.nps, fields.nps, column: npsScale, into: &ratings) { return .failure(bad) }
        return .success((date, ratings))
    }

    /// Reads one rating field into `ratings`, or returns why it cannot be read. A column of each scale
    /// at most (`RatingColumns`): the rating column, read first, keeps its place.
    private func read(
        _ field: RecordField, _ value: UnsafeBufferPointer<UInt8>?, column: RatingColumnScale?, into ratings: inout SurveyRating.Ratings
    ) -> BadField? {
        guard let r = value.map({ FieldBytes.trimmed($0, FieldBytes.isSpaceOrTab) }), !r.isEmpty else { return nil }
        switch score(r, field: field, column: column) {
        case .failure where ratingChoices.isNoAnswer(String(decoding: r, as: UTF8.self)): return nil
        case let .success(s): if ratings[s.scale] == nil { ratings[s.scale] = s.value }
        case let .failure(bad): return bad
        }
        return nil
    }

    /// A rating's value on its scale: its column's, else the one it writes ("4/10"), else a choice's
    /// (CSAT), else its value's. A value off its column's scale is a bad field.
    private func score(_ r: UnsafeBufferPointer<UInt8>, field: RecordField, column: RatingColumnScale?) -> Result<SurveyRating.Score, BadField> {
        let choice: Double?
        let value: Double
        if let v = RatingParser.parse(bytes: r) {
            (value, choice) = (v, nil)
        } else if let v = ratingChoices.rating(String(decoding: r, as: UTF8.self)) {
            (value, choice) = (v, v)
        } else {
            return .failure(BadField(problem: .badRating(String(decoding: r, as: UTF8.self)), field: field))
        }
        let written = choice != nil ? SurveyRating.Scale.csat : RatingParser.writtenScale(bytes: r)
        guard let column else {
            return .success(written.map { SurveyRating.Score(value, scale: $0) } ?? SurveyRating.Score(inferring: value))
        }
        let s = SurveyRating.Score(value, scale: column.scale)
        guard s.isOnScale, written == nil || written == column.scale else {
            return .failure(BadField(problem: .ratingOffScale(String(decoding: r, as: UTF8.self), column), field: field))
        }
        return .success(s)
    }

    /// `bytes` as a string when they are well-formed UTF-8 (the standard library's validation, then
    /// one copy), else nil.
    static func string(validating bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let valid = try? UTF8Span(validating: bytes.span) else { return nil }
        return String(copying: valid)
    }

    /// True when `s` holds U+FFFD (in UTF-8, always the bytes EF BF BD).
    static func containsReplacementCharacter(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { containsReplacementCharacter($0) }
    }

    /// True when the UTF-8 bytes `b` hold U+FFFD (EF BF BD).
    /// Looks at eight bytes at a time for an 0xEF byte before checking the two after it.
    static func containsReplacementCharacter(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 3, let base = b.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= b.count {
            let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ (0xEF &* ones)
            if (v &- ones) & ~v & highs != 0 { break }  // some byte is 0xEF
            i += 8
        }
        while i < b.count - 2 {
            if b[i] == 0xEF, b[i + 1] == 0xBF, b[i + 2] == 0xBD { return true }
            i += 1
        }
        return false
    }

    /// A stable id from the file name and the record's position: `h` + 16 hex digits of FNV-1a.
    static func stableID(file: String, position: Int) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in "\(file)#\(position)".utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return "h" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
