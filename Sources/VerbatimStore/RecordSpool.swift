import Foundation
import VerbatimCore

/// The line format in which a run spools each file's records for the store
/// while files are read in parallel, and from which `RunSession` writes
/// them (`writeFile(_:spool:)`) without making a `String` per value.
///
/// One record per line, ten fields separated by TAB: id, line, date,
/// employee, channel, language, label, score, ratings (`4/5`, `9/10`, `4/5 9/10`:
/// `SurveyRating.Ratings.text`), themes (`theme` US
/// `polarity`, pairs separated by RS). A rated response without text
/// (`StoredRating`) has the same ten fields, with no language, label, score
/// or themes (`\N`) and its ratings. Fields are escaped and read back by
/// `SpoolLine` (`\N` is a missing value), as bytes.
public enum RecordSpool {
    static var tab: UInt8 { SpoolLine.tab }
    static var newline: UInt8 { SpoolLine.newline }
    static let null = SpoolLine.null
    static let pairSeparator: UInt8 = 0x1E
    static let themeSeparator: UInt8 = 0x1F

    /// Appends `r` as one line.
    public static func append(_ r: FeedbackRecord, to buffer: inout [UInt8]) {
        appendResponse(id: r.id, line: r.provenance.line, date: r.date, employee: r.employee, channel: r.channel, to: &buffer)
        buffer.append(tab)
        SpoolLine.appendField(r.language.rawValue, to: &buffer)
        buffer.append(tab)
        buffer.append(contentsOf: (r.sentiment?.label ?? .neutral).rawValue.utf8)
        buffer.append(tab)
        buffer.append(contentsOf: String(r.sentiment?.score ?? 0).utf8)
        buffer.append(tab)
        if let ratings = r.ratings.text { buffer.append(contentsOf: ratings.utf8) } else { buffer.append(contentsOf: null) }
        buffer.append(tab)
        var themes: [UInt8] = []
        for (i, t) in r.themes.enumerated() {
            if i > 0 { themes.append(pairSeparator) }
            themes.append(contentsOf: t.theme.utf8)
            themes.append(themeSeparator)
            themes.append(contentsOf: t.polarity.rawValue.utf8)
        }
        SpoolLine.appendField(String(decoding: themes, as: UTF8.self), to: &buffer)
        buffer.append(newline)
    }

    /// Appends a rated response without text as one line: its ratings, and no language, label, score or themes.
    public static func append(_ r: RatedResponse, to buffer: inout [UInt8]) {
        appendResponse(id: r.id, line: r.provenance.line, date: r.date, employee: r.employee, channel: r.channel, to: &buffer)
        for _ in 0..<3 { buffer.append(tab); buffer.append(contentsOf: null) }
        buffer.append(tab)
        SpoolLine.appendField(r.ratings.text, to: &buffer)
        buffer.append(tab)
        buffer.append(contentsOf: null)
        buffer.append(newline)
    }

    /// The first five fields, which both kinds of line have: id, line, date, employee, channel.
    private static func appendResponse(id: String, line: Int, date: String?, employee: String?, channel: String?, to buffer: inout [UInt8]) {
        SpoolLine.appendField(id, to: &buffer)
        buffer.append(tab)
        buffer.append(contentsOf: String(line).utf8)
        buffer.append(tab)
        SpoolLine.appendField(date, to: &buffer)
        buffer.append(tab)
        SpoolLine.appendField(employee, to: &buffer)
        buffer.append(tab)
        SpoolLine.appendField(channel, to: &buffer)
    }

    /// One spool line (without its newline) as a `StoredRecord`; nil when the line is damaged or holds a rated response.
    public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> StoredRecord? {
        let f = SpoolLine.fields(line)
        guard f.count == 10, let id = f[0], let lineNo = f[1].flatMap({ Int($0) }), let language = f[5],
              let label = f[6].flatMap(SentimentLabel.init(rawValue:)), let score = f[7].flatMap({ Double($0) }) else { return nil }
        let ratings = f[8].flatMap { SurveyRating.Ratings(text: $0) }
        guard (f[8] == nil) == (ratings == nil) else { return nil }
        var themes: [String: SentimentLabel] = [:]
        for pair in (f[9] ?? "").utf8.split(separator: pairSeparator) {
            let parts = pair.split(separator: themeSeparator)
            if parts.count == 2, let p = SentimentLabel(rawValue: String(decoding: parts[1], as: UTF8.self)) {
                themes[String(decoding: parts[0], as: UTF8.self)] = p
            }
        }
        return StoredRecord(recordId: id, line: lineNo, date: f[2], employee: f[3], channel: f[4], language: language,
                            label: label, score: score, ratings: ratings ?? .none, themes: themes)
    }

    /// One spool line (without its newline) as a rated response without text; nil when it is damaged or holds a record.
    public static func parseRated(_ line: UnsafeBufferPointer<UInt8>) -> StoredRating? {
        let f = SpoolLine.fields(line)
        guard f.count == 10, f[5] == nil, f[6] == nil, f[7] == nil, f[9] == nil, let id = f[0], let lineNo = f[1].flatMap({ Int($0) }),
              let ratings = f[8].flatMap({ SurveyRating.Ratings(text: $0) }) else { return nil }
        return StoredRating(recordId: id, line: lineNo, date: f[2], employee: f[3], channel: f[4], ratings: ratings)
    }

    /// What one spool line holds.
    public enum Entry: Sendable, Hashable {
        case record(StoredRecord)
        case rated(StoredRating)
    }

    /// One spool line of either kind; nil when it is damaged.
    public static func entry(_ line: UnsafeBufferPointer<UInt8>) -> Entry? {
        if let r = parse(line) { return .record(r) }
        return parseRated(line).map(Entry.rated)
    }

    /// Calls `body` with each line of the spool at `url` that is not empty, read in chunks of
    /// `SpoolIO.chunkBytes` (memory holds a chunk, never the file); a missing or unreadable spool has none.
    static func forEachLine(inFile url: URL, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return }
        defer { try? handle.close() }
        var chunk: [UInt8] = []
        var ended = false
        while !ended {
            let more = (try? handle.read(upToCount: SpoolIO.chunkBytes)) ?? nil
            if let more, !more.isEmpty { chunk.append(contentsOf: more) } else { ended = true }
            // Whole lines only, until the end (whose last line may lack its newline).
            let cut = ended ? chunk.count : chunk.lastIndex(of: newline).map { $0 + 1 } ?? 0
            try chunk.withUnsafeBufferPointer { b in try forEachLine(UnsafeBufferPointer(rebasing: b[..<cut]), body) }
            chunk.removeSubrange(..<cut)
        }
    }

    /// Calls `body` with each line of `bytes` that is not empty (the last one may lack its newline).
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != newline { end += 1 }
            if end > start { try body(UnsafeBufferPointer(rebasing: bytes[start..<end])) }
            start = end + 1
        }
    }
}
