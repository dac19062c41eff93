import Foundation
import VerbatimCore

/// Reads JSON exports of social-listening tools: a top-level array of objects, NDJSON (one
/// object per line), or an object holding the array of records under a member of its own
/// (`{"meta": {…}, "data": [{…}]}`, as APIs answer; the first member that is an array of
/// objects, named in the manifest's layout), streamed in bounded memory (`JSONElementScanner` cuts the
/// records, Foundation's `JSONSerialization` parses each one).
///
/// An object's keys map to fields through the same header aliases as CSV columns; nested
/// objects are reached with dotted paths in the pipeline file's `columns:`
/// (`text: body.content`, `employee: agent.name`), and a record none of whose own keys names
/// the text is read from the first object nested in it that has one (a post wrapped by its tool:
/// `{"chunk_result": {"data": {"data": {…}}}}`; the manifest's layout says where). A record that is not valid JSON, not an
/// object, or longer than `maxRecordBytes`, is one reject with its line; the rest of the file
/// is read. An array that breaks off ends the file with an error, keeping the records
/// before it (like a CSV).
public struct JSONRecordReader: RecordReader {
    public let options: SourceOptions
    public let aliases: HeaderAliases

    public init(options: SourceOptions, aliases: HeaderAliases) {
        self.options = options
        self.aliases = aliases
    }

    static let chunkSize = 256 * 1024

    public func read(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        let source: any ByteSource
        var first: [UInt8]
        do {
            source = try input.open()
            first = try source.read(upTo: Self.chunkSize)
        } catch {
            return .rejected(input, format: "json", error, emit: emit)
        }
        let detected = EncodingDetector.detect(Array(first.prefix(FormatSniffer.headSize)), declared: options.encoding)
        var transcoder = UTF8Transcoder(encoding: detected.encoding)
        first.removeFirst(min(detected.bomLength, first.count))
        let start = FormatSniffer.textStart(first)
        let shape: JSONElementScanner.Shape = start == UInt8(ascii: "[") ? .array : isNDJSON(first) ? .lines : .document
        var summary = FileReadSummary(file: input.name, format: shape == .lines ? "ndjson" : "json", encoding: detected.encoding.rawValue)
        guard start != nil else { return .rejected(input, format: summary.format, .emptyFile, emit: emit) }

        var scanner = JSONElementScanner(shape: shape, limit: options.maxRecordBytes)
        var state = RecordState(reader: self, file: input.name)
        var structure: (String, Int)?
        var rescanned = false
        /// The path to a too-long document's records, found in its outline: the file is read again along it.
        var rereadAlong: [String]?
        // What `handle` reads of the reader and the input, as locals: a closure that captured `self` was
        // specialised into the scanner's per-byte walk and copied the reader at every byte (a 7 MB
        // Telegram export took 21 s).
        let limit = options.maxRecordBytes, name = input.name
        func handle(_ event: JSONElementScanner.Event) {
            switch event {
            case let .element(bytes, line):
                // A document read whole (no array of records at its top) that holds its records deeper: read again along their path.
                if shape == .document, !rescanned, summary.layout == nil, let path = state.recordsPath(in: bytes) {
                    rescanned = true
                    var inner = JSONElementScanner(shape: .document, limit: limit, path: path)
                    bytes.withUnsafeBufferPointer { inner.feed($0, handle) }
                    if structure == nil { inner.finish(handle) }
                    return
                }
                state.element(bytes, line: line, summary: &summary, emit: emit)
            case let .tooLong(line):
                summary.read += 1
                summary.rejected += 1
                emit(.reject(Reject(provenance: Provenance(file: name, line: line), reason: RowProblem.tooLong(limit: limit).description)))
            case let .structure(message, line): structure = (message, line)
            case let .records(key, _): summary.layout = "records in the array '\(key)'"
            case let .outline(bytes):
                if let path = state.recordsPath(in: bytes) { rereadAlong = path } else { handle(.tooLong(line: 1)) }
            }
        }
        /// Feeds the file's bytes, from `first` on, through `scanner`; false when reading failed (said in `summary`).
        func scan(_ scanner: inout JSONElementScanner, _ source: any ByteSource, first: [UInt8], transcoder: inout UTF8Transcoder) -> Bool {
            var utf8: [UInt8] = []
            var chunk = first
            var count = first.count
            while structure == nil {
                utf8.removeAll(keepingCapacity: true)
                chunk.withUnsafeBufferPointer { transcoder.transcode(UnsafeBufferPointer(rebasing: $0[0..<count]), into: &utf8, final: count == 0) }
                utf8.withUnsafeBufferPointer { scanner.feed($0, handle) }
                if count == 0 { break }
                if chunk.count < Self.chunkSize { chunk = [UInt8](repeating: 0, count: Self.chunkSize) }
                do { count = try source.read(into: &chunk) } catch {
                    summary.fileError = error.description
                    emit(.reject(Reject(provenance: Provenance(file: name, line: scanner.line), reason: error.description, wholeFile: true)))
                    return false
                }
            }
            if structure == nil { scanner.finish(handle) }
            return true
        }
        guard scan(&scanner, source, first: first, transcoder: &transcoder) else { return summary }
        if let path = rereadAlong {
            // Its records stand deeper than its top object, and it is too long to hold whole: read again along their path.
            var again = JSONElementScanner(shape: .document, limit: limit, path: path)
            var transcoder = UTF8Transcoder(encoding: detected.encoding)
            do {
                let source = try input.open()
                var first = try source.read(upTo: Self.chunkSize)
                first.removeFirst(min(detected.bomLength, first.count))
                guard scan(&again, source, first: first, transcoder: &transcoder) else { return summary }
            } catch {
                summary.fileError = error.description
                emit(.reject(Reject(provenance: Provenance(file: name, line: 1), reason: error.description, wholeFile: true)))
                return summary
            }
        }
        if let path = state.bodyPath {
            summary.addLayoutNotes("each record's fields under '\(path)'")
        }
        summary.addLayoutNotes(state.repair.note)
        if let (message, line) = structure {
            let e = IngestError.badJSON(message: message, line: line)
            summary.fileError = e.description
            emit(.reject(Reject(provenance: Provenance(file: input.name, line: line), reason: e.description, wholeFile: true)))
        }
        return summary
    }

