import Foundation
import FuzzSupport
import VerbatimIngest

/// One execution: `CSVRecordReader` over the input's bytes (read with one of `FuzzVariants`), then the invariants (a broken one is a crash).
func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let variant = FuzzVariants.csv[size % FuzzVariants.csv.count]
    let name = "input.\(variant.ext)"
    let path = FuzzInput.write(UnsafeBufferPointer(start: data, count: size), name: name)
    var outcome = ReadOutcome()
    let reader = CSVRecordReader(options: variant.options, aliases: FuzzInput.aliases)
    outcome.summary = reader.read(url: URL(fileURLWithPath: path), name: name) { outcome.add($0) }
    let problems = outcome.problems()
    if !problems.isEmpty {
        fatalError("invariants broken: \(problems.joined(separator: "; ")); summary \(outcome.summary)")
    }
    return 0
}
