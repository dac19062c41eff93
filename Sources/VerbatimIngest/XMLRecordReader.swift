import VerbatimCore
import VerbatimXML

/// Reads XML exports (RSS 2.0, Atom, social-listening tools' own shapes) as a
/// stream of `XMLEventReader` events (libxml2's SAX2 push parser).
///
/// The record element is the one that repeats under the root (`item`,
/// `entry`, `post`, …) unless the source names it; a file where nothing
/// repeats is rejected whole. Fields are its child elements and attributes,
/// matched by local name through the header aliases. Safe by construction:
/// no network, no DTD loading, no XInclude, no external entities, declared
/// entities read within a budget (`XMLEventReader`; an entity bomb fails at
/// once). HTML's entities (`&nbsp;`), which feeds use undeclared, are read as
/// their characters and named in the summary's `layout`. Memory is bounded by
/// one record (`XMLRecordBuilder`).
/// A file that is not well-formed stops being read where libxml2 says, with
/// its message, line and column; the records read before that stand.
public struct XMLRecordReader: RecordReader {
    public let options: SourceOptions
    public let aliases: HeaderAliases

    public init(options: SourceOptions, aliases: HeaderAliases) {
        self.options = options
        self.aliases = aliases
    }

    /// Well-known record element names, tried before the repetition rule.
    static let knownRecordNames: Set<String> = [
        "item", "entry", "post", "record", "row", "mention", "review", "comment", "response", "feedback", "tweet",
    ]
    /// Where Atom writes the author's name (`<author><name>…</name><uri>…</uri></author>`): read as the
    /// author when the pipeline names the company's own accounts (`own_accounts:`), before the whole `<author>`.
    static let authorNamePath = "author/name"
    /// Element names that are never the employee, whatever the aliases say (they may be the `author`).
    static let customerNames: Set<String> = ["author", "user", "customer", "creator", "username", "handle"]

    /// Reads the file at `path`, calling `emit` for every record and reject in
    /// document order. When `fileError` is set in the result, the records
    /// already emitted must be discarded by the caller.
    public func read(path: String, name: String, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        read(Opener(path: path, source: nil, name: name), emit: emit)
    }

    /// Reads `input` (a file, a gzip stream, an archive entry), as `read(path:name:emit:)`.
    public func read(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        read(Opener(path: input.filePath, source: input, name: input.name), emit: emit)
    }

    /// Opens the document again for each pass.
    struct Opener {
        var path: String?
        var source: InputSource?
        var name: String
        /// How its bytes reach libxml2 (`deciding(declared:)`).
        var decoding = XMLDecoding.byParser

        /// A reader from the start of the document, or the reason there is none.
        func open() -> Result<(XMLEventReader, (any ByteSource)?), IngestError> {
            if case let .transcoded(detected, _) = decoding {
                do {
                    let bytes = UTF8TextSource(try rawBytes(), encoding: detected.encoding, bomLength: detected.bomLength)
                    guard let r = XMLEventReader(source: bytes, name: name) else { return .failure(.unreadableFile(path: name, reason: "cannot open")) }
                    return .success((r, bytes))
                } catch {
                    return .failure(error)
                }
            }
            if let path {
                guard let r = XMLEventReader(path: path) else { return .failure(.unreadableFile(path: name, reason: "cannot open")) }
                return .success((r, nil))
            }
            do {
                let bytes = try source!.open()
                guard let r = XMLEventReader(source: bytes, name: name) else { return .failure(.unreadableFile(path: name, reason: "cannot open")) }
                return .success((r, bytes))
            } catch {
                return .failure(error)
            }
        }
    }

