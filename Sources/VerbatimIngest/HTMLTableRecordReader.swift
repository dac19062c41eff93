import VerbatimCore
import VerbatimXML

// No Foundation here: this file reads libxml2 events (see XMLRecordReader.swift).

/// Reads a web application's "export to Excel": an HTML page with a table, usually named `.xls`
/// (Excel opens it, and so do the contact centre's analysts). The page is parsed by libxml2's HTML
/// parser, which mends what browsers mend, and one table is read (`HTMLTableRowStream`) through
/// the header logic and row validation of the workbooks (`TableRecordBuilder.readSheet`); a reject's
/// line is the row's number in its table.
///
/// Which table: the one the pipeline names (`sheet: table 2`, or `sheet: 2`), else the one with the
/// most filled rows (a page often has a table of filters or a logo above the data). The encoding:
/// the pipeline's (`encoding:`), else the page's `<meta charset>` (`iso-8859-9` read as
/// windows-1254, as browsers read it), else detected from the bytes as a CSV file's is; a charset
/// Verbatim does not transcode itself (`koi8-r`) is left to libxml2.
public struct HTMLTableRecordReader: RecordReader {
    public let options: SourceOptions
    public let aliases: HeaderAliases

    public init(options: SourceOptions, aliases: HeaderAliases) {
        self.options = options
        self.aliases = aliases
    }

    static let format = "html"
    /// How far into the page its `<meta charset>` is looked for.
    static let charsetWindow = 8192

    public func read(_ input: InputSource, emit: (consuming ReadEvent) -> Void) -> FileReadSummary {
        let decoding: Decoding, counts: [Int], table: Int
        let bytes: any ByteSource, reader: XMLEventReader
        do throws(IngestError) {
            decoding = Self.decoding(of: try input.head(Self.charsetWindow), declared: options.encoding)
            counts = try tableRowCounts(input, decoding)
            table = try Self.choice(options.sheet, counts: counts)
            (bytes, reader) = try open(input, decoding)
        } catch {
            return .rejected(input, format: Self.format, error, emit: emit)
        }
        let names = Self.tableNames(counts.count)
        let others = names.indices.filter { $0 != table && counts[$0] > 0 }.map { names[$0] }
        var stream = HTMLTableRowStream(reader: reader, table: table + 1)
        return TableRecordBuilder.readSheet(
            input, format: Self.format, encoding: decoding.name(reader), options: options, aliases: aliases,
            sheets: [names[table]] + others, label: "\(names[table]) of \(counts.count)", emit: emit, inPage: true,
            check: { () throws(IngestError) in try Self.check(bytes, reader) },
            rows: { stream.next() })
    }

    /// How the page's bytes reach the parser.
    enum Decoding {
        /// Transcoded to UTF-8 here (the parser ignores the page's `<meta charset>`).
        case transcoded(DetectedEncoding)
        /// As they are: libxml2 decodes them by the page's `<meta charset>`, which Verbatim does not transcode.
        case byParser(charset: String)

        /// The encoding for the file's summary.
        func name(_ reader: XMLEventReader) -> String {
            switch self {
            case let .transcoded(d): d.encoding.rawValue
            case let .byParser(charset): reader.encoding ?? charset
            }
        }
    }

    /// The page's encoding: declared by the pipeline, else by the page, else detected.
    static func decoding(of head: [UInt8], declared: TextEncoding?) -> Decoding {
        if let declared { return .transcoded(EncodingDetector.detect(head, declared: declared)) }
        if EncodingDetector.bomOf(head) == nil, let charset = declaredCharset(head) {
            if let known = TextEncoding(name: charset) ?? whatwgAliases[charset] {
                return .transcoded(EncodingDetector.detect(head, declared: known))
            }
            return .byParser(charset: charset)
        }
        return .transcoded(EncodingDetector.detect(head))
    }

