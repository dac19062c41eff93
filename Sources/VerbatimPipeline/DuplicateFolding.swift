import Foundation
import VerbatimReports
import VerbatimStore

/// Counts each record once per run: when two exports of one source (the
/// same `SourceKey`) in the input hold a record with the same id, the
/// later file (in the order of the paths' bytes, the order the store
/// writes files in, so its rule too) wins and the earlier file's copy is
/// left out of the run's tables and `records.csv`.
///
/// Files of such sources keep their records as facts in the partial
/// (`KeyedRecord`), so folding them builds their tallies and top
/// verbatims exactly as if the earlier copies had never been read, in
/// whichever shard each file was read.
enum DuplicateFolding {
    /// One file's contribution once duplicates are folded.
    struct Folded {
        var aggregate: RunAggregate
        /// Its `records.csv` rows.
        var rows: URL
        /// Records left out because a later export of the same source has them.
        var folded: Int
    }

    /// `files` must be in path order. Spools for the rebuilt rows go to `scratch`.
    static func fold(_ files: [RunPartial.File], verbatimLimit: Int, scratch: URL) throws(RunError) -> [Folded] {
        let losers: [Int: Set<String>]
        do { losers = try Self.losers(files) } catch { throw .partial(.unreadable(path: scratch.path, reason: "\(error)")) }
        var out: [Folded] = []
        for (i, f) in files.enumerated() {
            if let aggregate = f.aggregate {
                out.append(Folded(aggregate: aggregate, rows: f.records, folded: 0))
                continue
            }
            let rows = scratch.appendingPathComponent("folded-\(i).csv")
            do {
                out.append(try rebuild(f, losing: f.rejectedWhole ? [] : losers[i] ?? [], verbatimLimit: verbatimLimit, rows: rows))
            } catch {
                throw .partial(.unreadable(path: f.records.path, reason: "cannot rebuild \(f.entry.name): \(error)"))
            }
        }
        return out
    }

    /// Per keyed file (by index), the ids of its records that a later file of the same source also has.
    static func losers(_ files: [RunPartial.File]) throws -> [Int: Set<String>] {
        var groups: [String: [Int]] = [:]
        for (i, f) in files.enumerated() where f.keyed && !f.rejectedWhole { groups[f.entry.source, default: []].append(i) }
        var out: [Int: Set<String>] = [:]
        for members in groups.values where members.count > 1 {
            // The ids of a source's records are what folding must hold (~20 bytes a record): the sets are sized
            // once from the files' counts, as growing by doubling held the old table and the new one at once.
            var seen = Set<String>(minimumCapacity: members.reduce(0) { $0 + files[$1].summary.accepted })
            for i in members.reversed() {
                var ids = Set<String>(minimumCapacity: files[i].summary.accepted)
                try RunPartial.forEachLine(of: files[i].records) { ids.insert(KeyedRecord.id($0)) }
                let lost = ids.intersection(seen)
                if !lost.isEmpty { out[i] = lost }
                seen.formUnion(ids)
            }
        }
        return out
    }

    /// A keyed file's tallies and rows from its facts, leaving out the records in `losing`.
    static func rebuild(_ f: RunPartial.File, losing: Set<String>, verbatimLimit: Int, rows: URL) throws -> Folded {
        var aggregate = RunAggregate(verbatimLimit: verbatimLimit)
        var out = try SpoolWriter(url: rows)
        var folded = 0
        try RunPartial.forEachLine(of: f.records) { line in
            if !losing.isEmpty, losing.contains(KeyedRecord.id(line)) {
                folded += 1
                return
            }
            guard let r = KeyedRecord.parse(line) else { throw PartialError.damaged(path: f.records.path, line: 0, reason: "a record line") }
            aggregate.add(r.facts)
            try out.append(Array(r.row.utf8))
        }
        try out.close()
        return Folded(aggregate: aggregate, rows: rows, folded: folded)
    }
}
