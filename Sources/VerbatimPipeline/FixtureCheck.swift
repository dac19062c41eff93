import Foundation

/// Compares a run's output folder with the pinned expected files
/// (`fixtures/expected/`), for `verbatim check`.
public struct FixtureCheck {
    /// One file that differs.
    public struct Difference: Sendable {
        public var file: String
        /// A unified diff, or a sentence when the file is missing on one side.
        public var detail: String
    }

    public let expected: URL

    public init(expected: URL) { self.expected = expected }

    /// Differences between `actual` and the expected folder, for the report files named.
    public func compare(actual: URL, files: [String]) -> [Difference] {
        var out: [Difference] = []
        for name in files.sorted() {
            let e = expected.appendingPathComponent(name), a = actual.appendingPathComponent(name)
            let eData = FileManager.default.contents(atPath: e.path)
            let aData = FileManager.default.contents(atPath: a.path)
            switch (eData, aData) {
            case (nil, nil): continue
            case (nil, _): out.append(Difference(file: name, detail: "not pinned: \(e.path) does not exist (run `verbatim check --update` to pin it)"))
            case (_, nil): out.append(Difference(file: name, detail: "the run did not write \(name)"))
            case let (ed?, ad?):
                if ed == ad { continue }
                // A damaged or overwritten pin is said so, not diffed byte by byte onto the terminal.
                guard let es = Self.text(ed) else {
                    out.append(Difference(file: name, detail: "\(e.path) is not UTF-8 text (\(ed.count) bytes), so it is no pinned report: "
                                          + "run `verbatim check --update` to pin it again"))
                    continue
                }
                let as_ = String(decoding: ad, as: UTF8.self)
                var diff = LineDiff.unified(expected: es, actual: as_, expectedName: "expected/\(name)", actualName: "actual/\(name)")
                if diff.isEmpty { diff = "files differ in bytes that are not visible line by line (line ends or BOM)" }
                out.append(Difference(file: name, detail: diff))
            }
        }
        return out
    }

    /// The file's text, byte-order mark kept (as the run's side keeps it), or nil when it is not UTF-8 or
    /// holds a NUL byte (what no report writes).
    static func text(_ data: Data) -> String? {
        guard !data.contains(0) else { return nil }
        return String(validating: data, as: UTF8.self)
    }

    /// Copies the named files from `actual` over the expected ones.
    public func update(from actual: URL, files: [String]) throws {
        try FileManager.default.createDirectory(at: expected, withIntermediateDirectories: true)
        for name in files {
            let src = actual.appendingPathComponent(name), dst = expected.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: src.path) else { continue }
            try data.write(to: dst, options: .atomic)
        }
    }
}
