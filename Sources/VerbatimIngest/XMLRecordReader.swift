import CLibXML2
import VerbatimCore

// This file talks to libxml2 and must not import Foundation: Debian's libxml2
// headers pull in ICU, whose types clash with Foundation's own ICU module.

/// Reads XML exports (RSS 2.0, Atom, social-listening tools' own shapes) as a
/// stream through libxml2's `xmlTextReader`.
///
/// The record element is the one that repeats under the root (`item`,
/// `entry`, `post`, …) unless the source names it. Fields are its child
/// elements and attributes, matched by local name through the header
/// aliases. Safe by construction: no network, no DTD loading, no entity
/// substitution (an entity bomb fails at once). Memory is bounded by one
/// record. A file that is not well-formed is rejected as a whole with
/// libxml2's message, line and column; the caller discards its records.
public struct XMLRecordReader: Sendable {
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
    /// Element names that are never the employee, whatever the aliases say.
    static let customerNames: Set<String> = ["author", "user", "customer", "creator", "username", "handle"]

    static let parseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    /// Reads the file at `path`, calling `emit` for every record and reject in
    /// document order. When `fileError` is set in the result, the records
    /// already emitted must be discarded by the caller.
    public func read(path: String, name: String, emit: (ReadEvent) -> Void) -> FileReadSummary {
        var summary = FileReadSummary(file: name, format: "xml", encoding: "declared in file")
        let recordName: String
        var recordDepth: Int?
        if let explicit = options.xmlRecord {
            recordName = explicit
        } else {
            switch detectRecordElement(path: path) {
            case let .success((n, d)): recordName = n; recordDepth = d
            case let .failure(e): return fail(e, name: name, summary: &summary, emit: emit)
            }
        }
        guard let reader = xmlReaderForFile(path, nil, Self.parseOptions) else {
            return fail(.unreadableFile(path: name, reason: "cannot open"), name: name, summary: &summary, emit: emit)
        }
        defer { xmlFreeTextReader(reader) }
        let errors = XMLErrorBox()
        installErrorHandler(reader, errors)

        let assembler = RecordAssembler(file: name, options: options)
        var current: RecordBuilder?
        var position = 0
        var encodingKnown = false
        while true {
            let r = xmlTextReaderRead(reader)
            if r != 1 {
                if r < 0 || errors.first != nil {
                    let e = errors.first ?? XMLErrorBox.Entry(message: "unreadable XML", line: Int(xmlTextReaderGetParserLineNumber(reader)), column: Int(xmlTextReaderGetParserColumnNumber(reader)))
                    return fail(.malformedXML(message: e.message, line: e.line, column: e.column), name: name, summary: &summary, emit: emit, line: e.line, column: e.column)
                }
                break
            }
            if !encodingKnown, let enc = xmlTextReaderConstEncoding(reader) {
                summary.encoding = String(cString: enc).lowercased(); encodingKnown = true
            }
            let type = xmlTextReaderNodeType(reader)
            let depth = Int(xmlTextReaderDepth(reader))
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let local = Self.localName(reader)
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                if current == nil {
                    if local == recordName && (recordDepth == nil || recordDepth == depth) {
                        position += 1
                        var b = RecordBuilder(depth: depth, line: Int(xmlTextReaderGetParserLineNumber(reader)), limit: options.maxRecordBytes)
                        b.addAttributes(prefix: "", Self.attributes(reader))
                        if isEmpty {
                            finish(b, position: position, assembler: assembler, summary: &summary, emit: emit)
                        } else {
                            current = b
                        }
                    }
                } else {
                    current!.open(local, attributes: Self.attributes(reader))
                    if isEmpty { current!.close() }
                }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                guard current != nil else { break }
                if depth == current!.depth {
                    finish(current!, position: position, assembler: assembler, summary: &summary, emit: emit)
                    current = nil
                } else {
                    current!.close()
                }
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                guard current != nil, let v = xmlTextReaderConstValue(reader) else { break }
                current!.text(String(cString: v))
            default:
                break
            }
        }
        if position == 0 && summary.read == 0 {
            return fail(.noXMLRecords(root: recordName), name: name, summary: &summary, emit: emit)
        }
        return summary
    }

    private func finish(_ b: RecordBuilder, position: Int, assembler: RecordAssembler, summary: inout FileReadSummary, emit: (ReadEvent) -> Void) {
        summary.read += 1
        if b.overflow {
            summary.rejected += 1
            emit(.reject(Reject(provenance: Provenance(file: assembler.file, line: b.line), reason: RowProblem.tooLong(limit: options.maxRecordBytes).description)))
            return
        }
        let values = mapFields(b.values, order: b.order)
        let event = assembler.assemble(values, line: b.line, position: position, raw: b.rawSummary)
        if case .record = event { summary.accepted += 1 } else { summary.rejected += 1 }
        emit(event)
    }

    /// Chooses a value for each record field: explicit paths first, then aliases over direct children and attributes.
    func mapFields(_ values: [String: String], order: [String]) -> [RecordField: String] {
        var out: [RecordField: String] = [:]
        for (field, path) in options.xmlFields {
            let key = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
            if let v = values[key] { out[field] = v }
        }
        for path in order {
            // Direct children (`text`), record attributes (`@id`) and child attributes (`category/@term`).
            let parts = path.split(separator: "/")
            let nameForAlias: Substring
            if parts.count == 1 { nameForAlias = parts[0].hasPrefix("@") ? parts[0].dropFirst() : parts[0] }
            else if parts.count == 2, parts[1].hasPrefix("@"), Self.termAttributes.contains(String(parts[1].dropFirst())) { nameForAlias = parts[0] }
            else { continue }
            let lname = nameForAlias.lowercased()
            guard !Self.customerNames.contains(lname), let field = aliases.field(forHeader: String(nameForAlias)), out[field] == nil else { continue }
            guard let v = values[path], !v.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) else { continue }
            out[field] = v
        }
        return out
    }

    /// Attributes of a child element that carry its value (`<category term="Facebook"/>`).
    static let termAttributes: Set<String> = ["term", "value", "name", "label"]

    // MARK: - Record element detection

    private func detectRecordElement(path: String) -> Result<(String, Int), IngestError> {
        guard let reader = xmlReaderForFile(path, nil, Self.parseOptions) else {
            return .failure(.unreadableFile(path: path, reason: "cannot open"))
        }
        defer { xmlFreeTextReader(reader) }
        let errors = XMLErrorBox()
        installErrorHandler(reader, errors)
        var root = ""
        var counts: [String: Int] = [:]  // "depth/name" -> occurrences
        var firstSeen: [String] = []
        var seen = 0
        while seen < 5000 {
            let r = xmlTextReaderRead(reader)
            if r != 1 {
                if let e = errors.first ?? (r < 0 ? XMLErrorBox.Entry(message: "unreadable XML", line: 0, column: 0) : nil) {
                    return .failure(.malformedXML(message: e.message, line: e.line, column: e.column))
                }
                break
            }
            guard xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue) else { continue }
            seen += 1
            let depth = Int(xmlTextReaderDepth(reader))
            let local = Self.localName(reader)
            if depth == 0 { root = local; continue }
            if Self.knownRecordNames.contains(local.lowercased()) { return .success((local, depth)) }
            let key = "\(depth)/\(local)"
            if counts[key] == nil { firstSeen.append(key) }
            counts[key, default: 0] += 1
        }
        // The shallowest element that repeats; else the root's first child.
        let repeated = firstSeen.filter { counts[$0]! >= 2 }
        let pick = repeated.min { Int($0.split(separator: "/")[0])! < Int($1.split(separator: "/")[0])! } ?? firstSeen.first
        guard let key = pick else { return .failure(.noXMLRecords(root: root)) }
        let parts = key.split(separator: "/", maxSplits: 1)
        return .success((String(parts[1]), Int(parts[0])!))
    }

    // MARK: - libxml2 helpers

    private func fail(_ e: IngestError, name: String, summary: inout FileReadSummary, emit: (ReadEvent) -> Void, line: Int = 1, column: Int? = nil) -> FileReadSummary {
        summary.fileError = e.description
        emit(.reject(Reject(provenance: Provenance(file: name, line: max(line, 1), column: column), reason: e.description, wholeFile: true)))
        return summary
    }

    private func installErrorHandler(_ reader: xmlTextReaderPtr, _ box: XMLErrorBox) {
        let context = Unmanaged.passUnretained(box).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { userData, error in
            guard let userData, let error else { return }
            let box = Unmanaged<XMLErrorBox>.fromOpaque(userData).takeUnretainedValue()
            guard box.first == nil else { return }
            let level = error.pointee.level
            guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
            var message = error.pointee.message.map { String(cString: $0) } ?? "XML error"
            while message.last == "\n" || message.last == " " { message.removeLast() }
            box.first = XMLErrorBox.Entry(message: message, line: Int(error.pointee.line), column: Int(error.pointee.int2))
        }, context)
    }

    private static func localName(_ reader: xmlTextReaderPtr) -> String {
        guard let n = xmlTextReaderConstLocalName(reader) else { return "" }
        return String(cString: n)
    }

    private static func attributes(_ reader: xmlTextReaderPtr) -> [(String, String)] {
        var out: [(String, String)] = []
        guard xmlTextReaderHasAttributes(reader) == 1 else { return out }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            let name = localName(reader)
            let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            out.append((name, value))
        }
        xmlTextReaderMoveToElement(reader)
        return out
    }
}

