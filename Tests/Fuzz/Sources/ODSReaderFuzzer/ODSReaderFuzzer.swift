import Foundation
import FuzzSupport
import VerbatimIngest

/// One execution: `ODSRecordReader` on the input, one of two ways (by length): the bytes as a whole
/// `.ods` file (libzip's archive parsing, `ArchiveLimits`), or as the `content.xml` of an
/// otherwise valid spreadsheet (`ODSRowStream`: value types, repeats, paragraphs, sheets; the
/// header logic), read with the first sheet and with a sheet named `Yanıtlar`. Then the invariants.
func fuzzODSReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let path = size % 2 == 0 ? FuzzInput.write(bytes, name: "input.ods") : FuzzWorkbook.write(openDocumentContent: Array(bytes), name: "input.ods")
    for sheet in [nil, "Yanıtlar"] {
        var outcome = ReadOutcome()
        let reader = ODSRecordReader(options: SourceOptions(sheet: sheet), aliases: FuzzInput.aliases)
        outcome.summary = reader.read(.file(URL(fileURLWithPath: path), name: "input.ods")) { outcome.add($0) }
        let problems = outcome.problems()
        if !problems.isEmpty {
            fatalError("invariants broken: \(problems.joined(separator: "; ")); summary \(outcome.summary)")
        }
    }
    return 0
}
