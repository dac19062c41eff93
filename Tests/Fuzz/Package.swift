// swift-tools-version:6.1
// Coverage-guided fuzzers (libFuzzer) for the readers and the text stages. Not part of the main build:
// build and run it on its own, see README.md in this folder.
import PackageDescription

/// Linked with the toolchain's lld: the system's gold fails on libFuzzer's objects here.
let fuzzerLinkerSettings: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"])]

let package = Package(
    name: "VerbatimFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Verbatim", path: "../.."),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The declaration of libFuzzer's driver, which each fuzzer's main.swift calls.
        .target(name: "CLibFuzzer"),
        // Writing an input to a file, running a reader over it, checking the invariants every outcome must keep.
        .target(name: "FuzzSupport", dependencies: [
            .product(name: "VerbatimIngest", package: "Verbatim"), .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // CSVRecordReader on arbitrary bytes: encoding detection, sniffing, RFC 4180, row assembly.
        .executableTarget(name: "CSVReaderFuzzer", dependencies: ["FuzzSupport", "CLibFuzzer"], linkerSettings: fuzzerLinkerSettings),
        // XMLRecordReader on arbitrary bytes, through libxml2.
        .executableTarget(name: "XMLReaderFuzzer", dependencies: ["FuzzSupport", "CLibFuzzer"], linkerSettings: fuzzerLinkerSettings),
        // HTMLTableRecordReader on arbitrary bytes: a web application's "export to Excel" (an HTML page named .xls).
        .executableTarget(name: "HTMLReaderFuzzer", dependencies: ["FuzzSupport", "CLibFuzzer"], linkerSettings: fuzzerLinkerSettings),
        // JSONRecordReader on arbitrary bytes: arrays and NDJSON, the element scanner, JSONSerialization per record.
        .executableTarget(name: "JSONReaderFuzzer", dependencies: ["FuzzSupport", "CLibFuzzer"], linkerSettings: fuzzerLinkerSettings),
        // XLSXRecordReader: arbitrary bytes as a workbook file, or as the worksheet or shared strings of a valid one.
        .executableTarget(name: "XLSXReaderFuzzer", dependencies: ["FuzzSupport", "CLibFuzzer"], linkerSettings: fuzzerLinkerSettings),
        // ODSRecordReader: arbitrary bytes as an OpenDocument spreadsheet, or as the content.xml of a valid one.
        .executableTarget(name: "ODSReaderFuzzer", dependencies: ["FuzzSupport", "CLibFuzzer"], linkerSettings: fuzzerLinkerSettings),
        // XLSRecordReader (FreeXL): arbitrary bytes as a legacy workbook, or written over a valid one.
        .executableTarget(name: "XLSReaderFuzzer", dependencies: ["FuzzSupport", "CLibFuzzer"], linkerSettings: fuzzerLinkerSettings),
        // InputReader as the runner uses it: the sniffer, gzip and ZIP around every reader.
        .executableTarget(name: "InputReaderFuzzer", dependencies: ["FuzzSupport", "CLibFuzzer"], linkerSettings: fuzzerLinkerSettings),
        // The text stages on arbitrary text, as `classify` and a run use them: normalize, language, sentiment
        // (hand-written and learned), themes, evidence as written, and personal-data masking.
        .executableTarget(name: "TextFuzzer", dependencies: [
            .product(name: "VerbatimPipeline", package: "Verbatim"), "CLibFuzzer",
        ], linkerSettings: fuzzerLinkerSettings),
        // The report writers (summary.json, report.md, report.html, the CSV tables, records.csv rows) on arbitrary
        // names and text, masked and not.
        .executableTarget(name: "ReportFuzzer", dependencies: [
            .product(name: "VerbatimPipeline", package: "Verbatim"), "CLibFuzzer",
        ], linkerSettings: fuzzerLinkerSettings),
        // Every file an analyst edits (the pipeline file, each lexicon and data file, a learned layer, the roster)
        // on arbitrary bytes, loaded as a run loads it, and the loaded data used on texts made of its own terms.
        .executableTarget(name: "DataFileFuzzer", dependencies: [
            .product(name: "VerbatimPipeline", package: "Verbatim"), "CLibFuzzer",
        ], linkerSettings: fuzzerLinkerSettings),
        // `verbatim merge` on an arbitrary partial (cut off, damaged, or not a partial), into a new history store.
        .executableTarget(name: "PartialFuzzer", dependencies: [
            .product(name: "VerbatimPipeline", package: "Verbatim"), .product(name: "Logging", package: "swift-log"), "CLibFuzzer",
        ], linkerSettings: fuzzerLinkerSettings),
    ]
)
