import Foundation
import VerbatimCore
import VerbatimReports
import VerbatimStore

/// Counts each record once per run: when two exports of one source (the
/// same `SourceKey`) in the input hold a record with the same id, the
/// later file (in the order of the paths' bytes, the order the store
/// writes files in, so its rule too) wins and the earlier file's copy is
/// left out of the run's tables and `records.csv`.
///
/// Files of such sources keep their records' facts in the partial beside
/// their rows (`KeyedRecord`), so folding them builds their tallies and top
/// verbatims exactly as if the earlier copies had never been read, in
/// whichever shard each file was read. A file none of whose records is
/// replaced counts as read, tallies and rows alike.
enum DuplicateFolding {
    /// One file's contribution once duplicates are folded.
    struct Folded {
        var aggregate: FileAggregate
        /// Its `records.csv` rows.
        var rows: URL
        /// Records left out because a later export of the same source has them.
        var folded: Int
    }

    /// `files` must be in path order. Spools for the rebuilt rows go to `scratch`. The files are folded
    /// on `cores` cores (each file on its own: its rows to its own spool).
    static func fold(_ files: [RunPartial.File], verbatimLimit: Int, scratch: URL, cores: Int = 1) throws(RunError) -> [Folded] {
        let losers = try Self.losers(files, scratch: scratch, cores: cores)
        return try ParallelMap.map(files.count, cores: cores) { (i: Int) throws(RunError) -> Folded in
            try fold(files[i], losing: files[i].rejectedWhole ? [] : losers[i] ?? [], verbatimLimit: verbatimLimit,
                     rows: scratch.appendingPathComponent("folded-\(i).csv"))
        }
    }

    /// One file's contribution: as read, when no later export replaces any of its records (`losing`) and
    /// its tallies are in the partial; else its tallies rebuilt from its facts, and its other rows copied to `rows`.
    private static func fold(_ f: RunPartial.File, losing: Set<String>, verbatimLimit: Int, rows: URL) throws(RunError) -> Folded {
        if !f.keyed || losing.isEmpty, let aggregate = f.aggregate { return Folded(aggregate: aggregate, rows: f.records, folded: 0) }
        do {
            return try rebuild(f, losing: losing, verbatimLimit: verbatimLimit, rows: rows)
        } catch {
            throw .partial(.unreadable(path: f.records.path, reason: "cannot rebuild \(f.entry.name): \(error)"))
        }
    }

    /// Per keyed file (by index), the ids of its records that a later file of the same source also has.
    ///
    /// Two passes over a source's files: the first finds the hashes of ids that occur more than once
    /// (`repeatedHashes`, 8 bytes per record, through scratch files in `scratch`); the second compares,
    /// as text, only the ids with such a hash. So a source whose exports do not overlap never holds its
    /// ids, and one whose exports do holds only the ids they share (and the few that a hash collision
    /// brings along). Sources are looked at on `cores` cores, each on its own.
    static func losers(_ files: [RunPartial.File], scratch: URL, cores: Int = 1) throws(RunError) -> [Int: Set<String>] {
        var bySource: [String: [Int]] = [:]
        for (i, f) in files.enumerated() where f.keyed && !f.rejectedWhole { bySource[f.entry.source, default: []].append(i) }
        // In path order, so that the failure reported first, when several are, is the same on every run.
        let groups = bySource.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
        let found = try ParallelMap.map(groups.count, cores: cores) { (g: Int) throws(RunError) -> [Int: Set<String>] in
            do {
                return try losers(of: groups[g], files, scratch: scratch.appendingPathComponent("hashes-\(g)"))
            } catch {
                throw .partial(.unreadable(path: files[groups[g][0]].records.path, reason: "\(error)"))
            }
        }
        // Each file belongs to one source: the sources' answers never share a key.
        return found.reduce(into: [:]) { out, one in out.merge(one) { a, _ in a } }
    }

