import VerbatimStore

/// Why a run stopped before writing its reports.
public enum RunError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input folder does not exist or is not a folder.
    case inputMissing(String)
    /// The input folder has no CSV, TSV, TXT or XML files.
    case noInputFiles(String)
    /// Writing the reports failed; the previous reports are untouched.
    case outputFailed(path: String, reason: String)
    /// `--as-of` is not a date.
    case badAsOf(String)
    /// The history store could not be opened, locked, read or written; nothing was written.
    case store(StoreError)
    /// The reports were installed but the history store could not commit the run (its files are read again next time).
    case historyNotSaved(reports: String, StoreError)
    /// A partial could not be written or read, or `merge` refused the partials it was given.
    case partial(PartialError)

    public var description: String {
        switch self {
        case let .inputMissing(p): "input folder '\(p)' does not exist (set `input:` in the pipeline, EXPORTS=…, or --input)"
        case let .noInputFiles(p): "input folder '\(p)' has no .csv, .tsv, .txt or .xml files"
        case let .outputFailed(path, reason): "could not write reports to '\(path)': \(reason); previous reports are unchanged"
        case let .badAsOf(s): "--as-of '\(s)' is not a date in the form YYYY-MM-DD"
        case let .store(e): e.description
        case let .partial(e): e.description
        case let .historyNotSaved(reports, e):
            "reports were written to '\(reports)', but the history store was not updated (\(e)); "
                + "the next run reads these files again, nothing is counted twice"
        }
    }
}
