import Foundation
import VerbatimStore

extension PipelineRunner {
    /// What `verbatim run --shard I/N` or `--files-from` reads, and where its partial goes.
    public struct ShardOptions: Sendable {
        public var input: URL?
        public var asOf: String?
        public var jobs: Int?
        /// Every N-th file of the input's list, starting at I (0-based); with `filesFrom`, only the partial's label.
        public var shard: RunPartial.Shard?
        /// The files to read, as `verbatim list` prints them (`bytes<TAB>path`) or as bare relative paths.
        public var filesFrom: [String]?
        /// Where the partial goes; nil for standard output.
        public var partial: URL?

        public init(input: URL? = nil, asOf: String? = nil, jobs: Int? = nil, shard: RunPartial.Shard? = nil, filesFrom: [String]? = nil,
                    partial: URL? = nil) {
            self.input = input
            self.asOf = asOf
            self.jobs = jobs
            self.shard = shard
            self.filesFrom = filesFrom
            self.partial = partial
        }
    }

    /// What a shard read.
    public struct ShardOutcome: Sendable {
        public var files: Int
        public var accepted: Int
        public var rejected: Int
    }

    /// One shard of a sharded run: reads its files and writes their partial.
    /// It never touches the history store; `verbatim merge` records the run.
    public func writePartial(_ options: ShardOptions) throws(RunError) -> ShardOutcome {
        let asOf = try resolveAsOf(options.asOf)
        if let url = options.partial {
            do { try RunPartial.checkReplaceable(url) } catch { throw .partial(error) }
        }
        let input = options.input ?? config.input
        let catalog = try InputCatalog.files(in: input)
        let chosen = try Self.shardFiles(catalog, options: options, input: input)
        let entries = RunHistory.fingerprint(chosen, cores: coreCount(jobs: options.jobs))
        let spoolDir = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-shard-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: spoolDir) }
        do { try FileManager.default.createDirectory(at: spoolDir, withIntermediateDirectories: true) } catch {
            throw .partial(.cannotWrite(path: spoolDir.path, reason: error.localizedDescription))
        }
        let cores = coreCount(jobs: options.jobs)
        let partial = try readFiles(Array(zip(chosen, entries)), keyed: Self.sharedSources(catalog.map(\.name)),
                                    header: partialHeader(input: input, asOf: asOf, shard: options.shard), spoolDir: spoolDir,
                                    cores: cores, progress: nil)
        do { try partial.write(to: options.partial) } catch { throw .partial(error) }
        let accepted = partial.files.reduce(0) { $0 + $1.summary.accepted }
        let rejected = partial.files.reduce(0) { $0 + $1.summary.rejected }
        return ShardOutcome(files: partial.files.count, accepted: accepted, rejected: rejected)
    }

    /// The shard's files, in catalog order: every N-th from I, or those listed.
    static func shardFiles(_ catalog: [(url: URL, name: String)], options: ShardOptions, input: URL) throws(RunError) -> [(url: URL, name: String)] {
        if let list = options.filesFrom {
            let byName = Dictionary(catalog.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
            var wanted = Set<Int>()
            for line in list where !line.isEmpty {
                let name = Self.listedPath(line)
                guard let k = byName[name] else { throw .partial(.unknownFile(file: name, input: input.path)) }
                wanted.insert(k)
            }
            return wanted.sorted().map { catalog[$0] }
        }
        guard let shard = options.shard else { return catalog }
        return catalog.indices.filter { $0 % shard.count == shard.index }.map { catalog[$0] }
    }

    /// The path of a `verbatim list` line (`bytes<TAB>path`), or of the line itself; unquoted (`ListedPath`).
    static func listedPath(_ line: String) -> String {
        guard let tab = line.firstIndex(of: "\t"), line[..<tab].allSatisfy(\.isNumber), tab > line.startIndex else { return ListedPath.unquote(line) }
        return ListedPath.unquote(String(line[line.index(after: tab)...]))
    }
}
