import Benchmark
import Foundation
import VerbatimAnalysis
import VerbatimCore
import VerbatimPipeline
import VerbatimText

/// The text stages one at a time, on one core, over comments held in memory (issue 14: "micro-benchmarks
/// for the tokenizer, the automaton and the scorer, so that a regression shows"). Each benchmark runs one
/// stage over records that the earlier stages already prepared, so its figure is that stage's alone:
/// comments per CPU-second of the thread. The comments are one per line in `VERBATIM_BENCH_TEXTS`
/// (default: the file `make bench` writes, `/tmp/verbatim-bench/texts-100000.txt`); the first 5,000 are used.
let benchmarks: @Sendable () -> Void = {
    let texts = BenchTexts.load(limit: 5_000)
    let resources = LoadedResources.loadCollectingIssues(lexicons: BenchTexts.repo.appendingPathComponent("lexicons"), referencedFrom: "bench")
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuUser, .mallocCountTotal, BenchTexts.commentsPerSecond],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 15
    )
    let normalize = TextNormalizationStage()
    let language = LanguageIdentificationStage(resources: resources.text)
    // Compiled once and shared, as a pipeline does: the themes stage then reuses the sentiment stage's word marks.
    let compiled = CompiledLexicons(resources.lexicons)
    let sentiment = SentimentStage(scorer: SentimentScorer(lexicons: resources.lexicons, compiled: compiled))
    let themes = ThemeStage(tagger: ThemeTagger(lexicons: resources.lexicons, compiled: compiled))
    let raw = texts.enumerated().map { FeedbackRecord(id: "\($0.offset)", provenance: Provenance(file: "bench", line: $0.offset + 1), text: $0.element) }
    let normalized = raw.map { r in var r = r; normalize.process(&r); return r }
    let identified = normalized.map { r in var r = r; language.process(&r); return r }
    let scored = identified.map { r in var r = r; sentiment.process(&r); return r }

    stageBenchmark("tokenizer (normalize stage)", normalize, raw)
    stageBenchmark("language identification and folding", language, normalized)
    stageBenchmark("sentiment scorer (term look-ups and rules)", sentiment, identified)
    stageBenchmark("theme tagger", themes, scored)
}

/// One stage over `records` (copied per iteration, outside the timed part).
func stageBenchmark(_ name: String, _ stage: any RecordStage, _ records: [FeedbackRecord]) {
    Benchmark(name) { benchmark in
        var batch = records
        let start = threadCPUSeconds()
        for i in batch.indices { stage.process(&batch[i]) }
        let seconds = threadCPUSeconds() - start
        blackHole(batch.count)
        benchmark.measurement(BenchTexts.commentsPerSecond, Int(Double(records.count) / seconds))
    }
}

/// CPU time of the calling thread, in seconds.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

enum BenchTexts {
    static let commentsPerSecond = BenchmarkMetric.custom("comments/s (CPU)", polarity: .prefersLarger, useScalingFactor: false)

    /// The repository (three folders above this file's folder).
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func load(limit: Int) -> [String] {
        let path = ProcessInfo.processInfo.environment["VERBATIM_BENCH_TEXTS"] ?? "/tmp/verbatim-bench/texts-100000.txt"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            fatalError("no comments at \(path): run `make bench` once (it writes them), or set VERBATIM_BENCH_TEXTS to a file of one comment per line")
        }
        return Array(text.split(separator: "\n", omittingEmptySubsequences: true).prefix(limit).map(String.init))
    }
}
