internal import CLibXML2
internal import CByteScan

#if canImport(Glibc)
import Glibc
#endif

// This module wraps libxml2 and must never import Foundation: Debian's libxml2
// headers pull in ICU, whose types clash with Foundation's own ICU module when
// both are visible in one compilation. The C module is imported `internal`, so
// no client of this module sees it.

/// A pull parser over an XML document, through libxml2's SAX2 push parser.
///
/// Bytes are pushed to the parser a chunk at a time (`xmlParseChunk`); its SAX2
/// callbacks queue events, which `next()` hands out in document order. No tree is
/// built for the document (libxml2's `xmlTextReader`, used before, built and freed a
/// node for every element and text, and measured slower here). Safe by construction:
/// no network access (`XML_PARSE_NONET`), no DTD loading, no entity substitution (an
/// entity bomb fails at once), no `XML_PARSE_HUGE`. A reference to an entity the document
/// declares is read as its text, once libxml2 has checked the entity; a reference to an HTML
/// entity that XML does not define (`&nbsp;`, `&hellip;`: feeds are full of them) is read as
/// its character, as a feed reader does, and named in `htmlEntities`; any other reference is kept as
/// written (`&foo;`) and named in `unknownEntities`. CDATA is delivered as text, and
/// adjacent text and CDATA as one event, as the reader's text nodes were. Memory is
/// bounded by one chunk's events and one text run (at most `maxTextLength` bytes, the
/// limit libxml2's tree builder enforces). Errors come from libxml2's structured error
/// handler with line and column, never on stderr.
///
/// The same events come from an HTML page (`Dialect.html`: libxml2's HTML push parser, which
/// mends what browsers mend: unclosed cells and rows, stray end tags, bare `&`), with tag and
/// attribute names in lower case, entities decoded, and `<br>` as a start and an end. An HTML
/// page is never malformed, so its parser's complaints are not errors; only a failed read is.
public final class XMLEventReader {
    /// What the bytes are.
    public enum Dialect: Sendable {
        case xml
        /// An HTML page. `ignoresDeclaredEncoding`: the bytes are UTF-8 whatever a `<meta charset>`
        /// says (the caller has transcoded them), so the parser does not switch on the declaration.
        case html(ignoresDeclaredEncoding: Bool)
    }

    /// One parsing event.
    public enum Event: Sendable {
        /// An element opens: local name (namespace prefix dropped), depth (root = 0), attributes, and whether it is `<empty/>`.
        case start(name: String, depth: Int, attributes: [(name: String, value: String)], isEmpty: Bool, line: Int)
        /// An element closes.
        case end(depth: Int)
        /// Character data (text or CDATA) inside the current element.
        case text(String)
    }

    /// The first error libxml2 reported.
    public struct ParseError: Error, Sendable, Hashable {
        public var message: String
        public var line: Int
        public var column: Int
    }

    /// Bytes pushed to the parser at once.
    static let chunkSize = 64 * 1024
    /// The longest text run: libxml2's `XML_MAX_TEXT_LENGTH`, past which its tree builder
    /// (and so `xmlTextReader`) fails with "huge text node".
    static let maxTextLength = 10_000_000
    /// How many times the document's own size the text read from its declared entities may be (libxml2
    /// 2.11's own default is 5; a feed's entities are a brand name or a signature, a few times their reference).
    static let maxEntityAmplification = 10
    /// The deepest element: libxml2's `xmlParserMaxDepth`, past which its tree builder (and so
    /// `xmlTextReader`) fails with "Excessive depth in document".
    public static let maxDepth = 256

