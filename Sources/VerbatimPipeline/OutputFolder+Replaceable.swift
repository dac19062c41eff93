import Foundation
import VerbatimIngest

extension OutputFolder {
    /// What a reports folder may hold: the reports and the manifest a run writes, and what file browsers
    /// leave in a folder they showed.
    static let ownNames: Set<String> = Set(PipelineConfiguration.knownReports + [RunManifest.fileName, ".DS_Store", "Thumbs.db", "desktop.ini"])

    /// Whether `name` may stand in a reports folder: one of `ownNames`, or the lock file an office program
    /// keeps beside a report it has open (LibreOffice `.~lock.records.csv#`, Excel `~$records.csv`).
    static func isOwn(_ name: String) -> Bool {
        ownNames.contains(name) || LockFile.lockedName(name).map { ownNames.contains($0) } == true
    }

    /// Throws unless a run's reports may replace `final`: nothing is there, or an empty folder, or a folder
    /// of reports (`isOwn` names only); and it is neither the input folder nor inside it, where the next run
    /// would read the reports as exports. A run replaces its folder whole, so anything else there would be lost.
    static func checkReplaceable(_ final: URL, input: URL?) throws(RunError) {
        let fm = FileManager.default
        if let input, let inputFolder = folderPath(input), isSameOrInside(resolved(final), inputFolder) {
            throw .outputInsideInput(output: final.path, input: inputFolder)
        }
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: final.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw .outputNotReports(path: final.path, foreign: []) }
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: final.path) } catch {
            throw .outputFailed(path: final.path, reason: error.localizedDescription)
        }
        let foreign = names.filter { !isOwn($0) }.sorted()
        if !foreign.isEmpty { throw .outputNotReports(path: final.path, foreign: foreign) }
    }

    /// The input's folder with links resolved, or nil when the input is a single file (or not there).
    static func folderPath(_ input: URL) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return resolved(input)
    }

    /// `url`'s path with links resolved, as far as it exists (a new output folder is not there yet).
    static func resolved(_ url: URL) -> String {
        let standard = url.standardizedFileURL
        if FileManager.default.fileExists(atPath: standard.path) { return standard.resolvingSymlinksInPath().path }
        let parent = standard.deletingLastPathComponent()
        guard parent.path != standard.path else { return standard.path }
        return URL(fileURLWithPath: resolved(parent)).appendingPathComponent(standard.lastPathComponent).path
    }

    static func isSameOrInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
