import Foundation
import VerbatimIngest
import VerbatimStore

/// Why a run stopped before writing its reports.
public enum RunError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input (a folder or a file) does not exist.
    case inputMissing(String)
    /// The input exists but is neither a folder nor a regular file (a device, a socket).
    case inputNotAFile(String)
    /// The input folder cannot be listed.
    case inputUnreadable(String)
    /// The input has no file to read (every file was skipped, or there are none).
    case noInputFiles(String)
    /// Writing the reports failed; the previous reports are untouched.
    case outputFailed(path: String, reason: String)
    /// The output is a file, or a folder that holds more than reports (`foreign`): a run replaces its folder whole.
    case outputNotReports(path: String, foreign: [String])
    /// The output is the input folder or inside it, where the next run would read the reports as exports.
    case outputInsideInput(output: String, input: String)
    /// A worker's spool file (a file's record rows or store lines, in the output's staging folder) could not
    /// be written: usually a full disk. Nothing was written.
    case spoolFailed(path: String, reason: String)
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
        case let .inputMissing(p): RunError.describeMissing(p)
        case let .inputNotAFile(p): "input '\(p)' is neither a folder nor a regular file"
        case let .inputUnreadable(p): "input folder '\(p)' cannot be listed (check its permissions)"
        case let .noInputFiles(p): "input '\(p)' has no export to read (\(FormatSniffer.readableFormats)); the files skipped are in the warnings above"
        case let .outputFailed(path, reason): "could not write reports to '\(path)': \(reason); previous reports are unchanged"
        case let .outputNotReports(path, foreign):
            "will not write reports to '\(path)': "
                + (foreign.isEmpty ? "it is a file, not a folder" : "it holds \(RunError.listed(foreign)), which no run wrote")
                + "; a run replaces its reports folder whole, so give a new or empty folder, or an earlier run's reports "
                + "(--out, or `output:` in the pipeline); no report was written"
        case let .outputInsideInput(output, input):
            "will not write reports to '\(output)': "
                + (URL(fileURLWithPath: output).standardizedFileURL.path == input ? "it is the input folder" : "it is inside the input folder '\(input)'")
                + ", whose next run would read the reports as exports; put them outside it (--out, or `output:` in the pipeline); no report was written"
        case let .spoolFailed(path, reason):
            "could not write the run's working file '\(path)': \(reason) (is the disk full?); nothing was written, previous reports are unchanged"
        case let .badAsOf(s): "--as-of '\(s)' is not a date in the form YYYY-MM-DD"
        case let .store(e): e.description
        case let .partial(e): e.description
        case let .historyNotSaved(reports, e):
            "reports were written to '\(reports)', but the history store was not updated (\(e)); "
                + "the next run reads these files again, nothing is counted twice"
        }
    }
}

extension RunError {
    /// Up to three names in quotes, and how many more: `'thesis.txt', 'notes' and 2 more`.
    static func listed(_ names: [String]) -> String {
        let shown = names.prefix(3).map { "'\($0)'" }
        let rest = names.count - shown.count
        if rest > 0 { return shown.joined(separator: ", ") + " and \(rest) more" }
        return shown.count > 1 ? shown.dropLast().joined(separator: ", ") + " and " + shown.last! : shown.joined()
    }

    /// What is really wrong with a missing input: the path itself, or a folder on the way to it.
    static func describeMissing(_ path: String) -> String {
        var parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        var isDir: ObjCBool = false
        while parent.path != "/", !FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDir) {
            parent = parent.deletingLastPathComponent()
        }
        let hint = "(set `input:` in the pipeline, EXPORTS=…, or --input with a folder or a file)"
        if FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDir), !isDir.boolValue {
            return "input '\(path)' does not exist: '\(parent.path)' is a file, not a folder \(hint)"
        }
        let nearest = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if parent.path != nearest { return "input '\(path)' does not exist: there is no folder '\(nearest)' \(hint)" }
        return "input '\(path)' does not exist: no file or folder of that name in '\(parent.path)' \(hint)"
    }
}
