import GRDB

/// Writes one file's rated responses without text (`StoredRating`) into an
/// open run's `rated_responses`, beside `RecordWriter`'s records.
///
/// A response and a record with the same source and id are one survey
/// response seen in two exports: the later one, with or without its
/// comment, is what the store keeps, so writing a rated response removes a
/// record under its key (and `RecordWriter` removes a rated response under
/// a record's key). Every response written is noted in
/// `temp.touched_rated`, so that the ones an earlier version of the path
/// gave and this run did not write can be removed afterwards.
struct RatedResponseWriter {
    /// Rated responses written (inserted or updated).
    private(set) var written = 0
    private let upsert, findRecord, clearThemes, deleteRecord, touch: BulkStatement

    init(_ db: Database, source: String, fileId: Int64) throws {
        upsert = try BulkStatement(db, sql: """
            INSERT INTO rated_responses (source, record_id, file_id, line, date, day, employee, channel, csat, nps)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (source, record_id) DO UPDATE SET
              file_id = excluded.file_id, line = excluded.line, date = excluded.date, day = excluded.day,
              employee = excluded.employee, channel = excluded.channel, csat = excluded.csat, nps = excluded.nps
            RETURNING id
            """)
        findRecord = try BulkStatement(db, sql: "SELECT id FROM records WHERE source = ?1 AND record_id = ?2")
        clearThemes = try BulkStatement(db, sql: "DELETE FROM record_themes WHERE record_id = ?1")
        deleteRecord = try BulkStatement(db, sql: "DELETE FROM records WHERE id = ?1")
        touch = try BulkStatement(db, sql: "INSERT OR IGNORE INTO temp.touched_rated (id) VALUES (?1)")
        upsert.bind(1, source)
        upsert.bind(3, fileId)
        findRecord.bind(1, source)
    }

    /// Inserts or updates one response and removes the record its key had, if any.
    mutating func write(_ r: StoredRating) throws {
        upsert.bind(2, r.recordId)
        upsert.bind(4, r.line); upsert.bind(5, r.date); upsert.bind(6, r.day); upsert.bind(7, r.employee)
        upsert.bind(8, r.channel); upsert.bind(9, r.ratings.csat); upsert.bind(10, r.ratings.nps)
        guard try upsert.step() else {
            upsert.reset()
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "rated response \(r.recordId) was neither inserted nor updated")
        }
        let id = upsert.int64(0)
        upsert.reset()
        touch.bind(1, id)
        try touch.run()
        written += 1
        try removeRecord(r.recordId)
    }

    /// The record under this key, which an earlier export gave with a comment (its themes first: references
    /// are not enforced on the writing connection, so nothing cascades).
    private func removeRecord(_ recordId: String) throws {
        findRecord.bind(2, recordId)
        let found = try findRecord.step() ? findRecord.int64(0) : nil
        findRecord.reset()
        guard let found else { return }
        clearThemes.bind(1, found)
        try clearThemes.run()
        deleteRecord.bind(1, found)
        try deleteRecord.run()
    }
}
