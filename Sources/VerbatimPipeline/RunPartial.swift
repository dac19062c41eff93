import Foundation
import VerbatimCore
import VerbatimReports
import VerbatimStore

/// What a set of input files contributes to a run's reports, and nothing
/// else: the partial result of one shard (`verbatim run --shard I/N
/// --partial FILE`), and inside a single-process run the partial of every
/// file, which the same merge step turns into the reports. So a sharded run
/// and a single run give the same bytes by construction.
///
/// Per file: its path, size, SHA-256, what the reader found (format,
/// encoding, counts), its rejects, and its records, held in one of two
/// ways. A file whose source (`SourceKey`) has no other file in the input
/// folder keeps integer tallies and bounded top-k lists (`RunAggregate`)
/// and its `records.csv` rows. A file that shares its source with another
/// export may hold records that a later export replaces, so it keeps each
/// record's facts (`RecordFacts`) with its row, and the merge counts each
/// record once, the later file winning (`DuplicateFolding`). The store's
/// lines of every record travel along, because the merge is the step that
/// writes the history store. Written as a file by `RunPartial+Format`.
public struct RunPartial: Sendable {
    /// Which pipeline, data and tool made the partial, and which shard it is:
    /// `merge` refuses partials that do not belong together.
    public struct Header: Sendable, Hashable, Codable {
        public var pipeline: String
        public var configSHA256: String
        public var lexiconSHA256: String
        public var toolVersion: String
        /// The input folder the shard listed.
        public var input: String
        public var asOf: String
        public var shard: Shard?
        /// The enabled stages, for the stage timings of `manifest.json`.
        public var stages: [String]
    }

    /// Shard `index` (0-based, like `$JOB_COMPLETION_INDEX` and Spark's partition index) of `count`.
    public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
        public var index: Int
        public var count: Int

        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }

        /// `I/N` as given on the command line; nil when it is not one.
        public init?(argument: String) {
            let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
            self.init(index: i, count: n)
        }

        public var description: String { "\(index)/\(count)" }
    }

    /// One file's contribution.
    struct File: Sendable {
        /// The file gave nothing (`FileReadSummary.rejectedWhole`).
        var rejectedWhole: Bool { summary.rejectedWhole }
        /// Path, name (relative to the input folder), size and SHA-256.
        var entry: FileEntry
        var summary: FileReadSummary
        var rejects: [Reject]
        /// Tallies and top verbatims of all its records. A keyed file has them too, for the merge to use when
        /// no later export replaces any of its records (nil in a partial that did not write them).
        var aggregate: FileAggregate?
        /// Its `records.csv` rows (CSV text).
        var records: URL
        /// When its source has other exports whose records may replace some of its own
        /// (`DuplicateFolding`): its records' facts, one `KeyedRecord` line each, in the order of its rows.
        var facts: URL?
        /// Its records in the store's spool format (`RecordSpool`), one line per record.
        var storeLines: URL
        /// Time in each enabled stage, in the whole file, and in analysing batches, in nanoseconds.
        var stageNanos: [UInt64] = []
        var nanos: UInt64 = 0
        var analyseNanos: UInt64 = 0

        /// Its records are kept as facts too (`facts`).
        var keyed: Bool { facts != nil }
    }

    public var header: Header
    var files: [File]
}