    private let ctxt: xmlParserCtxtPtr
    /// The callbacks' state, behind a pointer: no dynamic exclusivity check per access, as a
    /// class's stored properties would have in every callback.
    private let state: UnsafeMutablePointer<ParseState>
    private let source: any XMLByteSource
    private let chunk: UnsafeMutablePointer<CChar>
    /// Set when parsing stopped on an error.
    public private(set) var error: ParseError?
    /// The document's encoding, once known.
    public private(set) var encoding: String?
    /// Whether `error` was raised at the end of the bytes (the document stopped with elements open: a
    /// cut-off export), not somewhere inside them.
    public private(set) var errorAtEnd = false
    /// The HTML entities the document used without declaring them, read as their characters: their
    /// names, sorted.
    public var htmlEntities: [String] { state.pointee.htmlEntities.keys.sorted() }
    /// The entity references the document used that neither it nor HTML defines (`&foo;`), kept in the
    /// text as written, as a browser shows them: their names, sorted.
    public var unknownEntities: [String] { state.pointee.unknownEntities.keys.sorted() }
    /// The control characters XML does not allow (U+0000–U+001F but tab, line feed and carriage return),
    /// which exports copy from what customers pasted (`\u{0B}`, `\u{1B}`) and which would stop libxml2 and
    /// lose the whole file: each read as a space. How many, and which (sorted).
    public private(set) var controlCharacters = 0
    public var controlCharacterValues: [UInt8] { controlSeen.indices.filter { controlSeen[$0] }.map(UInt8.init) }
    private var controlSeen = [Bool](repeating: false, count: 32)
    /// Whether the bytes are in an encoding where a control character is its byte alone (UTF-8, ASCII,
    /// the Windows and ISO code pages), so that `spaceControls` can replace it; not UTF-16 or UTF-32.
    private var cleansControls = false

    /// Opens `path`; nil when the file cannot be opened.
    public convenience init?(path: String) {
        guard let file = FileInput(path: path) else { return nil }
        self.init(source: file, name: path)
    }

    /// The bytes are an HTML page (`Dialect.html`).
    private let isHTML: Bool
    /// Bytes at the start of `chunk` held back from the last push (`pushWholeTags`).
    private var held = 0

    /// Reads the document from `source` (a file, a gzip stream, a ZIP entry, a worksheet
    /// inside a workbook); `name` is only used in libxml2's messages.
    /// Nil when libxml2 cannot start a parser.
    public init?(source: any XMLByteSource, name: String, dialect: Dialect = .xml) {
        self.source = source
        state = .allocate(capacity: 1)
        var initial = ParseState()
        if case .html = dialect { initial.lenient = true; isHTML = true } else { isHTML = false }
        state.initialize(to: initial)
        chunk = .allocate(capacity: Self.chunkSize)
        let box = UnsafeMutableRawPointer(state)
        // Errors raised outside the parser's context (input conversion: "input conversion
        // failed", "encoder error") go to libxml2's per-thread handler, which prints them on
        // stderr unless one is set. Route them to this reader too; `deinit` unsets it.
        xmlSetStructuredErrorFunc(box, { keepFirstError($0, $1) })
        // A few messages ("xmlParseChunk: encoder error") bypass both handlers and go to the
        // generic one; the error itself still reaches us through the structured handlers.
        xmlSetGenericErrorFunc(nil, ignoreGenericError)
        // As xmlTextReader does: the first four bytes start the parser (they decide the encoding).
        var first = 0
        while first < 4 {
            let n = source.readBytes(into: UnsafeMutableRawPointer(chunk + first), count: 4 - first)
            if n <= 0 { if n < 0 { state.pointee.readFailed = true }; break }
            first += n
        }
        if !isHTML, first > 0 {
            cleansControls = Self.isASCIICompatible(UnsafeRawBufferPointer(start: chunk, count: first))
            if cleansControls { controlCharacters = Self.spaceControls(UnsafeMutableRawBufferPointer(start: chunk, count: first), seen: &controlSeen) }
        }
        guard let c = Self.parser(dialect, first == 4 ? chunk : nil, first == 4 ? 4 : 0, name) else {
            chunk.deallocate()
            state.deinitialize(count: 1)
            state.deallocate()
            Self.restoreErrorHandlers()
            return nil
        }
        ctxt = c
        ctxt.pointee._private = box
        state.pointee.main = UnsafeMutableRawPointer(ctxt)
        if first > 0, first < 4 { push(count: first, terminate: false) }
    }

    deinit {
        // Before the document: an entity's nodes take their strings from the document's dictionary.
        for entity in state.pointee.htmlEntities.values { freeEntity(entity) }
        for entity in state.pointee.unknownEntities.values { freeEntity(entity) }
        if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
        ctxt.pointee.myDoc = nil
        xmlFreeParserCtxt(ctxt)
        chunk.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
        Self.restoreErrorHandlers()
    }