    /// The losers among the files of one source (`members`, in path order).
    private static func losers(of members: [Int], _ files: [RunPartial.File], scratch: URL) throws -> [Int: Set<String>] {
        let suspects = try repeatedHashes(members.map { files[$0] }, scratch: scratch)
        guard !suspects.isEmpty else { return [:] }
        var out: [Int: Set<String>] = [:]
        var seen = Set<String>()
        for i in members.reversed() {
            var ids = Set<String>()
            try KeyedFactsReader.forEach(of: files[i].facts!) { record in
                guard let id = KeyedRecord.id(binary: record) else { throw damagedFacts(files[i]) }
                if suspects.contains(hash(id)) { ids.insert(id) }
            }
            let lost = ids.intersection(seen)
            if !lost.isEmpty { out[i] = lost }
            seen.formUnion(ids)
        }
        return out
    }

    /// The hashes of the ids that occur more than once in `files` (in one file or in several), found
    /// with one bucket of hashes in memory at a time (`RepeatedValues`), however many records the
    /// source has (it was 8 bytes a record, all at once).
    private static func repeatedHashes(_ files: [RunPartial.File], scratch: URL) throws -> Set<UInt64> {
        var values = RepeatedValues(scratch: scratch, expected: files.reduce(0) { $0 + $1.summary.accepted + $1.summary.rated })
        defer { values.removeScratch() }
        for f in files {
            try KeyedFactsReader.forEach(of: f.facts!) { record in
                guard let id = KeyedRecord.id(binary: record) else { throw damagedFacts(f) }
                values.add(hash(id))
            }
        }
        return try values.repeated()
    }

    private static func damagedFacts(_ f: RunPartial.File) -> PartialError {
        .damaged(path: f.facts?.path ?? f.records.path, line: 0, reason: "a record's facts")
    }

    /// A hash of an id's bytes. Only compared within one run, so the per-process seed of `Hasher` does
    /// not matter.
    private static func hash(_ id: String) -> UInt64 {
        var h = Hasher()
        var id = id
        id.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        return UInt64(bitPattern: Int64(h.finalize()))
    }

    /// A keyed file's tallies and rows from its facts, leaving out the records in `losing`. Its facts and
    /// its rows are read side by side: each fact says how many bytes its row has.
    static func rebuild(_ f: RunPartial.File, losing: Set<String>, verbatimLimit: Int, rows: URL) throws -> Folded {
        guard let factsURL = f.facts, let rowsIn = FileHandle(forReadingAtPath: f.records.path) else {
            throw PartialError.damaged(path: f.records.path, line: 0, reason: "a file without its records")
        }
        defer { try? rowsIn.close() }
        var rowReader = ByteLineReader(handle: rowsIn)
        var aggregate = RunAggregate(verbatimLimit: verbatimLimit)
        var out = try SpoolWriter(url: rows)
        var folded = 0, number = 0
        try KeyedFactsReader.forEach(of: factsURL) { record in
            number += 1
            guard let r = KeyedRecord.read(binary: record) else { throw PartialError.damaged(path: factsURL.path, line: number, reason: "a record's facts") }
            let row = r.rowBytes == 0 ? nil : try rowReader.take(r.rowBytes)
            guard row != nil || r.rowBytes == 0 else {
                throw PartialError.damaged(path: factsURL.path, line: number, reason: "the rows end before this record's row")
            }
            if !losing.isEmpty, losing.contains(r.facts.sample.recordId) {
                folded += 1
                return
            }
            if r.isRatedWithoutText { aggregate.addRating(of: r.facts.sample) } else { aggregate.add(r.facts) }
            if let row { try out.append(Array(row)) }
        }
        guard try rowReader.take(1) == nil else { throw PartialError.damaged(path: f.records.path, line: 0, reason: "rows without their facts") }
        try out.close()
        return Folded(aggregate: .memory(aggregate), rows: rows, folded: folded)
    }
}
