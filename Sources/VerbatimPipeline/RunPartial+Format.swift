import Foundation
import VerbatimCore
import VerbatimReports
import VerbatimStore

/// The partial as a file: one value per line, each line a tag and its value.
///
/// ```
/// verbatim-partial 5
/// H {header as JSON}
/// F {a file: path, size, SHA-256, reader summary, timings}    then, for that file,
/// J {a reject}                                                 per reject
/// A {tallies and top verbatims (RunAggregate) as JSON}         every file (optional for files kept as facts)
/// R records.csv text, escaped (a chunk of rows)                every file
/// K ID<TAB>facts, TAB-separated, ending with the row's bytes   files kept as facts (KeyedRecord), per record
/// S a record in the store's spool format                       per record
/// E number of files                                            last line
/// ```
///
/// Counts and tallies are integers; the scores a top-k list is ordered by
/// are written as JSON numbers that read back to the same `Double`.
extension RunPartial {
    /// Format 2 (2026-12-03): a file kept as facts has its rows as `R` lines too, and its `K` lines no row.
    /// Format 3 (2026-12-05): a file's `F` line counts its rated responses without text (`rated`), and a
    /// `K` line with no row (row bytes 0) is one of them.
    /// Format 4 (2026-12-05): a rating carries its scale, as `4/5` or `9/10` in a `K` line and in the JSON of
    /// an `A` line (`SurveyRating.Score`).
    static let magic = "verbatim-partial 5"

    /// The per-file line `F`.
    struct FileLine: Codable {
        var path: String
        var name: String
        var size: Int64
        var sha256: String
        var format: String
        var encoding: String
        var delimiter: String?
        var read: Int
        var accepted: Int
        var rated: Int
        var rejected: Int
        var notFeedback: [NotFeedbackCount]?
        /// What the readers of every format add (whole-file rejects, survey layout, text column, archive
        /// members), so that a merged shard reports its files as a single run does.
        var fileError: String?
        var skipReason: String?
        var layout: String?
        var textColumn: String?
        var textColumnReason: String?
        var ratingColumns: [RatingColumnNote]?
        var dateOrder: String?
        var columnsByContent: [FileReadSummary.ContentColumn]?
        var columnsNotRead: [String]?
        var hasDateColumn: Bool?
        var members: [FileReadSummary]
        var keyed: Bool
        var stageNanos: [UInt64]
        var nanos: UInt64
        var analyseNanos: UInt64
    }

    /// The reject line `J`.
    struct RejectLine: Codable {
        var file: String
        var line: Int
        var column: Int?
        var reason: String
        var raw: String
        var wholeFile: Bool
    }

    /// Throws unless a partial may be written to `url`: nothing is there, or an earlier partial (its first
    /// line is `magic`, or that of an earlier format). Checked before a shard reads anything, since the
    /// write replaces what is there.
    static func checkReplaceable(_ url: URL) throws(PartialError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue { throw .notReplaceable(path: url.path, isFolder: true) }
        guard DataFile.begins(url, with: magic.prefix(while: { $0 != " " }) + " ") else { throw .notReplaceable(path: url.path, isFolder: false) }
    }

