import Foundation
import VerbatimCore
import VerbatimIngest
import VerbatimReports
import VerbatimStore
import VerbatimText

extension PipelineRunner {
    /// Reads and analyses `files` in parallel (`cores`), each into its part of
    /// one partial, whose record spools go to `spoolDir`. Files named in
    /// `keyed` keep their records as facts (their source has other exports);
    /// with `storeLines` false (a run without a store) no store lines are spooled.
    func readFiles(
        _ files: [(file: (url: URL, name: String), entry: FileEntry)], keyed: Set<String>, header: RunPartial.Header, spoolDir: URL,
        cores: Int, progress: RunProgress?, storeLines: Bool = true
    ) throws(RunError) -> RunPartial {
        let stages = StageRegistry.build(config, text: resources.text, lexicons: resources.lexicons, roster: resources.roster)
        let share = CoreShare(cores: cores, files: files.count)
        progress?.start(files: files.count, bytes: files.reduce(0) { $0 + $1.entry.size })
        // The largest files first: the last file to finish, which the cores share only batch by batch, is then a small one.
        let largestFirst = files.indices.sorted { (files[$0].entry.size, $1) > (files[$1].entry.size, $0) }
        // A thread with no file left analyses parts of the batches of the files still being read.
        let done = try ParallelMap.map(files.count, cores: cores, order: largestFirst, whenIdle: share.help) { (k: Int) throws(RunError) -> RunPartial.File in
            let (file, entry) = files[k]
            let spools = FileSpools(records: spoolDir.appendingPathComponent("\(k).records"),
                                    facts: keyed.contains(file.name) ? spoolDir.appendingPathComponent("\(k).facts") : nil,
                                    store: spoolDir.appendingPathComponent("\(k).store"), storeLines: storeLines)
            share.begin()
            defer {
                share.end()
                progress?.fileDone(bytes: entry.size)
            }
            var done = try processFile(file.url, entry: entry, stages: stages, spools: spools, progress: progress, share: share)
            if case let .memory(a)? = done.aggregate {
                done.aggregate = FileAggregate.spool(a, to: spoolDir.appendingPathComponent("\(k).aggregate"))
            }
            return done
        }
        return RunPartial(header: header, files: done)
    }

    /// Where one file's records go while it is read.
    struct FileSpools {
        /// `records.csv` rows.
        var records: URL
        /// For a file whose source has other exports, the facts of each record (`KeyedRecord.appendBinary`).
        var facts: URL?
        /// The store's lines (`RecordSpool`), written only with `storeLines`.
        var store: URL
        var storeLines: Bool
    }

