import VerbatimXML

// No Foundation here: this file reads libxml2 events (see XMLRecordReader.swift).

/// The parts of an `.xlsx` workbook that say where its data is and how to read it, each
/// parsed from its XML: the sheets (`xl/workbook.xml`), where each sheet's part is
/// (`xl/_rels/workbook.xml.rels`), the shared strings, and which cell styles are dates.
enum XLSXParts {
    struct Workbook {
        var sheets: [(name: String, relationship: String)] = []
        /// Dates count days from 1904-01-01 instead of 1899-12-30 (old Mac workbooks).
        var date1904 = false
    }

    static func workbook(_ reader: XMLEventReader) -> Workbook {
        var out = Workbook()
        while let event = reader.next() {
            guard case let .start(name, _, attributes, _, _) = event else { continue }
            if name == "sheet" {
                let sheetName = attributes.first { $0.name == "name" }?.value ?? ""
                let id = attributes.first { $0.name == "id" }?.value ?? ""
                out.sheets.append((sheetName, id))
            } else if name == "workbookPr" {
                let v = attributes.first { $0.name == "date1904" }?.value
                out.date1904 = v == "1" || v == "true"
            }
        }
        return out
    }

    /// Relationship id → part path inside the archive (`rId1` → `xl/worksheets/sheet1.xml`).
    static func relationships(_ reader: XMLEventReader) -> [String: String] {
        var out: [String: String] = [:]
        while let event = reader.next() {
            guard case let .start("Relationship", _, attributes, _, _) = event,
                  let id = attributes.first(where: { $0.name == "Id" })?.value,
                  let target = attributes.first(where: { $0.name == "Target" })?.value else { continue }
            out[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        return out
    }

    /// The shared strings, in order; nil when they pass `limit` bytes in all.
    static func sharedStrings(_ reader: XMLEventReader, limit: Int) -> [String]? {
        var out: [String] = []
        var current = ""
        var stack: [String] = []
        var total = 0
        while let event = reader.next() {
            switch event {
            case let .start(name, _, _, isEmpty, _):
                if name == "si" { current = "" }
                if isEmpty { if name == "si" { out.append("") } } else { stack.append(name) }
            case .end:
                if stack.popLast() == "si" { out.append(current) }
            case let .text(t):
                // Text runs of the item; phonetic guides (<rPh>) are not part of the value.
                guard stack.last == "t", stack.contains("si"), !stack.contains("rPh") else { continue }
                current += t
                total += t.utf8.count
                if total > limit { return nil }
            }
        }
        return out
    }

    /// The indexes of the cell styles (`cellXfs`) whose number format is a date or a time.
    static func dateStyles(_ reader: XMLEventReader) -> Set<Int> {
        var customDate: Set<Int> = []
        var styles: [Int] = []
        var inCellXfs = false
        var depthOfCellXfs = -1
        while let event = reader.next() {
            switch event {
            case let .start(name, depth, attributes, isEmpty, _):
                if name == "numFmt", let id = attributes.first(where: { $0.name == "numFmtId" }).flatMap({ Int($0.value) }),
                   let code = attributes.first(where: { $0.name == "formatCode" })?.value, isDateFormat(code) {
                    customDate.insert(id)
                } else if name == "cellXfs" {
                    inCellXfs = !isEmpty
                    depthOfCellXfs = depth
                } else if name == "xf", inCellXfs, depth == depthOfCellXfs + 1 {
                    styles.append(attributes.first(where: { $0.name == "numFmtId" }).flatMap { Int($0.value) } ?? 0)
                }
            case let .end(depth):
                if inCellXfs, depth == depthOfCellXfs { inCellXfs = false }
            case .text:
                break
            }
        }
        var out: Set<Int> = []
        for (i, id) in styles.enumerated() where builtinDateFormats.contains(id) || customDate.contains(id) { out.insert(i) }
        return out
    }

    /// Excel's built-in number formats that show a date or a time.
    static let builtinDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// True when a custom format code shows a date or a time: d, m, y, h or s outside quoted text,
    /// escapes and `[…]` sections (colours, locales).
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        for c in code.lowercased() {
            if escaped { escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            case "d", "m", "y", "h", "s": if !inQuote && !inBracket { return true }
            default: break
            }
        }
        return false
    }
}

/// The rows of one worksheet, streamed: each row's cells as text, in column order, with the
/// row's number (`line`). Shared and inline strings are resolved, booleans read `TRUE`/`FALSE`,
/// numbers keep Excel's text, and numbers in a date style become `YYYY-MM-DD` or
/// `YYYY-MM-DD HH:MM` or `HH:MM:SS` (1900 or 1904 epoch).
struct XLSXRowStream {
    let reader: XMLEventReader
    let shared: [String]
    let dateStyles: Set<Int>
    let date1904: Bool
    private var lastRow = 0

