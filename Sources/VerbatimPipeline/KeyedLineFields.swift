import Foundation
import VerbatimCore
import VerbatimReports

/// A partial's `K` line read from its bytes, for `KeyedRecord.binary(line:)`: its sixteen fields as
/// ranges of the line, written as the spool keeps them without a `String` or an array for each field.
/// A merge reads a million such lines for a million records, and making each field a `String` (and
/// splitting the themes as `Character`s) took most of its time.
///
/// It takes a line only when it is as `KeyedRecord.line()` writes one: valid UTF-8, sixteen fields,
/// no escape but `\N` (a missing value), every number, label, rating and theme well formed, and whole
/// (`KeyedRecord.isWhole`). For any other line it is nil, and the line is read through
/// `KeyedRecord.parse`, which stays the one definition of what a line means (its escapes, and when it
/// is damaged): this reads only lines that it reads alike, to the byte.
struct KeyedLineFields {
    typealias Bytes = UnsafeBufferPointer<UInt8>
    private let line: Bytes
    /// Field `k` is `bounds[k] ..< bounds[k + 1] - 1` (each field's TAB, and the line's end, after it).
    private let bounds: [Int]

    init?(_ line: Bytes) {
        guard UTF8Bytes.isValid(line) else { return nil }
        var bounds = [0]
        bounds.reserveCapacity(KeyedRecord.fieldCount + 1)
        var backslashes = false
        var k = ByteScan.firstOf(SpoolLine.tab, SpoolLine.backslash, in: line)
        while k < line.count {
            if line[k] == SpoolLine.backslash {
                backslashes = true
            } else {
                guard bounds.count < KeyedRecord.fieldCount else { return nil }
                bounds.append(k + 1)
            }
            k = ByteScan.firstOf(SpoolLine.tab, SpoolLine.backslash, in: line, from: k + 1)
        }
        guard bounds.count == KeyedRecord.fieldCount else { return nil }
        bounds.append(line.count + 1)
        self.line = line
        self.bounds = bounds
        // An escaped value (a TAB, a line break or a backslash in it) is read by `parse`.
        if backslashes {
            for k in 0..<KeyedRecord.fieldCount where !SpoolLine.isNull(field(k)) && field(k).contains(SpoolLine.backslash) { return nil }
        }
    }

    private func field(_ k: Int) -> Bytes { Bytes(rebasing: line[bounds[k]..<(bounds[k + 1] - 1)]) }

    /// Field `k`'s value; nil for `\N`.
    private func value(_ k: Int) -> Bytes? {
        let f = field(k)
        return SpoolLine.isNull(f) ? nil : f
    }

    /// The facts as `KeyedRecord.appendBinary` writes them; nil unless every field reads as `parse` would read it.
    func binary() -> [UInt8]? {
        guard let id = value(0), let file = value(1), let lineNumber = value(2).flatMap(DecimalBytes.int), let language = value(7),
              let label = value(9).flatMap(Self.label), let score = value(10).flatMap(DecimalBytes.double),
              let text = value(13), let evidence = value(14), let rowBytes = value(15).flatMap(DecimalBytes.int),
              let themes = themes()
        else { return nil }
        var ratings = SurveyRating.Ratings.none
        if let written = value(8) {
            guard let read = SurveyRating.Ratings(bytes: written) else { return nil }
            ratings = read
        }
        guard KeyedRecord.isWhole(rowBytes: rowBytes, hasText: !text.isEmpty, ratings: ratings) else { return nil }
        let disagrees = value(11).map { $0.count == 1 && $0[0] == UInt8(ascii: "1") } ?? false
        var out: [UInt8] = []
        KeyedRecord.appendBinary(
            id: id, file: file, line: lineNumber, date: value(3), employee: value(4), mention: value(5), channel: value(6),
            language: language, ratings: ratings, label: label, score: score, disagrees: disagrees, themes: themes, text: text,
            evidence: evidence, rowBytes: rowBytes, to: &out)
        return out
    }

    /// The themes field (`theme` US `polarity` US `score`, joined by RS, empty pieces left out, as `parse`
    /// splits it); nil when a piece is not three parts with a label and a number.
    private func themes() -> [(Bytes, SentimentLabel, Double)]? {
        var out: [(Bytes, SentimentLabel, Double)] = []
        guard let f = value(12) else { return out }
        var start = 0
        while start < f.count {
            var end = start
            while end < f.count, f[end] != Self.recordSeparator { end += 1 }
            if end > start {
                guard let theme = Self.theme(Bytes(rebasing: f[start..<end])) else { return nil }
                out.append(theme)
            }
            start = end + 1
        }
        return out
    }

    /// One theme: exactly three US-separated parts (empty ones counted), the second a label, the third a number.
    private static func theme(_ piece: Bytes) -> (Bytes, SentimentLabel, Double)? {
        guard let first = piece.firstIndex(of: unitSeparator),
              let second = piece[(first + 1)...].firstIndex(of: unitSeparator),
              !piece[(second + 1)...].contains(unitSeparator),
              let polarity = label(Bytes(rebasing: piece[(first + 1)..<second])),
              let score = DecimalBytes.double(Bytes(rebasing: piece[(second + 1)...]))
        else { return nil }
        return (Bytes(rebasing: piece[..<first]), polarity, score)
    }

    /// The label these bytes spell exactly, if any (`SentimentLabel(rawValue:)` on them).
    private static func label(_ b: Bytes) -> SentimentLabel? {
        SentimentLabel.allCases.first { UTF8Bytes.equal($0.rawValue, b) }
    }

    /// `KeyedRecord.unitSeparator` and `recordSeparator` as bytes.
    private static let unitSeparator = KeyedRecord.unitSeparator.asciiValue!
    private static let recordSeparator = KeyedRecord.recordSeparator.asciiValue!
}
