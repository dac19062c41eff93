import Foundation
import Testing
import VerbatimCore
@testable import VerbatimPipeline

/// The last file of a run is analysed on every core: the threads with no file left take parts of its
/// batches, and a file never waits for a part that nobody took.
@Suite("Sharing the cores with the last file")
struct CoreShareTests {
    /// A stage that notes the thread each record was analysed on.
    struct ThreadNoting: RecordStage {
        let threads: Threads
        var name: String { "thread-noting" }
        func process(_ record: inout FeedbackRecord) {
            usleep(50)
            threads.add(pthread_self())
        }
    }

    final class Threads: @unchecked Sendable {
        private var seen = Set<UInt>()
        private var records = 0
        private let lock = NSLock()
        func add(_ t: pthread_t) { lock.lock(); seen.insert(UInt(t)); records += 1; lock.unlock() }
        var count: Int { lock.lock(); defer { lock.unlock() }; return seen.count }
        var analysed: Int { lock.lock(); defer { lock.unlock() }; return records }
    }

    static func batch(_ n: Int) -> RecordBatch {
        var batch = RecordBatch(capacity: n)
        for k in 0..<n {
            batch.records.append(FeedbackRecord(id: "\(k)", provenance: Provenance(file: "f.csv", line: k + 2), date: nil, employee: nil,
                                                channel: nil, text: "metin"))
        }
        return batch
    }

    /// A thread with no file left: it helps until every file is done, then signals.
    static func startHelper(_ share: CoreShare) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread {
            share.help()
            done.signal()
        }.start()
        return done
    }

    /// Parts that have started, for parts that wait for each other.
    final class Meeting: @unchecked Sendable {
        private let condition = NSCondition()
        private var arrived = 0
        /// Arrives, then waits (at most `seconds`) until `count` parts have: whether they all did.
        func arriveAndWait(for count: Int, seconds: Double) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            arrived += 1
            condition.broadcast()
            let deadline = Date().addingTimeInterval(seconds)
            while arrived < count { if !condition.wait(until: deadline) { return arrived >= count } }
            return true
        }
    }

    /// A thread with no file left (in `help`) takes a part while the file's own thread runs another:
    /// each part waits for the other to start, which only two threads can do. The helper returns once
    /// the last file is done.
    @Test func aThreadWithNoFileLeftTakesAPart() {
        let share = CoreShare(cores: 2, files: 1)
        share.begin()
        let helperDone = Self.startHelper(share)
        let meeting = Meeting(), threads = Threads()
        let met = Threads()
        share.split(2) { _ in
            threads.add(pthread_self())
            if meeting.arriveAndWait(for: 2, seconds: 10) { met.add(pthread_self()) }
        }
        share.end()
        #expect(helperDone.wait(timeout: .now() + 10) == .success, "the helper stops when no file is left")
        #expect(threads.count == 2)
        #expect(met.analysed == 2, "both parts ran at the same time")
    }

    /// With a helper, a batch's records are each analysed once, and let go of their tokens.
    @Test func aSharedBatchAnalysesEveryRecordOnce() {
        let share = CoreShare(cores: 2, files: 1)
        share.begin()
        let helperDone = Self.startHelper(share)
        let threads = Threads()
        var batch = Self.batch(512)
        var nanos: [UInt64] = [0]
        batch.analyse(stages: [ThreadNoting(threads: threads)], share: share, nanos: &nanos)
        share.end()
        #expect(helperDone.wait(timeout: .now() + 10) == .success)
        #expect(threads.analysed == 512)
        #expect(batch.records.allSatisfy { $0.tokens.isEmpty })
        #expect(nanos[0] > 0)
    }

    /// With no thread free to help, a file runs all its parts itself, and returns.
    @Test func withoutHelpersAFileRunsEveryPartItself() {
        let threads = Threads()
        let share = CoreShare(cores: 4, files: 1)
        share.begin()
        var batch = Self.batch(300)
        var nanos: [UInt64] = [0]
        batch.analyse(stages: [ThreadNoting(threads: threads)], share: share, nanos: &nanos)
        share.end()
        #expect(threads.count == 1)
        #expect(threads.analysed == 300)
        #expect(batch.records.allSatisfy { $0.tokens.isEmpty })
    }

    /// Two files in progress on two cores each take one.
    @Test func theWidthIsTheCoresOverTheFilesInProgress() {
        let share = CoreShare(cores: 2, files: 3)
        #expect(share.width == 2)
        share.begin()
        #expect(share.width == 2)
        share.begin()
        #expect(share.width == 1)
        share.end()
        #expect(share.width == 2)
    }
}
