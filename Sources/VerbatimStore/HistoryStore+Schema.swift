import GRDB

extension HistoryStore {
    /// The store's schema, as versioned migrations applied in order.
    ///
    /// A migration, once released, is never edited: a change to the schema
    /// is a new migration appended here (with a test that a store of the
    /// previous version opens and keeps its data). A store that has a
    /// migration this list lacks was written by a newer Verbatim and is
    /// refused (`StoreError.newerSchema`).
    static let migrator: DatabaseMigrator = {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            // One row per run that committed (and per run that failed, with its error).
            try db.execute(sql: """
                CREATE TABLE runs (
                  id INTEGER PRIMARY KEY,
                  started_at TEXT NOT NULL,              -- ISO 8601, UTC
                  finished_at TEXT,
                  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'completed_with_rejects', 'nothing_new', 'failed')),
                  mode TEXT NOT NULL CHECK (mode IN ('nightly', 'reprocess')),
                  pipeline TEXT NOT NULL,
                  as_of TEXT NOT NULL,
                  input TEXT NOT NULL,
                  config_sha256 TEXT NOT NULL,
                  lexicon_sha256 TEXT NOT NULL,
                  tool_version TEXT NOT NULL,
                  files_read INTEGER NOT NULL DEFAULT 0,
                  files_skipped INTEGER NOT NULL DEFAULT 0,
                  files_rejected INTEGER NOT NULL DEFAULT 0,
                  records_accepted INTEGER NOT NULL DEFAULT 0,
                  records_rejected INTEGER NOT NULL DEFAULT 0,
                  duration_seconds REAL,
                  error TEXT
                );
                """)
            // One row per version (path and content) of an input file.
            try db.execute(sql: """
                CREATE TABLE files (
                  id INTEGER PRIMARY KEY,
                  path TEXT NOT NULL,                    -- absolute, when read
                  name TEXT NOT NULL,                    -- relative to the input folder
                  size INTEGER NOT NULL,
                  sha256 TEXT NOT NULL,
                  format TEXT NOT NULL,
                  encoding TEXT NOT NULL,
                  status TEXT NOT NULL CHECK (status IN ('processed', 'rejected', 'skipped')),
                  records_read INTEGER NOT NULL DEFAULT 0,
                  records_accepted INTEGER NOT NULL DEFAULT 0,
                  records_rejected INTEGER NOT NULL DEFAULT 0,
                  first_run_id INTEGER NOT NULL REFERENCES runs(id),   -- first run that saw it
                  last_run_id INTEGER NOT NULL REFERENCES runs(id),    -- last run that saw it (read or skipped)
                  processed_run_id INTEGER REFERENCES runs(id),        -- last run that read it
                  UNIQUE (path, sha256)
                );
                CREATE INDEX files_by_sha256 ON files(sha256);
                """)
            // One row per record, whichever export last carried it.
            try db.execute(sql: """
                CREATE TABLE records (
                  id INTEGER PRIMARY KEY,
                  source TEXT NOT NULL,                  -- see SourceKey
                  record_id TEXT NOT NULL,
                  file_id INTEGER NOT NULL REFERENCES files(id),
                  line INTEGER NOT NULL,
                  date TEXT,
                  day TEXT,                              -- YYYY-MM-DD of date, for trends
                  employee TEXT,
                  channel TEXT,
                  language TEXT NOT NULL,
                  label TEXT NOT NULL CHECK (label IN ('positive', 'neutral', 'negative')),
                  score REAL NOT NULL,
                  rating REAL,
                  UNIQUE (source, record_id)
                );
                CREATE INDEX records_by_day ON records(day);
                CREATE INDEX records_by_file ON records(file_id);
                CREATE TABLE record_themes (
                  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
                  theme TEXT NOT NULL,
                  polarity TEXT NOT NULL CHECK (polarity IN ('positive', 'neutral', 'negative')),
                  PRIMARY KEY (record_id, theme)
                ) WITHOUT ROWID;
                CREATE INDEX record_themes_by_theme ON record_themes(theme);
                """)
        }
        m.registerMigration("v2") { db in
            // No query reads themes by name (trends join them to records by record id), and the index
            // cost as much to keep as the table: a third of the pages a run of analysed records writes.
            try db.execute(sql: "DROP INDEX IF EXISTS record_themes_by_theme")
        }
        m.registerMigration("v3") { db in
            // A record's CSAT and NPS, each on its column's scale (`SurveyRating`: an NPS column's 3 is a
            // detractor), where one rating read by its value was. The ratings stored before were counted by
            // that value rule, and are moved by it.
            try db.execute(sql: """
                ALTER TABLE records ADD COLUMN csat REAL;
                ALTER TABLE records ADD COLUMN nps REAL;
                UPDATE records SET nps = rating WHERE rating > 5 OR rating = 0;
                UPDATE records SET csat = rating WHERE rating IS NOT NULL AND rating <= 5 AND rating <> 0;
                ALTER TABLE records DROP COLUMN rating;
                """)
        }
        m.registerMigration("v4") { db in
            try db.execute(sql: HistoryStore.ratedResponsesSQL(id: "INTEGER PRIMARY KEY", integer: "INTEGER", real: "REAL"))
        }
        return m
    }()

    /// Migration v4, in either dialect: the survey responses with a rating and no text, which are
    /// no `records` row (they have no language, label or score), and `survey_responses`, every
    /// rated response whether it has text or not, for a dashboard's CSAT and NPS.
    static func ratedResponsesSQL(id: String, integer: String, real: String) -> String {
        """
        CREATE TABLE rated_responses (
          id \(id),
          source TEXT NOT NULL,                  -- see SourceKey: with record_id, the key records have too
          record_id TEXT NOT NULL,
          file_id \(integer) NOT NULL REFERENCES files(id),
          line \(integer) NOT NULL,
          date TEXT,
          day TEXT,                              -- YYYY-MM-DD of date, for trends
          employee TEXT,
          channel TEXT,
          csat \(real),                            -- on the column's scale (SurveyRating)
          nps \(real),
          CHECK (csat IS NOT NULL OR nps IS NOT NULL),
          UNIQUE (source, record_id)
        );
        CREATE INDEX rated_responses_by_day ON rated_responses(day);
        CREATE INDEX rated_responses_by_file ON rated_responses(file_id);
        CREATE VIEW survey_responses AS
          SELECT source, record_id, file_id, line, date, day, employee, channel, csat, nps, label FROM records
          WHERE csat IS NOT NULL OR nps IS NOT NULL
          UNION ALL
          SELECT source, record_id, file_id, line, date, day, employee, channel, csat, nps, NULL FROM rated_responses;
        """
    }

    /// The migrations this version applies, oldest first.
    public static var schemaVersions: [String] { migrator.migrations }
}
