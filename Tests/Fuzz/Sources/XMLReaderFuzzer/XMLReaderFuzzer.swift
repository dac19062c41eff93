import Foundation
import FuzzSupport
import VerbatimIngest

/// One execution: `XMLRecordReader` over the input's bytes (read with one of `FuzzVariants`), then
/// the invariants (a broken one is a crash); and `SpreadsheetMLRecordReader` (Excel 2003 XML) over
/// the same bytes, whose records must keep the invariants of a worksheet's.
func fuzzXMLReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let options = FuzzVariants.xml[size % FuzzVariants.xml.count]
    let path = FuzzInput.write(UnsafeBufferPointer(start: data, count: size), name: "input.xml")
    var outcome = ReadOutcome()
    let reader = XMLRecordReader(options: options, aliases: FuzzInput.aliases)
    outcome.summary = reader.read(path: path, name: "input.xml") { outcome.add($0) }
    let problems = outcome.problems()
    if !problems.isEmpty {
        fatalError("invariants broken: \(problems.joined(separator: "; ")); summary \(outcome.summary)")
    }
    var sheet = ReadOutcome()
    let sheets = SpreadsheetMLRecordReader(options: SourceOptions(sheet: size % 3 == 0 ? "Anket" : nil), aliases: FuzzInput.aliases)
    sheet.summary = sheets.read(.file(URL(fileURLWithPath: path), name: "input.xml")) { sheet.add($0) }
    let sheetProblems = sheet.problems()
    if !sheetProblems.isEmpty {
        fatalError("invariants broken (SpreadsheetML): \(sheetProblems.joined(separator: "; ")); summary \(sheet.summary)")
    }
    return 0
}
