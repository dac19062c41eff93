import Foundation

/// What the store records about a run when it starts: what ran, on what,
/// with which configuration.
public struct RunInfo: Sendable, Hashable {
    /// How a run treats files it has seen before.
    public enum Mode: String, Sendable, Hashable {
        /// Files already processed with the same content are skipped.
        case nightly
        /// Every file is read again and replaces what the store holds from it.
        case reprocess
    }

    public var mode: Mode
    /// The pipeline's `name:`.
    public var pipeline: String
    /// The run's "today", `YYYY-MM-DD`.
    public var asOf: String
    /// The input folder, absolute.
    public var input: String
    /// SHA-256 of the pipeline file, and of the linguistic data it loads.
    public var configSHA256: String
    public var lexiconSHA256: String
    public var toolVersion: String
    public var startedAt: Date

    public init(
        mode: Mode, pipeline: String, asOf: String, input: String, configSHA256: String, lexiconSHA256: String,
        toolVersion: String, startedAt: Date = Date()
    ) {
        self.mode = mode
        self.pipeline = pipeline
        self.asOf = asOf
        self.input = input
        self.configSHA256 = configSHA256
        self.lexiconSHA256 = lexiconSHA256
        self.toolVersion = toolVersion
        self.startedAt = startedAt
    }
}
