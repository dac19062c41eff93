/// An RFC 4180 state machine over UTF-8 bytes, fed chunk by chunk.
///
/// Emits one `Row` per record with the line it started on. Counts lines the
/// way editors do (CRLF, LF and CR each end one line), skips empty lines,
/// and caps a record at `maxRecordBytes`: every byte of the record counts,
/// delimiters included, so neither one huge field nor millions of empty
/// ones can grow memory past the cap. The rest of an overlong record is
/// skipped and the row carries `.tooLong`; likewise a record of more than
/// `maxFields` fields carries `.tooManyFields`.
struct CSVRowParser {
    struct Row {
        var fields: [[UInt8]]
        var line: Int
        var problem: RowProblem?
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    let delimiter: UInt8
    let maxRecordBytes: Int
    /// No export has this many columns; a row that does is damaged.
    static let maxFields = 10_000
    private(set) var line = 1
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [[UInt8]] = []
    private var recordLine = 1
    private var recordBytes = 0
    /// The first limit the current record went past; from then on nothing more of it is kept.
    private var limitHit: RowProblem?
    private var lastWasCR = false
    private var sawQuote = false

    init(delimiter: UInt8, maxRecordBytes: Int) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    private mutating func append(_ b: UInt8) {
        recordBytes += 1
        if recordBytes > maxRecordBytes, limitHit == nil { limitHit = .tooLong(limit: maxRecordBytes) }
        if limitHit == nil { field.append(b) }
    }

    private mutating func endField() {
        // A delimiter is a byte of the record too; past the cap, fields are no longer kept.
        recordBytes += 1
        if recordBytes > maxRecordBytes, limitHit == nil { limitHit = .tooLong(limit: maxRecordBytes) }
        if fields.count >= Self.maxFields, limitHit == nil { limitHit = .tooManyFields(limit: Self.maxFields) }
        if limitHit == nil || fields.isEmpty { fields.append(field) }
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(onRow: (Row) -> Void) {
        endField()
        let empty = fields.count == 1 && fields[0].isEmpty && !sawQuote
        if !empty {
            onRow(Row(fields: fields, line: recordLine, problem: limitHit))
        }
        fields.removeAll(keepingCapacity: true)
        recordBytes = 0
        limitHit = nil
        sawQuote = false
        state = .fieldStart
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, onRow: (Row) -> Void) {
        for b in bytes {
            // Line accounting: CR, LF, or CRLF is one line end.
            let isNewline = b == 0x0A || b == 0x0D
            if b == 0x0A && lastWasCR { lastWasCR = false; continue }
            lastWasCR = b == 0x0D
            switch state {
            case .fieldStart:
                if b == 0x22 { state = .quoted; sawQuote = true }
                else if b == delimiter { endField() }
                else if isNewline { line += 1; endRecord(onRow: onRow); recordLine = line }
                else { append(b); state = .unquoted }
            case .unquoted:
                if b == delimiter { endField(); state = .fieldStart }
                else if isNewline { line += 1; endRecord(onRow: onRow); recordLine = line }
                else { append(b) }
            case .quoted:
                if b == 0x22 { state = .quoteInQuoted }
                else {
                    if isNewline { line += 1; append(0x0A) } else { append(b) }
                }
            case .quoteInQuoted:
                if b == 0x22 { append(0x22); state = .quoted }
                else if b == delimiter { endField(); state = .fieldStart }
                else if isNewline { line += 1; endRecord(onRow: onRow); recordLine = line }
                else { append(b); state = .unquoted }  // lenient: text after a closing quote
            }
        }
    }

    /// Flushes the last record (a file need not end with a newline).
    mutating func finish(onRow: (Row) -> Void) {
        if state == .quoted {
            endField()
            onRow(Row(fields: fields, line: recordLine, problem: .unterminatedQuote))
            fields.removeAll()
            return
        }
        if state == .fieldStart && fields.isEmpty && field.isEmpty { return }
        endRecord(onRow: onRow)
    }
}
