import Foundation
import Testing
import VerbatimCore
import VerbatimReports
import VerbatimTestSupport
@testable import VerbatimPipeline

/// A file's tallies and top verbatims, spooled while the other files are read, read back as they were.
@Suite("A file's aggregate, spooled")
struct FileAggregateTests {
    static func aggregate() -> RunAggregate {
        var a = RunAggregate(verbatimLimit: 2)
        for (k, text) in ["Çok kibar, teşekkürler", "Berbat, kimse yardımcı olmadı", "Жақсы емес", "Ljubazna 👍"].enumerated() {
            var r = FeedbackRecord(id: "R-\(k)", provenance: Provenance(file: "a.csv", line: k + 2), date: "2026-11-21",
                                   employee: k % 2 == 0 ? "Ayşe Yılmaz" : nil, channel: "Telefon", ratings: SurveyRating.Ratings(csat: Double(5 - k)), text: text)
            let score = k % 2 == 0 ? 0.8 - Double(k) / 10 : -0.7
            r.sentiment = SentimentResult(score: score, label: score > 0 ? .positive : .negative, evidence: [], clauseScores: [score])
            r.themes = [ThemeMention(theme: "courtesy", polarity: score > 0 ? .positive : .negative, keyword: "kibar", score: score)]
            a.add(r)
        }
        return a
    }

    @Test func aSpooledAggregateReadsBackAsItWas() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let a = Self.aggregate()
        let spooled = FileAggregate.spool(a, to: folder.url.appendingPathComponent("0.aggregate"))
        guard case .spooled = spooled else {
            Issue.record("not spooled")
            return
        }
        let encoder = FileAggregate.encoder()
        #expect(try encoder.encode(spooled.load()) == encoder.encode(a))
        #expect(try spooled.json() == FileAggregate.memory(a).json(), "a partial's A line is the same either way")
        #expect(try spooled.load().topByEmployee["Ayşe Yılmaz"]?.positive.count == 2)
    }

    /// Where the spool cannot be written, the aggregate stays in memory: the run goes on.
    @Test func anAggregateThatCannotBeSpooledStaysInMemory() throws {
        let a = Self.aggregate()
        let kept = FileAggregate.spool(a, to: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/0.aggregate"))
        guard case let .memory(m) = kept else {
            Issue.record("expected it in memory")
            return
        }
        #expect(m.total.n == 4)
    }

    @Test func aDamagedSpoolIsReportedWithItsPath() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let url = folder.write("0.aggregate", Array(Self.aggregate().spoolBytes().dropLast(3)))
        do {
            _ = try FileAggregate.spooled(url).load()
            Issue.record("a damaged spool was read")
        } catch {
            guard case let .unreadable(path, reason) = error else { throw error }
            #expect(path == url.path && reason == "cannot read a file's tallies back: the spool is damaged")
        }
    }
}
