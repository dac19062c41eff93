import VerbatimCore
import VerbatimPrivacy

/// The rows of `records.csv` and `rejects.csv`. With a masker (`pii: mask`),
/// the free-text cells (the feedback text and its evidence; a reject's reason and raw row) are masked;
/// identifiers are written as read.
public enum RecordRowFormatter {
    public static let recordHeader = [
        "record_id", "source_file", "line", "date", "employee", "channel", "language", "csat", "nps", "sentiment", "score", "themes", "evidence",
        // Last, so that a sheet or BI model reading the columns before it by position still reads them.
        "text",
    ]
    public static let rejectHeader = ["file", "line", "column", "reason", "raw"]

    /// `evidence`: the record's `evidenceString`, when the caller has it.
    public static func recordRow(_ r: FeedbackRecord, evidence: String? = nil, masker: PersonalDataMasker? = nil) -> [CSVTableWriter.Cell] {
        let s = r.sentiment
        let evidence = evidence ?? evidenceString(r)
        var cells = shared(id: r.id, provenance: r.provenance, date: r.date, employee: r.employee, channel: r.channel,
                           language: r.language.rawValue, ratings: r.ratings)
        cells.append(.text(s?.label.rawValue ?? ""))
        cells.append(.number(s.map { NumberFormat.fixed($0.score, 4) } ?? ""))
        cells.append(.text(ThemeTag.list(r.themes.map(\.tag), separator: "; ")))
        cells.append(.text(masker.map { $0.mask(evidence) } ?? evidence))
        cells.append(.text(masker.map { $0.mask(r.text) } ?? r.text))
        return cells
    }

    /// A response with a rating and no text: its id, provenance, date, employee, channel and ratings, and
    /// no language, sentiment, themes, evidence or text (none was written), so that a sheet's CSAT and NPS
    /// over the rows are the reports'.
    public static func ratedRow(_ r: RatedResponse) -> [CSVTableWriter.Cell] {
        var cells = shared(id: r.id, provenance: r.provenance, date: r.date, employee: r.employee, channel: r.channel, language: "", ratings: r.ratings)
        cells.append(contentsOf: [.text(""), .number(""), .text(""), .text(""), .text("")])
        return cells
    }

    /// The first cells of `recordHeader`, which a record and a rated response share (up to `nps`), in an
    /// array with room for the rest (sentiment, score, themes, evidence, text): one allocation a row.
    private static func shared(
        id: String, provenance: Provenance, date: String?, employee: String?, channel: String?, language: String, ratings: SurveyRating.Ratings
    ) -> [CSVTableWriter.Cell] {
        var cells: [CSVTableWriter.Cell] = []
        cells.reserveCapacity(recordHeader.count)
        cells.append(.text(id)); cells.append(.text(provenance.file)); cells.append(.number("\(provenance.line)"))
        cells.append(.text(date ?? "")); cells.append(.text(employee ?? "")); cells.append(.text(channel ?? "")); cells.append(.text(language))
        cells.append(.number(ratings.csat.map(ratingText) ?? "")); cells.append(.number(ratings.nps.map(ratingText) ?? ""))
        return cells
    }

    /// A rating as a cell shows it: `4`, `4.5`.
    static func ratingText(_ v: Double) -> String { NumberFormat.fixed(v, SurveyRating.decimals(v)) }

    /// A short evidence string: `harika +3; kötü -2.5 [negation(değil)] → +1`, cut after
    /// `evidenceLimit` characters with `…`.
    public static func evidenceString(_ r: FeedbackRecord) -> String {
        guard let s = r.sentiment else { return "" }
        if s.evidence.isEmpty { return s.reason ?? "" }
        return truncated(Evidence.line(s.evidence), to: evidenceLimit)
    }

    /// The most characters of evidence a row shows.
    static let evidenceLimit = 300

    /// `text` when it has at most `limit` characters, else its first `limit` characters and `…`. Each
    /// character has one byte or more, and one scalar or more, so most texts are known to be short from
    /// their counts; a long one is read as scalars up to the limit (`lead`), and as characters only from a
    /// scalar that may join its neighbour.
    static func truncated(_ text: String, to limit: Int) -> String {
        // A character has one scalar or more: a text of at most `limit` scalars (counted sixteen bytes at a
        // time) is no longer than the limit, however its scalars join.
        guard text.utf8.count > limit, UTF8Bytes.withBytes(text, { ByteScan.scalarCount(of: $0) }) > limit else { return text }
        switch lead(text, limit: limit) {
        case .short:
            return text
        case let .cut(byte):
            return String(text[..<text.utf8.index(text.startIndex, offsetBy: byte)]) + "…"
        case let .joining(characters, byte):
            let start = text.utf8.index(text.startIndex, offsetBy: byte)
            guard let end = text.index(start, offsetBy: limit - characters, limitedBy: text.endIndex), end != text.endIndex
            else { return text }
            return String(text[..<end]) + "…"
        }
    }

    /// What reading `text` as scalars tells of its first `limit` characters, in one walk that stops at the
    /// limit. Two scalars that stand alone (`isAlone`) always have a character boundary between them, so
    /// while they do, each scalar is a character.
    enum Lead: Equatable {
        /// At most `limit` scalars, all standing alone: the text is no longer than the limit.
        case short
        /// The first `limit + 1` scalars stand alone: the first `limit` characters end at `byte`.
        case cut(byte: Int)
        /// A scalar that can join a neighbour (`e` and a combining accent) comes within the limit: the
        /// scalars before the one it follows are `characters` characters, ending at `byte`.
        case joining(characters: Int, byte: Int)
    }

    static func lead(_ text: String, limit: Int) -> Lead {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0, scalars = 0, previous = 0
            while i < bytes.count {
                let (v, length) = UTF8Bytes.decode(bytes, i)
                guard isAlone(v) else { return scalars == 0 ? .joining(characters: 0, byte: 0) : .joining(characters: scalars - 1, byte: previous) }
                if scalars == limit { return .cut(byte: i) }
                previous = i
                i += length
                scalars += 1
            }
            return .short
        }
    }

    /// Scalars that never join another in one character (no combining mark, joiner, variation selector,
    /// emoji modifier, regional indicator, Hangul jamo or CR): tab, line feed, printable ASCII, Latin-1 and
    /// the Latin extensions, IPA and spacing modifiers, Cyrillic letters (not its combining marks
    /// U+0483–U+0489), general punctuation (not the zero-width and direction marks), currency signs, and the
    /// arrows and mathematical operators (the `→` of every evidence line).
    @inline(__always) static func isAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x20...0x7E, 0xA0...0x2FF, 0x400...0x482, 0x48A...0x52F, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0, 0x2190...0x22FF: true
        default: false
        }
    }

    public static func rejectRow(_ j: Reject, masker: PersonalDataMasker? = nil) -> [CSVTableWriter.Cell] {
        [.text(j.provenance.file), .number("\(j.provenance.line)"), .number(j.provenance.column.map { "\($0)" } ?? ""),
         .text(masker.map { $0.mask(j.reason) } ?? j.reason), .text(masker.map { $0.mask(j.raw) } ?? j.raw)]
    }
}