    /// Labels that browsers read as an encoding Verbatim transcodes (the WHATWG Encoding Standard).
    static let whatwgAliases: [String: TextEncoding] = [
        "iso-8859-9": .windows1254, "iso8859-9": .windows1254, "iso_8859-9": .windows1254, "latin5": .windows1254, "l5": .windows1254,
        "csisolatin5": .windows1254, "x-cp1254": .windows1254, "x-cp1251": .windows1251, "x-cp1250": .windows1250,
        "unicode-1-1-utf-8": .utf8, "unicode11utf8": .utf8, "x-unicode20utf8": .utf8,
    ]

    /// The charset a page declares in its first bytes (`<meta charset="utf-8">`, `<meta
    /// http-equiv="Content-Type" content="text/html; charset=windows-1254">`), lower-cased.
    static func declaredCharset(_ head: [UInt8]) -> String? {
        let lower = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let key = Array("charset".utf8)
        var i = 0
        while i + key.count < lower.count {
            guard lower[i..<(i + key.count)].elementsEqual(key) else { i += 1; continue }
            var j = i + key.count
            while j < lower.count, lower[j] == 0x20 { j += 1 }
            guard j < lower.count, lower[j] == UInt8(ascii: "=") else { i = j; continue }
            j += 1
            while j < lower.count, lower[j] == 0x20 || lower[j] == 0x22 || lower[j] == 0x27 { j += 1 }
            let start = j
            while j < lower.count, isCharsetByte(lower[j]) { j += 1 }
            return j > start ? String(decoding: lower[start..<j], as: UTF8.self) : nil
        }
        return nil
    }

    private static func isCharsetByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x3A || b == 0x2E
    }

    /// The table to read (from 0): the one `sheet` names, else the one with the most filled rows.
    static func choice(_ sheet: String?, counts: [Int]) throws(IngestError) -> Int {
        if let sheet {
            let number = Int(sheet.lowercased().replacing("table", with: "").filter { $0 != " " })
            guard let number, counts.indices.contains(number - 1) else { throw .sheetMissing(sheet: sheet, available: tableNames(counts.count)) }
            return number - 1
        }
        guard let most = counts.max(), most > 0, let table = counts.firstIndex(of: most) else { throw .htmlPage }
        return table
    }

    /// What the page's tables are called, in order (`sheet:` names one so).
    static func tableNames(_ count: Int) -> [String] { (0..<count).map { "table \($0 + 1)" } }

    /// The filled rows of each of the page's tables, in order: a walk that reads no cell.
    private func tableRowCounts(_ input: InputSource, _ decoding: Decoding) throws(IngestError) -> [Int] {
        let (bytes, reader) = try open(input, decoding)
        var stream = HTMLTableRowStream(reader: reader, table: nil)
        while stream.next() != nil {}
        try Self.check(bytes, reader)
        return stream.rowCounts
    }

    /// What stopped a walk of the page before its end: its bytes, or elements nested past libxml2's
    /// limit (an HTML page is otherwise never malformed: the parser mends it).
    private static func check(_ bytes: any ByteSource, _ reader: XMLEventReader) throws(IngestError) {
        if let failure = bytes.failure { throw failure }
        guard let e = reader.error else { return }
        let why = e.message.hasPrefix("Excessive depth") ? "its elements are nested more than \(XMLEventReader.maxDepth) deep" : e.message
        throw .badWorkbook(reason: "the page stops being readable at line \(e.line), column \(e.column): \(why)")
    }

    /// The page's bytes, decoded, and its parser.
    private func open(_ input: InputSource, _ decoding: Decoding) throws(IngestError) -> (any ByteSource, XMLEventReader) {
        let raw = try input.open()
        let bytes: any ByteSource
        switch decoding {
        case let .transcoded(d): bytes = UTF8TextSource(raw, encoding: d.encoding, bomLength: d.bomLength)
        case .byParser: bytes = raw
        }
        let ignores = if case .transcoded = decoding { true } else { false }
        guard let reader = XMLEventReader(source: bytes, name: input.name, dialect: .html(ignoresDeclaredEncoding: ignores)) else {
            throw .unreadableFile(path: input.name, reason: "cannot start an HTML parser")
        }
        return (bytes, reader)
    }
}
