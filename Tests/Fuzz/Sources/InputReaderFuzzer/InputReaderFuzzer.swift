import Foundation
import FuzzSupport
import VerbatimIngest

/// File names the input is written as (by its length): what the sniffer hears of the name.
let names = ["input.csv.gz", "input.zip", "input", "input.dat", "input.gz"]

/// One execution: `InputReader` on the input, as the runner reads a file: the sniffer, then
/// gzip streams (zlib) and ZIP archives (libzip, entry by entry) around any reader.
/// Then the invariants: a plain file's as for its reader; an archive's records all counted.
func fuzzInputReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let name = names[size % names.count]
    let path = FuzzInput.write(UnsafeBufferPointer(start: data, count: size), name: name)
    var outcome = ReadOutcome()
    outcome.summary = InputReader(aliases: FuzzInput.aliases) { _ in SourceOptions() }.read(url: URL(fileURLWithPath: path), name: name) {
        outcome.add($0)
    }
    let s = outcome.summary
    let problems: [String]
    if s.members.isEmpty {
        problems = outcome.problems()
    } else {
        var p: [String] = []
        if outcome.records.count != s.accepted { p.append("archive: records = accepted") }
        if s.read != s.members.reduce(0, { $0 + $1.read }) { p.append("archive: read = the entries' reads") }
        problems = p
    }
    if !problems.isEmpty {
        fatalError("invariants broken: \(problems.joined(separator: "; ")); summary \(outcome.summary)")
    }
    return 0
}
