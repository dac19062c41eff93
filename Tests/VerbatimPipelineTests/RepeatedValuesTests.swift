import Foundation
import Testing
import VerbatimTestSupport
@testable import VerbatimPipeline

/// The hashes of record ids that repeat, found one bucket at a time (`DuplicateFolding`).
@Suite("Repeated values, by bucket")
struct RepeatedValuesTests {
    @Test func bucketsAreAddedAsTheValuesOutgrowOne() {
        #expect(RepeatedValues.bucketBits(expected: 0, perBucket: 4) == 0)
        #expect(RepeatedValues.bucketBits(expected: 4, perBucket: 4) == 0)
        #expect(RepeatedValues.bucketBits(expected: 5, perBucket: 4) == 1)
        #expect(RepeatedValues.bucketBits(expected: 17, perBucket: 4) == 3)
        #expect(RepeatedValues.bucketBits(expected: 1 << 40, perBucket: 4) == RepeatedValues.maximumBits)
        #expect(RepeatedValues.bucketBits(expected: 1_000_000, perBucket: RepeatedValues.defaultPerBucket) == 4)
    }

    /// Over many buckets, the repeats are exactly those of counting every value, and no file is left.
    @Test func theRepeatsAreThoseOfCountingEveryValue() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("verbatim-repeated-\(UUID().uuidString)")
        var generator = SplitMix(state: 7)
        var added: [UInt64] = []
        for _ in 0..<2_000 {
            let v = generator.next()
            added.append(v)
            if v % 5 == 0 { added.append(v) }                   // some twice
            if v % 11 == 0 { added += [v, v] }                  // some three times or more
        }
        added.append(0)
        added.append(0)                                         // the smallest and the largest values too
        added.append(.max)
        var values = RepeatedValues(scratch: scratch, expected: added.count, perBucket: 64)
        #expect(values.bucketCount == 64)
        for v in added { values.add(v) }
        let found = try values.repeated()
        values.removeScratch()
        let counts = Dictionary(added.map { ($0, 1) }, uniquingKeysWith: +)
        #expect(found == Set(counts.filter { $0.value > 1 }.keys))
        #expect(found.contains(0) && !found.contains(.max))
        #expect(!found.isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(scratch.lastPathComponent) }
        #expect(left.isEmpty)
    }
}