    func read(_ undecided: Opener, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        let name = undecided.name
        var summary = FileReadSummary(file: name, format: "xml", encoding: "declared in file")
        let opener: Opener
        do { opener = try undecided.deciding(declared: options.encoding) } catch { return fail(error, name: name, summary: &summary, emit: emit) }
        let recordName: String
        var recordDepth: Int?
        if let explicit = options.xmlRecord {
            recordName = explicit
        } else {
            switch detectRecordElement(opener) {
            case let .success((n, d)): recordName = n; recordDepth = d
            case let .failure(e):
                if case let .malformedXML(_, line, column) = e { return fail(e, name: name, summary: &summary, emit: emit, line: line, column: column) }
                return fail(e, name: name, summary: &summary, emit: emit)
            }
        }
        let reader: XMLEventReader
        let bytes: (any ByteSource)?
        switch opener.open() {
        case let .success((r, b)): reader = r; bytes = b
        case let .failure(e): return fail(e, name: name, summary: &summary, emit: emit)
        }
        let (position, open) = walk(reader, record: recordName, depth: recordDepth, name: name, summary: &summary, emit: emit)
        summary.encoding = reader.encoding ?? "utf-8"
        if case let .transcoded(detected, _) = opener.decoding { summary.encoding = detected.encoding.rawValue }
        if let e = bytes?.failure {
            // The bytes under the XML failed (a damaged gzip stream): say that, not what libxml2 made of it.
            return fail(e, name: name, summary: &summary, emit: emit)
        }
        if let e = reader.error {
            // libxml2's push parser words a cut-off file oddly ("Extra content at the end"): say what happened.
            let message = open > 0 && reader.errorAtEnd ? "\(e.message) — the file ends with \(open) element(s) still open (truncated export?)" : Self.explained(e.message)
            return fail(.malformedXML(message: message, line: e.line, column: e.column), name: name, summary: &summary, emit: emit, line: e.line, column: e.column)
        }
        if position == 0 {
            return fail(.noXMLRecords(root: recordName), name: name, summary: &summary, emit: emit)
        }
        var why: String?
        if case let .transcoded(_, reason) = opener.decoding { why = reason }
        summary.addLayoutNotes(why, Self.entityNote(reader.htmlEntities, "HTML entities that XML does not define, read as their characters"),
                               Self.entityNote(reader.unknownEntities, "entities that neither the file nor HTML defines, kept as written"),
                               Self.controlCharacterNote(reader.controlCharacters, reader.controlCharacterValues))
        return summary
    }

    /// Reads the records of `reader`, elements named `record` (at `depth`, when known), each assembled as the
    /// walk leaves it. Returns how many there were, and how many elements were still open after the last event.
    private func walk(
        _ reader: XMLEventReader, record recordName: String, depth recordDepth: Int?, name: String, summary: inout FileReadSummary,
        emit: (consuming ReadEvent) -> Void
    ) -> (records: Int, open: Int) {
        var assembler = RecordAssembler(file: name, options: options, months: aliases.months, ratingChoices: aliases.ratingChoices, channelNames: aliases.channelNames)
        assembler.ratingScale = RatingColumnScale.explicit(options.ratingScale)
        assembler.monthFirst = options.dateOrder == .monthFirst
        var wanted = Set(options.xmlFields.values.map(Self.fieldKey))
        // The author's own name, for the company's own accounts: an Atom `<author>` holds `<name>` and `<uri>`.
        if !options.ownAccounts.isEmpty { wanted.insert(Self.authorNamePath) }
        var current: XMLRecordBuilder?
        var memo = PathFieldMemo()
        var position = 0
        var open = 0  // elements open after the last event
        while let event = reader.next() {
            switch event {
            case let .start(_, depth, _, isEmpty, _): open = isEmpty ? depth : depth + 1
            case let .end(depth): open = depth
            case .text: break
            }
            switch event {
            case let .start(local, depth, attributes, isEmpty, line):
                if current == nil {
                    guard local == recordName && (recordDepth == nil || recordDepth == depth) else { break }
                    position += 1
                    var b = XMLRecordBuilder(depth: depth, line: line, limit: options.maxRecordBytes, wanted: wanted)
                    b.addAttributes(prefix: "", attributes)
                    if isEmpty { finish(b, position: position, assembler: assembler, memo: &memo, summary: &summary, emit: emit) } else { current = b }
                } else {
                    current!.open(local, attributes: attributes)
                    if isEmpty { current!.close() }
                }
            case let .end(depth):
                guard current != nil else { break }
                if depth == current!.depth {
                    finish(current!, position: position, assembler: assembler, memo: &memo, summary: &summary, emit: emit)
                    current = nil
                } else {
                    current!.close()
                }
            case let .text(t):
                current?.text(t)
            }
        }
        return (position, open)
    }

