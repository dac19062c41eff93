/// What kind of input a file is, and so which reader reads it.
public enum InputKind: Sendable, Hashable {
    /// CSV, TSV, semicolon- or pipe-separated text.
    case delimited
    /// XML: RSS, Atom, a tool's own shape.
    case xml
    /// A JSON array of objects, or NDJSON.
    case json
    /// An Excel workbook (`.xlsx`, `.xlsm`).
    case workbook
    /// An OpenDocument spreadsheet (`.ods`, LibreOffice Calc).
    case openDocument
    /// An Excel 2003 XML spreadsheet (SpreadsheetML), an `.xml` that is a worksheet, not a feed.
    case spreadsheetML
    /// An HTML page under an export's name (a web application's "export to Excel" as `.xls`): its table is read (`HTMLTableRecordReader`).
    case htmlPage
    /// A ZIP archive of exports (or a workbook under another name).
    case zip
    /// A gzip stream around any of these.
    case gzip
    /// A legacy binary Excel workbook (`.xls`, Excel 97–2003 and older).
    case legacyExcel
    /// Not an export: skipped, with a short reason.
    case unsupported(reason: String)

    /// The `format` reported for a file of this kind.
    public var format: String {
        switch self {
        case .delimited: "csv"
        case .xml: "xml"
        case .json: "json"
        case .workbook: "xlsx"
        case .openDocument: "ods"
        case .spreadsheetML: SpreadsheetMLRecordReader.format
        case .htmlPage: "html"
        case .zip: "zip"
        case .gzip: "gzip"
        case .legacyExcel: "xls"
        case .unsupported: "unsupported"
        }
    }
}

/// Recognises an input by its content first and its name second.
///
/// Magic numbers decide archives and binary files; the first characters decide XML and
/// JSON under any name (`mentions.rss`, `feed.atom`, `export.dat`). Delimited text has no
/// signature, so it is read only under a name that says so (`.csv`, `.tsv`, `.txt`, `.dat`,
/// none). A file that claims an export's extension but holds something else goes to the
/// reader its name asks for, which rejects it with what it looks like (a PNG renamed to
/// `.csv`); any other file is skipped with a short reason (a PDF, a Word document).
public enum FormatSniffer {
    /// Bytes read to decide.
    public static let headSize = 4096

    /// Extensions that announce delimited text (the empty string: no extension).
    static let delimitedExtensions: Set<String> = ["csv", "tsv", "txt", "dat", "tab", ""]
    static let xmlExtensions: Set<String> = ["xml", "rss", "atom"]
    static let jsonExtensions: Set<String> = ["json", "ndjson", "jsonl"]
    static let workbookExtensions: Set<String> = ["xlsx", "xlsm"]

    /// Why a file is skipped by its name alone (hidden files, Office and LibreOffice lock
    /// files, editor backups), or nil.
    public static func skipReason(fileName: String) -> String? {
        switch LockFile.program(of: fileName) {
        case "Excel": return "an Office lock file (the workbook is open in Excel)"
        case "LibreOffice": return "a LibreOffice lock file (the file is open in LibreOffice)"
        default: break
        }
        if fileName.hasPrefix(".") { return "a hidden file" }
        if fileName.hasSuffix("~") { return "an editor's backup file" }
        return nil
    }

