import Foundation
import VerbatimCore
import Logging

extension PipelineRunner {
    /// Runs the pipeline (see `execute`), then logs the run's one summary
    /// line and, when the pipeline sets `metrics:`, rewrites the Prometheus
    /// textfile, whether the run succeeded or failed.
    public func run(_ options: Options = Options()) throws(RunError) -> Outcome {
        try reported { started throws(RunError) in try execute(options, started: started) }
    }

    /// Runs `body` (a run or a merge), then logs the summary line and writes the metrics file.
    func reported(_ body: (Date) throws(RunError) -> Outcome) throws(RunError) -> Outcome {
        let started = Date()
        do {
            let outcome = try body(started)
            logger.info("\(Self.summaryLine(outcome))", metadata: [
                "event": "run_finished", "pipeline": "\(config.name)", "mode": "\(outcome.mode)",
                "files": .stringConvertible(outcome.files.count + outcome.filesSkipped),
                "files_read": .stringConvertible(outcome.files.count), "files_skipped": .stringConvertible(outcome.filesSkipped),
                "files_rejected": .stringConvertible(outcome.filesRejected), "records_accepted": .stringConvertible(outcome.accepted),
                "records_rejected": .stringConvertible(outcome.rejected),
                "records_set_aside": .stringConvertible(outcome.files.reduce(0) { $0 + $1.setAside }),
                "duration_seconds": .stringConvertible((outcome.seconds * 1000).rounded() / 1000),
                "reports": "\(outcome.wroteReports ? outcome.folder.path : "unchanged")",
            ])
            var r = MetricsTextfile.RunResult(pipeline: config.name, succeeded: true, finishedAt: Date(), durationSeconds: outcome.seconds)
            r.filesRead = outcome.files.count
            r.filesSkipped = outcome.filesSkipped
            r.filesRejected = outcome.filesRejected
            r.recordsAccepted = outcome.accepted
            r.recordsRejected = outcome.rejected
            r.recordsSetAside = outcome.files.reduce(0) { $0 + $1.setAside }
            writeMetrics(r)
            return outcome
        } catch {
            let seconds = Date().timeIntervalSince(started)
            logger.error("run failed after \(String(format: "%.2f", seconds)) s: \(error)", metadata: [
                "event": "run_failed", "pipeline": "\(config.name)",
                "duration_seconds": .stringConvertible((seconds * 1000).rounded() / 1000),
            ])
            writeMetrics(MetricsTextfile.RunResult(pipeline: config.name, succeeded: false, finishedAt: Date(), durationSeconds: seconds))
            throw error
        }
    }

    /// `134 records accepted, 40 ratings without text, 5 set aside as no customer's feedback, 9 rejected, from 11 files (1 rejected whole, 2 skipped, seen before, 1 not
    /// an export) in 1.23 s`.
    static func summaryLine(_ o: Outcome) -> String {
        if !o.wroteReports {
            return "nothing new: every input file (\(o.filesSeenBefore)) was processed by an earlier run; reports unchanged (--reprocess reads them again)"
        }
        let rated = o.files.reduce(0) { $0 + $1.rated }, setAside = o.files.reduce(0) { $0 + $1.setAside }
        var s = "\(o.accepted) records accepted, " + (rated > 0 ? RatedResponse.described(count: rated) + ", " : "")
            + (setAside > 0 ? "\(setAside) set aside as no customer's feedback, " : "")
            + "\(o.rejected) rejected, from \(o.files.count) files"
        var notes: [String] = []
        if o.filesRejected > 0 { notes.append("\(o.filesRejected) rejected whole") }
        if o.filesSeenBefore > 0 { notes.append("\(o.filesSeenBefore) skipped, seen before") }
        if o.filesNotExports > 0 { notes.append(o.filesNotExports == 1 ? "1 not an export" : "\(o.filesNotExports) not exports") }
        if !notes.isEmpty { s += " (" + notes.joined(separator: ", ") + ")" }
        return s + " in " + String(format: "%.2f", o.seconds) + " s"
    }

    func writeMetrics(_ result: MetricsTextfile.RunResult) {
        guard let url = config.metrics else { return }
        do { try MetricsTextfile.write(result, to: url) } catch {
            logger.warning("could not write the metrics file \(url.path): \(error.localizedDescription)")
        }
    }
}