    /// Whether a file that starts with `{` is NDJSON: its first line is a whole JSON value, and not an
    /// object that holds its records in an array (`{"data": [{…}, {…}]}` on one line) without a field
    /// of its own for the text. A first line that is not whole is a pretty-printed document, unless
    /// the next line is a whole object (NDJSON whose first record is damaged: it stays one reject).
    func isNDJSON(_ head: [UInt8]) -> Bool {
        func nextLine(from k: Int) -> Range<Int> {
            let start = head[k...].firstIndex { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A } ?? head.endIndex
            return start..<(head[start...].firstIndex(of: 0x0A) ?? head.endIndex)
        }
        func parsed(_ line: Range<Int>) -> Any? {
            if let value = try? JSONSerialization.jsonObject(with: Data(head[line]), options: [.fragmentsAllowed]) { return value }
            var repair = JSONRepair()
            return repair.mended(Array(head[line])).flatMap { try? JSONSerialization.jsonObject(with: Data($0), options: [.fragmentsAllowed]) }
        }
        let first = nextLine(from: head.startIndex)
        guard let object = parsed(first) else {
            // A first line longer than the head is NDJSON's (its reject says why).
            if first.upperBound == head.endIndex { return head.count >= Self.chunkSize }
            return parsed(nextLine(from: first.upperBound)) is [String: Any]
        }
        guard let dictionary = object as? [String: Any] else { return true }
        var state = RecordState(reader: self, file: "")
        let holdsRecords = dictionary.values.contains { ($0 as? [Any])?.first is [String: Any] } || state.recordsPath(dictionary) != nil
        let explicitText = (options.columns[.text] ?? options.xmlFields[.text]).flatMap { Self.value(at: $0, in: dictionary, for: .text) }
        return !holdsRecords || explicitText != nil || state.namesText(dictionary)
    }

    /// Per-file state: the assembler and which field each key maps to.
    struct RecordState {
        let reader: JSONRecordReader
        let assembler: RecordAssembler
        var position = 0
        var keyFields: [String: RecordField?] = [:]
        /// What was mended in the file's records (`parsed`).
        var repair = JSONRepair()
        /// Where the first record read from a nested object had its fields (`chunk_result.data.data`), for the manifest.
        var bodyPath: String?

        /// How many levels below a record its body is looked for.
        static let bodyDepth = 4

        init(reader: JSONRecordReader, file: String) {
            self.reader = reader
            var assembler = RecordAssembler(file: file, options: reader.options, months: reader.aliases.months, ratingChoices: reader.aliases.ratingChoices, channelNames: reader.aliases.channelNames)
            assembler.ratingScale = RatingColumnScale.explicit(reader.options.ratingScale)
            assembler.monthFirst = reader.options.dateOrder == .monthFirst
            self.assembler = assembler
        }

