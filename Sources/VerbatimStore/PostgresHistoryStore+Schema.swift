import Foundation
import PostgresNIO

extension PostgresHistoryStore {
    /// The schema of `HistoryStore+Schema` in PostgreSQL's dialect, as the same
    /// named migrations (a store records which it has, in `verbatim_migrations`).
    /// A released migration is never edited; a change is a new one appended here
    /// and to the SQLite list under the same name.
    static let migrations: [(name: String, sql: String)] = [
        ("v1", """
            CREATE TABLE runs (
              id BIGSERIAL PRIMARY KEY,
              started_at TEXT NOT NULL,
              finished_at TEXT,
              status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'completed_with_rejects', 'nothing_new', 'failed')),
              mode TEXT NOT NULL CHECK (mode IN ('nightly', 'reprocess')),
              pipeline TEXT NOT NULL,
              as_of TEXT NOT NULL,
              input TEXT NOT NULL,
              config_sha256 TEXT NOT NULL,
              lexicon_sha256 TEXT NOT NULL,
              tool_version TEXT NOT NULL,
              files_read BIGINT NOT NULL DEFAULT 0,
              files_skipped BIGINT NOT NULL DEFAULT 0,
              files_rejected BIGINT NOT NULL DEFAULT 0,
              records_accepted BIGINT NOT NULL DEFAULT 0,
              records_rejected BIGINT NOT NULL DEFAULT 0,
              duration_seconds DOUBLE PRECISION,
              error TEXT
            );
            CREATE TABLE files (
              id BIGSERIAL PRIMARY KEY,
              path TEXT NOT NULL,
              name TEXT NOT NULL,
              size BIGINT NOT NULL,
              sha256 TEXT NOT NULL,
              format TEXT NOT NULL,
              encoding TEXT NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('processed', 'rejected', 'skipped')),
              records_read BIGINT NOT NULL DEFAULT 0,
              records_accepted BIGINT NOT NULL DEFAULT 0,
              records_rejected BIGINT NOT NULL DEFAULT 0,
              first_run_id BIGINT NOT NULL REFERENCES runs(id),
              last_run_id BIGINT NOT NULL REFERENCES runs(id),
              processed_run_id BIGINT REFERENCES runs(id),
              UNIQUE (path, sha256)
            );
            CREATE INDEX files_by_sha256 ON files(sha256);
            CREATE TABLE records (
              id BIGSERIAL PRIMARY KEY,
              source TEXT NOT NULL,
              record_id TEXT NOT NULL,
              file_id BIGINT NOT NULL REFERENCES files(id),
              line BIGINT NOT NULL,
              date TEXT,
              day TEXT,
              employee TEXT,
              channel TEXT,
              language TEXT NOT NULL,
              label TEXT NOT NULL CHECK (label IN ('positive', 'neutral', 'negative')),
              score DOUBLE PRECISION NOT NULL,
              rating DOUBLE PRECISION,
              UNIQUE (source, record_id)
            );
            CREATE INDEX records_by_day ON records(day);
            CREATE INDEX records_by_file ON records(file_id);
            CREATE TABLE record_themes (
              record_id BIGINT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
              theme TEXT NOT NULL,
              polarity TEXT NOT NULL CHECK (polarity IN ('positive', 'neutral', 'negative')),
              PRIMARY KEY (record_id, theme)
            );
            CREATE INDEX record_themes_by_theme ON record_themes(theme);
            """),
        // A record's CSAT and NPS, each on its column's scale (`SurveyRating`), where one rating read by its
        // value was; the ratings stored before are moved by the value rule they were counted with.
        ("v3", """
            ALTER TABLE records ADD COLUMN csat DOUBLE PRECISION;
            ALTER TABLE records ADD COLUMN nps DOUBLE PRECISION;
            UPDATE records SET nps = rating WHERE rating > 5 OR rating = 0;
            UPDATE records SET csat = rating WHERE rating IS NOT NULL AND rating <= 5 AND rating <> 0;
            ALTER TABLE records DROP COLUMN rating
            """),
        // Survey responses with a rating and no text, and every rated response as one view.
        ("v4", HistoryStore.ratedResponsesSQL(id: "BIGSERIAL PRIMARY KEY", integer: "BIGINT", real: "DOUBLE PRECISION")),
    ]

    /// Applies the missing migrations, each in its own transaction, under a lock of
    /// their own (so two first runs do not both create the tables; a run in progress,
    /// which holds the run lock, does not hold this one).
    func migrate(_ db: PostgresConnectionBox) throws(StoreError) {
        try db.execute("CREATE TABLE IF NOT EXISTS verbatim_migrations (identifier TEXT PRIMARY KEY)", "preparing the schema")
        try db.execute("SELECT pg_advisory_lock(\(Self.migrationLockKey))", "preparing the schema")
        defer { _ = try? db.execute("SELECT pg_advisory_unlock(\(Self.migrationLockKey))", "preparing the schema") }
        let applied = try appliedMigrations(db)
        let known = Self.migrations.map(\.name)
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty { throw .newerSchema(path: location, unknownMigrations: unknown) }
        for m in Self.migrations where !applied.contains(m.name) {
            // One statement per message (the server takes no lists of commands in a prepared statement).
            let statements = m.sql.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            do {
                try db.execute("BEGIN", "applying migration \(m.name)")
                for statement in statements { try db.execute(statement, "applying migration \(m.name)") }
                try db.query("INSERT INTO verbatim_migrations (identifier) VALUES (\(m.name))", "applying migration \(m.name)")
                try db.execute("COMMIT", "applying migration \(m.name)")
            } catch {
                _ = try? db.execute("ROLLBACK", "applying migration \(m.name)")
                throw error
            }
        }
    }

    func appliedMigrations(_ db: PostgresConnectionBox) throws(StoreError) -> [String] {
        let rows = try db.query("SELECT identifier FROM verbatim_migrations ORDER BY identifier", "reading the schema version")
        do { return try rows.rows.map { try $0.makeRandomAccess()[0].decode(String.self) } } catch {
            throw .failed(path: location, operation: "reading the schema version", reason: "\(error)")
        }
    }
}
