import Foundation
import VerbatimAnalysis
import VerbatimCore
import VerbatimIngest

/// How survey ratings become labels for learning: at or below `negativeMax` is
/// negative, at or above `positiveMin` positive, in between neutral.
public struct RatingLabels: Sendable, Hashable {
    /// The scales survey tools use, with the usual cut points.
    public enum Scale: String, CaseIterable, Sendable {
        /// 1–5 stars or CSAT: 1–2 negative, 3 neutral, 4–5 positive.
        case stars
        /// 0–10 NPS: detractors 0–6 negative, passives 7–8 neutral, promoters 9–10 positive.
        case nps

        public var range: ClosedRange<Double> { self == .stars ? 1...5 : 0...10 }
        /// The cut points of `SurveyRating`: the low band is negative, the high band positive.
        public var defaultNegativeMax: Double { surveyScale.lowMax }
        public var defaultPositiveMin: Double { surveyScale.highMin }
        var surveyScale: SurveyRating.Scale { self == .stars ? .csat : .nps }
    }

    public var scale: Scale
    public var negativeMax: Double
    public var positiveMin: Double

    public init(scale: Scale = .stars, negativeMax: Double? = nil, positiveMin: Double? = nil) {
        self.scale = scale
        self.negativeMax = negativeMax ?? scale.defaultNegativeMax
        self.positiveMin = positiveMin ?? scale.defaultPositiveMin
    }

    /// The label of a rating, or nil when it is outside the scale.
    public func label(_ rating: Double) -> SentimentLabel? {
        guard scale.range.contains(rating) else { return nil }
        return rating <= negativeMax ? .negative : rating >= positiveMin ? .positive : .neutral
    }
}

/// One input of `verbatim learn`: a `label<TAB>text` file (labels pos, neg,
/// neu, as in `../shared/eval`), or any export the pipeline reads whose
/// records carry a rating. Read as a stream, as often as the learner needs.
public struct LabelledInput: Sendable {
    public enum Kind: Sendable { case labelled, ratedExport }

    public let url: URL
    public let kind: Kind