    /// Writes the partial to `url` through a temporary file renamed into place, so
    /// that a shard killed while writing leaves no partial at all; nil writes to standard output.
    func write(to url: URL?) throws(PartialError) {
        guard let url else {
            do { try write(into: FileHandle.standardOutput) } catch { throw .cannotWrite(path: "-", reason: "\(error)") }
            return
        }
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else {
                throw PartialError.cannotWrite(path: url.path, reason: "cannot create \(tmp.path)")
            }
            let handle = try FileHandle(forWritingTo: tmp)
            try write(into: handle)
            try handle.synchronize()
            try handle.close()
            guard rename(tmp.path, url.path) == 0 else { throw PartialError.cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            if let e = error as? PartialError { throw e }
            throw .cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }

    private func write(into handle: FileHandle) throws {
        var out = LineWriter(handle: handle)
        let encoder = FileAggregate.encoder()
        try out.line(Self.magic)
        try out.tagged("H", try encoder.encode(header))
        for f in files {
            let e = f.entry, s = f.summary
            let meta = FileLine(
                path: e.path, name: e.name, size: e.size, sha256: e.sha256, format: s.format, encoding: s.encoding, delimiter: s.delimiter,
                read: s.read, accepted: s.accepted, rated: s.rated, rejected: s.rejected,
                notFeedback: s.notFeedback.isEmpty ? nil : s.notFeedback, fileError: s.fileError,
                skipReason: s.skipReason, layout: s.layout, textColumn: s.textColumn, textColumnReason: s.textColumnReason,
                ratingColumns: s.ratingColumns.isEmpty ? nil : s.ratingColumns, dateOrder: s.dateOrder,
                columnsByContent: s.columnsByContent.isEmpty ? nil : s.columnsByContent, columnsNotRead: s.columnsNotRead.isEmpty ? nil : s.columnsNotRead,
                hasDateColumn: s.hasDateColumn, members: s.members,
                keyed: f.keyed, stageNanos: f.stageNanos, nanos: f.nanos, analyseNanos: f.analyseNanos)
            try out.tagged("F", try encoder.encode(meta))
            for j in f.rejects {
                let r = RejectLine(file: j.provenance.file, line: j.provenance.line, column: j.provenance.column, reason: j.reason,
                                   raw: j.raw, wholeFile: j.wholeFile)
                try out.tagged("J", try encoder.encode(r))
            }
            if let aggregate = f.aggregate { try out.tagged("A", try aggregate.json()) }
            try Self.forEachChunk(of: f.records) { try out.tagged("R", SpoolLine.escape($0)) }
            if let facts = f.facts {
                try KeyedFactsReader.forEach(of: facts) { record in
                    guard let line = KeyedRecord.line(binary: record) else { throw PartialError.damaged(path: facts.path, line: 0, reason: "a record's facts") }
                    try out.tagged("K", line)
                }
            }
            try Self.forEachLine(of: f.storeLines) { try out.tagged("S", $0) }
            // For the kill test: hold the shard with its partial half written.
            if ProcessInfo.processInfo.environment["VERBATIM_FAILPOINT"] == "pause-writing-partial" {
                try out.flush()
                Thread.sleep(forTimeInterval: 60)
            }
        }
        try out.line("E \(files.count)")
        try out.flush()
    }

    /// Reads a partial (a path, or `-` for standard input), putting each file's records into spool files under `spoolDir`.
    static func read(_ path: String, spoolDir: URL, prefix: String) throws(PartialError) -> RunPartial {
        let handle: FileHandle
        if path == "-" { handle = FileHandle.standardInput } else {
            guard let h = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path, reason: "no such file, or not readable") }
            handle = h
        }
        defer { if path != "-" { try? handle.close() } }
        var reader = PartialReader(path: path, spoolDir: spoolDir, prefix: prefix)
        var lines = ByteLineReader(handle: handle)
        do {
            while let line = try lines.next() {
                // A last line without its newline was cut off: the shard did not finish writing.
                if lines.unterminated { throw PartialError.incomplete(path: path) }
                try reader.take(line)
            }
        } catch let e as PartialError {
            throw e
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try reader.finish()
    }

    /// Calls `body` with each line of a spool file (without its newline).
    static func forEachLine(of url: URL, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        guard let h = FileHandle(forReadingAtPath: url.path) else { return }
        defer { try? h.close() }
        var lines = ByteLineReader(handle: h)
        while let line = try lines.next() { try body(line) }
    }

    /// Calls `body` with a spool file's bytes, a chunk at a time.
    static func forEachChunk(of url: URL, _ body: ([UInt8]) throws -> Void) throws {
        guard let h = FileHandle(forReadingAtPath: url.path) else { return }
        defer { try? h.close() }
        while let chunk = try h.read(upToCount: SpoolIO.chunkBytes), !chunk.isEmpty { try body([UInt8](chunk)) }
    }
}

/// Rebuilds a partial from its lines.
private struct PartialReader {
    let path: String
    let spoolDir: URL
    let prefix: String
    var lineNumber = 0
    var header: RunPartial.Header?
    var files: [RunPartial.File] = []
    var records: SpoolWriter?
    var facts: SpoolWriter?
    var store: SpoolWriter?
    var ended = false
    let decoder = JSONDecoder()

