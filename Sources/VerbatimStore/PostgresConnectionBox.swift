import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One PostgreSQL connection used synchronously: each statement is sent and
/// waited for (the store's callers are plain threads, like SQLite's).
/// Statements are `PostgresQuery` values, whose interpolations are bound
/// parameters, never spliced into the SQL.
final class PostgresConnectionBox: @unchecked Sendable {
    let connection: PostgresConnection
    let logger = Logger(label: "verbatim.postgres")
    /// Where, for messages (no password).
    let location: String

    private init(connection: PostgresConnection, location: String) {
        self.connection = connection
        self.location = location
    }

    /// Connects to `postgresql://user[:password]@host[:port]/database` (TLS when `sslmode=require`).
    static func connect(_ url: URL, location: String) throws(StoreError) -> PostgresConnectionBox {
        guard let c = URLComponents(url: url, resolvingAgainstBaseURL: false), let host = c.host, !host.isEmpty else {
            throw .cannotOpen(path: location, reason: "not a PostgreSQL URL (postgresql://user@host:5432/database)")
        }
        let database = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        let user = c.user ?? ProcessInfo.processInfo.environment["PGUSER"] ?? "postgres"
        let password = c.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        let tls: PostgresConnection.Configuration.TLS
        if c.queryItems?.first(where: { $0.name == "sslmode" })?.value == "require" {
            do { tls = .require(try .init(configuration: .makeClientConfiguration())) } catch {
                throw .cannotOpen(path: location, reason: "TLS cannot be set up (\(error))")
            }
        } else {
            tls = .disable
        }
        let config = PostgresConnection.Configuration(host: host, port: c.port ?? 5432, username: user, password: password,
                                                       database: database.isEmpty ? user : database, tls: tls)
        let logger = Logger(label: "verbatim.postgres")
        do {
            let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: config,
                                                            id: 1, logger: logger).wait()
            return PostgresConnectionBox(connection: connection, location: location)
        } catch {
            throw .cannotOpen(path: location, reason: Self.reason(error))
        }
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ q: PostgresQuery, _ operation: String) throws(StoreError) -> PostgresQueryResult {
        do { return try connection.query(q, logger: logger).wait() } catch {
            throw .failed(path: location, operation: operation, reason: Self.reason(error))
        }
    }

    /// Runs SQL without parameters (several statements allowed: the schema).
    func execute(_ sql: String, _ operation: String) throws(StoreError) {
        do { _ = try connection.simpleQuery(sql).wait() } catch {
            throw .failed(path: location, operation: operation, reason: Self.reason(error))
        }
    }

    func close() { try? connection.close().wait() }

    /// What the server said, or what went wrong on the way.
    static func reason(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] { return message }
            return "\(e.code)"
        }
        return "\(error)"
    }
}

extension PostgresQueryResult {
    /// The first row's first column as an integer.
    func int64() throws -> Int64? {
        guard let row = rows.first else { return nil }
        return try row.makeRandomAccess()[0].decode(Int64.self)
    }
}