    /// A push parser of the dialect, with its options, started on `first` (`count` bytes).
    private static func parser(_ dialect: Dialect, _ first: UnsafePointer<CChar>?, _ count: Int32, _ name: String) -> xmlParserCtxtPtr? {
        switch dialect {
        case .xml:
            var sax = handler()
            guard let c = xmlCreatePushParserCtxt(&sax, nil, first, count, name) else { return nil }
            xmlCtxtUseOptions(c, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue))
            return c
        case let .html(ignoresDeclaredEncoding):
            var sax = htmlHandler()
            let encoding = ignoresDeclaredEncoding ? XML_CHAR_ENCODING_UTF8 : XML_CHAR_ENCODING_NONE
            guard let c = htmlCreatePushParserCtxt(&sax, nil, first, count, name, encoding) else { return nil }
            var options = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue
            if ignoresDeclaredEncoding { options |= HTML_PARSE_IGNORE_ENC.rawValue }
            htmlCtxtUseOptions(c, Int32(options))
            return c
        }
    }

    /// libxml2's HTML handlers (SAX1 element callbacks: the HTML parser knows no namespaces), with
    /// the page's events routed to this reader.
    private static func htmlHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        xmlSAX2InitHtmlDefaultSAXHandler(&sax)
        sax.startElement = { ctx, name, attributes in
            guard let state = mainState(ctx) else { return }
            state.pointee.startHTML(ctx!, name, attributes)
        }
        sax.endElement = { ctx, _ in
            guard let state = mainState(ctx) else { return }
            state.pointee.end()
        }
        sax.characters = { ctx, text, count in
            guard let state = mainState(ctx) else { return }
            state.pointee.text(ctx!, text, count)
        }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = sax.characters
        sax.comment = { _, _ in }
        sax.processingInstruction = { _, _, _ in }
        sax.serror = nil
        sax.error = nil
        sax.warning = nil
        return sax
    }

    /// libxml2's SAX2 handlers, with the document's events routed to this reader.
    private static func handler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        xmlSAXVersion(&sax, 2)
        sax.startElementNs = { ctx, local, prefix, uri, nsCount, namespaces, count, defaulted, attributes in
            guard let state = mainState(ctx) else {
                return xmlSAX2StartElementNs(ctx, local, prefix, uri, nsCount, namespaces, count, defaulted, attributes)
            }
            state.pointee.start(ctx!, local, count, attributes)
        }
        sax.endElementNs = { ctx, local, prefix, uri in
            guard let state = mainState(ctx) else { return xmlSAX2EndElementNs(ctx, local, prefix, uri) }
            state.pointee.end()
        }
        sax.characters = { ctx, text, count in
            guard let state = mainState(ctx) else { return xmlSAX2Characters(ctx, text, count) }
            state.pointee.text(ctx!, text, count)
        }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = { ctx, text, count in
            guard let state = mainState(ctx) else { return xmlSAX2CDataBlock(ctx, text, count) }
            state.pointee.text(ctx!, text, count)
        }
        // A reference to an entity: one the document declares is read as its text (`reference`); for an
        // undeclared name an entity is made (`undeclaredEntity`: HTML's character, or the reference as written).
        sax.getEntity = { ctx, name in
            if let declared = xmlSAX2GetEntity(ctx, name) { return declared }
            // Not inside the DTD, where libxml2 asks for the entity being declared (to keep its raw text);
            // but while it checks a declared entity's text (`<!ENTITY e "a&nbsp;b">`), in a context of its own.
            guard let state = readerState(ctx), let name, ctx?.assumingMemoryBound(to: xmlParserCtxt.self).pointee.inSubset == 0 else { return nil }
            return state.pointee.undeclaredEntity(name)
        }
        sax.reference = { ctx, name in
            guard let state = mainState(ctx) else { return xmlSAX2Reference(ctx, name) }
            state.pointee.reference(ctx!, name)
        }
        // Comments and processing instructions are not events; inside an entity's content
        // (parsed by libxml2 to check it) they keep libxml2's own handling.
        sax.comment = { ctx, value in
            if mainState(ctx) == nil { xmlSAX2Comment(ctx, value) }
        }
        sax.processingInstruction = { ctx, target, data in
            if mainState(ctx) == nil { xmlSAX2ProcessingInstruction(ctx, target, data) }
        }
        sax.serror = { ctx, error in
            guard let ctx else { return }
            let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
            keepFirstError(ctxt.pointee._private, error)
        }
        return sax
    }

    /// Puts libxml2's per-thread error handlers back to their defaults.
    private static func restoreErrorHandlers() {
        xmlSetStructuredErrorFunc(nil, nil)
        xmlSetGenericErrorFunc(nil, nil)
    }

    /// The next event, or nil at the end of the document or after an error (see `error`).
    public func next() -> Event? {
        while true {
            if let event = state.pointee.nextEvent() {
                if !state.pointee.encodingKnown { latchEncoding() }
                return event
            }
            if state.pointee.finished { return nil }
            feed()
        }
    }

    /// Pushes the next chunk of the source to the parser (or ends the document); on an
    /// error, sets `error` and finishes.
    private func feed() {
        let n = state.pointee.readFailed ? -1
            : source.readBytes(into: UnsafeMutableRawPointer(chunk + held), count: Self.chunkSize - held)
        if n < 0 {
            state.pointee.fail(ParseError(message: "I/O error: the document could not be read to its end", line: 0, column: 0))
        } else if isHTML {
            pushWholeTags(count: held + n, terminate: n == 0)
        } else {
            spaceControls(count: n)
            push(count: n, terminate: n == 0)
        }
        if let e = state.pointee.first {
            // The events before the error are still handed out; none after it.
            error = located(e)
            errorAtEnd = n == 0
            state.pointee.finished = true
        } else if n == 0 {
            state.pointee.flushText()
            state.pointee.finished = true
            latchEncoding()
        }
    }

    /// Whether a document starting with `first` is in an encoding that writes ASCII as ASCII: no zero
    /// byte among its first bytes (UTF-16 and UTF-32 have them around `<`) and no UTF-16 byte-order mark.
    static func isASCIICompatible(_ first: UnsafeRawBufferPointer) -> Bool {
        if first.count >= 2, (first[0] == 0xFE && first[1] == 0xFF) || (first[0] == 0xFF && first[1] == 0xFE) { return false }
        return !first.contains(0)
    }

    /// Replaces the control characters XML does not allow among the chunk's first `count` bytes with
    /// spaces, counting them (`controlCharacters`).
    private func spaceControls(count: Int) {
        guard cleansControls, count > 0 else { return }
        controlCharacters += Self.spaceControls(UnsafeMutableRawBufferPointer(start: chunk, count: count), seen: &controlSeen)
    }

    /// Replaces the control characters XML does not allow in `bytes` with spaces; how many, each one's
    /// byte marked in `seen`.
    static func spaceControls(_ bytes: UnsafeMutableRawBufferPointer, seen: inout [Bool]) -> Int {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        var replaced = 0
        // Found 16 bytes at a time (`vb_find_xml_control`): most chunks have none.
        var k = vb_find_xml_control(base, bytes.count, 0)
        while k < bytes.count {
            replaced += 1
            seen[Int(base[k])] = true
            base[k] = 0x20
            k = vb_find_xml_control(base, bytes.count, k + 1)
        }
        return replaced
    }

    /// Pushes the chunk's first `count` bytes up to its last `>`, and holds the rest back for the next
    /// push (all of them at the end, or when the chunk has no `>`). libxml2 2.9's HTML push parser loses
    /// track of quotes when a chunk ends inside a tag's attribute value (`x:num="`), and then waits for
    /// the document's end to parse the rest, holding all of it: a 100,000-row page took 200 MB.
    private func pushWholeTags(count: Int, terminate: Bool) {
        var cut = count
        if !terminate {
            var k = count - 1
            while k >= 0, chunk[k] != CChar(UInt8(ascii: ">")) { k -= 1 }
            if k >= 0 { cut = k + 1 }
        }
        push(count: cut, terminate: terminate)
        held = count - cut
        if held > 0 { memmove(chunk, chunk + cut, held) }
    }

    private func push(count: Int, terminate: Bool) {
        state.pointee.pushedBytes += count
        if isHTML {
            _ = htmlParseChunk(ctxt, count > 0 ? chunk : nil, Int32(count), terminate ? 1 : 0)
        } else {
            _ = xmlParseChunk(ctxt, count > 0 ? chunk : nil, Int32(count), terminate ? 1 : 0)
        }
    }

    /// The document's encoding as libxml2's tree builder records it (declared, or detected at the end).
    private func latchEncoding() {
        guard let enc = ctxt.pointee.myDoc?.pointee.encoding else { return }
        encoding = String(cString: enc).lowercased()
        state.pointee.encodingKnown = true
    }

    /// `e`, with the parser's position when libxml2 gave none (errors raised outside the
    /// parser's context, such as input conversion, come with line 0).
    private func located(_ e: ParseError) -> ParseError {
        guard e.line < 1 || e.column < 1 else { return e }
        var located = e
        located.line = max(1, Int(ctxt.pointee.input?.pointee.line ?? 0))
        located.column = max(1, Int(ctxt.pointee.input?.pointee.col ?? 0))
        return located
    }
}