    init(path: String, spoolDir: URL, prefix: String) {
        self.path = path
        self.spoolDir = spoolDir
        self.prefix = prefix
    }

    mutating func take(_ line: ArraySlice<UInt8>) throws {
        lineNumber += 1
        if lineNumber == 1 {
            let first = String(decoding: line, as: UTF8.self)
            guard first == RunPartial.magic else {
                // An earlier format: a shard of an older Verbatim, which this merge cannot read.
                if first.hasPrefix(RunPartial.magic.prefix(while: { $0 != " " }) + " ") { throw PartialError.olderFormat(path: path, format: first) }
                throw PartialError.notAPartial(path: path)
            }
            return
        }
        guard !ended else { throw damaged("a line after the end line") }
        guard line.count >= 2, line[line.startIndex + 1] == UInt8(ascii: " ") else { throw damaged("no tag") }
        let tag = line[line.startIndex], value = line[(line.startIndex + 2)...]
        switch tag {
        case UInt8(ascii: "H"): header = try decode(RunPartial.Header.self, value)
        case UInt8(ascii: "F"): try startFile(try decode(RunPartial.FileLine.self, value))
        case UInt8(ascii: "J"):
            let r = try decode(RunPartial.RejectLine.self, value)
            try withFile { $0.rejects.append(Reject(provenance: Provenance(file: r.file, line: r.line, column: r.column), reason: r.reason, raw: r.raw, wholeFile: r.wholeFile)) }
        case UInt8(ascii: "A"):
            let a = try decode(RunAggregate.self, value)
            try withFile { $0.aggregate = .memory(a) }
        case UInt8(ascii: "R"):
            try records?.append(SpoolLine.unescape(value)) ?? { throw damaged("records before a file") }()
        case UInt8(ascii: "K"):
            guard records != nil else { throw damaged("records before a file") }
            guard facts != nil else { throw damaged("facts of a file kept as tallies") }
            guard let record = KeyedRecord.binary(line: value) else { throw damaged("a record's facts") }
            try facts?.append(record)
        case UInt8(ascii: "S"):
            try store?.append(Array(value) + [UInt8(ascii: "\n")]) ?? { throw damaged("records before a file") }()
        case UInt8(ascii: "E"):
            guard Int(String(decoding: value, as: UTF8.self)) == files.count else { throw damaged("the end line counts a different number of files") }
            ended = true
        default: throw damaged("unknown tag")
        }
    }

    mutating func startFile(_ m: RunPartial.FileLine) throws {
        try closeSpools()
        let k = files.count
        let recordsURL = spoolDir.appendingPathComponent("\(prefix)-\(k).records")
        let storeURL = spoolDir.appendingPathComponent("\(prefix)-\(k).store")
        let factsURL = m.keyed ? spoolDir.appendingPathComponent("\(prefix)-\(k).facts") : nil
        records = try SpoolWriter(url: recordsURL)
        facts = try factsURL.map { try SpoolWriter(url: $0) }
        store = try SpoolWriter(url: storeURL)
        var summary = FileReadSummary(file: m.name, format: m.format, encoding: m.encoding, delimiter: m.delimiter)
        summary.read = m.read
        summary.accepted = m.accepted
        summary.rated = m.rated
        summary.rejected = m.rejected
        summary.notFeedback = m.notFeedback ?? []
        summary.fileError = m.fileError
        summary.skipReason = m.skipReason
        summary.layout = m.layout
        summary.textColumn = m.textColumn
        summary.textColumnReason = m.textColumnReason
        summary.ratingColumns = m.ratingColumns ?? []
        summary.dateOrder = m.dateOrder
        summary.columnsByContent = m.columnsByContent ?? []
        summary.columnsNotRead = m.columnsNotRead ?? []
        summary.hasDateColumn = m.hasDateColumn
        summary.members = m.members
        var entry = FileEntry(path: m.path, name: m.name, size: m.size, sha256: m.sha256)
        entry.format = m.format
        entry.encoding = m.encoding
        // A file kept as tallies must have an `A` line; one kept as facts may.
        files.append(RunPartial.File(entry: entry, summary: summary, rejects: [], aggregate: nil,
                                     records: recordsURL, facts: factsURL, storeLines: storeURL, stageNanos: m.stageNanos, nanos: m.nanos,
                                     analyseNanos: m.analyseNanos))
        if !m.keyed { pendingAggregate.insert(k) }
    }

