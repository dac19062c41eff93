import Foundation
import VerbatimReports

/// One file's tallies and top verbatims (`RunAggregate`): in memory, or written to a spool file
/// (`RunAggregate.spoolBytes`) once the file is read. A run reads many files before it adds them up;
/// kept in memory, each file's top verbatims (up to 600 characters of text each, for every employee
/// and theme) stayed there through the reading of all the others, and the memory they held grew with
/// the length of the exports' texts. Spooled, they are read back one file at a time when the files
/// are added up.
enum FileAggregate: Sendable {
    case memory(RunAggregate)
    case spooled(URL)

    /// The encoder of the aggregates in partials and spools (sorted keys: the same bytes every time).
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }

    /// `aggregate` written to `url`; the aggregate itself when it cannot be written (it stays in memory).
    static func spool(_ aggregate: RunAggregate, to url: URL) -> FileAggregate {
        guard (try? Data(aggregate.spoolBytes()).write(to: url)) != nil else { return .memory(aggregate) }
        return .spooled(url)
    }

    func load() throws(PartialError) -> RunAggregate {
        switch self {
        case let .memory(a): return a
        case let .spooled(url):
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .unreadable(path: url.path, reason: "cannot read a file's tallies back: the spool is gone")
            }
            do { return try RunAggregate(spoolBytes: [UInt8](data)[...]) } catch {
                throw .unreadable(path: url.path, reason: "cannot read a file's tallies back: the spool is damaged")
            }
        }
    }

    /// The JSON of a partial's `A` line.
    func json() throws -> Data { try Self.encoder().encode(try load()) }
}