    /// Looks at the first line that is not empty or a `#` comment: `pos`, `neg` or `neu` and a TAB
    /// make a labelled file; anything else is read as an export. A labelled file is read in the encoding
    /// it was saved in, as an export is: UTF-8 with or without a byte-order mark (Notepad and Excel write
    /// one), UTF-16 (Excel's "Unicode Text") or a Windows code page.
    public init(url: URL) throws(LearnError) {
        self.url = url
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw .unreadable(file: url.path, reason: "no such file, or not readable") }
        defer { try? handle.close() }
        let bytes = [UInt8](handle.readData(ofLength: 4096))
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        let head = utf16 ? Self.utf16Head(bytes) : String(decoding: bytes.starts(with: Self.utf8BOM) ? bytes.dropFirst(3) : bytes[...], as: UTF8.self)
        kind = Self.looksLabelled(head) ? .labelled : .ratedExport
    }

    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The first line that is not empty or a comment starts with a label and a TAB.
    static func looksLabelled(_ head: String) -> Bool {
        let first = head.split(separator: "\n").first { !$0.trimmingCharacters(in: CharacterSet(charactersIn: " \r")).isEmpty && !$0.hasPrefix("#") }
        let label = first.flatMap { $0.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).first }
        return first.map { $0.contains("\t") } == true && ["pos", "neg", "neu"].contains(label.map(String.init) ?? "")
    }

    /// The text of the first bytes of a UTF-16 file with its byte-order mark.
    private static func utf16Head(_ bytes: [UInt8]) -> String {
        let little = bytes[0] == 0xFF
        let units = stride(from: 2, to: bytes.count - 1, by: 2).map { k in
            little ? UInt16(bytes[k]) | UInt16(bytes[k + 1]) << 8 : UInt16(bytes[k]) << 8 | UInt16(bytes[k + 1])
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// What reading an input set aside: rows without a rating, and rejected rows with their reasons.
    public struct SetAside: Sendable {
        public var unrated = 0
        /// Rows with a rating and no text: nothing to learn from.
        public var withoutText = 0
        /// Items that are no customer's feedback (`NotFeedback`: a chat's service line, the company's own post).
        public var notFeedback = 0
        public var rejected: [String] = []
        /// The labelled files read in an encoding other than UTF-8, each with it: `labels.tsv as windows-1254 (…)`.
        public var encodings: [String] = []
    }

    /// Calls `body` with each labelled text in file order.
    public func forEach(
        aliases: HeaderAliases, ratings: RatingLabels, _ body: (SentimentLabel, String) throws -> Void
    ) throws -> SetAside {
        switch kind {
        case .labelled: return try forEachLabelled(body)
        case .ratedExport: return try forEachRated(aliases: aliases, ratings: ratings, body)
        }
    }

    private func forEachLabelled(_ body: (SentimentLabel, String) throws -> Void) throws -> SetAside {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw LearnError.unreadable(file: url.path, reason: "not readable") }
        defer { try? handle.close() }
        var reader = LineReader(handle: handle, detectsEncoding: true)
        var number = 0
        var aside = SetAside()
        while let read = reader.next() {
            number += 1
            var line: String
            switch read {
            case let .text(text): line = text
            case let .tooLong(bytes): throw LearnError.lineTooLong(file: url.path, line: number, bytes: bytes, limit: reader.maxLineBytes)
            case let .notUTF8(at, bytes):
                // Set aside as an export's row with such bytes is, and said with the rejected rows.
                aside.rejected.append("\(url.path) line \(number): \(LineReader.notUTF8Reason(at: at, bytes: bytes))")
                continue
            }
            if number == 1, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw LearnError.noText(file: url.path, line: number) }
            let label: SentimentLabel
            switch parts[0] {
            case "pos": label = .positive
            case "neg": label = .negative
            case "neu": label = .neutral
            default: throw LearnError.unknownLabel(file: url.path, line: number, label: String(parts[0]))
            }
            try body(label, String(parts[1]))
        }
        if let found = reader.encoding { aside.encodings.append("\(url.path) as \(found.encoding.rawValue) (\(found.how))") }
        return aside
    }

    private func forEachRated(aliases: HeaderAliases, ratings: RatingLabels, _ body: (SentimentLabel, String) throws -> Void) throws -> SetAside {
        var setAside = SetAside()
        var failure: Error?
        var rated = 0
        let emit: (consuming ReadEvent) -> Void = { event in
            guard failure == nil else { return }
            switch event {
            case let .reject(r): setAside.rejected.append("\(r.provenance.file) line \(r.provenance.line): \(r.reason)")
            case .rated: setAside.withoutText += 1
            case .setAside: setAside.notFeedback += 1
            case let .record(record):
                // The rating on the learning scale when the survey has one (its CSAT, or its NPS), else its only one.
                guard let rating = record.ratings[ratings.scale.surveyScale] ?? record.ratings.primary?.value else { setAside.unrated += 1; return }
                guard let label = ratings.label(rating) else {
                    failure = LearnError.ratingOutOfRange(file: url.path, line: record.provenance.line, rating: rating, scale: "\(ratings.scale.rawValue) (\(String(format: "%g", ratings.scale.range.lowerBound))–\(String(format: "%g", ratings.scale.range.upperBound)))")
                    return
                }
                rated += 1
                do { try body(label, record.text) } catch { failure = error }
            }
        }
        // Read as a run reads a file: CSV/TSV, XML, JSON, Excel, and any of them gzipped or in a ZIP archive.
        let summary = InputReader(aliases: aliases) { _ in SourceOptions() }.read(url: url, name: url.lastPathComponent, emit: emit)
        if let failure { throw failure }
        if let reason = summary.fileError ?? summary.skipReason { throw LearnError.unreadable(file: url.path, reason: reason) }
        if rated == 0, setAside.withoutText > 0, setAside.unrated == 0 { throw LearnError.noRatedText(file: url.path, ratedWithoutText: setAside.withoutText) }
        if rated == 0 { throw LearnError.noRatingColumn(file: url.path) }
        return setAside
    }
}