/// The state the SAX2 callbacks fill: queued events, open depth, the text run, the first error.
private struct ParseState {
    var events: [XMLEventReader.Event] = []
    /// The next of `events` to hand out.
    var head = 0
    /// The document ended, or an error stopped it.
    var finished = false
    /// `XMLEventReader.encoding` is set.
    var encodingKnown = false
    /// The document's parser context; callbacks from any other (libxml2 parsing an entity's
    /// content to check it) are not document events.
    var main: UnsafeMutableRawPointer?
    var depth = 0
    /// Text and CDATA not yet queued: adjacent runs become one event.
    var text: [UInt8] = []
    /// The last start was `<empty/>`: its end callback, which follows at once, is not an event.
    var emptyPending = false
    var first: XMLEventReader.ParseError?
    var readFailed = false
    /// An HTML page: libxml2's complaints about it are not errors (`XMLEventReader.Dialect.html`).
    var lenient = false
    /// The HTML entities the document used without declaring them, by name: each made on its first
    /// use (`undeclaredEntity`), freed with the reader.
    var htmlEntities: [String: xmlEntityPtr] = [:]
    /// The same for the names neither XML nor HTML defines, kept as written.
    var unknownEntities: [String: xmlEntityPtr] = [:]
    /// Bytes pushed to the parser, and bytes of text read from declared entities: at most
    /// `XMLEventReader.maxEntityAmplification` times the one, plus a MiB, or the document is rejected
    /// (a few kilobytes of references to a large entity are an attack: "quadratic blowup").
    var pushedBytes = 0
    var entityBytes = 0