    /// Reads one file through the stages into its part of a partial.
    /// Throws only when its spools could not be written (a full disk): a file is never reported short.
    func processFile(_ url: URL, entry: FileEntry, stages: [any RecordStage], spools: FileSpools, progress: RunProgress? = nil,
                     share: CoreShare? = nil) throws(RunError) -> RunPartial.File {
        let fileStart = DispatchTime.now().uptimeNanoseconds
        let name = entry.name
        var aggregate = RunAggregate(verbatimLimit: config.verbatimLimit)
        var rejects: [Reject] = []
        var rows = CSVRowSpool(url: spools.records)
        var facts = spools.facts.map { SpoolFile(url: $0) }
        var stored = StoreRowSpool(url: spools.store)
        var stageNanos = Array(repeating: UInt64(0), count: stages.count)
        // Records are analysed in batches, split over the cores this file may use now (all of them
        // when it is the only file left), then added in their order, so the output does not depend on it.
        var batch = RecordBatch(capacity: Self.batchSize)
        // The file's languages so far: its undetermined texts take the one most of it is in.
        var context = LanguageContext()
        let contextual = ContextualStages(stages)
        var analyseNanos: UInt64 = 0
        // Responses with a rating and no text met while a batch fills, with the number of records before
        // each: their rows go between the records' rows, in the file's order.
        var rated: [(before: Int, response: RatedResponse)] = []
        func writeRated(upTo position: Int, _ k: inout Int) {
            while k < rated.count, rated[k].before <= position {
                let r = rated[k].response
                let rowBytes = rows.append(RecordRowFormatter.ratedRow(r))
                facts?.append { KeyedRecord.appendBinary(r, rowBytes: rowBytes, to: &$0) }
                if spools.storeLines { stored.append(r) }
                k += 1
            }
        }
        func write(_ record: FeedbackRecord) {
            let evidence = RecordRowFormatter.evidenceString(record)
            aggregate.add(record, evidence: evidence)
            let rowBytes = rows.append(RecordRowFormatter.recordRow(record, evidence: evidence, masker: resources.masker))
            facts?.append { KeyedRecord.appendBinary(record, evidence: evidence, rowBytes: rowBytes, to: &$0) }
            if spools.storeLines { stored.append(record) }
        }
        func flush() {
            let t0 = DispatchTime.now().uptimeNanoseconds
            batch.analyse(stages: contextual, context: &context, share: share, nanos: &stageNanos)
            analyseNanos += DispatchTime.now().uptimeNanoseconds - t0
            var k = 0
            // Through the buffer, by index: about 400 instructions a record fewer than a loop over
            // `enumerated()` (the record is still copied once for `write`: the compiler cannot see that
            // nothing writes the array meanwhile).
            batch.records.withUnsafeBufferPointer { records in
                for position in records.indices {
                    writeRated(upTo: position, &k)
                    write(records[position])
                }
            }
            writeRated(upTo: batch.records.count, &k)
            rated.removeAll(keepingCapacity: true)
            progress?.add(records: batch.records.count)
            batch.records.removeAll(keepingCapacity: true)
        }
        let emit: (consuming ReadEvent) -> Void = { event in
            switch consume event {
            case let .record(record):
                batch.records.append(record)
                if batch.records.count == Self.batchSize { flush() }
            case let .rated(r):
                aggregate.add(r)
                rated.append((batch.records.count, r))
                // Held no longer than a batch: a survey most of whose respondents skip the comment stays bounded.
                if rated.count == Self.batchSize { flush() }
            case let .reject(j):
                rejects.append(j)
            }
        }
        let config = self.config
        var summary = InputReader(aliases: resources.aliases) { config.options(for: ($0 as NSString).lastPathComponent) }
            .read(url: url, name: name, emit: emit)
        flush()
        do throws(RunError) {
            try rows.close()
            try facts?.close()
        } catch {
            try? facts?.close()  // closed either way; the first failure is the one reported
            try? stored.close()
            throw error
        }
        try stored.close()
        // A file's error may quote its content: masked before the log, the manifest and the reports see it.
        if let masker = resources.masker {
            summary.fileError = summary.fileError.map(masker.mask)
            for k in summary.members.indices { summary.members[k].fileError = summary.members[k].fileError.map(masker.mask) }
        }
        for s in [summary] + summary.members {
            if let error = s.fileError { logger.warning("\(s.file): \(error)") }
            if let reason = s.skipReason { logger.warning("\(s.file): skipped: \(reason)") }
            // A survey's ratings left out are worth a line each night until the pipeline says how to read them.
            for note in s.ratingColumns where !note.isRead { logger.warning("\(s.file): rating column '\(note.name)' \(note.scale)") }
        }
        var entry = entry
        entry.format = summary.format
        entry.encoding = summary.encoding
        return RunPartial.File(
            entry: entry, summary: summary, rejects: rejects, aggregate: .memory(aggregate),
            records: spools.records, facts: spools.facts, storeLines: spools.store, stageNanos: stageNanos,
            nanos: DispatchTime.now().uptimeNanoseconds - fileStart, analyseNanos: analyseNanos)
    }
}

/// The `records.csv` rows of one file, appended to its spool file.
struct CSVRowSpool {
    private var file: SpoolFile
    var url: URL { file.url }

    init(url: URL) { file = SpoolFile(url: url) }

    /// Appends one row; returns its length in bytes (`KeyedRecord.rowBytes`).
    mutating func append(_ cells: [CSVTableWriter.Cell]) -> Int {
        var n = 0
        file.append {
            let before = $0.count
            CSVTableWriter.appendRow(cells, to: &$0)
            n = $0.count - before
        }
        return n
    }

    mutating func close() throws(RunError) { try file.close() }
}
