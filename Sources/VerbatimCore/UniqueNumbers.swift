#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands out numbers unique in the process and never 0 (after 2³² − 1 of them it starts again at 1):
/// the names of compiled data (a language's term automaton, a set of cue tables) that a token's mark or a
/// per-thread memo (`WordTable`) records its answers against, so that answers from other data are never
/// taken. A lock rather than `Synchronization.Atomic`, which needs macOS 15 (the package supports 13); it
/// is taken once per compiled object, never per word.
public final class UniqueNumbers: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var next: UInt32 = 1

    public init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public func take() -> UInt32 {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        let number = next
        next = next == .max ? 1 : next + 1
        return number
    }
}
