/// What a ZIP that is an Office Open XML or OpenDocument file holds, by its parts: a workbook Verbatim
/// reads (`.xlsx`, `.ods`), an Excel binary workbook it does not (`.xlsb`: rejected with what to do),
/// or a document or presentation, which is not an export (skipped with a reason). Such a file is
/// never read as an archive of exports, part by part (`[Content_Types].xml` taken for an XML feed).
enum OfficePackage: Equatable {
    case workbook
    case openDocumentSpreadsheet
    case binaryWorkbook
    /// Not an export: what it is, as the skip reason says it.
    case document(String)

    /// The package whose parts are `paths`, with the media type its `mimetype` entry names (OpenDocument),
    /// or nil for a plain archive.
    init?(paths: Set<String>, mimetype: String?) {
        if let mimetype, mimetype.hasPrefix(Self.openDocumentPrefix) {
            let kind = mimetype.dropFirst(Self.openDocumentPrefix.count)
            if kind == "spreadsheet" { self = .openDocumentSpreadsheet; return }
            self = .document("an OpenDocument \(Self.openDocumentKinds[String(kind)] ?? "file (\(kind))"), not an export")
            return
        }
        guard paths.contains("[Content_Types].xml") else { return nil }
        if paths.contains("xl/workbook.xml") { self = .workbook }
        else if paths.contains("xl/workbook.bin") { self = .binaryWorkbook }
        else if paths.contains("word/document.xml") { self = .document("a Word document, not an export") }
        else if paths.contains("ppt/presentation.xml") { self = .document("a PowerPoint presentation, not an export") }
        else if paths.contains("visio/document.xml") { self = .document("a Visio drawing, not an export") }
        else { return nil }
    }

    static let openDocumentPrefix = "application/vnd.oasis.opendocument."
    /// OpenDocument media types' last words, as a CX analyst knows them.
    static let openDocumentKinds = [
        "text": "text document", "presentation": "presentation", "graphics": "drawing", "chart": "chart", "formula": "formula",
        "text-template": "text template", "spreadsheet-template": "spreadsheet template",
    ]
}
