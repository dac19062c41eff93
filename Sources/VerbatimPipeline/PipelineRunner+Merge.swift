import Foundation
import VerbatimStore

extension PipelineRunner {
    /// What `verbatim merge` combines and where the reports go.
    public struct MergeOptions: Sendable {
        /// Partial files, or folders of them.
        public var partials: [URL]
        public var out: URL
        public var asOf: String?
        public var store = StoreChoice.configured

        public init(partials: [URL], out: URL, asOf: String? = nil, store: StoreChoice = .configured) {
            self.partials = partials
            self.out = out
            self.asOf = asOf
            self.store = store
        }
    }

    /// Merges the partials of a sharded run into the reports a single run
    /// over all their files writes (byte for byte, `manifest.json` aside),
    /// and records the run in the history store. Refuses partials that do
    /// not belong together (see `PartialSet`).
    public func merge(_ options: MergeOptions) throws(RunError) -> Outcome {
        try reported { started throws(RunError) in try executeMerge(options, started: started) }
    }

    /// Reads the partials (their records into `spoolDir`) and checks that they belong together and to this pipeline.
    private func readPartials(_ paths: [String], spoolDir: URL) throws(RunError) -> [RunPartial] {
        try? FileManager.default.createDirectory(at: spoolDir, withIntermediateDirectories: true)
        var partials: [RunPartial] = []
        for (i, p) in paths.enumerated() {
            do { partials.append(try RunPartial.read(p, spoolDir: spoolDir, prefix: "p\(i)")) } catch { throw .partial(error) }
        }
        let own = partialHeader(input: URL(fileURLWithPath: "/"), asOf: "", shard: nil)
        do { try PartialSet.check(partials, paths: paths, against: own) } catch { throw .partial(error) }
        return partials
    }

    private func executeMerge(_ options: MergeOptions, started: Date) throws(RunError) -> Outcome {
        var timings = RunTimings()
        let paths = try PartialSet.expand(options.partials)
        let folder = try OutputFolder(final: options.out)
        let partials: [RunPartial]
        do { partials = try readPartials(paths, spoolDir: folder.staging.appendingPathComponent(".spool")) } catch {
            folder.discard()
            throw error
        }
        timings.lap("read partials")
        let asOf: String
        do { asOf = try resolveAsOf(options.asOf ?? config.asOf ?? partials.first?.header.asOf) } catch {
            folder.discard()
            throw error
        }
        let entries = partials.flatMap(\.files).map(\.entry).sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let input = URL(fileURLWithPath: partials.first?.header.input ?? config.input.path)
        let runOptions = Options(out: options.out, asOf: asOf, store: options.store)
        let history: RunHistory
        do {
            history = try RunHistory.begin(config: config, options: runOptions, header: partialHeader(input: input, asOf: asOf, shard: nil),
                                           entries: entries, started: started, logger: logger)
        } catch {
            folder.discard()
            throw error
        }
        timings.lap("open history store")
        let shards = zip(paths, partials).map { RunManifest.Shard(path: $0, label: $1.header.shard?.description, files: $1.files.count) }
        let step = FinishStep(history: history, folder: folder, asOf: asOf, started: started, jobs: 1, nightly: false, shards: shards)
        do {
            return try finish(consume partials, step, timings: timings)
        } catch {
            folder.discard()
            history.fail(error, seconds: Date().timeIntervalSince(started))
            throw error
        }
    }
}

/// The checks that make a set of partials one run: the same pipeline,
/// linguistic data and tool version as the merge, one shard count, every
/// shard once, and every file in one partial only.
enum PartialSet {
    /// The partial files named: files as given, folders as their files (hidden ones left out), in name order.
    static func expand(_ urls: [URL]) throws(RunError) -> [String] {
        var out: [String] = []
        for url in urls {
            var isDir: ObjCBool = false
            if url.path != "-", FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }
                    .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                guard !names.isEmpty else { throw .partial(.noPartials(url.path)) }
                out += names.map { url.appendingPathComponent($0).path }
            } else {
                out.append(url.path == "/-" ? "-" : url.path)
            }
        }
        guard !out.isEmpty else { throw .partial(.noPartials(urls.map(\.path).joined(separator: " "))) }
        return out
    }

    static func check(_ partials: [RunPartial], paths: [String], against own: RunPartial.Header) throws(PartialError) {
        for (p, path) in zip(partials, paths) {
            let h = p.header
            if h.toolVersion != own.toolVersion {
                throw .differentPipeline(path: path, what: "Verbatim version", partial: h.toolVersion, merge: own.toolVersion)
            }
            if h.configSHA256 != own.configSHA256 {
                throw .differentPipeline(path: path, what: "pipeline file (SHA-256)", partial: String(h.configSHA256.prefix(12)),
                                         merge: String(own.configSHA256.prefix(12)))
            }
            if h.lexiconSHA256 != own.lexiconSHA256 {
                throw .differentPipeline(path: path, what: "linguistic data (SHA-256)", partial: String(h.lexiconSHA256.prefix(12)),
                                         merge: String(own.lexiconSHA256.prefix(12)))
            }
        }
        try checkShards(partials, paths: paths)
        var owner: [String: String] = [:]
        for (p, path) in zip(partials, paths) {
            for f in p.files {
                if let other = owner[f.entry.name] { throw .fileInTwoPartials(file: f.entry.name, path: path, otherPath: other) }
                owner[f.entry.name] = path
            }
        }
    }

    /// Every partial labelled with the same N, each shard 0..<N exactly once (or no labels at all).
    static func checkShards(_ partials: [RunPartial], paths: [String]) throws(PartialError) {
        let labelled = zip(partials, paths).filter { $0.0.header.shard != nil }
        guard let (first, firstPath) = labelled.first, let n = first.header.shard?.count else { return }
        if let (_, path) = zip(partials, paths).first(where: { $0.0.header.shard == nil }) {
            throw .unlabelled(path: path, labelled: firstPath)
        }
        var seen: [Int: String] = [:]
        for (p, path) in labelled {
            let s = p.header.shard!
            if s.count != n { throw .differentShardCounts(path: path, count: s.count, otherPath: firstPath, otherCount: n) }
            if let other = seen[s.index] { throw .shardTwice(index: s.index, count: n, path: path, otherPath: other) }
            seen[s.index] = path
        }
        if let missing = (0..<n).first(where: { seen[$0] == nil }) { throw .shardMissing(index: missing, count: n) }
    }
}
