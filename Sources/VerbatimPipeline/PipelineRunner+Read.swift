import Foundation
import VerbatimCore
import VerbatimIngest
import VerbatimReports
import VerbatimStore

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
        var processing = FileProcessing(stages: stages, spools: spools, verbatimLimit: config.verbatimLimit, masker: resources.masker,
                                        batchSize: Self.batchSize, share: share, progress: progress)
        let config = self.config
        let read = InputReader(aliases: resources.aliases) { config.options(for: ($0 as NSString).lastPathComponent) }
            .read(url: url, name: entry.name) { processing.receive($0) }
        processing.flush()
        try processing.close()
        let summary = masked(read)
        logNotes(summary)
        var entry = entry
        entry.format = summary.format
        entry.encoding = summary.encoding
        return RunPartial.File(
            entry: entry, summary: summary, rejects: processing.rejects, aggregate: .memory(processing.aggregate),
            records: spools.records, facts: spools.facts, storeLines: spools.store, stageNanos: processing.stageNanos,
            nanos: DispatchTime.now().uptimeNanoseconds - fileStart, analyseNanos: processing.analyseNanos)
    }
}

extension PipelineRunner {
    /// A file's errors masked: they may quote its content, and the log, the manifest and the reports see them.
    private func masked(_ summary: FileReadSummary) -> FileReadSummary {
        guard let masker = resources.masker else { return summary }
        var summary = summary
        summary.fileError = summary.fileError.map(masker.mask)
        for k in summary.members.indices { summary.members[k].fileError = summary.members[k].fileError.map(masker.mask) }
        return summary
    }

    /// A warning for each error of a file or of its members, each member skipped, and each rating column left out.
    private func logNotes(_ summary: FileReadSummary) {
        for s in [summary] + summary.members {
            if let error = s.fileError { logger.warning("\(s.file): \(error)") }
            if let reason = s.skipReason { logger.warning("\(s.file): skipped: \(reason)") }
            // A survey's ratings left out are worth a line each night until the pipeline says how to read them.
            for note in s.ratingColumns where !note.isRead { logger.warning("\(s.file): rating column '\(note.name)' \(note.scale)") }
            // Records without a day count in no day's row and no trend: said each night until the pipeline names the column.
            if s.hasDateColumn == false, s.accepted + s.rated > 0 {
                let columns = s.columnsNotRead.isEmpty ? "" : " (columns not read: \(s.columnsNotRead.map { "'\($0)'" }.joined(separator: ", ")))"
                logger.warning("\(s.file): no column holds the date\(columns), so its records count in no day; name it in a sources: rule of the pipeline file (columns: {date: …})")
            }
            for c in s.columnsByContent { logger.info("\(s.file): \(c.field) from \(c.reason)") }
            // An archive's counts are its members' sums: said once, per member.
            if !s.notFeedback.isEmpty, s.members.isEmpty {
                logger.info("\(s.file): set aside, not customers' feedback: \(s.notFeedback.map { "\($0.count) \($0.what.plural)" }.joined(separator: "; "))")
            }
            // A channel's export holds only its own posts: customers write in its discussion group.
            if s.members.isEmpty, s.accepted + s.rated + s.rejected == 0, let own = s.notFeedback.first(where: { $0.what == .ownMessage }) {
                logger.warning("\(s.file): all \(own.count) messages are the chat's own posts, none a customer's; for customers' comments on a channel, export its discussion group")
            }
        }
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
