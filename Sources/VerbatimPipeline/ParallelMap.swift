import Foundation

/// Work spread over the cores one index at a time: the input files of a run (hashing them, reading
/// them) and the merge's sources and files. Each thread takes the next index left, so a large item
/// does not hold back the others; the results come back in index order, so the output does not
/// depend on which thread took what.
enum ParallelMap {
    /// `body` for each index of `0..<count`, on up to `cores` threads. When some fail, the failure of
    /// the first of them by index is thrown, once all have run.
    /// `order`, when given, is the order in which the indices are taken (a permutation of them): the
    /// largest items first, so that the last one to finish is a small one. `whenIdle`, when given, is
    /// called by each thread once no index is left for it to take, before the map returns (to help
    /// with the items still running: `CoreShare.help`).
    static func map<Value, Failure: Error>(_ count: Int, cores: Int, order: [Int]? = nil, whenIdle: (@Sendable () -> Void)? = nil,
                                           _ body: @Sendable (Int) throws(Failure) -> Value) throws(Failure) -> [Value] {
        precondition(order == nil || order!.count == count, "an order names every index once")
        let slots = Slots<Value, Failure>(count: count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(cores, count))) { _ in
            while true {
                let taken = next.take()
                guard taken < count else {
                    whenIdle?()
                    return
                }
                let k = order?[taken] ?? taken
                slots.set(k, Result { () throws(Failure) in try body(k) })
            }
        }
        var out: [Value] = []
        out.reserveCapacity(count)
        for k in 0..<count { out.append(try slots.get(k)) }
        return out
    }

    /// One result per index, set by whichever thread ran it.
    private final class Slots<Value, Failure: Error>: @unchecked Sendable {
        private var slots: [Result<Value, Failure>?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ k: Int, _ r: Result<Value, Failure>) { lock.lock(); slots[k] = r; lock.unlock() }
        func get(_ k: Int) throws(Failure) -> Value {
            lock.lock()
            let r = slots[k]!
            lock.unlock()
            return try r.get()
        }
    }

    /// The next index to take.
    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func take() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value - 1 }
    }
}
