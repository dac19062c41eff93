import Foundation

/// A run's output folder, written in a temporary place and moved into
/// position only when complete, so a failed or killed run never leaves a
/// half-written report over a good one: the new folder and the previous
/// one trade places in one atomic step, so at any moment `final` holds
/// either the previous reports or the new ones.
///
/// Since the whole folder is replaced, only a folder of reports may be: a path that holds anything
/// else (the input, a file, someone's documents) is refused before anything is read (`checkReplaceable`).
public struct OutputFolder {
    /// Where the finished reports go.
    public let final: URL
    /// Where they are written meanwhile (a hidden sibling of `final`).
    public let staging: URL

    /// `input`: the run's input, which the reports may not be put into (nil for a merge, whose input is elsewhere).
    public init(final: URL, input: URL? = nil) throws(RunError) {
        self.final = final.standardizedFileURL
        try Self.checkReplaceable(self.final, input: input)
        let parent = self.final.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.final.lastPathComponent).tmp-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            Self.removeLeftovers(beside: self.final)
            if FileManager.default.fileExists(atPath: staging.path) { try FileManager.default.removeItem(at: staging) }
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .outputFailed(path: self.final.path, reason: error.localizedDescription)
        }
    }

    /// Writes one file into the staging folder.
    public func write(_ name: String, _ text: String) throws(RunError) {
        do { try Data(text.utf8).write(to: staging.appendingPathComponent(name)) } catch {
            throw .outputFailed(path: final.path, reason: error.localizedDescription)
        }
    }

    /// Writes `name` as `header` followed by the bytes of each part, in order, streaming.
    public func concatenate(_ name: String, header: String, parts: [URL]) throws(RunError) {
        let url = staging.appendingPathComponent(name)
        do {
            try Data(header.utf8).write(to: url)
            let out = try FileHandle(forWritingTo: url)
            defer { try? out.close() }
            try out.seekToEnd()
            for part in parts {
                guard let input = FileHandle(forReadingAtPath: part.path) else { continue }
                defer { try? input.close() }
                while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try out.write(contentsOf: chunk) }
            }
        } catch {
            throw .outputFailed(path: final.path, reason: error.localizedDescription)
        }
    }

    /// Moves the staging folder into place, replacing an earlier run's folder.
    public func install() throws(RunError) {
        let fm = FileManager.default
        // Swap in one step (renameat2 RENAME_EXCHANGE), then remove the previous reports, now in the staging place.
        if fm.fileExists(atPath: final.path), PathExchange.exchange(staging.path, final.path) {
            try? fm.removeItem(at: staging)
            return
        }
        // Where the system cannot swap: move the previous folder aside, then the new one in.
        let old = final.deletingLastPathComponent().appendingPathComponent(".\(final.lastPathComponent).old-\(getpid())")
        do {
            if fm.fileExists(atPath: final.path) {
                try fm.moveItem(at: final, to: old)
            }
            try fm.moveItem(at: staging, to: final)
            if fm.fileExists(atPath: old.path) { try fm.removeItem(at: old) }
        } catch {
            // Put the previous reports back if they were moved aside.
            if !fm.fileExists(atPath: final.path), fm.fileExists(atPath: old.path) { try? fm.moveItem(at: old, to: final) }
            throw .outputFailed(path: final.path, reason: error.localizedDescription)
        }
    }

    /// Removes the staging folder (after a failure).
    public func discard() { try? FileManager.default.removeItem(at: staging) }

    /// Cleans up after runs that were killed: removes their staging folders
    /// (`.NAME.tmp-PID`, which after a swap may hold the reports they
    /// replaced), and puts back a previous folder that a run without atomic
    /// swap had moved aside (`.NAME.old-PID`) when `final` is missing.
    /// Only folders of processes that no longer exist are touched.
    static func removeLeftovers(beside final: URL) {
        let fm = FileManager.default
        let parent = final.deletingLastPathComponent(), name = final.lastPathComponent
        guard let items = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for item in items.sorted() where item.hasPrefix(".\(name).tmp-") || item.hasPrefix(".\(name).old-") {
            guard let pid = Int32(item[item.index(item.startIndex, offsetBy: name.count + 6)...]), pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            let url = parent.appendingPathComponent(item)
            if item.hasPrefix(".\(name).old-"), !fm.fileExists(atPath: final.path), (try? fm.moveItem(at: url, to: final)) != nil { continue }
            try? fm.removeItem(at: url)
        }
    }

    /// Points `<root>/latest` at `name` (a symbolic link, replaced atomically). Returns why it could not,
    /// or nil: a `latest` that is a folder or a file someone made is left as it is, and said so.
    @discardableResult
    public static func pointLatest(root: URL, at name: String) -> String? {
        let link = root.appendingPathComponent("latest")
        let tmp = root.appendingPathComponent(".latest.tmp-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        if let type = try? FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType, type != .typeSymbolicLink {
            return "\(link.path) is a \(type == .typeDirectory ? "folder" : "file"), not a link: left as it is, so it does not show "
                + "the newest reports (\(name)); remove it, and the next run makes the link"
        }
        do { try FileManager.default.createSymbolicLink(atPath: tmp.path, withDestinationPath: name) } catch {
            return "could not point \(link.path) at \(name): \(error.localizedDescription)"
        }
        guard rename(tmp.path, link.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            return "could not point \(link.path) at \(name): \(reason)"
        }
        return nil
    }
}
