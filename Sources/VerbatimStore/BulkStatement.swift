import GRDB
import GRDBSQLite

/// A prepared statement run many times in a row through SQLite's C API,
/// for the store's per-record writes.
///
/// GRDB's `execute(arguments:)` builds an argument array, checks it and
/// registers the statement's database region on every call; for a million
/// records that bookkeeping cost more than SQLite's own work. This type
/// binds values in place and steps the statement directly. It is made
/// from a GRDB `Statement` (which keeps owning and finalizing the SQLite
/// statement) and used only inside the `Database` access that made it, so
/// no SQLite pointer leaves `VerbatimStore`.
struct BulkStatement {
    private let statement: Statement
    private let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// SQLite copies text bound with this destructor, so the Swift string need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ i: Int32, _ v: Int64) { sqlite3_bind_int64(handle, i, v) }
    func bind(_ i: Int32, _ v: Int) { sqlite3_bind_int64(handle, i, Int64(v)) }
    func bind(_ i: Int32, _ v: Double) { sqlite3_bind_double(handle, i, v) }
    func bind(_ i: Int32, _ v: Double?) {
        if let v { sqlite3_bind_double(handle, i, v) } else { sqlite3_bind_null(handle, i) }
    }
    func bind(_ i: Int32, _ v: String) {
        var s = v
        s.withUTF8 { b in
            guard let base = b.baseAddress, !b.isEmpty else { _ = sqlite3_bind_text(handle, i, "", 0, Self.transient); return }
            _ = UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: b.count) {
                sqlite3_bind_text(handle, i, $0, Int32(b.count), Self.transient)
            }
        }
    }
    func bind(_ i: Int32, _ v: String?) {
        if let v { bind(i, v) } else { sqlite3_bind_null(handle, i) }
    }

    /// Binds text that SQLite reads in place: `bytes` must stay valid, unchanged, until the
    /// parameter is bound again or the statement is finalized (the writer rebinds every
    /// parameter before each run, from the spool chunk it holds meanwhile).
    func bindStatic(_ i: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { sqlite3_bind_text(handle, i, "", 0, Self.transient); return }
        UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            _ = sqlite3_bind_text(handle, i, $0, Int32(bytes.count), nil)
        }
    }
    func bindStatic(_ i: Int32, _ bytes: UnsafeBufferPointer<UInt8>?) {
        if let bytes { bindStatic(i, bytes) } else { sqlite3_bind_null(handle, i) }
    }

    /// Runs the statement with the values bound; true when it returned a row (read it with `int64`).
    /// Call `reset` before binding the next values.
    @discardableResult
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// Column `i` (0-based) of the current row.
    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
    func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }
    /// Column `i` as a number; nil for NULL.
    func optionalDouble(_ i: Int32) -> Double? { sqlite3_column_type(handle, i) == SQLITE_NULL ? nil : sqlite3_column_double(handle, i) }
    /// Column `i` as text bytes, valid until the next `step` or `reset`; nil for NULL.
    func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let text = sqlite3_column_text(handle, i) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, i)))
    }
    func string(_ i: Int32) -> String? { bytes(i).map { String(decoding: $0, as: UTF8.self) } }

    /// Makes the statement ready to run again (bound values stay until rebound).
    func reset() { sqlite3_reset(handle) }

    /// Runs the statement to completion with the values bound, then resets it.
    func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Rows the last completed INSERT, UPDATE or DELETE changed.
    var changes: Int { Int(sqlite3_changes(db.sqliteConnection)) }
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(db.sqliteConnection) }
}