    private func finish(
        _ b: XMLRecordBuilder, position: Int, assembler: RecordAssembler, memo: inout PathFieldMemo,
        summary: inout FileReadSummary, emit: (consuming ReadEvent) -> Void
    ) {
        summary.read += 1
        if b.overflow {
            summary.rejected += 1
            emit(.reject(Reject(provenance: Provenance(file: assembler.file, line: b.line), reason: RowProblem.tooLong(limit: options.maxRecordBytes).description, raw: b.rawSummary)))
            return
        }
        let values = mapFields(b.values, memo: &memo)
        let event = assembler.assemble(values, line: b.line, position: position, raw: b.rawSummary)
        summary.count(event)
        emit(event)
    }

    /// Chooses a value for each record field: explicit paths first, then aliases over direct children and attributes.
    ///
    /// `memo` remembers which field each path maps to by alias (the same few paths repeat
    /// in every record of a file, and matching a name to an alias folds its letters).
    func mapFields(_ values: PathValues, memo: inout PathFieldMemo) -> FieldValues {
        var out = FieldValues()
        for (field, path) in options.xmlFields {
            if let v = values[Self.fieldKey(path)] { out[field] = v }
        }
        if out[.author] == nil, !options.ownAccounts.isEmpty, let name = values[Self.authorNamePath] { out[.author] = name }
        let fields = memo.fields(for: values.paths, aliasField)
        for (i, known) in fields.enumerated() {
            guard let field = known, out[field] == nil else { continue }
            let v = values.text(at: i)
            guard !v.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) else { continue }
            out[field] = v
        }
        return out
    }

    /// The field a record path maps to through the aliases: direct children (`text`), record
    /// attributes (`@id`) and child attributes that carry a value (`category/@term`); a customer's name
    /// (`<author>`) only as the author.
    func aliasField(_ path: String) -> RecordField? {
        let parts = path.split(separator: "/")
        let nameForAlias: Substring
        if parts.count == 1 { nameForAlias = parts[0].hasPrefix("@") ? parts[0].dropFirst() : parts[0] }
        else if parts.count == 2, parts[1].hasPrefix("@"), Self.termAttributes.contains(String(parts[1].dropFirst())) { nameForAlias = parts[0] }
        else { return nil }
        let field = aliases.field(forHeader: String(nameForAlias))
        guard !Self.customerNames.contains(nameForAlias.lowercased()) || field == .author else { return nil }
        return field
    }

    /// The key of an explicit field path in a record's values: `./agent/name` → `agent/name`.
    static func fieldKey(_ path: String) -> String { path.hasPrefix("./") ? String(path.dropFirst(2)) : path }

    /// Attributes of a child element that carry its value (`<category term="Facebook"/>`, Atom's `<link href="…"/>`).
    static let termAttributes: Set<String> = ["term", "value", "name", "label", "href"]

    // MARK: - Record element detection

    /// The record element's local name and depth: the first well-known record
    /// name, else the shallowest element that repeats, among the first 5000.
    private func detectRecordElement(_ opener: Opener) -> Result<(String, Int), IngestError> {
        let reader: XMLEventReader
        let bytes: (any ByteSource)?
        switch opener.open() {
        case let .success((r, b)): reader = r; bytes = b
        case let .failure(e): return .failure(e)
        }
        var root = ""
        var counts: [String: Int] = [:]  // "depth/name" -> occurrences
        var firstSeen: [String] = []
        var seen = 0
        while seen < 5000, let event = reader.next() {
            guard case let .start(local, depth, _, _, _) = event else { continue }
            seen += 1
            if depth == 0 { root = local; continue }
            if Self.knownRecordNames.contains(local.lowercased()) { return .success((local, depth)) }
            let key = "\(depth)/\(local)"
            if counts[key] == nil { firstSeen.append(key) }
            counts[key, default: 0] += 1
        }
        if let e = bytes?.failure { return .failure(e) }
        if let e = reader.error { return .failure(.malformedXML(message: e.message, line: e.line, column: e.column)) }
        // The shallowest element that repeats. Nothing repeating means no records we can
        // recognise (a report, a settings file): say so rather than guess one.
        let repeated = firstSeen.filter { counts[$0]! >= 2 }
        let pick = repeated.min { Int($0.split(separator: "/")[0])! < Int($1.split(separator: "/")[0])! }
        guard let key = pick else { return .failure(.noXMLRecords(root: root)) }
        let parts = key.split(separator: "/", maxSplits: 1)
        return .success((String(parts[1]), Int(parts[0])!))
    }

    // MARK: - libxml2 helpers

    /// Stops reading the file for `e`, with one reject for the file that says why and where. The records
    /// read before it stand, each one whole and well-formed (a cut-off export keeps what it holds), and
    /// the reason says how many; the one open at the error and all after it are not read.
    private func fail(_ e: IngestError, name: String, summary: inout FileReadSummary, emit: (consuming ReadEvent) -> Void, line: Int = 1, column: Int? = nil) -> FileReadSummary {
        let kept = summary.read
        let reason = e.description + (kept == 0 ? "" : "; the \(kept) record\(kept == 1 ? "" : "s") before it \(kept == 1 ? "was" : "were") read, nothing after it")
        summary.fileError = reason
        emit(.reject(Reject(provenance: Provenance(file: name, line: max(line, 1), column: column), reason: reason, wholeFile: true)))
        return summary
    }

}

