import Dispatch
import Foundation
import VerbatimCore

/// Records read from one file and not yet analysed: the unit of work that
/// the record stages run over, on one core or split over several.
struct RecordBatch {
    var records: [FeedbackRecord] = []

    /// Fewer records than this per part are not worth splitting a batch for.
    static let minimumPerPart = 64

    init(capacity: Int) { records.reserveCapacity(capacity) }

    /// Runs `stages` over every record, adding each stage's time to `nanos`: split over `share.width`
    /// parts, which the threads with no file left take with this one (`CoreShare.split`), or on this
    /// thread alone without a share.
    mutating func analyse(stages: [any RecordStage], share: CoreShare?, nanos: inout [UInt64]) {
        let n = records.count
        let width = max(1, min(share?.width ?? 1, n / Self.minimumPerPart))
        guard width > 1, let share else {
            for k in records.indices { Self.run(stages, on: &records[k], nanos: &nanos) }
            return
        }
        let parts = PartTimes(workers: width, stages: stages.count)
        records.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedRecords(buffer: buffer)
            share.split(width) { w in
                var local = Array(repeating: UInt64(0), count: stages.count)
                for k in (n * w / width)..<(n * (w + 1) / width) { Self.run(stages, on: &shared.buffer[k], nanos: &local) }
                parts.set(w, local)
            }
        }
        for part in parts.all { for (i, t) in part.enumerated() { nanos[i] += t } }
    }

    /// Runs the stages over one record, then lets its tokens go: nothing a run writes after its stages
    /// (rows, aggregates, the store) reads a token, and they are the largest part of an analysed record.
    /// So a batch waiting to be written holds its records' texts and evidence, not their tokens, and the
    /// memory of a run does not follow the longest texts that happen to share a batch.
    private static func run(_ stages: [any RecordStage], on record: inout FeedbackRecord, nanos: inout [UInt64]) {
        for (i, stage) in stages.enumerated() {
            let t0 = DispatchTime.now().uptimeNanoseconds
            stage.process(&record)
            nanos[i] += DispatchTime.now().uptimeNanoseconds - t0
        }
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
    init(workers: Int, stages: Int) { parts = Array(repeating: Array(repeating: 0, count: stages), count: workers) }
    func set(_ w: Int, _ times: [UInt64]) { lock.lock(); parts[w] = times; lock.unlock() }
    var all: [[UInt64]] { lock.lock(); defer { lock.unlock() }; return parts }
}
