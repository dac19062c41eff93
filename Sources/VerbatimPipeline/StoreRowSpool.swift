import Foundation
import VerbatimCore
import VerbatimStore

/// A file's records for the history store, spooled to disk while files are
/// processed in parallel, then streamed back one record at a time when the
/// run writes the store (so a file's records are never all in memory).
///
/// One record per line, fields separated by TAB; `\`, TAB, CR and LF in a
/// field are escaped (`\\`, `\t`, `\r`, `\n`), a missing value is `\N`.
/// Written and read as bytes: a field may begin with a combining mark, which
/// would join a TAB into one `Character`.
struct StoreRowSpool {
    let url: URL
    private var buffer: [UInt8] = []
    private var handle: FileHandle?

    init(url: URL) {
        self.url = url
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try? FileHandle(forWritingTo: url)
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    static let flushSize = 1 << 16
    static let tab = UInt8(ascii: "\t")

    mutating func append(_ r: FeedbackRecord) {
        Self.appendField(r.id, to: &buffer)
        buffer.append(Self.tab)
        buffer.append(contentsOf: String(r.provenance.line).utf8)
        buffer.append(Self.tab)
        Self.appendField(r.date, to: &buffer)
        buffer.append(Self.tab)
        Self.appendField(r.employee, to: &buffer)
        buffer.append(Self.tab)
        Self.appendField(r.channel, to: &buffer)
        buffer.append(Self.tab)
        Self.appendField(r.language.rawValue, to: &buffer)
        buffer.append(Self.tab)
        buffer.append(contentsOf: (r.sentiment?.label ?? .neutral).rawValue.utf8)
        buffer.append(Self.tab)
        buffer.append(contentsOf: String(r.sentiment?.score ?? 0).utf8)
        buffer.append(Self.tab)
        if let rating = r.rating { buffer.append(contentsOf: String(rating).utf8) } else { buffer.append(contentsOf: Self.null) }
        buffer.append(Self.tab)
        for (i, t) in r.themes.enumerated() {
            if i > 0 { buffer.append(Self.recordSeparator) }
            Self.appendField(t.theme, to: &buffer)
            buffer.append(Self.unitSeparator)
            buffer.append(contentsOf: t.polarity.rawValue.utf8)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count > Self.flushSize { flush() }
    }

    mutating func close() {
        flush()
        try? handle?.close()
        handle = nil
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        try? handle?.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// The records of a spool file, in the order they were appended (all in memory; see `records(_:)`).
    static func read(_ url: URL) -> [StoredRecord] { Array(records(url)) }

    /// The records of a spool file, in the order they were appended, read in chunks as they are iterated.
    static func records(_ url: URL) -> Records { Records(url: url) }

    /// The records of a spool file as a sequence that reads the file as it goes.
    struct Records: Sequence {
        let url: URL
        func makeIterator() -> Iterator { Iterator(handle: FileHandle(forReadingAtPath: url.path)) }

        struct Iterator: IteratorProtocol {
            let handle: FileHandle?
            /// Bytes read and not yet parsed start at `start`.
            private var chunk: [UInt8] = []
            private var start = 0
            private var ended = false

            init(handle: FileHandle?) { self.handle = handle }

            mutating func next() -> StoredRecord? {
                while true {
                    if let nl = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
                        let line = start..<nl
                        start = nl + 1
                        if line.isEmpty { continue }
                        if let r = chunk.withUnsafeBufferPointer({ StoreRowSpool.parse(UnsafeBufferPointer(rebasing: $0[line])) }) { return r }
                        continue
                    }
                    if ended {
                        // A last line without its newline (never written so, but read like the split it replaces).
                        guard start < chunk.count else { try? handle?.close(); return nil }
                        let line = start..<chunk.count
                        start = chunk.count
                        if let r = chunk.withUnsafeBufferPointer({ StoreRowSpool.parse(UnsafeBufferPointer(rebasing: $0[line])) }) { return r }
                        continue
                    }
                    chunk.removeSubrange(0..<start)
                    start = 0
                    let more = (try? handle?.read(upToCount: 1 << 20)) ?? nil
                    if let more, !more.isEmpty { chunk.append(contentsOf: more) } else { ended = true }
                }
            }
        }
    }

    /// One spool line into a record; nil when it is damaged (a line with the wrong fields).
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> StoredRecord? {
        var f: [UnsafeBufferPointer<UInt8>] = []
        f.reserveCapacity(10)
        var s = 0
        for i in line.indices where line[i] == tab {
            f.append(UnsafeBufferPointer(rebasing: line[s..<i]))
            s = i + 1
        }
        f.append(UnsafeBufferPointer(rebasing: line[s...]))
        guard f.count == 10, let id = field(f[0]), let lineNo = field(f[1]).flatMap({ Int($0) }), let language = field(f[5]),
              let label = field(f[6]).flatMap(SentimentLabel.init(rawValue:)), let score = field(f[7]).flatMap({ Double($0) }) else { return nil }
        var themes: [String: SentimentLabel] = [:]
        if let all = field(f[9]) {
            for pair in all.utf8.split(separator: recordSeparator) {
                let parts = pair.split(separator: unitSeparator)
                if parts.count == 2, let p = SentimentLabel(rawValue: String(decoding: parts[1], as: UTF8.self)) {
                    themes[String(decoding: parts[0], as: UTF8.self)] = p
                }
            }
        }
        return StoredRecord(recordId: id, line: lineNo, date: field(f[2]), employee: field(f[3]), channel: field(f[4]), language: language,
                            label: label, score: score, rating: field(f[8]).flatMap { Double($0) }, themes: themes)
    }

    static let null: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "N")]
    static let recordSeparator: UInt8 = 0x1E
    static let unitSeparator: UInt8 = 0x1F

    /// A field's value: nil for `\N`, else the unescaped text.
    static func field(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        if b.count == 2, b[0] == UInt8(ascii: "\\"), b[1] == UInt8(ascii: "N") { return nil }
        guard b.contains(UInt8(ascii: "\\")) else { return String(decoding: b, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var escaped = false
        for c in b {
            if escaped {
                switch c {
                case UInt8(ascii: "t"): out.append(tab)
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                default: out.append(c)
                }
                escaped = false
            } else if c == UInt8(ascii: "\\") {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` escaped, or `\N` for nil.
    static func appendField(_ s: String?, to out: inout [UInt8]) {
        guard let s else { out.append(contentsOf: null); return }
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
            case tab: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            default: out.append(c)
            }
        }
    }
}
