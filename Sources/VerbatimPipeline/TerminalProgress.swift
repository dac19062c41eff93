import Foundation

/// Redraws the progress line of a run on the terminal four times a second
/// until stopped. Nothing is shown when stderr is not a terminal.
public final class TerminalProgress: @unchecked Sendable {
    public let progress = RunProgress()
    private let console: TerminalConsole
    private var timer: DispatchSourceTimer?
    private let queue = DispatchQueue(label: "verbatim.progress")

    public init(console: TerminalConsole = .shared) { self.console = console }

    public func start() {
        guard console.isTerminal else { return }
        let t = DispatchSource.makeTimerSource(queue: queue)
        t.schedule(deadline: .now() + 0.25, repeating: 0.25)
        t.setEventHandler { [progress, console] in
            let s = progress.snapshot()
            if s.filesTotal > 0 { console.setStatus(ProgressLine.render(s)) }
        }
        t.resume()
        timer = t
    }

    public func stop() {
        timer?.cancel()
        timer = nil
        queue.sync {}  // a redraw under way finishes before the line is cleared
        console.clearStatus()
    }
}
