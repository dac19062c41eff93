import VerbatimCore

/// Turns the field values of one row or element into a record or a reject.
///
/// Shared by every reader, so CSV and XML records are validated the same way.
struct RecordAssembler {
    let file: String
    let options: SourceOptions

    /// Validates one row's `values` into a record, or the first problem found into a reject.
    ///
    /// `columns` gives the 1-based column of each field when the format has
    /// columns (CSV), so a reject about one field says which column it is.
    func assemble(
        _ values: FieldValues, line: Int, position: Int, columns: [RecordField: Int] = [:], raw: @autoclosure () -> String
    ) -> ReadEvent {
        let provenance = Provenance(file: file, line: line)
        func reject(_ p: RowProblem, _ field: RecordField) -> ReadEvent {
            .reject(Reject(provenance: Provenance(file: file, line: line, column: columns[field]), reason: p.description, raw: raw()))
        }

        let text = values[.text].map { $0.trimmingCharactersInSet(" \t\r\n") } ?? ""
        if text.isEmpty { return reject(.emptyText, .text) }
        if options.encoding == nil || options.encoding == .utf8, Self.containsReplacementCharacter(text) {
            return reject(.invalidEncoding(options.encoding ?? .utf8), .text)
        }
        var date: String?
        if let d = values[.date]?.trimmingCharactersInSet(" \t"), !d.isEmpty {
            guard let n = DateNormalizer.normalize(d) else { return reject(.badDate(d), .date) }
            date = n
        }
        var rating: Double?
        if let r = values[.rating]?.trimmingCharactersInSet(" \t"), !r.isEmpty {
            guard let v = RatingParser.parse(r) else { return reject(.badRating(r), .rating) }
            rating = v
        }
        let id = values[.id].map { $0.trimmingCharactersInSet(" \t") }.flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.stableID(file: file, position: position)
        let language = options.language ?? values[.language].flatMap { Language(rawValue: $0.trimmingCharactersInSet(" ").lowercased()) }
        return .record(FeedbackRecord(
            id: id, provenance: provenance, date: date,
            employee: values[.employee].map { $0.trimmingCharactersInSet(" \t") }.flatMap { $0.isEmpty ? nil : $0 },
            channel: values[.channel].map { $0.trimmingCharactersInSet(" \t") }.flatMap { $0.isEmpty ? nil : $0 },
            rating: rating, text: text, declaredLanguage: language))
    }

    /// True when `s` holds U+FFFD (in UTF-8, always the bytes EF BF BD).
    /// Looks at eight bytes at a time for an 0xEF byte before checking the two after it.
    static func containsReplacementCharacter(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            guard b.count >= 3, let base = b.baseAddress else { return false }
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            var i = 0
            while i + 8 <= b.count {
                let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ (0xEF &* ones)
                if (v &- ones) & ~v & highs != 0 { break }  // some byte is 0xEF
                i += 8
            }
            while i < b.count - 2 {
                if b[i] == 0xEF, b[i + 1] == 0xBF, b[i + 2] == 0xBD { return true }
                i += 1
            }
            return false
        }
    }

    /// A stable id from the file name and the record's position: `h` + 16 hex digits of FNV-1a.
    static func stableID(file: String, position: Int) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in "\(file)#\(position)".utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return "h" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
