/// Cuts a JSON export into its records as bytes arrive, without holding more than one.
///
/// Three shapes: a top-level array (`[{…}, {…}]`, pretty-printed or not), whose elements are
/// found by tracking strings, escapes and nesting depth; NDJSON, one value per line; and a
/// document, an object whose records are the elements of its first member that is an array of
/// objects (`{"meta": {…}, "data": [{…}, {…}]}`, as APIs and listening tools answer), or of the
/// array at a path of members given (`response.items`, found by the reader in a document read
/// whole: `JSONRecordReader`), or the object itself when it has none.
/// Each element is handed on with the line it starts on, to be parsed on its own
/// (`JSONRecordReader`), so a bad record is one reject and memory is bounded by the
/// largest record (`limit`). Only the array's own punctuation is checked here: anything
/// else out of place ends the file with a structure error and its line.
struct JSONElementScanner {
    enum Event {
        /// One element's bytes (an object, or any other value, which the reader rejects).
        case element([UInt8], line: Int)
        /// An element longer than `limit` bytes, skipped.
        case tooLong(line: Int)
        /// The array's punctuation is broken: reading stops here.
        case structure(String, line: Int)
        /// A document's records are the elements of its member `key`.
        case records(key: String, line: Int)
        /// A document too long to hand on whole, with no array of records in its top object: its outline
        /// (`JSONOutline`), to look for the records deeper and read the file again along their path.
        case outline([UInt8])
    }

    enum Shape { case array, lines, document }
    private enum State { case start, expectFirst, expectValue, inValue, afterValue, done, failed }

    /// Where a document's walk stands, outside the array of records.
    private enum DocumentState { case start, beforeKey, inKey, afterKey, beforeValue, peekArray, skipValue, inRecords, afterMember, done }
    private var document: DocumentState = .start
    /// The member's key being read, and the member whose array holds the records once found.
    private var key: [UInt8] = []
    private var recordsKey: String?
    /// The members leading to the array of records (`["response", "items"]`); nil: a member of the top object.
    let path: [String]?
    /// How many objects below the top one the walk stands (along `path`).
    private var level = 0
    /// A skipped value's nesting, and whether it is a bare value (a number, a literal).
    private var skipDepth = 0
    private var skipScalar = false
    /// The whole document, up to `limit`: the one record when it holds no array of objects.
    private var whole: [UInt8] = []
    private var wholeOverflow = false
    /// The document's outline, while no path is given and no array of records is found.
    private var outline: JSONOutline

    let shape: Shape
    let limit: Int
    private var state: State = .start
    private(set) var line = 1
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// The element in progress is a bare value (number, string, literal), not an object or array.
    private var scalar = false
    private var buffer: [UInt8] = []
    private var valueLine = 0
    private var overflow = false

    init(shape: Shape, limit: Int, path: [String]? = nil) {
        self.shape = shape
        self.limit = limit
        self.path = path
        outline = JSONOutline(limit: limit)
        if shape == .lines { state = .expectValue }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ on: (Event) -> Void) {
        for b in bytes {
            if state == .failed { return }
            switch shape {
            case .lines: lineByte(b, on)
            case .array: array(b, on)
            case .document:
                if recordsKey == nil {
                    if !wholeOverflow {
                        if whole.count >= limit { wholeOverflow = true; whole = [] } else { whole.append(b) }
                    }
                    if path == nil { outline.add(b) }
                }
                documentByte(b, on)
            }
            if b == 0x0A { line += 1 }
        }
    }

    /// The input ended: the last line, or the check that the array was closed.
    mutating func finish(_ on: (Event) -> Void) {
        switch shape {
        case .lines:
            if state == .inValue { endValue(on) }
        case .array:
            switch state {
            case .done, .failed: break
            case .start: on(.structure("the file holds no JSON", line: line))
            default: on(.structure("the array is never closed with ']' (a truncated export?)", line: line))
            }
        case .document:
            guard state != .failed else { return }
            if document == .inRecords { return finishArrayInDocument(on) }
            guard document == .done else { return on(.structure("the JSON object is never closed with '}' (a truncated export?)", line: line)) }
            // No member is an array of objects: the document is one record.
            guard recordsKey == nil else { return }
            if !wholeOverflow {
                on(.element(whole, line: 1))
            } else if path == nil, !outline.overflow {
                on(.outline(outline.bytes))
            } else {
                on(.tooLong(line: 1))
            }
        }
    }

    private mutating func finishArrayInDocument(_ on: (Event) -> Void) {
        on(.structure("the array '\(recordsKey ?? "")' is never closed with ']' (a truncated export?)", line: line))
    }

    // MARK: Document