    /// The next queued event; nil (and the queue emptied) when all were handed out.
    mutating func nextEvent() -> XMLEventReader.Event? {
        if head < events.count {
            head += 1
            return events[head - 1]
        }
        events.removeAll(keepingCapacity: true)
        head = 0
        return nil
    }

    /// Before an element opens: the pending text is queued and the depth checked (false: no event, the
    /// parser has stopped).
    private mutating func opens(_ ctxt: xmlParserCtxtPtr) -> Bool {
        guard first == nil else { return false }
        flushText()
        if depth > XMLEventReader.maxDepth {
            stop(ctxt, "Excessive depth in document: \(XMLEventReader.maxDepth) use XML_PARSE_HUGE option")
            return false
        }
        return true
    }

    mutating func start(
        _ ctx: UnsafeMutableRawPointer, _ local: UnsafePointer<xmlChar>?, _ count: Int32,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard opens(ctxt) else { return }
        // As xmlTextReader decides it: the start tag is `<empty/>` when the parser stands on "/>".
        var isEmpty = false
        if let cur = ctxt.pointee.input?.pointee.cur, cur[0] == UInt8(ascii: "/"), cur[1] == UInt8(ascii: ">") { isEmpty = true }
        var attrs: [(name: String, value: String)] = []
        if count > 0, let attributes {
            attrs.reserveCapacity(Int(count))
            for i in 0..<Int(count) {
                // Five pointers per attribute: local name, prefix, URI, value start, value end.
                guard let name = attributes[5 * i], let start = attributes[5 * i + 3], let end = attributes[5 * i + 4] else { continue }
                attrs.append((String(cString: name), attributeValue(ctxt, start, end)))
            }
        }
        let line = Int(ctxt.pointee.input?.pointee.line ?? 0)
        events.append(.start(name: local.map { String(cString: $0) } ?? "", depth: depth, attributes: attrs, isEmpty: isEmpty, line: line))
        if isEmpty { emptyPending = true } else { depth += 1 }
    }

    /// An HTML element opens: SAX1's attributes are name and value pairs, ended by a null name (a
    /// value is null for an attribute written without one, `<td nowrap>`).
    mutating func startHTML(_ ctx: UnsafeMutableRawPointer, _ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard opens(ctxt) else { return }
        var attrs: [(name: String, value: String)] = []
        if let attributes {
            var k = 0
            while let key = attributes[k] {
                attrs.append((String(cString: key), attributes[k + 1].map { String(cString: $0) } ?? ""))
                k += 2
            }
        }
        let line = Int(ctxt.pointee.input?.pointee.line ?? 0)
        events.append(.start(name: name.map { String(cString: $0) } ?? "", depth: depth, attributes: attrs, isEmpty: false, line: line))
        depth += 1
    }

