// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Verbatim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "verbatim", targets: ["verbatim"]),
        // The readers, for the fuzz package in Tests/Fuzz (which depends on this one by path).
        .library(name: "VerbatimIngest", targets: ["VerbatimIngest"]),
        // For the text-stage micro-benchmarks in Benchmarks/.
        .library(name: "VerbatimPipeline", targets: ["VerbatimPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The history store (SQLite through GRDB; `make` installs libsqlite3-dev when it is missing) and SHA-256.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // ZIP archives of exports and .xlsx workbooks (zipped XML), read entry by entry.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The history store on a shared PostgreSQL server (`store: postgresql://…`), for teams.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // libxml2, through pkg-config; `make` installs libxml2-dev when it is missing.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // FreeXL, for legacy Excel workbooks (.xls; `make` installs libfreexl-dev when it is missing).
        .systemLibrary(
            name: "CFreeXL",
            pkgConfig: "freexl",
            providers: [.apt(["libfreexl-dev"])]
        ),
        // libzip, for ZIP archives of exports and the parts of .xlsx and .ods workbooks (`make` installs libzip-dev when it is missing).
        .systemLibrary(
            name: "CZip",
            pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"])]
        ),
        // Reads a legacy workbook with FreeXL in a child process (a crash or hang in FreeXL takes only the child).
        .target(name: "CLegacyWorkbook", dependencies: ["CFreeXL"]),
        // zlib, for streaming .gz exports (`make` installs zlib1g-dev when it is missing; libxml2-dev needs it too).
        .systemLibrary(
            name: "CInflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Whole-text byte scans in C, sixteen bytes at a time (SSE2), for the text stages' checks of every byte.
        .target(name: "CByteScan"),
        // Records, stage protocols and shared value types. No I/O.
        .target(name: "VerbatimCore", dependencies: ["CByteScan"]),
        // libxml2's streaming reader behind a small Swift type. Never imports Foundation
        // (Debian's libxml2 headers pull in ICU, which clashes with Foundation's).
        .target(name: "VerbatimXML", dependencies: ["CLibXML2", "CByteScan"]),
        // Readers: CSV/TSV, XML, JSON and Excel (.xlsx, .xls) exports (plain, gzipped or zipped) into records, with rejects.
        .target(
            name: "VerbatimIngest",
            dependencies: ["VerbatimCore", "VerbatimXML", "CInflate", "CZip", "CFreeXL", "CLegacyWorkbook"]
        ),
        // Normalization, tokenization and language identification.
        .target(name: "VerbatimText", dependencies: ["VerbatimCore"]),
        // Lexicons, sentiment scoring and theme tagging.
        .target(name: "VerbatimAnalysis", dependencies: ["VerbatimCore", "VerbatimText"]),
        // Masking of personal data in text that leaves a run (rules from lexicons/pii/).
        .target(name: "VerbatimPrivacy", dependencies: ["VerbatimCore"]),
        // Aggregates and report writers.
        .target(name: "VerbatimReports", dependencies: ["VerbatimCore", "VerbatimPrivacy"]),
        // The history store: runs, files and records in SQLite, behind a small API.
        .target(
            name: "VerbatimStore",
            dependencies: [
                "VerbatimCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Pipeline files, the stage registry and the runner.
        .target(
            name: "VerbatimPipeline",
            dependencies: [
                "VerbatimCore", "VerbatimIngest", "VerbatimText", "VerbatimAnalysis", "VerbatimReports", "VerbatimStore", "VerbatimPrivacy",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The thin command-line front end.
        .executableTarget(
            name: "verbatim",
            dependencies: [
                "VerbatimPipeline", "VerbatimCore", "VerbatimText", "VerbatimAnalysis", "VerbatimStore", "VerbatimPrivacy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Helpers shared by the test targets (repository paths, temporary folders, running the binary).
        .target(name: "VerbatimTestSupport", path: "Tests/VerbatimTestSupport"),
        .testTarget(
            name: "VerbatimIngestTests",
            dependencies: ["VerbatimIngest", "VerbatimTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "VerbatimTextTests", dependencies: ["VerbatimText", "VerbatimTestSupport"]),
        .testTarget(name: "VerbatimAnalysisTests", dependencies: ["VerbatimAnalysis", "VerbatimText", "VerbatimPipeline", "VerbatimTestSupport"]),
        .testTarget(name: "VerbatimPrivacyTests", dependencies: ["VerbatimPrivacy", "VerbatimCore", "VerbatimTestSupport"]),
        .testTarget(name: "VerbatimReportsTests", dependencies: ["VerbatimReports", "VerbatimPrivacy", "VerbatimTestSupport"]),
        .testTarget(name: "VerbatimPipelineTests", dependencies: ["VerbatimPipeline", "VerbatimTestSupport"]),
        .testTarget(name: "VerbatimCLITests", dependencies: ["VerbatimTestSupport", "VerbatimStore"]),
        .testTarget(
            name: "VerbatimStoreTests",
            dependencies: ["VerbatimStore", "VerbatimCore", "VerbatimTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
