import Foundation
import VerbatimCore
import VerbatimPipeline
import VerbatimText

/// `verbatim classify`'s lines on their way to standard output: analysed a window at a time, so that an
/// undetermined line can take the language of the lines read so far (`LanguageContext`); a window ends after
/// `windowLines` lines or `windowBytes` bytes, so its memory does not follow the input. A line that is not
/// analysed keeps its place (the lines before it are written first), its row neutral with why.
///
/// Rows are written as bytes: each row of the window has a buffer of its own, kept from window to window, and
/// the output is flushed every 64 KiB. (Rows built as joined strings cost ~5,000 instructions a line, about 4%
/// of what `classify` does for a line.)
struct ClassifyWindow {
    /// The most lines, and about the most bytes, analysed together.
    static let windowLines = 256
    static let windowBytes = 1 << 20

    private let analyzer: RecordAnalyzer
    /// The language `--lang` declares; nil: each line's is identified.
    private let declared: Language?
    /// Writes one record's row, with its line break, as the options ask.
    private let row: (FeedbackRecord, inout [UInt8]) -> Void
    private var context = LanguageContext()
    private var lines: [String] = []
    private var bytes = 0
    /// A window's rows in its order: a line waiting for its context is written after the others.
    private var rows = [[UInt8]](repeating: [], count: Self.windowLines)
    private var out: [UInt8] = []
    /// How many lines were set aside (not analysed).
    private(set) var linesSetAside = 0

    init(analyzer: RecordAnalyzer, declared: Language?, row: @escaping (FeedbackRecord, inout [UInt8]) -> Void) {
        self.analyzer = analyzer
        self.declared = declared
        self.row = row
        out.reserveCapacity(1 << 17)
    }

    /// One line to analyse.
    mutating func add(_ line: String) {
        lines.append(line)
        bytes += line.utf8.count
        if lines.count == Self.windowLines || bytes >= Self.windowBytes { flush() }
    }

    /// Line `number`, not analysed for `why`: said on standard error, and its row written in its place.
    mutating func setAside(line number: Int, _ why: String) {
        flush()
        let reason = "line \(number): \(why): not analysed"
        printError("verbatim: \(reason)")
        row(Self.notAnalysed(reason), &out)
        linesSetAside += 1
    }

    /// The last window, and everything not yet written.
    mutating func finish() {
        flush()
        write()
    }

    /// Analyses the window's lines and adds their rows to the output, in their order.
    private mutating func flush() {
        let row = row
        analyzer.analyze(lines, language: declared, context: &context) { place, r in
            rows[place].removeAll(keepingCapacity: true)
            row(r, &rows[place])
        }
        for k in lines.indices {
            out.append(contentsOf: rows[k])
            if out.count > 1 << 16 { write() }
        }
        lines.removeAll(keepingCapacity: true)
        bytes = 0
    }

    /// Writes the output so far to standard output.
    private mutating func write() {
        if !out.isEmpty { FileHandle.standardOutput.write(Data(out)) }
        out.removeAll(keepingCapacity: true)
    }

    /// The row of a line that was not analysed: neutral, undetermined, with why as its evidence.
    static func notAnalysed(_ reason: String) -> FeedbackRecord {
        var r = FeedbackRecord(id: "-", provenance: Provenance(file: "-", line: 0), text: "")
        r.sentiment = SentimentResult(score: 0, label: .neutral, evidence: [], clauseScores: [], reason: reason)
        return r
    }
}
