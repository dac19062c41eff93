import VerbatimIngest

/// The source options the fuzzers read each input with, picked by the input's length.
///
/// Shared with the fuzzers (`Tests/Fuzz/Sources/FuzzSupport/FuzzVariants.swift` is a link to
/// this file), so a regression test replays a crashing input under every variant a fuzzer
/// could have used.
public enum FuzzVariants {
    /// CSV: plain `.csv`, `.txt` (read only when it sniffs as delimited), `.tsv`, a tiny
    /// record limit (the overflow paths), and each encoding declared instead of detected.
    public static let csv: [(ext: String, options: SourceOptions)] = [
        ("csv", SourceOptions()),
        ("txt", SourceOptions()),
        ("tsv", SourceOptions()),
        ("csv", SourceOptions(maxRecordBytes: 64)),
        ("csv", SourceOptions(delimiter: UInt8(ascii: ";"), encoding: .utf16BE)),
        ("csv", SourceOptions(encoding: .utf16LE, columns: [.text: "b"])),
        ("csv", SourceOptions(encoding: .windows1251, maxRecordBytes: 300)),
        ("txt", SourceOptions(delimiter: UInt8(ascii: "|"), encoding: .utf8)),
    ]

    /// XML: record element detected, named with field paths (attributes, nested elements),
    /// and a tiny record limit (the overflow paths).
    public static let xml: [SourceOptions] = [
        SourceOptions(),
        SourceOptions(xmlRecord: "item", xmlFields: [.text: "b", .employee: "h/name", .date: "@ts", .id: "./id"]),
        SourceOptions(maxRecordBytes: 48),
    ]

    /// JSON: aliases only, dotted paths named, and a tiny record limit.
    public static let json: [SourceOptions] = [
        SourceOptions(),
        SourceOptions(columns: [.text: "body.content", .employee: "agent.name", .date: "meta.at"]),
        SourceOptions(maxRecordBytes: 48),
    ]
}
