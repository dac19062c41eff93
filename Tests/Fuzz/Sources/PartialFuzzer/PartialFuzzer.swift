import Foundation
import Logging
import VerbatimPipeline

/// `verbatim merge` on an arbitrary partial, as a partial arrives from a shard on another machine:
/// cut off in transfer, damaged on disk, or not a partial at all.
///
/// One execution writes the input as a partial file and merges it with the fixtures' pipeline into a
/// new history store (SQLite), so that every kind of line is read and used: the header, files,
/// rejects, tallies, `records.csv` rows, a keyed file's facts and the store's records. Besides a crash,
/// it stops when a refused merge says nothing, when a merge leaves its staging folder behind (outputs
/// are written atomically: a refused merge writes nothing, a finished one moves its folder in place),
/// or when a finished merge has no `summary.json`.
func fuzzPartial(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fm = FileManager.default
    let partial = PartialFuzz.folder.appendingPathComponent("in.partial")
    let out = PartialFuzz.folder.appendingPathComponent("out")
    let store = PartialFuzz.folder.appendingPathComponent("history.sqlite")
    for url in [out, store] { try? fm.removeItem(at: url) }
    try! Data(bytes: data, count: size).write(to: partial)
    let options = PipelineRunner.MergeOptions(partials: [partial], out: out, store: .at(store))
    do {
        _ = try PartialFuzz.runner.merge(options)
        guard fm.fileExists(atPath: out.appendingPathComponent("summary.json").path) else { fatalError("a finished merge without summary.json") }
    } catch {
        if "\(error)".isEmpty { fatalError("a refused merge that says nothing") }
        if fm.fileExists(atPath: out.path) { fatalError("a refused merge wrote its output folder: \(error)") }
    }
    let left = (try? fm.contentsOfDirectory(atPath: PartialFuzz.folder.path)) ?? []
    if let staging = left.first(where: { $0.hasPrefix(".out.tmp-") }) { fatalError("a merge left its staging folder \(staging)") }
    return 0
}

enum PartialFuzz {
    /// The fuzzer's folder, made afresh in `.build-fuzz-runs/` (one fuzzer runs at a time).
    static let folder: URL = {
        let dir = URL(fileURLWithPath: ".build-fuzz-runs/partial-folder").standardizedFileURL
        try? FileManager.default.removeItem(at: dir)
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// The fixtures' pipeline (the repository's `pipelines/fixtures.yaml`; the fuzzer runs from the root), logging nothing.
    static let runner: PipelineRunner = {
        let config = try! PipelineConfiguration.load(path: "pipelines/fixtures.yaml")
        let resources = LoadedResources.loadCollectingIssues(config)
        let errors = resources.issues.filter(\.isError)
        guard errors.isEmpty else { fatalError("run from the repository root: \(errors)") }
        return PipelineRunner(config: config, resources: resources, logger: Logger(label: "fuzz") { _ in SwiftLogNoOpLogHandler() })
    }()

    /// Small partials, so that libFuzzer's length limit keeps them whole: one per fixture export, and one of two
    /// exports of the same source (whose records are kept as facts, `K` lines).
    static func writeSeeds(to directory: URL) {
        let fm = FileManager.default
        try? fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let exports = URL(fileURLWithPath: "fixtures/exports")
        for name in try! fm.contentsOfDirectory(atPath: exports.path).sorted() {
            let url = directory.appendingPathComponent(name + ".partial")
            _ = try! runner.writePartial(PipelineRunner.ShardOptions(filesFrom: [name], partial: url))
        }
        let twice = folder.appendingPathComponent("two-exports")
        try! fm.createDirectory(at: twice, withIntermediateDirectories: true)
        for day in ["2026-11-20", "2026-11-21"] {
            try! fm.copyItem(at: exports.appendingPathComponent("tr_cagri_merkezi_cp1254_2026-11-21.csv"),
                             to: twice.appendingPathComponent("tr_cagri_merkezi_cp1254_\(day).csv"))
        }
        _ = try! runner.writePartial(PipelineRunner.ShardOptions(input: twice, partial: directory.appendingPathComponent("two-exports.partial")))
    }
}