    private mutating func documentByte(_ b: UInt8, _ on: (Event) -> Void) {
        switch document {
        case .start:
            if Self.isSpace(b) || b == 0xEF || b == 0xBB || b == 0xBF { return }
            guard b == UInt8(ascii: "{") else { return fail("expected '{' at the start of a JSON object", on) }
            document = .beforeKey
        case .beforeKey:
            if Self.isSpace(b) { return }
            if b == UInt8(ascii: "}") { return closeObject() }
            guard b == UInt8(ascii: "\"") else { return fail("expected a member's name in quotes", on) }
            key.removeAll(keepingCapacity: true)
            escaped = false
            document = .inKey
        case .inKey:
            if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { document = .afterKey; return }
            if key.count < 256 { key.append(b) }
        case .afterKey:
            if Self.isSpace(b) { return }
            guard b == UInt8(ascii: ":") else { return fail("expected ':' after a member's name", on) }
            document = .beforeValue
        case .beforeValue:
            if Self.isSpace(b) { return }
            if recordsKey == nil, let path, level < path.count - 1, b == UInt8(ascii: "{"), keyIs(path[level]) {
                // One member further along the path to the records.
                level += 1
                document = .beforeKey
                return
            }
            if b == UInt8(ascii: "["), recordsKey == nil, path.map({ level == $0.count - 1 && keyIs($0[level]) }) ?? true {
                document = .peekArray
                return
            }
            startSkipping(b)
        case .peekArray:
            if Self.isSpace(b) { return }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "]") {
                // The records: this array's elements, read as a top-level array's are.
                recordsKey = path?.joined(separator: ".") ?? String(decoding: key, as: UTF8.self)
                whole = []
                on(.records(key: recordsKey!, line: line))
                document = .inRecords
                state = .expectFirst
                array(b, on)
                if state == .done { document = .afterMember }
                return
            }
            // An array of something else (tags, numbers): skipped, already one level in.
            skipDepth = 1
            skipScalar = false
            inString = false
            document = .skipValue
            skip(b, on)
        case .inRecords:
            array(b, on)
            if state == .done { document = .afterMember }
        case .skipValue:
            skip(b, on)
        case .afterMember:
            if Self.isSpace(b) { return }
            if b == UInt8(ascii: ",") { document = .beforeKey } else if b == UInt8(ascii: "}") { closeObject() } else {
                fail("expected ',' or '}' after a member", on)
            }
        case .done:
            if !Self.isSpace(b) { fail("more content after the object's closing '}'", on) }
        }
    }

    /// A `}`: the end of an object entered along `path` (its parent's member ends), or of the document.
    private mutating func closeObject() {
        if level > 0 {
            level -= 1
            document = .afterMember
        } else {
            document = .done
        }
    }

    /// Whether the member's key being read is `name` (as written: no escapes).
    private func keyIs(_ name: String) -> Bool { key.elementsEqual(name.utf8) }

    /// Starts skipping a member's value whose first byte is `b`.
    private mutating func startSkipping(_ b: UInt8) {
        skipDepth = 0
        inString = false
        escaped = false
        skipScalar = b != UInt8(ascii: "{") && b != UInt8(ascii: "[") && b != UInt8(ascii: "\"")
        document = .skipValue
        if b == UInt8(ascii: "\"") { inString = true } else if !skipScalar { skipDepth = 1 }
    }

    /// A byte of a skipped value; past its end, the member's end.
    private mutating func skip(_ b: UInt8, _ on: (Event) -> Void) {
        if inString {
            if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") {
                inString = false
                if skipDepth == 0 { document = .afterMember }
            }
            return
        }
        if skipScalar {
            guard b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || Self.isSpace(b) else { return }
            document = .afterMember
            documentByte(b, on)
            return
        }
        switch b {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): skipDepth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            skipDepth -= 1
            if skipDepth == 0 { document = .afterMember }
        default: break
        }
    }

    // MARK: NDJSON

    private mutating func lineByte(_ b: UInt8, _ on: (Event) -> Void) {
        if b == 0x0A {
            if state == .inValue { endValue(on) }
            return
        }
        if state != .inValue {
            if Self.isSpace(b) { return }
            begin()
        }
        append(b)
    }

    // MARK: Array

    private mutating func array(_ b: UInt8, _ on: (Event) -> Void) {
        switch state {
        case .start:
            if Self.isSpace(b) || b == 0xEF || b == 0xBB || b == 0xBF { return }  // white space, a UTF-8 byte-order mark
            guard b == UInt8(ascii: "[") else { return fail("expected '[' at the start of a JSON array", on) }
            state = .expectFirst
        case .expectFirst, .expectValue:
            if Self.isSpace(b) { return }
            if b == UInt8(ascii: "]"), state == .expectFirst { state = .done; return }
            guard b != UInt8(ascii: ","), b != UInt8(ascii: "]") else { return fail("a value is missing between commas", on) }
            begin()
            scalar = b != UInt8(ascii: "{") && b != UInt8(ascii: "[")
            valueByte(b, on)
        case .inValue:
            valueByte(b, on)
        case .afterValue:
            if Self.isSpace(b) { return }
            if b == UInt8(ascii: ",") { state = .expectValue } else if b == UInt8(ascii: "]") { state = .done } else {
                fail("expected ',' or ']' after an element", on)
            }
        case .done:
            if !Self.isSpace(b) { fail("more content after the array's closing ']'", on) }
        case .failed:
            return
        }
    }

    private mutating func valueByte(_ b: UInt8, _ on: (Event) -> Void) {
        if scalar, !inString, b == UInt8(ascii: ",") || b == UInt8(ascii: "]") || Self.isSpace(b) {
            endValue(on)
            state = .afterValue
            array(b, on)
            return
        }
        append(b)
        if inString {
            if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            return
        }
        switch b {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
            if depth == 0, !scalar { endValue(on); state = .afterValue }
        default: break
        }
    }

    // MARK: Elements

    private mutating func begin() {
        state = .inValue
        valueLine = line
        buffer.removeAll(keepingCapacity: true)
        overflow = false
        depth = 0
        inString = false
        escaped = false
    }

    private mutating func append(_ b: UInt8) {
        guard !overflow else { return }
        if buffer.count >= limit { overflow = true; buffer.removeAll(); return }
        buffer.append(b)
    }

    private mutating func endValue(_ on: (Event) -> Void) {
        on(overflow ? .tooLong(line: valueLine) : .element(buffer, line: valueLine))
        buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
        state = shape == .lines ? .expectValue : .afterValue
    }

    private mutating func fail(_ message: String, _ on: (Event) -> Void) {
        state = .failed
        on(.structure(message, line: line))
    }
}
