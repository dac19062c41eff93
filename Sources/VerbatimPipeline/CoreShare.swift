import Foundation

/// The cores of a run's read phase and the files in progress on them.
///
/// A file splits each batch of its records over its share of the cores (`width`: all of them when it
/// is the only file in progress) and posts the parts (`split`). Threads with no file left to read take
/// them (`help`), and so does the file's own thread, which never waits for a part nobody took. So the
/// last file of a run is analysed on every core, by the threads that read the files before it, each
/// with its own per-thread memos of words already filled: no thread is started for it. (A
/// `concurrentPerform` inside the run's map over files did not do this: libdispatch runs one nested in
/// another on the one thread that calls it.)
final class CoreShare: @unchecked Sendable {
    let cores: Int
    private let condition = NSCondition()
    /// Files being read now.
    private var active = 0
    /// Files not read yet or being read: helpers stop when none is left.
    private var unfinished: Int
    /// Splits with parts nobody has taken yet.
    private var posted: [Split] = []

    init(cores: Int, files: Int) {
        self.cores = cores
        unfinished = files
    }

    func begin() {
        condition.lock()
        active += 1
        condition.unlock()
    }

    /// A file is done (read, or failed).
    func end() {
        condition.lock()
        active -= 1
        unfinished -= 1
        if unfinished <= 0 { condition.broadcast() }
        condition.unlock()
    }

    /// The parts a file in progress may split a batch into now.
    var width: Int {
        condition.lock()
        defer { condition.unlock() }
        return max(1, cores / max(1, active))
    }

    /// Runs `body(part)` for each part of `0..<parts`, on this thread and on any helper, and returns once
    /// every part is done.
    func split(_ parts: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let split = Split(parts: parts, body: body)
        condition.lock()
        posted.append(split)
        condition.broadcast()
        condition.unlock()
        while let part = split.take() { split.run(part) }
        condition.lock()
        posted.removeAll { $0 === split }
        condition.unlock()
        split.waitUntilDone()
    }

    /// Takes posted parts until every file is done. Called by a thread with no file left to read.
    func help() {
        while let (split, part) = nextPart() { split.run(part) }
    }

    /// A posted part, waiting for one while files are still in progress; nil once none is.
    private func nextPart() -> (Split, Int)? {
        condition.lock()
        defer { condition.unlock() }
        while unfinished > 0 {
            for split in posted { if let part = split.take() { return (split, part) } }
            condition.wait()
        }
        return nil
    }

    /// One batch's parts: taken one at a time, and counted as they finish.
    private final class Split: @unchecked Sendable {
        let parts: Int
        private let body: @Sendable (Int) -> Void
        private let lock = NSCondition()
        private var taken = 0
        private var finished = 0

        init(parts: Int, body: @escaping @Sendable (Int) -> Void) {
            self.parts = parts
            self.body = body
        }

        func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard taken < parts else { return nil }
            taken += 1
            return taken - 1
        }

        func run(_ part: Int) {
            body(part)
            lock.lock()
            finished += 1
            if finished == parts { lock.broadcast() }
            lock.unlock()
        }

        func waitUntilDone() {
            lock.lock()
            while finished < parts { lock.wait() }
            lock.unlock()
        }
    }
}