/// The first error libxml2 reported for a reader.
final class XMLErrorBox {
    struct Entry { var message: String; var line: Int; var column: Int }
    var first: Entry?
}

/// Collects the text of one record element, keyed by path relative to it.
struct RecordBuilder {
    let depth: Int
    let line: Int
    let limit: Int
    private(set) var values: [String: String] = [:]
    private(set) var order: [String] = []
    private var stack: [String] = []
    private var bytes = 0
    private(set) var overflow = false

    init(depth: Int, line: Int, limit: Int) {
        self.depth = depth
        self.line = line
        self.limit = limit
    }

    private mutating func set(_ path: String, append text: String) {
        if values[path] == nil { order.append(path); values[path] = text } else { values[path]! += text }
    }

    mutating func addAttributes(prefix: String, _ attrs: [(String, String)]) {
        for (n, v) in attrs { set(prefix + "@" + n, append: v) }
    }

    mutating func open(_ name: String, attributes: [(String, String)]) {
        let path = stack.isEmpty ? name : stack.last! + "/" + name
        stack.append(path)
        if values[path] == nil { order.append(path); values[path] = "" } else if stack.count == 1 { values[path]! += " " }
        addAttributes(prefix: path + "/", attributes)
    }

    mutating func close() { if !stack.isEmpty { stack.removeLast() } }

    mutating func text(_ t: String) {
        bytes += t.utf8.count
        if bytes > limit { overflow = true; return }
        for p in stack { values[p]! += t }
    }

    var rawSummary: String {
        order.prefix(8).map { "\($0)=\(values[$0]!.prefix(60))" }.joined(separator: " | ")
    }
}