        mutating func element(_ bytes: [UInt8], line: Int, summary: inout FileReadSummary, emit: (consuming ReadEvent) -> Void) {
            summary.read += 1
            position += 1
            let raw = { String(decoding: bytes.prefix(CSVRecordReader.rawLimit), as: UTF8.self) }
            func reject(_ problem: RowProblem) {
                summary.rejected += 1
                emit(.reject(Reject(provenance: Provenance(file: assembler.file, line: line), reason: problem.description, raw: raw())))
            }
            let object: [String: Any]
            do {
                guard let o = try parsed(bytes) as? [String: Any] else {
                    throw RowProblem.badJSON("the record is a JSON value but not an object {…}")
                }
                object = o
            } catch {
                return reject((error as? RowProblem) ?? RowProblem.badJSON(JSONRecordReader.describe(error)))
            }
            if let what = TelegramMessage.notFeedback(object) ?? VKComment.notFeedback(object)
                ?? (reader.options.ownAccounts.wrote(object, aliases: reader.aliases) ? .staffAnswer : nil) {
                summary.count(.setAside(what))
                return emit(.setAside(what))
            }
            var values = map(object)
            if values[.channel] == nil, values[.link] == nil, let network = PlatformMarks.channel(of: object) { values[.channel] = network }
            if values[.text] == nil, values[.rating] == nil, values[.nps] == nil, !namesText(object) {
                return reject(.noTextKey(keys: object.keys.sorted()))
            }
            let event = assembler.assemble(values, line: line, position: position, raw: raw())
            summary.count(event)
            emit(event)
        }

        /// One record's value; when it does not parse as it is, mended (`JSONRepair`) and parsed again, and
        /// when that fails too, the first error.
        mutating func parsed(_ bytes: [UInt8]) throws -> Any {
            do {
                return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            } catch {
                var trial = repair
                guard let mended = trial.mended(bytes), let value = try? JSONSerialization.jsonObject(with: Data(mended), options: [.fragmentsAllowed]) else { throw error }
                repair = trial
                return value
            }
        }

        /// Explicit dotted paths first; then, by alias, the keys of the record's body, then those of the
        /// record around it. The body is the record itself when one of its keys names the text, else the
        /// first object nested in it that has one (`nestedBody`).
        mutating func map(_ object: [String: Any]) -> FieldValues {
            var out = FieldValues()
            for (field, path) in reader.options.columns.merging(reader.options.xmlFields, uniquingKeysWith: { a, _ in a }) {
                if let v = JSONRecordReader.value(at: path, in: object, for: field) { out[field] = v }
            }
            if out[.text] == nil, reader.options.columns[.text] == nil, reader.options.xmlFields[.text] == nil, !namesText(object),
               let (path, body) = nestedBody(object) {
                if bodyPath == nil { bodyPath = path }
                fill(&out, from: body)
            }
            fill(&out, from: object)
            return out
        }

        /// The fields the keys of `object` name, where `out` has none yet. A key whose value is empty
        /// (`"title": ""`) leaves its field to another key (`fullText` and `snippet`: the one written).
        private mutating func fill(_ out: inout FieldValues, from object: [String: Any]) {
            for key in object.keys.sorted() {
                guard let field = field(forKey: key), out[field] == nil,
                      let v = JSONRecordReader.value(of: object[key]!, for: field),
                      v.contains(where: { !$0.isWhitespace }) else { continue }
                out[field] = v
            }
        }

        private mutating func field(forKey key: String) -> RecordField? {
            if let known = keyFields[key] { return known }
            let field = reader.aliases.field(forHeader: key)
            keyFields[key] = .some(field)
            return field
        }

        /// Whether a key of `object` names the text (written or empty).
        mutating func namesText(_ object: [String: Any]) -> Bool {
            object.keys.contains { field(forKey: $0) == .text && JSONRecordReader.text(object[$0]!) != nil }
        }