    mutating func end() {
        guard first == nil else { return }
        if emptyPending { emptyPending = false; return }
        flushText()
        depth -= 1
        events.append(.end(depth: depth))
    }

    mutating func text(_ ctx: UnsafeMutableRawPointer, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32) {
        guard first == nil, let bytes, count > 0 else { return }
        if text.count + Int(count) > XMLEventReader.maxTextLength {
            stop(ctx.assumingMemoryBound(to: xmlParserCtxt.self), "Memory allocation failed : xmlSAX2Characters: huge text node")
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(count)))
    }

    /// Queues the pending text run as one event.
    mutating func flushText() {
        guard !text.isEmpty else { return }
        events.append(.text(String(decoding: text, as: UTF8.self)))
        text.removeAll(keepingCapacity: true)
    }

    /// The entity for `&name;` when the document does not declare it, as if it did: when HTML defines
    /// the name (libxml2's table of HTML 4's 253 entities), its character; else the reference as written
    /// (`&foo;`), as a browser shows it. `reference` reads it in text, `attributeValue` in an attribute.
    /// (Not a predefined entity like `&amp;`: libxml2 copies only the first byte of one of those into an
    /// attribute's value.)
    mutating func undeclaredEntity(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        let key = String(cString: name)
        if let made = undeclared(key) { return made }
        let html = htmlEntityLookup(name).flatMap { Unicode.Scalar($0.pointee.value) }
        let entity = xmlEntityPtr.allocate(capacity: 1)
        entity.initialize(to: xmlEntity())
        entity.pointee.type = XML_ENTITY_DECL
        entity.pointee.etype = XML_INTERNAL_GENERAL_ENTITY
        entity.pointee.name = UnsafePointer(xmlStrdup(name))
        // An unknown name's text is its reference, with the `&` as a character reference.
        var content = Array(html.map { String($0) }.map(\.utf8) ?? "&#38;\(key);".utf8)
        entity.pointee.length = Int32(content.count)
        content.append(0)
        entity.pointee.content = xmlStrdup(content)
        if html != nil { htmlEntities[key] = entity } else { unknownEntities[key] = entity }
        return entity
    }

    /// `&name;` for an entity the document declares (or an HTML one), which libxml2 has checked (no loop,
    /// no bomb) but not substituted: its text, with the references inside it read as in an attribute's value.
    mutating func reference(_ ctx: UnsafeMutableRawPointer, _ name: UnsafePointer<xmlChar>?) {
        // Only an internal entity: an external one (`SYSTEM "file://…"`) is never loaded, and has no content.
        guard first == nil, let name, let entity = xmlSAX2GetEntity(ctx, name) ?? undeclared(String(cString: name)),
              entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, let content = entity.pointee.content
        else { return }
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        // An entity with markup (`<b>Destek</b>`) was parsed into nodes when libxml2 checked it: their
        // text. Any other: its text with the references in it read.
        guard xmlStrchr(content, UInt8(ascii: "<")) != nil else {
            guard let expanded = xmlStringDecodeEntities(ctxt, content, Int32(XML_SUBSTITUTE_REF), 0, 0, 0) else { return }
            defer { clibxml2_free(expanded) }
            return entityText(ctxt, expanded)
        }
        var node = entity.pointee.children
        while let n = node, first == nil {
            if let part = xmlNodeGetContent(n) {
                entityText(ctxt, part)
                clibxml2_free(part)
            }
            node = n.pointee.next
        }
    }

    /// The entity `undeclaredEntity` made for `name`, if any.
    private func undeclared(_ name: String) -> xmlEntityPtr? { htmlEntities[name] ?? unknownEntities[name] }

    /// Text read from a declared entity, within the document's budget (`entityBytes`).
    private mutating func entityText(_ ctxt: xmlParserCtxtPtr, _ part: UnsafePointer<xmlChar>) {
        let count = Int(xmlStrlen(part))
        entityBytes += count
        guard entityBytes <= XMLEventReader.maxEntityAmplification * pushedBytes + (1 << 20) else {
            return stop(ctxt, "entity expansion: the text of the document's entities comes to more than \(XMLEventReader.maxEntityAmplification) times the document's size (an entity expansion attack?)")
        }
        text(UnsafeMutableRawPointer(ctxt), part, Int32(count))
    }

    mutating func fail(_ e: XMLEventReader.ParseError) {
        if first == nil { first = e }
    }

    /// Fails with `message` at the parser's position, as libxml2's tree builder would, and stops the parser.
    private mutating func stop(_ ctxt: xmlParserCtxtPtr, _ message: String) {
        fail(XMLEventReader.ParseError(
            message: message, line: Int(ctxt.pointee.input?.pointee.line ?? 0), column: Int(ctxt.pointee.input?.pointee.col ?? 0)))
        xmlStopParser(ctxt)
    }

    /// An attribute's value as libxml2's tree builder stores it: the parser leaves `&#38;`
    /// and references to declared entities in the value when it does not substitute them.
    private func attributeValue(_ ctxt: xmlParserCtxtPtr, _ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>) -> String {
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        guard let decoded = xmlStringLenDecodeEntities(ctxt, start, Int32(bytes.count), Int32(XML_SUBSTITUTE_REF), 0, 0, 0) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        defer { clibxml2_free(decoded) }
        return String(cString: decoded)
    }
}

