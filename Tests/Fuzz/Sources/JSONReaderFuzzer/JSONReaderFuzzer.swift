import FuzzSupport
import VerbatimIngest

/// One execution: `JSONRecordReader` over the input's bytes (an array or NDJSON, as its first
/// character says; one of `FuzzVariants.json` by length), then the invariants.
func fuzzJSONReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let options = FuzzVariants.json[size % FuzzVariants.json.count]
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var outcome = ReadOutcome()
    let input = InputSource(name: "input.json", fileName: "input.json", url: nil) { () throws(IngestError) -> any ByteSource in
        MemoryByteSource(bytes)
    }
    outcome.summary = JSONRecordReader(options: options, aliases: FuzzInput.aliases).read(input) { outcome.add($0) }
    let problems = outcome.problems()
    if !problems.isEmpty {
        fatalError("invariants broken: \(problems.joined(separator: "; ")); summary \(outcome.summary)")
    }
    return 0
}
