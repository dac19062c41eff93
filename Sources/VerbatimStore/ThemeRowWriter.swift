import GRDB

/// Inserts a record's theme rows, several to a statement.
///
/// A record has three themes on average and up to a dozen. With one
/// `INSERT` per theme row, SQLite's work for each statement (beginning it,
/// opening the table's cursor, ending it) cost about as much as the row's.
/// The rows go in `batch` to a statement,
/// `VALUES (?1, ?2, ?3), (?1, ?4, ?5), …` (the record id bound once), with a
/// statement for each count from 1 to `batch`, prepared when a record first
/// needs it (a file of a few records prepares one or two). `INSERT OR REPLACE`
/// takes a statement's rows in order, so a theme named twice keeps its last
/// polarity, as with one statement per row.
struct ThemeRowWriter {
    /// Rows to a statement: the bundled taxonomy has 11 themes, so a record's themes take one statement
    /// (a taxonomy of an analyst's own with more themes may take two).
    static let batch = 12
    private let db: Database
    /// `statements[n - 1]` inserts `n` rows, once prepared.
    private var statements = [BulkStatement?](repeating: nil, count: Self.batch)
    /// The record's rows, gathered before they are bound (kept, not reallocated, from record to record).
    private var pending: [ThemePair] = []

    init(_ db: Database) {
        self.db = db
        pending.reserveCapacity(Self.batch * 2)
    }

    /// The statement that inserts `rows` theme rows of one record.
    static func sql(rows: Int) -> String {
        let values = (0..<rows).map { "(?1, ?\(2 + 2 * $0), ?\(3 + 2 * $0))" }.joined(separator: ", ")
        return "INSERT OR REPLACE INTO record_themes (record_id, theme, polarity) VALUES \(values)"
    }

    /// Inserts the themes of `r` as rows of record `id` (a theme the record already has is replaced).
    mutating func write(_ r: some RecordRow, id: Int64) throws {
        pending.removeAll(keepingCapacity: true)
        r.forEachTheme { pending.append($0) }
        var start = 0
        while start < pending.count {
            let rows = min(Self.batch, pending.count - start)
            let s = try statement(rows: rows)
            s.bind(1, id)
            for k in 0..<rows { pending[start + k].bind(s, at: Int32(2 + 2 * k)) }
            try s.run()
            start += rows
        }
    }

    /// The statement for `rows` rows, prepared on first use.
    private mutating func statement(rows: Int) throws -> BulkStatement {
        if let s = statements[rows - 1] { return s }
        let s = try BulkStatement(db, sql: Self.sql(rows: rows))
        statements[rows - 1] = s
        return s
    }
}