/// The reader's state when `ctx` is the document's own parser context; nil inside an entity check.
private func mainState(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<ParseState>? {
    guard let ctx else { return nil }
    let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let box = ctxt.pointee._private else { return nil }
    let state = box.assumingMemoryBound(to: ParseState.self)
    return state.pointee.main == ctx ? state : nil
}

/// The reader's state from any of its parser contexts: the document's, or one libxml2 made to check an
/// entity's text (which inherits the document's `_private`).
private func readerState(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<ParseState>? {
    guard let box = ctx?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
    return box.assumingMemoryBound(to: ParseState.self)
}

/// Keeps the first error or fatal error, with its line and column, in the reader's `ParseState`.
///
/// A file-private function, not a member: a member whose type names libxml2's types would
/// make clients of this module load the C module (and its ICU clash with Foundation).
private func keepFirstError(_ userData: UnsafeMutableRawPointer?, _ error: UnsafePointer<xmlError>?) {
    guard let userData, let error else { return }
    let state = userData.assumingMemoryBound(to: ParseState.self)
    guard state.pointee.first == nil, !state.pointee.lenient else { return }
    let level = error.pointee.level
    guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
    var message = error.pointee.message.map { String(cString: $0) } ?? "XML error"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    state.pointee.first = XMLEventReader.ParseError(message: message, line: Int(error.pointee.line), column: Int(error.pointee.int2))
}

/// Frees an entity `ParseState.undeclaredEntity` made, and the nodes libxml2 parsed its text into.
private func freeEntity(_ entity: xmlEntityPtr) {
    if let nodes = entity.pointee.children { xmlFreeNodeList(nodes) }
    // libxml2 may hand an entity it found the raw text of its declaration (`orig`).
    if let orig = entity.pointee.orig { clibxml2_free(orig) }
    clibxml2_free(UnsafeMutableRawPointer(mutating: entity.pointee.name))
    clibxml2_free(entity.pointee.content)
    entity.deinitialize(count: 1)
    entity.deallocate()
}

/// A generic error handler that drops the message.
///
/// libxml2's `xmlGenericErrorFunc` is variadic (`void (*)(void *, const char *, ...)`), which
/// Swift cannot declare, so it is imported as an opaque pointer. A C function that takes only
/// the fixed arguments and ignores the rest is safe to call that way on the platforms Swift
/// supports (the variadic arguments are simply never read).
private var ignoreGenericError: OpaquePointer {
    let ignore: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void = { _, _ in }
    return unsafeBitCast(ignore, to: OpaquePointer.self)
}

/// Bytes for `XMLEventReader(source:name:)`: a document that is not a plain file.
public protocol XMLByteSource: AnyObject {
    /// Fills up to `count` bytes at `buffer`; returns how many (0 at the end), or -1 on a read error.
    func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) -> Int
}

/// A plain file, read with `read(2)`.
private final class FileInput: XMLByteSource {
    private let fd: Int32

    init?(path: String) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return nil }
    }

    deinit { close(fd) }

    func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        while true {
            let n = read(fd, buffer, count)
            if n >= 0 || errno != EINTR { return n }
        }
    }
}
