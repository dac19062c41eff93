import Foundation
import FuzzSupport
import VerbatimIngest

/// The formats fixture's legacy workbook (`scripts/fixtures/make_xls.py`), read once.
let validWorkbook: [UInt8] = {
    let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    return (try? Array(Data(contentsOf: repo.appendingPathComponent("Tests/Data/formats/legacy_tr_2026-11-21.xls")))) ?? []
}()

/// One execution: `XLSRecordReader` (FreeXL) on the input, one of two ways (by length): the bytes as
/// a whole `.xls` file (the Office container, then the workbook's records), or written over the
/// valid workbook from the offset their first two bytes give (its records damaged in place: the
/// strings table, cells, dates, sheet names). Both sheets are read in turn. Then the invariants.
func fuzzXLSReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var file: [UInt8]
    if size % 2 == 0 || size < 2 || validWorkbook.isEmpty {
        file = Array(bytes)
    } else {
        file = validWorkbook
        let offset = (Int(bytes[0]) << 8 | Int(bytes[1])) % file.count
        for (k, b) in bytes.dropFirst(2).enumerated() where offset + k < file.count { file[offset + k] = b }
    }
    let path = file.withUnsafeBufferPointer { FuzzInput.write($0, name: "input.xls") }
    for sheet in [nil, "Yanıtlar"] {
        var outcome = ReadOutcome()
        let reader = XLSRecordReader(options: SourceOptions(sheet: sheet), aliases: FuzzInput.aliases)
        outcome.summary = reader.read(.file(URL(fileURLWithPath: path), name: "input.xls")) { outcome.add($0) }
        let problems = outcome.problems()
        if !problems.isEmpty {
            fatalError("invariants broken: \(problems.joined(separator: "; ")); summary \(outcome.summary)")
        }
    }
    return 0
}
