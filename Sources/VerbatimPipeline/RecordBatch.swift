import Dispatch
import Foundation
import VerbatimCore
import VerbatimText

/// Records read from one file and not yet analysed: the unit of work that
/// the record stages run over, on one core or split over several.
struct RecordBatch {
    var records: [FeedbackRecord] = []

    /// Fewer records than this per part are not worth splitting a batch for.
    static let minimumPerPart = 64

    init(capacity: Int) { records.reserveCapacity(capacity) }

    /// Runs `stages` over every record, adding each stage's time to `nanos`: split over `share.width`
    /// parts, which the threads with no file left take with this one (`CoreShare.split`), or on this
    /// thread alone without a share. A record the language stage leaves undetermined waits until the
    /// batch is counted into its file's `context`, then takes the file's language if it has one
    /// (`ContextualStages`, `LanguageContext`).
    mutating func analyse(stages: [any RecordStage], share: CoreShare?, nanos: inout [UInt64]) {
        var context = LanguageContext()
        analyse(stages: ContextualStages(stages), context: &context, share: share, nanos: &nanos)
    }

    mutating func analyse(stages: ContextualStages, context: inout LanguageContext, share: CoreShare?, nanos: inout [UInt64]) {
        each(Array(records.indices), share: share, nanos: &nanos) { record, nanos in
            if !stages.head(&record, nanos: &nanos) { Self.letGo(&record) }
        }
        // Asked with the fields it reads: with the record, each was copied.
        let waiting = records.indices.filter {
            LanguageIdentificationStage.waitsForContext(language: records[$0].language, declared: records[$0].declaredLanguage,
                                                        context: records[$0].contextLanguage)
        }
        for k in records.indices { context.add(records[k].language) }
        defer { context.age() }
        if waiting.isEmpty { return }
        let dominant = context.dominant
        each(waiting, share: share, nanos: &nanos) { record, nanos in
            stages.settle(&record, context: dominant, nanos: &nanos)
            Self.letGo(&record)
        }
    }

    /// Runs `body` over the records at `indices`, split over the share's parts when there are enough.
    private mutating func each(_ positions: [Int], share: CoreShare?, nanos: inout [UInt64],
                               _ body: @escaping @Sendable (inout FeedbackRecord, inout [UInt64]) -> Void) {
        let n = positions.count
        let width = max(1, min(share?.width ?? 1, n / Self.minimumPerPart))
        guard width > 1, let share else {
            for k in positions { body(&records[k], &nanos) }
            return
        }
        let parts = PartTimes(workers: width, stages: nanos.count)
        records.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedRecords(buffer: buffer)
            share.split(width) { w in
                var local = Array(repeating: UInt64(0), count: parts.stages)
                for p in (n * w / width)..<(n * (w + 1) / width) { body(&shared.buffer[positions[p]], &local) }
                parts.set(w, local)
            }
        }
        for part in parts.all { for (i, t) in part.enumerated() { nanos[i] += t } }
    }

    /// Lets an analysed record's tokens go: nothing a run writes after its stages (rows, aggregates,
    /// the store) reads a token, and they are the largest part of an analysed record. So a batch
    /// waiting to be written holds its records' texts and evidence, not their tokens, and the memory of
    /// a run does not follow the longest texts that happen to share a batch.
    private static func letGo(_ record: inout FeedbackRecord) {
        record.tokens.removeAll()
        record.themeKeywords = nil
    }
}

/// The batch's records as seen by its workers, each of which touches only its own slice.
private struct SharedRecords: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<FeedbackRecord>
}

/// Stage times per worker, summed when the workers are done.
private final class PartTimes: @unchecked Sendable {
    private var parts: [[UInt64]]
    private let lock = NSLock()
    let stages: Int
    init(workers: Int, stages: Int) {
        self.stages = stages
        parts = Array(repeating: Array(repeating: 0, count: stages), count: workers)
    }
    func set(_ w: Int, _ times: [UInt64]) { lock.lock(); parts[w] = times; lock.unlock() }
    var all: [[UInt64]] { lock.lock(); defer { lock.unlock() }; return parts }
}
