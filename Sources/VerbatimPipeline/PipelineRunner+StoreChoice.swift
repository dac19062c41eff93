import Foundation

extension PipelineRunner {
    /// Which history store a run uses.
    public enum StoreChoice: Sendable, Hashable {
        /// The pipeline's `store:` (default `var/verbatim.sqlite`; none when it says `none`).
        case configured
        /// No store: nothing is skipped, nothing recorded, no trends (`--no-store`).
        case disabled
        /// This file instead of the pipeline's (`--store PATH`; `verbatim check` uses a fresh one).
        case at(URL)
    }
}
