import Foundation

/// The one-line progress display of `verbatim run` on a terminal:
/// `files 3/11 · 12,345 records · 5,432 records/s · ETA 0:12`.
///
/// The estimate is by bytes: the rate at which finished files went, applied
/// to the bytes of the files not finished yet.
public enum ProgressLine {
    public static func render(_ s: RunProgress.Snapshot) -> String {
        var parts = ["files \(s.filesDone)/\(s.filesTotal)", "\(grouped(s.records)) records"]
        if s.elapsed >= 0.5 { parts.append("\(grouped(Int((Double(s.records) / s.elapsed).rounded()))) records/s") }
        if s.filesDone < s.filesTotal {
            if s.bytesDone > 0, s.elapsed > 0 {
                let remaining = Double(s.bytesTotal - s.bytesDone) / (Double(s.bytesDone) / s.elapsed)
                parts.append("ETA \(clock(remaining))")
            } else {
                parts.append("ETA …")
            }
        }
        return parts.joined(separator: " · ")
    }

    /// `12,345`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// `0:07`, `12:30`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let t = max(0, Int(seconds.rounded(.up)))
        let h = t / 3600, m = (t % 3600) / 60, s = t % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
