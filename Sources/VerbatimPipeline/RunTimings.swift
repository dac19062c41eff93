import Foundation

/// Where a run's time went, for `manifest.json`: wall-clock phases in order,
/// and the time spent in each stage (summed over the parallel file workers,
/// so it can exceed the wall clock).
struct RunTimings: Sendable {
    /// Phase name → seconds, in the order the phases ran.
    private(set) var phases: [(String, Double)] = []
    /// Stage name → seconds summed over records and workers.
    var stages: [(String, Double)] = []
    /// Seconds the readers took (file time minus stage time), summed over workers.
    var reading = 0.0
    private var mark = DispatchTime.now().uptimeNanoseconds

    /// Ends the current phase under `name` and starts the next.
    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        phases.append((name, Double(now - mark) / 1e9))
        mark = now
    }
}
