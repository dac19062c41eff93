import GRDB

/// Writes one file's records into an open run: the store's per-record work,
/// on prepared statements run through SQLite's C API (`BulkStatement`).
///
/// Each record is first inserted (`ON CONFLICT DO NOTHING`): a record the
/// store has never seen costs that one statement and its theme rows. Only a
/// record that is already there is looked up, updated, has its themes
/// replaced and is noted in `temp.touched` (after such a record, the next
/// one is looked up first). The records this run inserted
/// need no note: their ids are consecutive (SQLite gives a new row the
/// largest id plus one, and nothing else inserts while a file is written),
/// so they are kept as ranges (`IdRanges`).
struct RecordWriter {
    private(set) var counts = FileWriteCounts()
    /// This file's new records: ids `firstNew...lastNew`.
    private(set) var firstNew: Int64?
    private(set) var lastNew: Int64 = 0
    /// Ranges the run inserted before this file.
    private let insertedBefore: IdRanges
    private let insert, find, update, hasThemes, clearThemes, touch, removeRated: BulkStatement
    private var themeRows: ThemeRowWriter
    /// Whether the store may hold a rated response without text under this file's source, which a record
    /// with its key replaces (`RatedResponseWriter`): checked once per file, and set when the file writes one,
    /// so that a source without any costs no statement per record.
    var mayReplaceRated: Bool

    init(_ db: Database, source: String, fileId: Int64, insertedBefore: IdRanges) throws {
        self.insertedBefore = insertedBefore
        insert = try BulkStatement(db, sql: """
            INSERT INTO records (source, record_id, file_id, line, date, day, employee, channel, language, label, score, csat, nps)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14)
            ON CONFLICT (source, record_id) DO NOTHING
            """)
        // The record's row, and whether this run already updated it.
        find = try BulkStatement(db, sql: """
            SELECT r.id, t.id IS NOT NULL FROM records r LEFT JOIN temp.touched t ON t.id = r.id
            WHERE r.source = ?1 AND r.record_id = ?2
            """)
        // A row that already holds these values is left alone: rewriting it would still
        // rewrite its index entries (a nightly re-export repeats most records unchanged).
        update = try BulkStatement(db, sql: """
            UPDATE records SET file_id = ?3, line = ?4, date = ?5, day = ?6, employee = ?7, channel = ?8, language = ?9,
                               label = ?10, score = ?11, csat = ?12, nps = ?14
            WHERE id = ?13 AND (file_id IS NOT ?3 OR line IS NOT ?4 OR date IS NOT ?5 OR day IS NOT ?6 OR employee IS NOT ?7
                                OR channel IS NOT ?8 OR language IS NOT ?9 OR label IS NOT ?10 OR score IS NOT ?11 OR csat IS NOT ?12
                                OR nps IS NOT ?14)
            """)
        hasThemes = try BulkStatement(db, sql: "SELECT 1 FROM record_themes WHERE record_id = ?1 LIMIT 1")
        clearThemes = try BulkStatement(db, sql: "DELETE FROM record_themes WHERE record_id = ?1")
        themeRows = ThemeRowWriter(db)
        touch = try BulkStatement(db, sql: "INSERT OR IGNORE INTO temp.touched (id) VALUES (?1)")
        removeRated = try BulkStatement(db, sql: "DELETE FROM rated_responses WHERE source = ?1 AND record_id = ?2")
        removeRated.bind(1, source)
        mayReplaceRated = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rated_responses WHERE source = ?)", arguments: [source]) ?? true
        find.bind(1, source)
        insert.bind(1, source)
        insert.bind(3, fileId)
        update.bind(3, fileId)
    }

    /// Whether the last record was already in the store: an export that repeats
    /// records mostly repeats them in runs, so the next one is then looked up first.
    private var lastExisted = false

    /// Inserts or updates one record and replaces its themes.
    mutating func write(_ r: some RecordRow) throws {
        let id: Int64
        if let existing = try lastExisted ? lookUp(r) : nil {
            id = existing
            try updateExisting(r, id)
        } else if try tryInsert(r) {
            id = insert.lastInsertedRowID
            lastExisted = false
            counts.new += 1
            if firstNew == nil { firstNew = id; lastNew = id } else if id == lastNew + 1 { lastNew = id } else {
                // Not the next id (SQLite does this only when ids run out): noted like an update.
                touch.bind(1, id)
                try touch.run()
            }
        } else {
            guard let existing = try lookUp(r) else {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: "record \(r.idText) was neither inserted nor found")
            }
            id = existing
            try updateExisting(r, id)
        }
        if mayReplaceRated {
            r.bindId(removeRated, 2)
            try removeRated.run()
        }
        if r.hasThemes { try themeRows.write(r, id: id) }
    }

    /// Inserts `r` unless its source and id are in the store; true when it inserted.
    private func tryInsert(_ r: some RecordRow) throws -> Bool {
        r.bindId(insert, 2)
        r.bindValues(insert)
        try insert.run()
        return insert.changes == 1
    }

    /// The id of `r`'s row, counting it as updated or (when this run wrote it already) as a duplicate.
    private mutating func lookUp(_ r: some RecordRow) throws -> Int64? {
        r.bindId(find, 2)
        defer { find.reset() }
        guard try find.step() else { return nil }
        let id = find.int64(0)
        let wroteBefore = find.int64(1) != 0 || (firstNew.map { $0...lastNew ~= id } ?? false) || insertedBefore.contains(id)
        if wroteBefore { counts.duplicates += 1 } else { counts.updated += 1 }
        return id
    }

    /// Overwrites the row `id` with `r` and drops its themes (the caller adds the new ones).
    private mutating func updateExisting(_ r: some RecordRow, _ id: Int64) throws {
        lastExisted = true
        r.bindValues(update)
        update.bind(13, id)
        try update.run()
        // Deleting by `record_id` alone builds a temporary index each time: only when there is something to delete.
        hasThemes.bind(1, id)
        let any = try hasThemes.step()
        hasThemes.reset()
        if any {
            clearThemes.bind(1, id)
            try clearThemes.run()
        }
        touch.bind(1, id)
        try touch.run()
    }
}