    var pendingAggregate: Set<Int> = []

    mutating func withFile(_ body: (inout RunPartial.File) -> Void) throws {
        guard !files.isEmpty else { throw damaged("file data before a file line") }
        body(&files[files.count - 1])
        if files[files.count - 1].aggregate != nil { pendingAggregate.remove(files.count - 1) }
    }

    mutating func closeSpools() throws {
        try records?.close()
        try facts?.close()
        try store?.close()
        records = nil
        facts = nil
        store = nil
    }

    mutating func finish() throws(PartialError) -> RunPartial {
        do { try closeSpools() } catch { throw .unreadable(path: path, reason: "cannot spool its records: \(error.localizedDescription)") }
        guard lineNumber > 0 else { throw .notAPartial(path: path) }
        guard ended else { throw .incomplete(path: path) }
        guard let header else { throw .damaged(path: path, line: lineNumber, reason: "no header line") }
        guard pendingAggregate.isEmpty else { throw .damaged(path: path, line: lineNumber, reason: "a file kept as tallies has none") }
        return RunPartial(header: header, files: files)
    }

    func decode<T: Decodable>(_ type: T.Type, _ value: ArraySlice<UInt8>) throws -> T {
        do { return try decoder.decode(type, from: Data(value)) } catch { throw damaged("\(error)") }
    }

    func damaged(_ reason: String) -> PartialError { .damaged(path: path, line: lineNumber, reason: reason) }
}

/// Lines of a file as bytes, read in chunks of `SpoolIO.chunkBytes` (partials and spools; `LineReader` gives
/// text lines). The buffer holds what is left of the last chunk and the next one, so a reader's memory
/// follows its longest line or record, not the size of its file.
struct ByteLineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var done = false
    /// True when the line just returned was the last and had no newline.
    private(set) var unterminated = false

    init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(2 * SpoolIO.chunkBytes)
    }

    /// The next line without its newline; nil at the end.
    mutating func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let nl = ByteScan.firstNewline(in: buffer, from: start) {
                let line = buffer[start..<nl]
                start = nl + 1
                return line
            }
            if done {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                unterminated = true
                return line
            }
            try refill()
        }
    }

    /// The next `count` bytes, whatever they hold (a row of a file's rows, by its `KeyedRecord.rowBytes`);
    /// nil when fewer are left.
    mutating func take(_ count: Int) throws -> ArraySlice<UInt8>? {
        while buffer.count - start < count {
            if done { return nil }
            try refill()
        }
        defer { start += count }
        return buffer[start..<(start + count)]
    }

    /// Drops the bytes already returned and appends the next chunk. (A slice returned earlier and still
    /// held makes this copy the buffer: callers let go of one before asking for the next.)
    private mutating func refill() throws {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        if let chunk = try handle.read(upToCount: SpoolIO.chunkBytes), !chunk.isEmpty { buffer.append(contentsOf: chunk) } else { done = true }
    }
}

/// Buffered lines to a file handle.
struct LineWriter {
    let handle: FileHandle
    private var buffer: [UInt8] = []

    init(handle: FileHandle) { self.handle = handle }

    mutating func line(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        buffer.append(UInt8(ascii: "\n"))
        try flushIfFull()
    }

    mutating func tagged<C: Collection>(_ tag: Character, _ value: C) throws where C.Element == UInt8 {
        buffer.append(tag.asciiValue!)
        buffer.append(UInt8(ascii: " "))
        buffer.append(contentsOf: value)
        buffer.append(UInt8(ascii: "\n"))
        try flushIfFull()
    }

    private mutating func flushIfFull() throws { if buffer.count > 1 << 20 { try flush() } }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Bytes appended to a new spool file, buffered.
struct SpoolWriter {
    let url: URL
    private var buffer: [UInt8] = []
    private var handle: FileHandle?

    init(url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw PartialError.cannotWrite(path: url.path, reason: "cannot create a spool file")
        }
        handle = try FileHandle(forWritingTo: url)
    }

    mutating func append(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count > SpoolIO.chunkBytes { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle?.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        try flush()
        try handle?.close()
        handle = nil
    }
}