    /// The extension of `fileName`, lower-cased ("" when it has none).
    static func fileExtension(_ fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return "" }
        return String(fileName[fileName.index(after: dot)...]).lowercased()
    }

    /// The exports Verbatim reads, as messages list them.
    public static let readableFormats = "CSV, TSV, TXT, XML, RSS, Atom, JSON, NDJSON, XLSX, XLS, ODS, HTML tables saved as .xls, or those in .gz or .zip"

    /// The kind of a file named `fileName` whose first bytes are `head`.
    public static func kind(head: [UInt8], fileName: String) -> InputKind {
        let ext = fileExtension(fileName)
        if head.starts(with: [0x1F, 0x8B]) { return .gzip }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            if isOpenDocumentSpreadsheet(head) || ext == "ods" { return .openDocument }
            return workbookExtensions.contains(ext) ? .workbook : .zip
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return ext == "xls" || workbookExtensions.contains(ext) || delimitedExtensions.contains(ext) ? .legacyExcel
                : .unsupported(reason: "an old Office document (Word, Excel or PowerPoint binary format)")
        }
        if let text = textStart(head) {
            if text == UInt8(ascii: "<") {
                if isHTMLPage(head) { return ext == "html" || ext == "htm" ? .unsupported(reason: "an HTML page, not an export") : .htmlPage }
                return isSpreadsheetML(head) ? .spreadsheetML : .xml
            }
            if text == UInt8(ascii: "{") || text == UInt8(ascii: "[") && looksLikeJSONArray(head) { return .json }
        }
        // By name: the reader of an export's extension rejects content that is not its kind, with a reason.
        if delimitedExtensions.contains(ext) { return .delimited }
        if xmlExtensions.contains(ext) { return .xml }
        if jsonExtensions.contains(ext) { return .json }
        if workbookExtensions.contains(ext) { return .workbook }
        if ext == "xls" { return .legacyExcel }
        if ext == "gz" { return .gzip }
        if ext == "zip" { return .zip }
        let decoded = utf8Head(head)
        if let looks = BinarySignature.kind(raw: head, decoded: decoded) {
            return .unsupported(reason: "not an export: it looks like \(looks.split(separator: ";").first ?? "")")
        }
        return .unsupported(reason: "not an export Verbatim reads (a .\(ext) file); exports are \(readableFormats)")
    }

    /// An OpenDocument file's first entry is `mimetype`, stored uncompressed, so its media type stands
    /// in the first bytes whatever the file is named: `mimetypeapplication/vnd.oasis.opendocument.spreadsheet`.
    static func isOpenDocumentSpreadsheet(_ head: [UInt8]) -> Bool {
        let marker = Array(("mimetype" + ODSRecordReader.mediaType).utf8)
        return head.count >= 30 + marker.count && head[30..<(30 + marker.count)].elementsEqual(marker)
    }

    /// A head that starts an HTML page: `<!DOCTYPE html`, `<html`, a bare `<table`, or the `<meta
    /// charset>`, `<head>`, `<style>` or `<body>` that scripts write before a bare table so that Excel
    /// reads its encoding (after white space and a byte-order mark), in any case; not an XML element
    /// that only begins so (`<tables>`).
    static func isHTMLPage(_ head: [UInt8]) -> Bool {
        let text = utf8Head(head)
        guard let start = text.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF })
        else { return false }
        let lower = text[start...].prefix(15).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return ["<!doctype html", "<html", "<table", "<meta", "<head", "<style", "<body"].contains { tag in
            let t = Array(tag.utf8)
            guard lower.starts(with: t) else { return false }
            return lower.count == t.count || [0x3E, 0x20, 0x09, 0x0A, 0x0D].contains(lower[t.count])
        }
    }

    /// An XML head that declares SpreadsheetML 2003's namespace (on its root, `<Workbook xmlns=…>`).
    static func isSpreadsheetML(_ head: [UInt8]) -> Bool {
        let text = utf8Head(head)
        let marker = Array(SpreadsheetMLRecordReader.namespace.utf8)
        guard text.count >= marker.count else { return false }
        return text.withUnsafeBufferPointer { t in
            (0...(t.count - marker.count)).contains { k in t[k] == marker[0] && t[k..<(k + marker.count)].elementsEqual(marker) }
        }
    }

    /// The head as UTF-8 (UTF-16 transcoded), for looking at its characters.
    static func utf8Head(_ head: [UInt8]) -> [UInt8] {
        let detected = EncodingDetector.detect(head, declared: nil)
        var transcoder = UTF8Transcoder(encoding: detected.encoding)
        var out: [UInt8] = []
        head.withUnsafeBufferPointer { buf in
            transcoder.transcode(UnsafeBufferPointer(rebasing: buf[min(detected.bomLength, buf.count)...]), into: &out, final: false)
        }
        return out
    }

    /// The first character after a byte-order mark and white space, as an ASCII byte; nil when
    /// it is not ASCII or there is none.
    static func textStart(_ head: [UInt8]) -> UInt8? {
        let text = utf8Head(head)
        guard let first = text.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return nil }
        return first < 0x80 ? first : nil
    }

    /// `[` then `{` (an array of objects), `]`, or the end of the sample: not a CSV header in brackets.
    static func looksLikeJSONArray(_ head: [UInt8]) -> Bool {
        let text = utf8Head(head)
        guard let open = text.firstIndex(of: UInt8(ascii: "[")) else { return false }
        let next = text[(open + 1)...].first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return next == nil || next == UInt8(ascii: "{") || next == UInt8(ascii: "]")
    }
}
