import Foundation
import VerbatimCore
import VerbatimIngest
import VerbatimPrivacy
import VerbatimReports
import VerbatimText

/// One file's records on their way through the stages, as its reader emits them: analysed in batches,
/// split over the cores the file may use now (all of them when it is the only file left), then added to
/// the file's aggregate and written to its spools in the file's order, so the output does not depend on
/// the split (`PipelineRunner.processFile`).
struct FileProcessing {
    private let stages: ContextualStages
    private let storeLines: Bool
    private let masker: PersonalDataMasker?
    private let share: CoreShare?
    private let progress: RunProgress?
    private let batchSize: Int

    private(set) var aggregate: RunAggregate
    private(set) var rejects: [Reject] = []
    private(set) var stageNanos: [UInt64]
    private(set) var analyseNanos: UInt64 = 0
    private var rows: CSVRowSpool
    private var facts: SpoolFile?
    private var stored: StoreRowSpool
    private var batch: RecordBatch
    /// The file's languages so far: its undetermined texts take the one most of it is in.
    private var context = LanguageContext()
    /// Responses with a rating and no text met while a batch fills, with the number of records before each:
    /// their rows go between the records' rows, in the file's order.
    private var rated: [(before: Int, response: RatedResponse)] = []

    init(
        stages: [any RecordStage], spools: PipelineRunner.FileSpools, verbatimLimit: Int, masker: PersonalDataMasker?, batchSize: Int,
        share: CoreShare?, progress: RunProgress?
    ) {
        self.stages = ContextualStages(stages)
        storeLines = spools.storeLines
        self.masker = masker
        self.share = share
        self.progress = progress
        self.batchSize = batchSize
        aggregate = RunAggregate(verbatimLimit: verbatimLimit)
        stageNanos = Array(repeating: 0, count: stages.count)
        rows = CSVRowSpool(url: spools.records)
        facts = spools.facts.map { SpoolFile(url: $0) }
        stored = StoreRowSpool(url: spools.store)
        batch = RecordBatch(capacity: batchSize)
    }

    /// One event of the file's reader.
    mutating func receive(_ event: consuming ReadEvent) {
        switch consume event {
        case let .record(record):
            batch.records.append(record)
            if batch.records.count == batchSize { flush() }
        case let .rated(r):
            aggregate.add(r)
            rated.append((batch.records.count, r))
            // Held no longer than a batch: a survey most of whose respondents skip the comment stays bounded.
            if rated.count == batchSize { flush() }
        case let .reject(j):
            rejects.append(j)
        case .setAside:
            // Counted in the file's summary by its reader; nothing to analyse or write.
            break
        }
    }

    /// Analyses the batch and writes it, with the rated responses met among its records.
    mutating func flush() {
        let t0 = DispatchTime.now().uptimeNanoseconds
        batch.analyse(stages: stages, context: &context, share: share, nanos: &stageNanos)
        analyseNanos += DispatchTime.now().uptimeNanoseconds - t0
        var k = 0
        // Taken out of the batch while they are written (`write` changes this value, the batch included), and
        // put back emptied, its room kept.
        var records: [FeedbackRecord] = []
        swap(&records, &batch.records)
        // Through the buffer, by index: about 400 instructions a record fewer than a loop over `enumerated()`
        // (the record is still copied once for `write`: the compiler cannot see that nothing writes the array
        // meanwhile).
        records.withUnsafeBufferPointer { records in
            for position in records.indices {
                writeRated(upTo: position, &k)
                write(records[position])
            }
        }
        writeRated(upTo: records.count, &k)
        rated.removeAll(keepingCapacity: true)
        progress?.add(records: records.count)
        records.removeAll(keepingCapacity: true)
        swap(&records, &batch.records)
    }

    /// Closes the spools; the first failure is the one thrown, and every spool is closed either way.
    mutating func close() throws(RunError) {
        do throws(RunError) {
            try rows.close()
            try facts?.close()
        } catch {
            try? facts?.close()
            try? stored.close()
            throw error
        }
        try stored.close()
    }

    /// The rated responses met before the record at `position`, from the `k`-th on.
    private mutating func writeRated(upTo position: Int, _ k: inout Int) {
        while k < rated.count, rated[k].before <= position {
            let r = rated[k].response
            let rowBytes = rows.append(RecordRowFormatter.ratedRow(r))
            facts?.append { KeyedRecord.appendBinary(r, rowBytes: rowBytes, to: &$0) }
            if storeLines { stored.append(r) }
            k += 1
        }
    }

    /// One analysed record: into the aggregate, its `records.csv` row, its facts and its store line.
    private mutating func write(_ record: FeedbackRecord) {
        let evidence = RecordRowFormatter.evidenceString(record)
        aggregate.add(record, evidence: evidence)
        let rowBytes = rows.append(RecordRowFormatter.recordRow(record, evidence: evidence, masker: masker))
        facts?.append { KeyedRecord.appendBinary(record, evidence: evidence, rowBytes: rowBytes, to: &$0) }
        if storeLines { stored.append(record) }
    }
}
