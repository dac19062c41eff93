import Foundation
import VerbatimCore

/// Reads delimited exports (CSV, TSV, semicolon- or pipe-separated) as a stream.
///
/// RFC 4180: quoted fields may hold delimiters, `""` and line breaks; CRLF,
/// LF and CR all end a line; empty lines are skipped. The encoding and the
/// delimiter are detected from the first 64 KiB unless the source declares
/// them. Memory is bounded by one record (`maxRecordBytes`, and at most
/// `CSVRowParser.maxFields` fields).
///
/// Rejected whole: a file that is not text (an image or a workbook renamed
/// to `.csv`), an empty one, a `.txt` file that does not split consistently
/// on one delimiter, and a file whose header has no text column. Rejected
/// alone, with the 1-based column of the field at fault when there is one: a
/// row of the wrong width, too long, with bytes not valid in the encoding or
/// NUL bytes, or whose text, date or rating does not pass `RecordAssembler`.
public struct CSVRecordReader: RecordReader {
    public let options: SourceOptions
    public let aliases: HeaderAliases

    public init(options: SourceOptions, aliases: HeaderAliases) {
        self.options = options
        self.aliases = aliases
    }

    static let sampleSize = 64 * 1024
    static let chunkSize = 256 * 1024

    /// Reads `url`, calling `emit` for every record and reject in file order.
    public func read(url: URL, name: String, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        read(.file(url, name: name), emit: emit)
    }

