import Foundation
import Logging
import VerbatimCore
import VerbatimIngest
import VerbatimReports
import VerbatimStore

/// A run's dealings with the history store, and the fingerprints of what it
/// reads (kept even without a store, for `manifest.json`).
///
/// `begin` hashes the inputs, the pipeline file and the linguistic data,
/// opens the store and takes its lock, and decides which files a nightly
/// run skips. The runner then writes each file it read, asks for trends,
/// and commits once the reports are in place, or calls `fail`.
final class RunHistory {
    /// Nightly runs skip files seen before; re-processing reads everything again.
    let mode: RunInfo.Mode
    let info: RunInfo
    /// The store file, or nil when the run has none (`store: none`, `--no-store`).
    let storeURL: URL?
    let store: (any HistoryBackend)?
    private(set) var session: (any RunTransaction)?
    /// One entry per input file, in catalog order: path, size, SHA-256, and after reading, format, encoding and counts.
    private(set) var entries: [FileEntry]
    /// The earlier processing that makes a nightly run skip a file; nil for files to read.
    let prior: [PriorFile?]
    /// What writing each file did to the store.
    private(set) var writes: [FileWriteCounts?]

    private init(mode: RunInfo.Mode, info: RunInfo, storeURL: URL?, store: (any HistoryBackend)?, session: (any RunTransaction)?, entries: [FileEntry], prior: [PriorFile?]) {
        self.mode = mode
        self.info = info
        self.storeURL = storeURL
        self.store = store
        self.session = session
        self.entries = entries
        self.prior = prior
        writes = Array(repeating: nil, count: entries.count)
    }

