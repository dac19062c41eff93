import Foundation
import VerbatimCore
import VerbatimIngest

// One pass of a reader over the files named on the command line, held in memory, for
// instruction counts (valgrind --tool=callgrind) and a quick MB/s per core:
//   ReaderPass csv|xml FILE...
// Prints the input size, the records accepted and rejected, and MB per CPU-second.

let arguments = CommandLine.arguments.dropFirst()
guard let kind = arguments.first, kind == "csv" || kind == "xml", arguments.count > 1 else {
    FileHandle.standardError.write("usage: ReaderPass csv|xml FILE...\n".data(using: .utf8)!)
    exit(64)
}
let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let aliases = try HeaderAliases(contentsOf: repo.appendingPathComponent("lexicons/headers.tsv"))
let files = arguments.dropFirst().map { path -> (String, [UInt8]) in
    guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
    return (URL(fileURLWithPath: path).lastPathComponent, [UInt8](data))
}
let csv = CSVRecordReader(options: SourceOptions(), aliases: aliases)
let xml = XMLRecordReader(options: SourceOptions(), aliases: aliases)

func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let start = cpuSeconds()
var accepted = 0, rejected = 0, bytes = 0
for (name, content) in files {
    let input = InputSource(name: name, fileName: name, url: nil) { () throws(IngestError) -> any ByteSource in MemoryByteSource(content) }
    let summary = kind == "csv" ? csv.read(input) { _ in } : xml.read(input) { _ in }
    accepted += summary.accepted
    rejected += summary.rejected
    bytes += content.count
}
let seconds = cpuSeconds() - start
print("\(kind): \(bytes) bytes, \(accepted) accepted, \(rejected) rejected, \(String(format: "%.1f", Double(bytes) / 1e6 / seconds)) MB/s (CPU)")
