// swift-tools-version:6.1
// Micro-benchmarks of the readers (ordo-one/benchmark). Not part of the main build, so that
// `make test` and CI do not build the benchmark package: run it on its own, see README.md here.
import PackageDescription

let package = Package(
    name: "VerbatimBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Verbatim", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // CSVRecordReader and XMLRecordReader over the generated bench corpus, held in memory: MB/s on one core.
        .executableTarget(
            name: "IngestBenchmarks",
            dependencies: [
                .product(name: "VerbatimIngest", package: "Verbatim"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/IngestBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The text stages one at a time (tokenizer, language, scorer, themes) over comments in memory.
        .executableTarget(
            name: "TextBenchmarks",
            dependencies: [
                .product(name: "VerbatimPipeline", package: "Verbatim"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TextBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // One pass of a reader over files given on the command line: for callgrind's instruction counts.
        .executableTarget(
            name: "ReaderPass",
            dependencies: [.product(name: "VerbatimIngest", package: "Verbatim")],
            path: "ReaderPass"
        ),
    ]
)
