import Foundation
import VerbatimCore
import VerbatimReports

/// A record of a file whose source has other exports, as a partial carries
/// it (`K` lines): its facts (`RecordFacts`), as one line of TAB-separated
/// fields, the id first. Its `records.csv` row is in the file's rows, as for
/// any other file; the line ends with the row's length in bytes, so that a
/// merge that leaves some records out can read the rows beside the facts.
/// While a run reads its files, it spools the same facts in a form that is
/// cheaper to write (`KeyedRecord+Spool.swift`).
///
/// Fields: id, file, line, date, employee, employee mention, channel,
/// language, ratings (`4/5`, `9/10`, `4/5 9/10`: `SurveyRating.Ratings.text`), label, score, rating-disagrees (`1`/`0`), themes
/// (`theme` US `polarity` US `score`, joined by RS), text, evidence, row
/// bytes. Each field is written and read by `SpoolLine`; `\N` is a missing
/// value. Doubles are written in Swift's shortest form, which reads back to
/// the same value.
///
/// A response with a rating and no text (`RatedResponse`) is kept the same way, so that a later
/// export that has it too replaces it: no text, no themes, a neutral label, and its row (a rated
/// response's row has no sentiment; partials written before it had one carry `rowBytes` 0).
struct KeyedRecord {
    var facts: RecordFacts
    /// The length of the record's `records.csv` row, its line end included (0: no row).
    var rowBytes: Int

    /// Whether it is a rated response without text (counted in the ratings only): a record's text is
    /// never empty (an empty one is rejected when read).
    var isRatedWithoutText: Bool { facts.sample.text.isEmpty }

    /// Whether facts read back are whole: a record has text and a row; a rated response has a rating,
    /// no text, and a row or none.
    static func isWhole(rowBytes: Int, hasText: Bool, ratings: SurveyRating.Ratings) -> Bool {
        hasText ? rowBytes > 0 : !ratings.isEmpty && rowBytes >= 0
    }

    static let fieldCount = 16
    /// Between a theme's name, polarity and score, and between themes.
    static let unitSeparator: Character = "\u{1F}"
    static let recordSeparator: Character = "\u{1E}"

    /// The partial's line (with its newline).
    func line() -> [UInt8] {
        let s = facts.sample
        var out: [UInt8] = []
        out.reserveCapacity(s.text.utf8.count + s.evidence.utf8.count + 128)
        Self.appendLine(
            id: s.recordId, file: s.file, line: s.line, date: s.date, employee: s.employee, mention: s.employeeMention, channel: s.channel,
            language: s.language, ratings: s.ratings, label: s.label, score: s.score, disagrees: facts.disagrees,
            themes: facts.themes.map { ($0.theme, $0.polarity, $0.score) }, text: s.text, evidence: s.evidence, rowBytes: rowBytes, to: &out)
        return out
    }

    /// The line's layout, for the values of facts (`String`s) and for those read from a spool (its bytes).
    static func appendLine<Text: SpoolText>(
        id: Text, file: Text, line: Int, date: Text?, employee: Text?, mention: Text?, channel: Text?, language: Text,
        ratings: SurveyRating.Ratings, label: SentimentLabel, score: Double, disagrees: Bool, themes: [(Text, SentimentLabel, Double)],
        text: Text, evidence: Text, rowBytes: Int, to out: inout [UInt8]
    ) {
        func field(_ v: (some SpoolText)?, last: Bool = false) {
            SpoolLine.appendField(v, to: &out)
            out.append(last ? UInt8(ascii: "\n") : UInt8(ascii: "\t"))
        }
        field(id); field(file); field(String(line)); field(date); field(employee); field(mention)
        field(channel); field(language); field(ratings.text); field(label.rawValue); field("\(score)")
        field(disagrees ? "1" : "0")
        // The themes: `theme` US `polarity` US `score`, joined by RS (neither is escaped).
        for (k, (theme, polarity, themeScore)) in themes.enumerated() {
            if k > 0 { out.append(Self.recordSeparator.asciiValue!) }
            SpoolLine.appendEscaped(theme, to: &out)
            out.append(Self.unitSeparator.asciiValue!)
            SpoolLine.appendEscaped(polarity.rawValue, to: &out)
            out.append(Self.unitSeparator.asciiValue!)
            SpoolLine.appendEscaped("\(themeScore)", to: &out)
        }
        out.append(UInt8(ascii: "\t"))
        field(text); field(evidence); field(String(rowBytes), last: true)
    }

    /// A partial's line back; nil when it is damaged.
    static func parse(_ line: ArraySlice<UInt8>) -> KeyedRecord? {
        let f = SpoolLine.fields(line)
        guard f.count == fieldCount else { return nil }
        // Ratings as `SurveyRating.Ratings.text` writes them ("4/5", "9/10", "4/5 9/10"); a field that is not is damage.
        let ratings = f[8].flatMap { SurveyRating.Ratings(text: $0) }
        guard (f[8] == nil) == (ratings == nil) else { return nil }
        guard let id = f[0], let file = f[1], let lineNo = f[2].flatMap({ Int($0) }), let language = f[7],
              let label = f[9].flatMap(SentimentLabel.init(rawValue:)), let score = f[10].flatMap({ Double($0) }),
              let text = f[13], let evidence = f[14], let rowBytes = f[15].flatMap({ Int($0) }),
              isWhole(rowBytes: rowBytes, hasText: !text.isEmpty, ratings: ratings ?? .none) else { return nil }
        var themes: [RecordFacts.Theme] = []
        for t in (f[12] ?? "").split(separator: Self.recordSeparator) {
            let parts = t.split(separator: Self.unitSeparator, omittingEmptySubsequences: false)
            guard parts.count == 3, let polarity = SentimentLabel(rawValue: String(parts[1])), let s = Double(parts[2]) else { return nil }
            themes.append(RecordFacts.Theme(theme: String(parts[0]), polarity: polarity, score: s))
        }
        let sample = VerbatimSample(
            recordId: id, file: file, line: lineNo, date: f[3], employee: f[4], employeeMention: f[5], channel: f[6], language: language,
            ratings: ratings ?? .none, label: label, score: score, text: text, evidence: evidence,
            themes: themes.map(\.tag.text))
        return KeyedRecord(facts: RecordFacts(sample: sample, disagrees: f[11] == "1", themes: themes), rowBytes: rowBytes)
    }
}