/// Which field each record path maps to by alias, remembered for one file. Records of a
/// file mostly have the same paths in the same order: then the last answer is reused
/// without hashing a path.
struct PathFieldMemo {
    private var byPath: [String: RecordField?] = [:]
    private var lastPaths: [String] = []
    private var lastFields: [RecordField?] = []

    /// The field of each of `paths` (nil when it maps to none), from `resolve` the first time a path is seen.
    mutating func fields(for paths: [String], _ resolve: (String) -> RecordField?) -> [RecordField?] {
        if paths == lastPaths { return lastFields }
        var out: [RecordField?] = []
        out.reserveCapacity(paths.count)
        for path in paths {
            if let known = byPath[path] { out.append(known) } else {
                let field = resolve(path)
                byPath[path] = .some(field)
                out.append(field)
            }
        }
        lastPaths = paths
        lastFields = out
        return out
    }
}

extension XMLRecordReader {
    /// What the manifest says of the undeclared entities a file used, `what` said of them (HTML's, which
    /// strict XML rejects and feed readers read; any other, kept as written): nil for none.
    static func entityNote(_ names: [String], _ what: String) -> String? {
        names.isEmpty ? nil : what + ": " + names.map { "&\($0);" }.joined(separator: " ")
    }

    /// What the manifest says of the control characters XML does not allow, read as spaces: nil for none.
    static func controlCharacterNote(_ count: Int, _ values: [UInt8]) -> String? {
        guard count > 0 else { return nil }
        let which = values.map { "U+" + String(format: "%04X", $0) }.joined(separator: ", ")
        return "\(count) control character\(count == 1 ? "" : "s") that XML does not allow (\(which)), read as space\(count == 1 ? "" : "s")"
    }

    /// libxml2's message, with what to do when it is the bytes' encoding: a byte past the head that
    /// `XMLDecoding` checked is not the UTF-8 the file declares.
    static func explained(_ message: String) -> String {
        guard message.hasPrefix("Input is not proper UTF-8") else { return message }
        return message.replacingOccurrences(of: "\n", with: " ")
            + " — the file is not the UTF-8 it declares: name its encoding for the source in the pipeline (`encoding: windows-1254`)"
    }
}
