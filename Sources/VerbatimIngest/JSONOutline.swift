/// A bounded outline of a JSON document, built as its bytes arrive: every array cut to its first
/// element and every string to its first `stringBytes` bytes, still valid JSON.
///
/// A document that holds its records deeper than its top object (VK's `{"response": {"count": …,
/// "items": [{…}, …]}}`) is read whole to find where they stand (`JSONRecordReader.RecordState.recordsPath`).
/// Past `limit` bytes (`max_record_bytes`) it cannot be: its outline, a few kilobytes whatever the
/// number of records, answers the same question, and the file is then read again along the path found.
struct JSONOutline {
    /// How much of each string is kept: a key whole, enough of a value to see that it is text.
    static let stringBytes = 256

    let limit: Int
    private(set) var bytes: [UInt8] = []
    /// The outline outgrew `limit` (a document of one huge object, not of records): it is no answer.
    private(set) var overflow = false

    /// The open arrays and objects, outermost first: for an array, how many elements it has begun.
    private var frames: [(isArray: Bool, elements: Int)] = []
    /// An array whose element in progress comes after its first expects one (after `[` or `,`).
    private var expectingElement = false
    /// The index in `frames` of the outermost array in its second element or later: nothing is kept
    /// until it closes.
    private var dropFrom: Int?
    private var inString = false
    /// In a string: the byte after a backslash, and the hex digits of a `\u` escape still to come.
    private var escaped = false
    private var hexLeft = 0
    private var stringKept = 0
    private var stringCut = false

    init(limit: Int) { self.limit = limit }

    mutating func add(_ b: UInt8) {
        guard !overflow else { return }
        if inString { return stringByte(b) }
        let q = UInt8(ascii: "\""), ws = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
        if ws { return }
        if let top = frames.last, top.isArray {
            if b == UInt8(ascii: ",") { expectingElement = true; return }
            if b == UInt8(ascii: "]") { return close() }
            if expectingElement { beginElement() }
        }
        switch b {
        case q:
            inString = true
            escaped = false
            hexLeft = 0
            stringKept = 0
            stringCut = false
            keep(b)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            keep(b)
            frames.append((b == UInt8(ascii: "["), 0))
            expectingElement = b == UInt8(ascii: "[")
        case UInt8(ascii: "}"): close()
        default: keep(b)
        }
    }

    /// A byte inside a string: kept up to `stringBytes`, then cut where no escape or UTF-8 sequence is
    /// open, and the closing quote kept.
    private mutating func stringByte(_ b: UInt8) {
        if escaped {
            escaped = false
            if b == UInt8(ascii: "u") { hexLeft = 4 }
            return keepInString(b)
        }
        if hexLeft > 0 { hexLeft -= 1; return keepInString(b) }
        if b == UInt8(ascii: "\"") { inString = false; return keep(b) }
        if stringKept >= Self.stringBytes, b & 0xC0 != 0x80 { stringCut = true }
        if b == UInt8(ascii: "\\") { escaped = true }
        keepInString(b)
    }

    private mutating func keepInString(_ b: UInt8) {
        guard !stringCut else { return }
        stringKept += 1
        keep(b)
    }

    /// An array's next element begins: its first is kept, the rest are not.
    private mutating func beginElement() {
        expectingElement = false
        let k = frames.count - 1
        frames[k].elements += 1
        if frames[k].elements == 2, dropFrom == nil { dropFrom = k }
    }

    private mutating func close() {
        guard !frames.isEmpty else { return overflow = true }
        let k = frames.count - 1
        let closing = frames[k].isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")
        frames.removeLast()
        expectingElement = false
        if dropFrom == k { dropFrom = nil }
        keep(closing)
    }

    private mutating func keep(_ b: UInt8) {
        guard dropFrom == nil else { return }
        guard bytes.count < limit else { overflow = true; bytes = []; return }
        bytes.append(b)
    }
}
