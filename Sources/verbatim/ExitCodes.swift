import ArgumentParser

/// The exit codes of every subcommand, for cron and CI.
enum ExitCodes {
    /// Completed with rows or files rejected (reports were written; see rejects.csv).
    static let completedWithRejects = ExitCode(2)
    /// `verbatim check`: outputs differ from the expected files.
    static let outputsDiffer = ExitCode(3)
    /// The pipeline file or the linguistic data is invalid.
    static let configurationError = ExitCode(78)
    /// The run failed and wrote nothing (previous reports are unchanged).
    static let failedNothingWritten = ExitCode(1)
    /// `--strict`: rows or files were rejected (reports and the history store were still written).
    static let rejectedStrict = ExitCode(4)
    /// Another run held the history store longer than the lock timeout; nothing was written. Retry later.
    static let storeBusy = ExitCode(75)

    static let help = """
        EXIT CODES
          0   success
          1   failed; nothing was written (previous reports are unchanged)
          2   completed, but some rows or files were rejected (see rejects.csv)
          3   verbatim check: outputs differ from the expected files
          4   run --strict: rows or files were rejected (reports, history written)
          64  wrong command-line usage
          75  another run holds the history store (waited lock_timeout_seconds);
              nothing was written, try again later
          78  the pipeline file or the linguistic data is invalid
        A nightly run that finds nothing new exits 0 and leaves the reports as they are.
        """
}
