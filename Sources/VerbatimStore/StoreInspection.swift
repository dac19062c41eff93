/// A look at a store's health and size, for tests and operators.
public struct StoreInspection: Sendable, Hashable {
    /// `ok`, or what SQLite's `PRAGMA integrity_check` found.
    public var integrity: String
    /// Applied schema migrations, oldest first.
    public var migrations: [String]
    public var runs = 0
    public var files = 0
    public var records = 0
    public var themeMentions = 0
    /// Survey responses with a rating and no text (`rated_responses`).
    public var ratedWithoutText = 0

    public init(integrity: String, migrations: [String]) {
        self.integrity = integrity
        self.migrations = migrations
    }
}