        /// The members leading to the first array of posts below a document that is no post itself
        /// (VK's `{"response": {"count": 2, "items": [{…}]}}`: `["response", "items"]`), breadth first and
        /// keys in order, at most `bodyDepth` levels down: an array whose first element is an object
        /// with a text key of its own or nested (`nestedBody`). An object that names the text is a post,
        /// and is not looked in; nor is a person's. Nil when there is none, or the pipeline names the text.
        mutating func recordsPath(_ document: [String: Any]) -> [String]? {
            guard reader.options.columns[.text] == nil, reader.options.xmlFields[.text] == nil, !namesText(document) else { return nil }
            var level: [(path: [String], object: [String: Any])] = [([], document)]
            for _ in 0..<Self.bodyDepth where !level.isEmpty {
                var next: [(path: [String], object: [String: Any])] = []
                for (path, object) in level {
                    for key in object.keys.sorted() where !reader.aliases.isPerson(key) {
                        if let first = (object[key] as? [Any])?.first as? [String: Any], namesText(first) || nestedBody(first) != nil {
                            return path + [key]
                        }
                        if let child = object[key] as? [String: Any], !namesText(child) { next.append((path + [key], child)) }
                    }
                }
                level = next
            }
            return nil
        }

        /// `recordsPath` of a document's bytes (nil when they are not a JSON object).
        mutating func recordsPath(in bytes: [UInt8]) -> [String]? {
            (try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]).flatMap { recordsPath($0) }
        }

        /// The first object nested in a record, breadth first and keys in order, at most `bodyDepth`
        /// levels down, that has a key naming the text, with its dotted path: some tools wrap each post
        /// (`{"chunk_result": {"data": {"data": {"content": …, "published": …}}}}`). Objects under a
        /// person's key (`author`, `user`: `HeaderAliases.isPerson`) are not looked in.
        private mutating func nestedBody(_ record: [String: Any]) -> (String, [String: Any])? {
            var level: [(path: String, object: [String: Any])] = [("", record)]
            for _ in 0..<Self.bodyDepth where !level.isEmpty {
                var next: [(path: String, object: [String: Any])] = []
                for (path, object) in level {
                    for key in object.keys.sorted() where !reader.aliases.isPerson(key) {
                        guard let child = object[key] as? [String: Any] else { continue }
                        let childPath = path.isEmpty ? key : path + "." + key
                        if namesText(child) { return (childPath, child) }
                        next.append((childPath, child))
                    }
                }
                level = next
            }
            return nil
        }
    }

    /// The value at a dotted path (`author.name`), as text; nil when missing or not a scalar (or, for
    /// the `text` field, a list of runs: `text(_:)`).
    static func value(at path: String, in object: [String: Any], for field: RecordField) -> String? {
        var current: Any = object
        for part in path.split(separator: ".") {
            guard let o = current as? [String: Any], let next = o[String(part)] else { return nil }
            current = next
        }
        return value(of: current, for: field)
    }

    /// A text's value: a scalar as text, or a list of runs joined, as Telegram writes formatted text
    /// (`["Ажилтан ", {"type": "bold", "text": "маш эелдэг"}, " байсан"]`: strings, and objects whose
    /// `text` is one); nil for anything else.
    static func text(_ v: Any) -> String? {
        guard let runs = v as? [Any] else { return scalar(v) }
        var out = ""
        for run in runs {
            if let s = run as? String { out += s } else if let s = (run as? [String: Any])?["text"] as? String { out += s } else { return nil }
        }
        return out
    }

    /// A key's value as the field it names reads it: the text with its runs joined (`text`), a channel
    /// given as a list from general to specific (Talkwalker's `["SOCIALMEDIA", "SOCIALMEDIA_TWITTER"]`)
    /// as its most specific entry, any other field as a scalar.
    static func value(of v: Any, for field: RecordField) -> String? {
        switch field {
        case .text: return text(v)
        case .channel:
            guard let list = v as? [Any] else { return scalar(v) }
            return list.reversed().lazy.compactMap { $0 as? String }.first { $0.contains { !$0.isWhitespace } }
        default: return scalar(v)
        }
    }

    /// Strings, numbers and booleans as text; nil for null, arrays and objects.
    static func scalar(_ v: Any) -> String? {
        switch v {
        case let s as String: return s
        case let n as NSNumber:
            guard let number = number(n) else { return n.boolValue ? "true" : "false" }
            return PlainNumber.text(number)
        default: return nil
        }
    }

    /// A parsed value's number; nil for anything else, booleans included (JSONSerialization gives `true`
    /// and `false` as NSNumbers of type char, "c"; JSON numbers never are).
    static func number(_ v: Any?) -> Double? {
        guard let n = v as? NSNumber, String(cString: n.objCType) != "c" else { return nil }
        return n.doubleValue
    }

    /// Foundation's parse error, without its Cocoa wrapping.
    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}

extension RowProblem: Error {}
