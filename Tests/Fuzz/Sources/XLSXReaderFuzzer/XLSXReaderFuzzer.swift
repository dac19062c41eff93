import Foundation
import FuzzSupport
import VerbatimIngest

/// One execution: `XLSXRecordReader` on the input, one of three ways (by length): the bytes as a
/// whole `.xlsx` file (libzip's archive parsing, limits, every part), or the bytes as
/// the worksheet or as the shared strings of an otherwise valid workbook (the XML parts,
/// cell types, dates, the header logic). Then the invariants.
func fuzzXLSXReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let path: String
    switch size % 3 {
    case 0: path = FuzzInput.write(bytes, name: "input.xlsx")
    case 1: path = FuzzWorkbook.write(sheet: Array(bytes), name: "input.xlsx")
    default: path = FuzzWorkbook.write(sharedStrings: Array(bytes), name: "input.xlsx")
    }
    var outcome = ReadOutcome()
    let reader = XLSXRecordReader(options: SourceOptions(), aliases: FuzzInput.aliases)
    outcome.summary = reader.read(.file(URL(fileURLWithPath: path), name: "input.xlsx")) { outcome.add($0) }
    let problems = outcome.problems()
    if !problems.isEmpty {
        fatalError("invariants broken: \(problems.joined(separator: "; ")); summary \(outcome.summary)")
    }
    return 0
}
