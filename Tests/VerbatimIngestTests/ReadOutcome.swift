import VerbatimCore

/// What one read produced, and the invariants every read must keep whatever the input.
///
/// Shared with the fuzzers: `Tests/Fuzz/Sources/FuzzSupport/ReadOutcome.swift` is a link to
/// this file, so the regression tests and the fuzzers judge an outcome the same way.
public struct ReadOutcome: Sendable {
    public var records: [FeedbackRecord] = []
    public var rated: [RatedResponse] = []
    public var rejects: [Reject] = []
    /// The items set aside as no customer's feedback, in order.
    public var setAside: [NotFeedback] = []
    public var summary = FileReadSummary(file: "", format: "")

    public init() {}

    /// Collects one event from a reader.
    public mutating func add(_ event: ReadEvent) {
        switch event {
        case let .record(r): records.append(r)
        case let .rated(r): rated.append(r)
        case let .reject(j): rejects.append(j)
        case let .setAside(what): setAside.append(what)
        }
    }

    /// The invariants the outcome breaks, empty when it is consistent:
    ///
    /// - every row read was emitted once, as a record, a rated response, a reject or an item set aside:
    ///   `read` = records + rated + row rejects + set aside, and the summary counts each kind set aside;
    /// - a file error comes with exactly one whole-file reject, and only then;
    /// - `accepted` counts the records emitted, `rated` the rated responses, `rejected` the row rejects
    ///   (a file error keeps the rows read before it);
    /// - every record has text that does not start or end with a blank, an id and a line ≥ 1;
    ///   every reject a reason, a line ≥ 1 and no column < 1.
    public func problems() -> [String] {
        let s = summary
        var out: [String] = []
        let whole = rejects.filter(\.wholeFile).count
        if (s.fileError != nil) != (whole == 1) || whole > 1 { out.append("one whole-file reject iff fileError") }
        if s.read != records.count + rated.count + rejects.count - whole + setAside.count { out.append("read = records + rated + row rejects + set aside") }
        if s.notFeedback.map(\.count) != s.notFeedback.map({ c in setAside.filter { $0 == c.what }.count }) || s.setAside != setAside.count {
            out.append("the summary's set-aside counts = the items set aside")
        }
        if s.accepted != records.count || s.rated != rated.count || s.rejected != rejects.count - whole {
            out.append("accepted = records, rated = rated responses, rejected = row rejects")
        }
        let blanks: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n"]
        for r in records {
            guard let first = r.text.unicodeScalars.first, let last = r.text.unicodeScalars.last,
                  !blanks.contains(first), !blanks.contains(last), !r.id.isEmpty, r.provenance.line >= 1,
                  r.ratings.scores.allSatisfy({ $0.value.isFinite && $0.isOnScale }) else {
                out.append("record well-formed: \(r.id) line \(r.provenance.line) text \(r.text.prefix(40).debugDescription) ratings '\(r.ratings.text ?? "none")'")
                continue
            }
        }
        for r in rated where r.id.isEmpty || r.provenance.line < 1 || r.ratings.isEmpty || !r.ratings.scores.allSatisfy({ $0.value.isFinite && $0.isOnScale }) {
            out.append("rated response well-formed: \(r.id) line \(r.provenance.line)")
        }
        for j in rejects where j.reason.isEmpty || j.provenance.line < 1 || (j.provenance.column ?? 1) < 1 {
            out.append("reject well-formed: line \(j.provenance.line) column \(j.provenance.column.map(String.init) ?? "-") \(j.reason)")
        }
        return out
    }
}
