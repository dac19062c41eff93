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

    static let help = """
        EXIT CODES
          0   success
          1   failed; nothing was written (previous reports are unchanged)
          2   completed, but some rows or files were rejected (see rejects.csv)
          3   verbatim check: outputs differ from the expected files
          64  wrong command-line usage
          78  the pipeline file or the linguistic data is invalid
        """
}
