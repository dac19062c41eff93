import Foundation

/// A Prometheus text-format file (`metrics:` in the pipeline) for
/// node_exporter's textfile collector, rewritten atomically after every
/// run, so that a failed or missed nightly run can be alerted on:
///
/// ```
/// time() - verbatim_last_success_timestamp_seconds{pipeline="nightly"} > 26 * 3600
/// ```
///
/// A failed run keeps the last success time of the file it replaces.
public enum MetricsTextfile {
    /// How a run ended, as the metrics tell it.
    public struct RunResult: Sendable {
        public var pipeline: String
        public var succeeded: Bool
        public var finishedAt: Date
        public var durationSeconds: Double
        public var filesRead = 0
        public var filesSkipped = 0
        public var filesRejected = 0
        public var recordsAccepted = 0
        public var recordsRejected = 0
        /// Items set aside as no customer's feedback (`NotFeedback`).
        public var recordsSetAside = 0

        public init(pipeline: String, succeeded: Bool, finishedAt: Date, durationSeconds: Double) {
            self.pipeline = pipeline
            self.succeeded = succeeded
            self.finishedAt = finishedAt
            self.durationSeconds = durationSeconds
        }
    }

    /// Writes the metrics of `result` to `url` (through a temporary file and a rename).
    public static func write(_ result: RunResult, to url: URL) throws {
        let previous = (try? String(contentsOf: url, encoding: .utf8)).flatMap { lastSuccess(in: $0, pipeline: result.pipeline) }
        let text = render(result, lastSuccess: result.succeeded ? result.finishedAt.timeIntervalSince1970 : previous)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try Data(text.utf8).write(to: tmp)
        guard rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reason])
        }
    }

    /// The file's text.
    public static func render(_ r: RunResult, lastSuccess: Double?) -> String {
        let label = "{pipeline=\"\(escape(r.pipeline))\"}"
        var out = ""
        func metric(_ name: String, _ help: String, _ value: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name)\(label) \(value)\n"
        }
        func seconds(_ v: Double) -> String { String(format: "%.3f", v) }
        metric("verbatim_last_run_timestamp_seconds", "When the last run finished (Unix time).", seconds(r.finishedAt.timeIntervalSince1970))
        metric("verbatim_last_run_success", "1 if the last run completed (rejected rows included), 0 if it failed.", r.succeeded ? "1" : "0")
        if let lastSuccess {
            metric("verbatim_last_success_timestamp_seconds", "When a run last completed (Unix time).", seconds(lastSuccess))
        }
        metric("verbatim_last_run_duration_seconds", "Duration of the last run.", seconds(r.durationSeconds))
        metric("verbatim_last_run_files_read", "Files the last run read.", "\(r.filesRead)")
        metric("verbatim_last_run_files_skipped", "Files the last run did not read (processed by earlier runs, or not exports).", "\(r.filesSkipped)")
        metric("verbatim_last_run_files_rejected", "Files the last run rejected whole.", "\(r.filesRejected)")
        metric("verbatim_last_run_records_accepted", "Records the last run accepted.", "\(r.recordsAccepted)")
        metric("verbatim_last_run_records_rejected", "Rows the last run rejected.", "\(r.recordsRejected)")
        metric("verbatim_last_run_records_set_aside", "Items the last run set aside as no customer's feedback (a chat's service lines and own posts, surveys never answered).", "\(r.recordsSetAside)")
        return out
    }

    /// The last success time in an earlier file, for the same pipeline.
    static func lastSuccess(in text: String, pipeline: String) -> Double? {
        let prefix = "verbatim_last_success_timestamp_seconds{pipeline=\"\(escape(pipeline))\"} "
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
            return Double(line.dropFirst(prefix.count))
        }
        return nil
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