    /// Reads `input`, calling `emit` for every record and reject in file order.
    /// File-level problems end up in the summary's `fileError` and as one reject.
    public func read(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        let name = input.name
        var summary = FileReadSummary(file: name, format: "csv")
        func failFile(_ e: IngestError) -> FileReadSummary { self.failFile(e, line: 1, summary, emit) }
        let source: any ByteSource
        let sample: [UInt8]
        do {
            source = try input.open()
            sample = try source.read(upTo: Self.sampleSize)
        } catch {
            return failFile(error)
        }
        let detected = EncodingDetector.detect(sample, declared: options.encoding)
        summary.encoding = detected.encoding.rawValue
        var transcoder = UTF8Transcoder(encoding: detected.encoding)
        var firstUTF8: [UInt8] = []
        sample.withUnsafeBufferPointer { buf in
            transcoder.transcode(UnsafeBufferPointer(rebasing: buf[detected.bomLength...]), into: &firstUTF8, final: sample.count < Self.sampleSize)
        }
        if let kind = BinarySignature.kind(raw: sample, decoded: firstUTF8) { return failFile(.notText(looksLike: kind)) }
        let ext = FormatSniffer.fileExtension(input.fileName)
        // Spreadsheet "Unicode text" exports (.txt) and .tsv files are tab-separated when in doubt.
        // A .txt file is read only when it sniffs as delimited, consistently over its first lines.
        let prose = ext == "txt" || ext == "dat" || ext == ""
        // Excel's `sep=;` line names the delimiter (the pipeline's still wins) and is not a row.
        let hint = Self.separatorHint(firstUTF8)
        let sniffed = hint ?? Self.sniffDelimiter(firstUTF8, preferTab: ext == "tsv" || ext == "txt" || ext == "tab", minimumConsistency: prose ? 0.8 : 0)
        guard let delimiter = options.delimiter ?? sniffed else {
            if firstUTF8.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return failFile(.emptyFile) }
            if prose { return failFile(.notDelimited) }
            // A single-column file: a comma can never split it.
            return readAll(source: source, first: firstUTF8, transcoder: &transcoder, delimiter: UInt8(ascii: ","), encoding: detected.encoding, summary: summary, emit: emit)
        }
        return readAll(source: source, first: firstUTF8, transcoder: &transcoder, delimiter: delimiter, skipsFirstLine: hint != nil,
                       encoding: detected.encoding, summary: summary, emit: emit)
    }

    /// The delimiter named by Excel's hint line, `sep=;` (or `"sep=;"`), when it is the file's first line:
    /// survey and CRM tools in countries that write decimals with a comma put it there so that Excel
    /// splits the file on `;`. Nil when the first line is anything else.
    static func separatorHint(_ first: [UInt8]) -> UInt8? {
        var line = first.prefix { $0 != 0x0A && $0 != 0x0D }
        if line.count == 7, line.first == 0x22, line.last == 0x22 { line = line.dropFirst().dropLast() }
        guard line.count == 5, line.prefix(4).map({ $0 | 0x20 }) == Array("sep=".utf8) else { return nil }
        let d = line[line.startIndex + 4]
        // A punctuation mark or a tab, not a letter, digit, quote or space.
        let isLetterOrDigit = (d | 0x20) >= 0x61 && (d | 0x20) <= 0x7A || d >= 0x30 && d <= 0x39
        guard d < 0x80, d == 0x09 || d > 0x20, d != 0x22, !isLetterOrDigit else { return nil }
        return d
    }

    /// Reads the rows of a file whose delimiter and encoding are decided (`CSVRecordRows` turns them into
    /// records): the first bytes already transcoded, then the source, block by block.
    private func readAll(
        source: any ByteSource, first: [UInt8], transcoder: inout UTF8Transcoder, delimiter: UInt8, skipsFirstLine: Bool = false,
        encoding: TextEncoding, summary start: FileReadSummary, emit: (consuming ReadEvent) -> Void
    ) -> FileReadSummary {
        var summary = start
        summary.delimiter = delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter))
        var rows = CSVRecordRows(options: options, aliases: aliases, delimiter: delimiter, encoding: encoding, skipsFirstLine: skipsFirstLine, summary: summary)
        var parser = CSVRowParser(delimiter: delimiter, maxRecordBytes: options.maxRecordBytes)
        var readFailure: (IngestError, Int)?
        first.withUnsafeBufferPointer { parser.feed($0) { rows.handle($0, emit: emit) } }
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        while rows.fileFailure == nil {
            let count: Int
            do { count = try source.read(into: &chunk) } catch {
                readFailure = (error, parser.line); break
            }
            // UTF-8 goes to the parser as read; other encodings through the transcoder's block.
            chunk.withUnsafeBufferPointer { raw in
                transcoder.transcode(UnsafeBufferPointer(rebasing: raw[0..<count]), final: count == 0) { parser.feed($0) { rows.handle($0, emit: emit) } }
            }
            if count == 0 { break }
        }
        if readFailure == nil, rows.fileFailure == nil {
            parser.finish { rows.handle($0, emit: emit) }
            rows.finish(emit: emit)
        }
        summary = rows.summary
        // Records already emitted stay accepted: a CSV is row-oriented.
        if let (error, line) = readFailure ?? rows.fileFailure { return failFile(error, line: line, summary, emit) }
        if !rows.hasHeader { return failFile(.emptyFile, line: 1, summary, emit) }
        summary.addLayoutNotes(rows.repeatedHeaderNote, rows.summaryRowsNote)
        return summary
    }

    /// The summary of a file stopped by `error` at `line`, whose reject `emit` is given.
    private func failFile(_ error: IngestError, line: Int, _ summary: FileReadSummary, _ emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        var summary = summary
        summary.fileError = error.description
        emit(.reject(Reject(provenance: Provenance(file: summary.file, line: line), reason: error.description, wholeFile: true)))
        return summary
    }

    /// The start of a row as text for `rejects.csv`: its fields re-joined, at most about
    /// `rawLimit` bytes (a reject keeps 200 characters; a rejected row may be megabytes).
    static func rawRow(_ row: CSVRowParser.Row, delimiter: UInt8) -> String {
        var out: [UInt8] = []
        for i in 0..<row.count {
            if i > 0 { out.append(delimiter) }
            out.append(contentsOf: row.bytes[row.range(i)].prefix(rawLimit - out.count))
            if out.count >= rawLimit { break }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let rawLimit = 1024

    /// True when `bytes` hold a NUL byte.
    static func containsNUL(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, 0, bytes.count) != nil
    }

    /// Picks the delimiter that splits the first lines most consistently.
    ///
    /// Looks at up to 20 lines outside quotes. A candidate must occur in the
    /// header; it scores by the share of lines with the header's count. Nil when
    /// no candidate occurs, or when the best one splits fewer than
    /// `minimumConsistency` of the lines like the header (prose in a `.txt`).
    static func sniffDelimiter(_ sample: [UInt8], preferTab: Bool, minimumConsistency: Double = 0) -> UInt8? {
        let candidates: [UInt8] = [0x09, UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "|")]
        var counts: [[Int]] = Array(repeating: [], count: candidates.count)
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var lines = 0
        var sawContent = false
        for b in sample {
            if b == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == 0x0A || b == 0x0D {
                if sawContent {
                    for k in candidates.indices { counts[k].append(current[k]) }
                    lines += 1
                    if lines >= 20 { break }
                }
                current = Array(repeating: 0, count: candidates.count); sawContent = false
                continue
            }
            sawContent = true
            if let k = candidates.firstIndex(of: b) { current[k] += 1 }
        }
        if sawContent, lines < 20 { for k in candidates.indices { counts[k].append(current[k]) } }
        var best: (delimiter: UInt8, score: Double, consistency: Double)?
        for (k, c) in candidates.enumerated() {
            // A report's title lines above the header hold no delimiter: the header is the first line that
            // does, within the first few (`TableHeader.maxTitleRows`), and the lines above it cost a little.
            guard let start = counts[k].prefix(TableHeader.maxTitleRows + 1).firstIndex(where: { $0 > 0 }) else { continue }
            let lines = counts[k][start...]
            let header = lines[start]
            let consistency = Double(lines.filter { $0 == header }.count) / Double(lines.count)
            var score = consistency * 10 + Double(min(header, 50)) / 100 - Double(start) * 0.5
            if preferTab && c == 0x09 { score += 5 }
            if best == nil || score > best!.score { best = (c, score, consistency) }
        }
        guard let best, best.consistency >= minimumConsistency else { return nil }
        return best.delimiter
    }
}
