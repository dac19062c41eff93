import Foundation
import Testing
@testable import VerbatimPipeline

/// `ParallelMap` hands indices to the cores one at a time and gives the results back in index order,
/// so that what a run writes never depends on which thread took which file.
@Suite("Parallel map")
struct ParallelMapTests {
    enum Failure: Error, Equatable { case at(Int) }

    final class Ran: @unchecked Sendable {
        private var indices: [Int] = []
        private let lock = NSLock()
        func add(_ k: Int) { lock.lock(); indices.append(k); lock.unlock() }
        var sorted: [Int] { lock.lock(); defer { lock.unlock() }; return indices.sorted() }
    }

    @Test(arguments: [1, 2, 4])
    func resultsComeBackInIndexOrder(cores: Int) {
        let ran = Ran()
        let out = ParallelMap.map(200, cores: cores) { k in
            ran.add(k)
            // Uneven work, so that threads finish out of order.
            if k % 7 == 0 { usleep(200) }
            return k * k
        }
        #expect(out == (0..<200).map { $0 * $0 })
        #expect(ran.sorted == Array(0..<200), "each index ran exactly once")
    }

    @Test func theFirstFailureByIndexIsThrownOnceAllHaveRun() {
        let ran = Ran()
        #expect(throws: Failure.at(3)) {
            _ = try ParallelMap.map(50, cores: 2) { (k: Int) throws(Failure) -> Int in
                ran.add(k)
                if k == 40 || k == 3 { throw .at(k) }
                return k
            }
        }
        #expect(ran.sorted == Array(0..<50))
    }

    @Test func nothingToDoIsAnEmptyResult() {
        #expect(ParallelMap.map(0, cores: 2) { $0 }.isEmpty)
    }

    /// With an order, the indices are taken in it (on one core, exactly so), and the results still come
    /// back by index.
    @Test func anOrderSaysWhichIndexIsTakenFirst() {
        let taken = Taken()
        let out = ParallelMap.map(5, cores: 1, order: [3, 1, 4, 0, 2]) { k in
            taken.add(k)
            return k * 10
        }
        #expect(out == [0, 10, 20, 30, 40])
        #expect(taken.all == [3, 1, 4, 0, 2])
    }

    final class Taken: @unchecked Sendable {
        private var indices: [Int] = []
        private let lock = NSLock()
        func add(_ k: Int) { lock.lock(); indices.append(k); lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return indices }
    }
}
