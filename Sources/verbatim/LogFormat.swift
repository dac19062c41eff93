import ArgumentParser

/// `--log-format`: how log lines are written to standard error.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// `2026-11-22T02:15:03+03:00 info 134 records accepted, …`, coloured on a terminal unless NO_COLOR is set.
    case human
    /// One JSON object per line, for log collectors.
    case json
}
