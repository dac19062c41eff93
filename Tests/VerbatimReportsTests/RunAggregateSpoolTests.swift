import Foundation
import Testing
import VerbatimCore
@testable import VerbatimReports

/// A run's aggregate as the run spools it for itself (`RunAggregate.spoolBytes`): every tally and top
/// verbatim reads back as it was, and bytes that are not a whole aggregate are refused.
@Suite("A run's aggregate, spooled as bytes")
struct RunAggregateSpoolTests {
    static func aggregate() -> RunAggregate {
        var a = RunAggregate(verbatimLimit: 2)
        let texts = ["Çok kibar, teşekkürler", "Berbat\tkimse\nyardımcı olmadı", "Жақсы емес", "Ljubazna 👍🏽", "", "Хорошо"]
        for (k, text) in texts.enumerated() {
            var r = scoredRecord("R-\(k)", employee: k % 3 == 0 ? nil : "Ayşe Yılmaz \(k % 2)", text: text,
                                 score: [0.8, -0.7, 0.0, 0.61, -0.2, 0.8][k], line: k + 2, channel: k == 4 ? nil : "Telefon")
            r.ratings = k == 5 ? .none : SurveyRating.Ratings(SurveyRating.Score(inferring: Double(k) + 0.5))
            r.employeeMention = k == 1 ? "Ayşe Hanım'a" : nil
            r.ratingDisagrees = k == 3
            a.add(r)
        }
        return a
    }

    static func json(_ a: RunAggregate) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return try e.encode(a)
    }

    @Test func everyTallyAndVerbatimReadsBack() throws {
        let a = Self.aggregate()
        let back = try RunAggregate(spoolBytes: a.spoolBytes()[...])
        #expect(try Self.json(back) == Self.json(a))
        #expect(back.topVerbatims.positive.map(\.sample.recordId) == a.topVerbatims.positive.map(\.sample.recordId))
        #expect(back.byEmployee.count == 3 && back.total.n == 6)
    }

    /// The spool writes a tally's counts from `SentimentTally.counts`: each count of the tally is there once.
    @Test func theSpooledCountsAreEveryCountOfATally() {
        var t = SentimentTally()
        for (k, count) in SentimentTally.counts.enumerated() { t[keyPath: count] = k + 1 }
        let stored = Mirror(reflecting: t).children.compactMap { $0.value as? Int }
        #expect(stored.sorted() == Array(1...SentimentTally.counts.count))
    }

    /// Every cut of the bytes short of the whole is refused, and so is a byte after the end.
    @Test func bytesThatAreNotAWholeAggregateAreRefused() throws {
        let bytes = Self.aggregate().spoolBytes()
        for n in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: SpoolBytesReader.Damaged.self) { try RunAggregate(spoolBytes: bytes[..<n]) }
        }
        #expect(throws: SpoolBytesReader.Damaged.self) { try RunAggregate(spoolBytes: (bytes + [0])[...]) }
    }

    @Test func aLabelNoSentimentHasIsRefused() {
        var w = SpoolBytesWriter()
        w.label(.negative)
        w.code(3)
        var r = SpoolBytesReader(w.bytes[...])
        #expect((try? r.label()) == .negative)
        #expect(throws: SpoolBytesReader.Damaged.self) { try r.label() }
    }
}
