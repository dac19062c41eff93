import Foundation

/// Gives the memory that the read phase's worker threads freed back to the system.
///
/// glibc keeps what a thread frees in that thread's arena for it to reuse; the merge and the store
/// write run on another thread, so they would allocate on top of it, and a run's peak would be the
/// read phase's memory plus theirs. `malloc_trim` releases the free pages of every arena. It is looked
/// up at run time (the Swift Glibc module does not declare it), and elsewhere this does nothing.
enum MemoryRelease {
    static func returnFreedMemory() {
        #if os(Linux)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
