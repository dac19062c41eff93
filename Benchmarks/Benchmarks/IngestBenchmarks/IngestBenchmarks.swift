import Benchmark
import Foundation
import VerbatimCore
import VerbatimIngest

/// The readers alone, on one core, over exports held in memory (no disk, no stages):
/// `MB/s` is input bytes over the CPU time of one pass over every file of the group (the
/// thread's CPU clock, so that other work on the machine does not lower the figure).
let benchmarks: @Sendable () -> Void = {
    let corpus = BenchCorpus.load()
    let aliases = BenchCorpus.aliases()
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuUser, .mallocCountTotal, BenchCorpus.megabytesPerSecond],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 15
    )
    let csv = CSVRecordReader(options: SourceOptions(), aliases: aliases)
    let xml = XMLRecordReader(options: SourceOptions(), aliases: aliases)
    for group in corpus.groups {
        Benchmark("\(group.reader == .csv ? "CSVRecordReader" : "XMLRecordReader"), \(group.name)") { benchmark in
            let start = threadCPUSeconds()
            var records = 0
            for file in group.files {
                let input = InputSource(name: file.name, fileName: file.name, url: nil) { () throws(IngestError) -> any ByteSource in
                    MemoryByteSource(file.bytes)
                }
                let summary = group.reader == .csv ? csv.read(input) { _ in } : xml.read(input) { _ in }
                records += summary.accepted
            }
            let seconds = threadCPUSeconds() - start
            blackHole(records)
            benchmark.measurement(BenchCorpus.megabytesPerSecond, Int(Double(group.bytes) / 1e6 / seconds))
        }
    }
}

/// CPU time of the calling thread, in seconds.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// The generated bench corpus (`scripts/bench/generate_corpus.py`), read into memory once.
struct BenchCorpus {
    enum Reader { case csv, xml }
    struct File { var name: String; var bytes: [UInt8] }
    struct Group {
        var name: String
        var reader: Reader
        var files: [File]
        var bytes: Int { files.reduce(0) { $0 + $1.bytes.count } }
    }

    var groups: [Group]

    static let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)

    /// The corpus folder: `VERBATIM_BENCH_CORPUS`, else the one `make bench` writes for 100,000 records.
    static var folder: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["VERBATIM_BENCH_CORPUS"] ?? "/tmp/verbatim-bench/corpus-100000")
    }

    static func aliases() -> HeaderAliases {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        do { return try HeaderAliases(contentsOf: repo.appendingPathComponent("lexicons/headers.tsv")) } catch {
            fatalError("cannot read lexicons/headers.tsv: \(error)")
        }
    }

    static func load() -> BenchCorpus {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() } catch {
            fatalError("no bench corpus at \(folder.path): run scripts/bench/generate_corpus.py \(folder.path) --records 100000 (or set VERBATIM_BENCH_CORPUS)")
        }
        func files(_ suffixes: [String]) -> [File] {
            names.filter { n in suffixes.contains { n.hasSuffix($0) } }.map { n in
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(n).path) else { fatalError("cannot read \(n)") }
                return File(name: n, bytes: [UInt8](data))
            }
        }
        return BenchCorpus(groups: [
            Group(name: "UTF-8 CSV", reader: .csv, files: files(["_utf8.csv"])),
            Group(name: "all CSV/TSV encodings", reader: .csv, files: files([".csv", ".tsv"])),
            Group(name: "XML", reader: .xml, files: files([".xml"])),
        ])
    }
}
