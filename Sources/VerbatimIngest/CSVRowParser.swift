/// An RFC 4180 state machine over UTF-8 bytes, fed chunk by chunk.
///
/// Emits one `Row` per record with the line it started on. Counts lines the
/// way editors do (CRLF, LF and CR each end one line), skips empty lines,
/// and caps a record at `maxRecordBytes`: every byte of the record counts,
/// delimiters included, so neither one huge field nor millions of empty
/// ones can grow memory past the cap. The rest of an overlong record is
/// skipped and the row carries `.tooLong`; likewise a record of more than
/// `maxFields` fields carries `.tooManyFields`.
///
/// A record's fields are kept end to end in one byte buffer, reused from
/// record to record, and runs of ordinary bytes (everything but the
/// delimiter, quotes and line ends) are copied at once: no allocation per
/// field or per byte.
struct CSVRowParser {
    /// One record: its fields' bytes end to end, and where each field ends.
    ///
    /// Handed to `onRow` for the duration of the call; copy what must outlive it.
    struct Row {
        var bytes: [UInt8]
        var ends: [Int]
        var line: Int
        var problem: RowProblem?

        /// Number of fields.
        var count: Int { ends.count }
        /// Byte range of field `i` in `bytes`.
        func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }
        /// The fields as slices (for tests and rejects; the reader works on `bytes` directly).
        var fields: [ArraySlice<UInt8>] { (0..<count).map { bytes[range($0)] } }
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    let delimiter: UInt8
    let maxRecordBytes: Int
    /// No export has this many columns; a row that does is damaged.
    static let maxFields = 10_000
    private(set) var line = 1
    private var state = State.fieldStart
    /// The current record's kept bytes: its finished fields, then the field being read.
    private var bytes: [UInt8] = []
    /// End offsets in `bytes` of the finished fields.
    private var ends: [Int] = []
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

    private static let quote: UInt8 = 0x22
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    private mutating func append(_ b: UInt8) {
        recordBytes += 1
        if recordBytes > maxRecordBytes, limitHit == nil { limitHit = .tooLong(limit: maxRecordBytes) }
        if limitHit == nil { bytes.append(b) }
    }

    /// `append` for each byte of `run`, at once.
    private mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        let before = recordBytes
        recordBytes += run.count
        guard limitHit == nil else { return }
        if recordBytes > maxRecordBytes {
            limitHit = .tooLong(limit: maxRecordBytes)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: run.prefix(max(0, maxRecordBytes - before))))
        } else {
            bytes.append(contentsOf: run)
        }
    }

    private mutating func endField() {
        // A delimiter is a byte of the record too; past the cap, fields are no longer kept.
        recordBytes += 1
        if recordBytes > maxRecordBytes, limitHit == nil { limitHit = .tooLong(limit: maxRecordBytes) }
        if ends.count >= Self.maxFields, limitHit == nil { limitHit = .tooManyFields(limit: Self.maxFields) }
        if limitHit == nil || ends.isEmpty {
            ends.append(bytes.count)
        } else {
            bytes.removeLast(bytes.count - (ends.last ?? 0))
        }
    }

    private mutating func endRecord(onRow: (Row) -> Void) {
        endField()
        let empty = ends.count == 1 && ends[0] == 0 && !sawQuote
        if !empty {
            emit(problem: limitHit, onRow: onRow)
        }
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        recordBytes = 0
        limitHit = nil
        sawQuote = false
        state = .fieldStart
    }

    /// Lends the record's buffers to `onRow` as a `Row`, and takes them back unshared.
    private mutating func emit(problem: RowProblem?, onRow: (Row) -> Void) {
        var row = Row(bytes: [], ends: [], line: recordLine, problem: problem)
        swap(&row.bytes, &bytes)
        swap(&row.ends, &ends)
        onRow(row)
        swap(&row.bytes, &bytes)
        swap(&row.ends, &ends)
    }

    mutating func feed(_ input: UnsafeBufferPointer<UInt8>, onRow: (Row) -> Void) {
        let n = input.count
        var i = 0
        while i < n {
            let b = input[i]
            // Line accounting: CR, LF, or CRLF is one line end.
            if b == Self.lf && lastWasCR { lastWasCR = false; i += 1; continue }
            // Runs of ordinary bytes inside a field are copied in one go.
            if state == .unquoted, b != delimiter, b != Self.lf, b != Self.cr {
                let j = Self.firstOf(delimiter, Self.lf, Self.cr, in: input, from: i + 1)
                append(UnsafeBufferPointer(rebasing: input[i..<j]))
                lastWasCR = false
                i = j
                continue
            }
            if state == .quoted, b != Self.quote, b != Self.lf, b != Self.cr {
                let j = Self.firstOf(Self.quote, Self.lf, Self.cr, in: input, from: i + 1)
                append(UnsafeBufferPointer(rebasing: input[i..<j]))
                lastWasCR = false
                i = j
                continue
            }
            i += 1
            let isNewline = b == Self.lf || b == Self.cr
            lastWasCR = b == Self.cr
            switch state {
            case .fieldStart:
                if b == Self.quote { state = .quoted; sawQuote = true }
                else if b == delimiter { endField() }
                else if isNewline { line += 1; endRecord(onRow: onRow); recordLine = line }
                else { append(b); state = .unquoted }
            case .unquoted:
                if b == delimiter { endField(); state = .fieldStart }
                else if isNewline { line += 1; endRecord(onRow: onRow); recordLine = line }
                else { append(b) }
            case .quoted:
                if b == Self.quote { state = .quoteInQuoted }
                else {
                    if isNewline { line += 1; append(Self.lf) } else { append(b) }
                }
            case .quoteInQuoted:
                if b == Self.quote { append(Self.quote); state = .quoted }
                else if b == delimiter { endField(); state = .fieldStart }
                else if isNewline { line += 1; endRecord(onRow: onRow); recordLine = line }
                else { append(b); state = .unquoted }  // lenient: text after a closing quote
            }
        }
    }

    /// The index of the first of `a`, `b` or `c` in `input` from `start`, or `input.count`.
    ///
    /// Eight bytes at a time: a byte of `word ^ x` is zero where `word` has `x`, and
    /// `(v - 0x01…) & ~v & 0x80…` flags the lowest zero byte of `v` exactly (a borrow can
    /// only flag bytes above it), so the lowest flag of the three is the answer.
    @inline(__always)
    static func firstOf(_ a: UInt8, _ b: UInt8, _ c: UInt8, in input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = input.count
        var j = start
        if let base = input.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let wa = UInt64(a) &* ones, wb = UInt64(b) &* ones, wc = UInt64(c) &* ones
            while j + 8 <= n {
                let v = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                let xa = v ^ wa, xb = v ^ wb, xc = v ^ wc
                let hits = ((xa &- ones) & ~xa | (xb &- ones) & ~xb | (xc &- ones) & ~xc) & highs
                if hits != 0 { return j + hits.trailingZeroBitCount >> 3 }
                j += 8
            }
        }
        while j < n, input[j] != a, input[j] != b, input[j] != c { j += 1 }
        return j
    }

    /// Flushes the last record (a file need not end with a newline).
    mutating func finish(onRow: (Row) -> Void) {
        if state == .quoted {
            endField()
            emit(problem: .unterminatedQuote, onRow: onRow)
            bytes.removeAll()
            ends.removeAll()
            return
        }
        if state == .fieldStart && ends.isEmpty && bytes.isEmpty { return }
        endRecord(onRow: onRow)
    }
}
