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
        func failFile(_ e: IngestError, line: Int = 1) -> FileReadSummary {
            summary.fileError = e.description
            emit(.reject(Reject(provenance: Provenance(file: name, line: line), reason: e.description, wholeFile: true)))
            return summary
        }
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

    private func readAll(
        source: any ByteSource, first: [UInt8], transcoder: inout UTF8Transcoder, delimiter: UInt8, skipsFirstLine: Bool = false,
        encoding: TextEncoding, summary start: FileReadSummary, emit: (consuming ReadEvent) -> Void
    ) -> FileReadSummary {
        var summary = start
        func failFile(_ e: IngestError, _ line: Int) -> FileReadSummary {
            summary.fileError = e.description
            emit(.reject(Reject(provenance: Provenance(file: summary.file, line: line), reason: e.description, wholeFile: true)))
            return summary
        }
        summary.delimiter = delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter))
        var parser = CSVRowParser(delimiter: delimiter, maxRecordBytes: options.maxRecordBytes)
        var mapping: ColumnMapping?
        var columnNumbers: [RecordField: Int] = [:]
        var headerCount = 0
        var position = 0
        var fileFailure: (IngestError, Int)?
        var assemblerOptions = SourceOptions(
            delimiter: options.delimiter, encoding: encoding, language: options.language, columns: options.columns,
            xmlRecord: nil, xmlFields: [:], maxRecordBytes: options.maxRecordBytes)
        assemblerOptions.timeZone = options.timeZone
        var assembler = RecordAssembler(file: summary.file, options: assemblerOptions, months: aliases.months, ratingChoices: aliases.ratingChoices, channelNames: aliases.channelNames)

        // The mapped columns in column order, so a row with two bad fields is always rejected for the first.
        var orderedColumns: [(field: RecordField, index: Int)] = []
        // Fields spread over one column per option (`ColumnMapping.optionColumns`).
        var optionColumns: [(field: RecordField, indices: [Int])] = []

        // The first rows wait until the header is decided (`TableHeader`: survey layouts with
        // several header rows, the text column chosen by content), then are read as usual.
        var pending: [CSVRowParser.Row] = []
        var repeated = RepeatedHeader([])
        var summaryRows: SummaryRows?
        func resolveHeader() {
            let rows = pending.map { r in (0..<r.count).map { String(decoding: r.bytes[r.range($0)], as: UTF8.self).trimmingCharactersInSet(RepeatedHeader.trimmed) } }
            let header: TableHeader
            do { header = try TableHeader.resolve(rows, explicit: options.columns, aliases: aliases, ratingScale: options.ratingScale, dateOrder: options.dateOrder) } catch {
                fileFailure = (error, pending.first?.line ?? 1); return
            }
            mapping = header.mapping
            header.describe(into: &summary)
            assembler.ratingScale = header.ratings.rating
            assembler.npsScale = header.ratings.nps
            assembler.monthFirst = header.dateOrder?.order == .monthFirst
            headerCount = rows[header.titleRows].count
            repeated = RepeatedHeader(Array(rows[header.titleRows..<min(header.rows, rows.count)]))
            summaryRows = SummaryRows(aliases: aliases, mapping: header.mapping)
            columnNumbers = header.mapping.columns.mapValues { $0 + 1 }
            orderedColumns = header.mapping.columns.sorted { $0.value < $1.value }.map { (field: $0.key, index: $0.value) }
            optionColumns = header.mapping.optionColumns.sorted { $0.key.rawValue < $1.key.rawValue }.map { (field: $0.key, indices: $0.value) }
            let rest = pending.dropFirst(header.rows)
            pending = []
            for row in rest { dataRow(row) }
        }

        func handleRow(_ row: CSVRowParser.Row) {
            if fileFailure != nil { return }
            if skipsFirstLine, row.line == 1 { return }  // the `sep=` line
            if mapping == nil {
                if pending.isEmpty, let problem = row.problem {
                    fileFailure = (.unreadableFile(path: summary.file, reason: "header: \(problem)"), row.line); return
                }
                pending.append(row)
                if pending.count >= TableHeader.sampleRows { resolveHeader() }
                return
            }
            dataRow(row)
        }

        func dataRow(_ row: CSVRowParser.Row) {
            if repeated.skips(row) { return }
            position += 1
            // A row of empty fields (Excel's line for an empty formatted row) holds nothing, as an empty line does.
            if row.problem == nil, (0..<row.count).allSatisfy({ SummaryRows.isBlank(row.bytes[row.range($0)]) }) { return }
            if summaryRows?.skips(row) == true { return }
            summary.read += 1
            let raw = { Self.rawRow(row, delimiter: delimiter) }
            if let problem = row.problem {
                summary.rejected += 1
                emit(.reject(Reject(provenance: Provenance(file: summary.file, line: row.line), reason: problem.description, raw: raw())))
                return
            }
            if row.count != headerCount {
                summary.rejected += 1
                emit(.reject(Reject(provenance: Provenance(file: summary.file, line: row.line),
                                    reason: RowProblem.wrongFieldCount(got: row.count, expected: headerCount).description, raw: raw())))
                return
            }
            // The mapped fields as byte ranges of the row, checked in column order (a row with two
            // bad fields is rejected for the first); strings are made only when the record is. The
            // text's UTF-8 is checked when its string is made (`RecordAssembler`), or here when a
            // later column is bad, so its bytes are read once on the usual path.
            let event: ReadEvent = row.bytes.withUnsafeBufferPointer { all in
                func reject(_ problem: RowProblem, _ index: Int) -> ReadEvent {
                    .reject(Reject(provenance: Provenance(file: summary.file, line: row.line, column: index + 1), reason: problem.description, raw: raw()))
                }
                var fields = FieldBytes()
                var textIndex: Int?
                for (field, index) in orderedColumns where index < row.count {
                    let bytes = UnsafeBufferPointer(rebasing: all[row.range(index)])
                    var problem: RowProblem? = Self.containsNUL(bytes) ? .nulBytes : nil
                    if problem == nil, field != .text, !UTF8Validator.isValid(bytes) { problem = .invalidEncoding(encoding) }
                    if let problem {
                        if let t = textIndex, let text = fields.text, !UTF8Validator.isValid(text) { return reject(.invalidEncoding(encoding), t) }
                        return reject(problem, index)
                    }
                    if field == .text { textIndex = index }
                    fields[field] = bytes
                }
                // A choice question's other option columns, when its first is empty: the one the row fills.
                for (field, indices) in optionColumns where fields[field].map({ FieldBytes.trimmed($0, FieldBytes.isSpaceOrTab).isEmpty }) ?? true {
                    for index in indices where index < row.count {
                        let bytes = UnsafeBufferPointer(rebasing: all[row.range(index)])
                        guard !FieldBytes.trimmed(bytes, FieldBytes.isSpaceOrTab).isEmpty else { continue }
                        if Self.containsNUL(bytes) { return reject(.nulBytes, index) }
                        if !UTF8Validator.isValid(bytes) { return reject(.invalidEncoding(encoding), index) }
                        fields[field] = bytes
                        break
                    }
                }
                return assembler.assemble(fields, line: row.line, position: position, columns: columnNumbers, raw: raw())
            }
            summary.count(event)
            emit(event)
        }

        first.withUnsafeBufferPointer { parser.feed($0, onRow: handleRow) }
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        while fileFailure == nil {
            let count: Int
            do { count = try source.read(into: &chunk) } catch {
                fileFailure = (error, parser.line); break
            }
            // UTF-8 goes to the parser as read; other encodings through the transcoder's block.
            chunk.withUnsafeBufferPointer { raw in
                transcoder.transcode(UnsafeBufferPointer(rebasing: raw[0..<count]), final: count == 0) { parser.feed($0, onRow: handleRow) }
            }
            if count == 0 { break }
        }
        if fileFailure == nil { parser.finish(onRow: handleRow) }
        if fileFailure == nil, mapping == nil, !pending.isEmpty { resolveHeader() }
        if let (error, line) = fileFailure {
            // Records already emitted stay accepted: a CSV is row-oriented.
            return failFile(error, line)
        }
        if mapping == nil { return failFile(.emptyFile, 1) }
        summary.addLayoutNotes(repeated.note, summaryRows?.note)
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