    /// The inputs' fingerprints (path, size, SHA-256), hashed on `cores` cores, in catalog order.
    static func fingerprint(_ files: [(url: URL, name: String)], cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> [FileEntry] {
        ParallelMap.map(files.count, cores: cores) { k in
            let url = files[k].url.standardizedFileURL
            // A file that cannot be hashed cannot be read either: the reader rejects it, and it is never skipped.
            let digest = (try? ContentDigest.file(url)) ?? (sha256: "", size: 0)
            return FileEntry(path: url.path, name: files[k].name, size: digest.size, sha256: digest.sha256)
        }
    }

    /// The SHA-256 of the pipeline file and of the linguistic data (lexicons, user lexicons, learned layers, roster).
    static func configFingerprint(_ config: PipelineConfiguration) -> (config: String, lexicons: String) {
        var lexiconRoots = [config.lexicons] + config.userLexicons.map(\.path) + config.learnedLexicons.map(\.path)
        if let roster = config.roster { lexiconRoots.append(roster) }
        let configData = FileManager.default.contents(atPath: config.file) ?? Data()
        return (ContentDigest.bytes(configData), ContentDigest.tree(lexiconRoots))
    }

    /// With a store, takes its lock and looks up which of `entries` were processed before.
    static func begin(
        config: PipelineConfiguration, options: PipelineRunner.Options, header: RunPartial.Header, entries: [FileEntry],
        started: Date, logger: Logger
    ) throws(RunError) -> RunHistory {
        let adHoc = options.input != nil || options.out != nil
        let mode: RunInfo.Mode = options.reprocess || adHoc ? .reprocess : .nightly
        let info = RunInfo(mode: mode, pipeline: config.name, asOf: header.asOf, input: header.input,
                           configSHA256: header.configSHA256, lexiconSHA256: header.lexiconSHA256,
                           toolVersion: header.toolVersion, startedAt: started)
        let files = entries
        let settings: StoreSettings?
        switch options.store {
        case .configured: settings = config.store
        case .disabled: settings = nil
        case let .at(url): settings = StoreSettings(path: url, lockTimeout: config.store?.lockTimeout ?? StoreSettings.defaultLockTimeout)
        }
        guard let settings else {
            return RunHistory(mode: mode, info: info, storeURL: nil, store: nil, session: nil, entries: entries,
                              prior: Array(repeating: nil, count: files.count))
        }
        do {
            let store = try HistoryBackends.open(settings.path, lockTimeout: settings.lockTimeout)
            let session = try store.begin(info) { timeout in
                logger.warning("waiting for the history store \(store.location): another run holds it (giving up after \(Int(timeout)) s)", metadata: [
                    "store": "\(store.location)", "timeout_seconds": "\(Int(timeout))",
                ])
            }
            var prior: [PriorFile?] = Array(repeating: nil, count: files.count)
            if mode == .nightly {
                for k in entries.indices where !entries[k].sha256.isEmpty {
                    guard let p = try session.priorProcessing(sha256: entries[k].sha256) else { continue }
                    prior[k] = p
                    try session.noteSkipped(entries[k])
                }
            }
            return RunHistory(mode: mode, info: info, storeURL: settings.path, store: store, session: session, entries: entries, prior: prior)
        } catch {
            throw .store(error)
        }
    }

    /// True when the run writes to a store.
    var hasStore: Bool { session != nil }

    /// Writes what reading file `k` gave (its records, streamed from the spool) to the store.
    func write(_ k: Int, summary: FileReadSummary, spool: URL?) throws(RunError) {
        entries[k].format = summary.format
        entries[k].encoding = summary.encoding
        entries[k].read = summary.read
        entries[k].accepted = summary.accepted
        entries[k].rejected = summary.rejected
        entries[k].rejectedWhole = summary.rejectedWhole
        guard let session else { return }
        do {
            // A file rejected whole is recorded without records (a spool that is not there gives none).
            let none = URL(fileURLWithPath: "/nonexistent/verbatim-no-records")
            writes[k] = try session.writeFile(entries[k], spool: !summary.rejectedWhole ? spool ?? none : none)
        } catch { throw .store(error) }
    }

    /// This period against the previous one, from the store (this run's records included); nil without a store.
    /// `employeeNames`, `channelNames`: the names this run's tables show, which the trends use for the same employees and channels.
    /// `channels`: the names of `channels.tsv`, given again to the channels the store holds, so that records stored
    /// before a channel's name was listed (`Утас` before it was `Phone`) count under the name this run's records have.
    func trends(
        asOf: String, settings: TrendSettings, minResponses: Int, employeeNames: [String] = [], channelNames: [String] = [], channels: ChannelNames = ChannelNames()
    ) throws(RunError) -> TrendReport? {
        guard let session else { return nil }
        let (current, previous) = settings.periods(asOf: asOf)
        let counts: TrendCounts
        do { counts = try session.trendCounts(current: current, previous: previous) } catch { throw .store(error) }
        func pairs(_ m: [String: PeriodCounts]) -> [String: (current: SentimentTally, previous: SentimentTally)] {
            m.mapValues { ($0.current, $0.previous) }
        }
        return TrendReport(
            periodDays: settings.periodDays, current: .init(from: current.from, to: current.to),
            previous: .init(from: previous.from, to: previous.to), minResponses: minResponses,
            total: (counts.total.current, counts.total.previous),
            employees: pairs(counts.byEmployee), themes: pairs(counts.byTheme), employeeNames: employeeNames,
            channels: pairs(Self.named(counts.byChannel, channels)), channelNames: channelNames)
    }

    /// The store's channel counts under the names `channels` gives them, those that become one name added up.
    static func named(_ counts: [String: PeriodCounts], _ channels: ChannelNames) -> [String: PeriodCounts] {
        var out: [String: PeriodCounts] = [:]
        for (value, c) in counts {
            let name = channels.shown(value)
            out[name, default: PeriodCounts()].current.merge(c.current)
            out[name, default: PeriodCounts()].previous.merge(c.previous)
        }
        return out
    }

    /// Commits the run's changes.
    func commit(_ totals: RunTotals) throws(StoreError) {
        try session?.commit(totals)
        session = nil
    }

    /// Drops the run's changes and records the failure (best effort).
    func fail(_ error: RunError, seconds: Double) {
        guard let session else { return }
        session.rollback()
        self.session = nil
        var totals = RunTotals(status: .failed)
        totals.durationSeconds = seconds
        store?.logFailedRun(info, totals: totals, error: error.description)
    }
}
