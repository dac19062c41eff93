import Foundation
import FuzzSupport
import VerbatimIngest

/// One execution: `HTMLTableRecordReader` (a web application's "export to Excel") over the input's
/// bytes as a page named `.xls`, the table chosen by its rows or named, the encoding declared by the
/// pipeline or not; then the invariants of a worksheet's records (a broken one is a crash).
func fuzzHTMLReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzInput.write(UnsafeBufferPointer(start: data, count: size), name: "input.xls")
    let sheet: String? = size % 3 == 0 ? "table 2" : nil
    let encoding: TextEncoding? = size % 5 == 0 ? .windows1254 : size % 7 == 0 ? .utf16LE : nil
    var outcome = ReadOutcome()
    let reader = HTMLTableRecordReader(options: SourceOptions(encoding: encoding, sheet: sheet), aliases: FuzzInput.aliases)
    outcome.summary = reader.read(.file(URL(fileURLWithPath: path), name: "input.xls")) { outcome.add($0) }
    let problems = outcome.problems()
    if !problems.isEmpty {
        fatalError("invariants broken: \(problems.joined(separator: "; ")); summary \(outcome.summary)")
    }
    return 0
}