    init(reader: XMLEventReader, shared: [String], dateStyles: Set<Int>, date1904: Bool) {
        self.reader = reader
        self.shared = shared
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    /// The next row with its number, or nil at the end of the sheet.
    mutating func next() -> (line: Int, cells: [String])? {
        var cells: [String] = []
        var inRow = false
        var line = 0
        // The cell in progress: column, type, style, and text collected from <v> or <is><t>.
        var column = -1, type = "", style = 0, value = ""
        var inCell = false, inValue = false, inInlineText = false
        var depthStack: [String] = []
        while let event = reader.next() {
            switch event {
            case let .start(name, _, attributes, isEmpty, _):
                if !isEmpty { depthStack.append(name) }
                switch name {
                case "row":
                    inRow = true
                    line = attributes.first { $0.name == "r" }.flatMap { Int($0.value) } ?? lastRow + 1
                    lastRow = line
                    if isEmpty { return (line, []) }
                case "c" where inRow:
                    let ref = attributes.first { $0.name == "r" }?.value
                    column = ref.flatMap(Self.columnIndex) ?? column + 1
                    type = attributes.first { $0.name == "t" }?.value ?? "n"
                    style = attributes.first { $0.name == "s" }.flatMap { Int($0.value) } ?? 0
                    value = ""
                    inCell = !isEmpty
                    if isEmpty { SheetCells.put("", at: column, in: &cells) }
                case "v" where inCell: inValue = !isEmpty
                case "t" where inCell && depthStack.contains("is") && !depthStack.contains("rPh"): inInlineText = !isEmpty
                default: break
                }
            case .end:
                let name = depthStack.popLast() ?? ""
                switch name {
                case "v": inValue = false
                case "t": inInlineText = false
                case "c" where inCell:
                    inCell = false
                    SheetCells.put(cellText(type: type, style: style, value: value), at: column, in: &cells)
                case "row":
                    return (line, cells)
                default: break
                }
            case let .text(t):
                if inValue || inInlineText { value += t }
            }
        }
        return inRow ? (line, cells) : nil
    }

    /// A cell's value as text, by its type.
    func cellText(type: String, style: Int, value: String) -> String {
        switch type {
        case "s": return Int(value).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
        case "b": return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        case "inlineStr", "str", "e", "d": return value
        default:
            guard dateStyles.contains(style), let serial = Double(value) else { return value }
            return ExcelDate.text(serial: serial, date1904: date1904) ?? value
        }
    }

    /// `B12` → 1 (columns count from A = 0).
    static func columnIndex(_ ref: String) -> Int? {
        var n = 0
        var letters = 0
        for u in ref.utf8 {
            guard u >= UInt8(ascii: "A"), u <= UInt8(ascii: "Z") else { break }
            n = n * 26 + Int(u - UInt8(ascii: "A") + 1)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }
}

/// Excel's serial dates: days since 1899-12-30 (the 1900 system, whose day 60 is the
/// 29 February 1900 that never was) or since 1904-01-01, the fraction being the time of day.
enum ExcelDate {
    /// `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM` (`HH:MM:SS` when it has seconds) when there is a time; nil outside years 1900–9999.
    static func text(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        // Days from 1970-01-01.
        let epochOffset = date1904 ? -24_107 : -25_569
        if !date1904, days < 61 {
            // Before 1 March 1900 the 1900 system counts from 1899-12-31 (it has the false 29 February).
            if days == 60 { return nil }
            days += 1
        }
        let (y, m, d) = civil(days + epochOffset)
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        if seconds == 0 { return date }
        let minutes = "\(date) \(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2))"
        // The seconds when the cell has them (a listening tool's `08:31:12`), not cut to the minute.
        return seconds % 60 == 0 ? minutes : minutes + ":" + pad(seconds % 60, 2)
    }

    /// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm): the inverse of `civil`.
    static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count from 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `n` in decimal, zero-padded to `width` digits.
    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
