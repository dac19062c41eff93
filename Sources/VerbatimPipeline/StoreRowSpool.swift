import Foundation
import VerbatimCore
import VerbatimStore

/// A file's records for the history store, spooled to disk while files are
/// processed in parallel, then read back one file at a time when the run
/// writes the store (so only one file's records are in memory).
///
/// One record per line, fields separated by TAB; `\`, TAB, CR and LF in a
/// field are escaped (`\\`, `\t`, `\r`, `\n`), a missing value is `\N`.
struct StoreRowSpool {
    let url: URL
    private var buffer = ""
    private var handle: FileHandle?

    init(url: URL) {
        self.url = url
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try? FileHandle(forWritingTo: url)
    }

    mutating func append(_ r: FeedbackRecord) {
        let themes = r.themes.map { "\($0.theme)\u{1F}\($0.polarity.rawValue)" }.joined(separator: "\u{1E}")
        let fields: [String?] = [
            r.id, String(r.provenance.line), r.date, r.employee, r.channel, r.language.rawValue,
            (r.sentiment?.label ?? .neutral).rawValue, String(r.sentiment?.score ?? 0), r.rating.map { String($0) }, themes,
        ]
        buffer += fields.map { $0.map(Self.escape) ?? "\\N" }.joined(separator: "\t") + "\n"
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    mutating func close() {
        flush()
        try? handle?.close()
        handle = nil
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        try? handle?.write(contentsOf: Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }

    /// The records of a spool file, in the order they were appended.
    static func read(_ url: URL) -> [StoredRecord] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        var out: [StoredRecord] = []
        // Split on bytes: a field may begin with a combining mark, which would join a TAB into one Character.
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false).map { bytes -> String? in
                let s = String(decoding: bytes, as: UTF8.self)
                return s == "\\N" ? nil : unescape(s)
            }
            guard f.count == 10, let id = f[0], let lineNo = f[1].flatMap({ Int($0) }), let language = f[5],
                  let label = f[6].flatMap(SentimentLabel.init(rawValue:)), let score = f[7].flatMap({ Double($0) }) else { continue }
            var themes: [String: SentimentLabel] = [:]
            for pair in (f[9] ?? "").split(separator: "\u{1E}") {
                let parts = pair.split(separator: "\u{1F}")
                if parts.count == 2, let p = SentimentLabel(rawValue: String(parts[1])) { themes[String(parts[0])] = p }
            }
            out.append(StoredRecord(recordId: id, line: lineNo, date: f[2], employee: f[3], channel: f[4], language: language,
                                    label: label, score: score, rating: f[8].flatMap { Double($0) }, themes: themes))
        }
        return out
    }

    static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var escaped = false
        for u in s.unicodeScalars {
            if escaped {
                switch u {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(u)
                }
                escaped = false
            } else if u == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
