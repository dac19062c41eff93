internal import CLibXML2

// This module wraps libxml2 and must never import Foundation: Debian's libxml2
// headers pull in ICU, whose types clash with Foundation's own ICU module when
// both are visible in one compilation. The C module is imported `internal`, so
// no client of this module sees it.

/// A pull parser over an XML file, through libxml2's `xmlTextReader`.
///
/// Safe by construction: no network access (`XML_PARSE_NONET`), no DTD
/// loading, no entity substitution (an entity bomb fails at once), no
/// `XML_PARSE_HUGE`. CDATA is delivered as text. Memory is bounded by the
/// current node. Errors come from libxml2's structured error handler with
/// line and column, never on stderr.
public final class XMLEventReader {
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

    private let reader: xmlTextReaderPtr
    private let box = ErrorBox()
    /// Set when parsing stopped on an error.
    public private(set) var error: ParseError?
    /// The document's encoding, once known.
    public private(set) var encoding: String?

    /// Opens `path`; nil when the file cannot be opened.
    public init?(path: String) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        let context = Unmanaged.passUnretained(box).toOpaque()
        // Errors raised outside the parser's context (input conversion: "input conversion
        // failed", "encoder error", some as early as opening the file) go to libxml2's
        // per-thread handler, which prints them on stderr unless one is set. Route them to
        // this reader too; `deinit` unsets it.
        xmlSetStructuredErrorFunc(context, { keepFirstError($0, $1) })
        // A few messages ("xmlParseChunk: encoder error") bypass both handlers and go to the
        // generic one; the error itself still reaches us through the structured handlers.
        xmlSetGenericErrorFunc(nil, ignoreGenericError)
        guard let r = xmlReaderForFile(path, nil, options) else {
            Self.restoreErrorHandlers()
            return nil
        }
        reader = r
        xmlTextReaderSetStructuredErrorHandler(reader, { keepFirstError($0, $1) }, context)
    }

    /// Reads the document from `source` instead of a file (a gzip stream, a ZIP entry, a
    /// worksheet inside a workbook); `name` is only used in libxml2's messages.
    /// Nil when libxml2 cannot start a reader.
    public init?(source: any XMLByteSource, name: String) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        let context = Unmanaged.passUnretained(box).toOpaque()
        xmlSetStructuredErrorFunc(context, { keepFirstError($0, $1) })
        xmlSetGenericErrorFunc(nil, ignoreGenericError)
        // libxml2 owns one reference to the source until it calls the close callback (always, even when it fails).
        let io = Unmanaged.passRetained(SourceBox(source)).toOpaque()
        guard let r = xmlReaderForIO(readFromSource, closeSource, io, name, nil, options) else {
            Self.restoreErrorHandlers()
            return nil
        }
        reader = r
        xmlTextReaderSetStructuredErrorHandler(reader, { keepFirstError($0, $1) }, context)
    }

    deinit {
        xmlFreeTextReader(reader)
        Self.restoreErrorHandlers()
    }

    /// Puts libxml2's per-thread error handlers back to their defaults.
    private static func restoreErrorHandlers() {
        xmlSetStructuredErrorFunc(nil, nil)
        xmlSetGenericErrorFunc(nil, nil)
    }

    /// The next event, or nil at the end of the document or after an error (see `error`).
    public func next() -> Event? {
        while true {
            let r = xmlTextReaderRead(reader)
            if r != 1 || box.first != nil {
                if r < 0 || box.first != nil { error = located(box.first ?? ParseError(message: "unreadable XML", line: 0, column: 0)) }
                return nil
            }
            if encoding == nil, let enc = xmlTextReaderConstEncoding(reader) { encoding = String(cString: enc).lowercased() }
            let type = xmlTextReaderNodeType(reader)
            let depth = Int(xmlTextReaderDepth(reader))
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                // The element's own start line (the parser's line runs ahead of the reader).
                let node = xmlTextReaderCurrentNode(reader)
                let line = node.map { Int(xmlGetLineNo($0)) } ?? Int(xmlTextReaderGetParserLineNumber(reader))
                return .start(name: localName(), depth: depth, attributes: attributes(), isEmpty: isEmpty, line: line)
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                return .end(depth: depth)
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                guard let v = xmlTextReaderConstValue(reader) else { continue }
                return .text(String(cString: v))
            default:
                continue
            }
        }
    }

    /// `e`, with the parser's position when libxml2 gave none (errors raised outside the
    /// parser's context, such as input conversion, come with line 0).
    private func located(_ e: ParseError) -> ParseError {
        guard e.line < 1 || e.column < 1 else { return e }
        var located = e
        located.line = max(1, Int(xmlTextReaderGetParserLineNumber(reader)))
        located.column = max(1, Int(xmlTextReaderGetParserColumnNumber(reader)))
        return located
    }

    private func localName() -> String {
        guard let n = xmlTextReaderConstLocalName(reader) else { return "" }
        return String(cString: n)
    }

    private func attributes() -> [(name: String, value: String)] {
        var out: [(String, String)] = []
        guard xmlTextReaderHasAttributes(reader) == 1 else { return out }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            out.append((localName(), value))
        }
        xmlTextReaderMoveToElement(reader)
        return out
    }
}

/// Keeps the first error or fatal error, with its line and column, in the reader's `ErrorBox`.
///
/// A file-private function, not a member: a member whose type names libxml2's types would
/// make clients of this module load the C module (and its ICU clash with Foundation).
private func keepFirstError(_ userData: UnsafeMutableRawPointer?, _ error: UnsafePointer<xmlError>?) {
    guard let userData, let error else { return }
    let box = Unmanaged<ErrorBox>.fromOpaque(userData).takeUnretainedValue()
    guard box.first == nil else { return }
    let level = error.pointee.level
    guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
    var message = error.pointee.message.map { String(cString: $0) } ?? "XML error"
    while message.last == "\n" || message.last == " " { message.removeLast() }
    box.first = XMLEventReader.ParseError(message: message, line: Int(error.pointee.line), column: Int(error.pointee.int2))
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

/// The first error libxml2 reported for a reader.
private final class ErrorBox {
    var first: XMLEventReader.ParseError?
}

/// Bytes for `XMLEventReader(source:name:)`: a document that is not a plain file.
public protocol XMLByteSource: AnyObject {
    /// Fills up to `count` bytes at `buffer`; returns how many (0 at the end), or -1 on a read error.
    func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) -> Int
}

/// The source libxml2's I/O callbacks read from.
private final class SourceBox {
    let source: any XMLByteSource
    init(_ source: any XMLByteSource) { self.source = source }
}

/// libxml2's read callback: the next bytes of the source.
private func readFromSource(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<CChar>?, _ len: Int32) -> Int32 {
    guard let context, let buffer, len > 0 else { return -1 }
    let box = Unmanaged<SourceBox>.fromOpaque(context).takeUnretainedValue()
    return Int32(box.source.readBytes(into: UnsafeMutableRawPointer(buffer), count: Int(len)))
}

/// libxml2's close callback: drops the reference taken in `init(source:name:)`.
private func closeSource(_ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let context else { return 0 }
    Unmanaged<SourceBox>.fromOpaque(context).release()
    return 0
}
