import Foundation
import Testing
import VerbatimPipeline

@Suite("Line reader")
struct LineReaderTests {
    /// Every line of `bytes` as the reader gives them back.
    static func lines(of bytes: [UInt8], maxLineBytes: Int = 4 << 20) throws -> [LineReader.Line] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("line-reader-\(UUID().uuidString).txt")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var reader = LineReader(handle: handle, maxLineBytes: maxLineBytes)
        var out: [LineReader.Line] = []
        while let line = reader.next() { out.append(line) }
        return out
    }

    @Test func linesEndAtLineFeedsWithOrWithoutCarriageReturns() throws {
        #expect(try Self.lines(of: Array("bir\nki\r\n\nüç".utf8)) == [.text("bir"), .text("ki"), .text(""), .text("üç")])
        #expect(try Self.lines(of: Array("son satır\n".utf8)) == [.text("son satır")])
        #expect(try Self.lines(of: []) == [])
        #expect(try Self.lines(of: [0x61, 0xFF, 0x62, 0x0A]) == [.text("a\u{FFFD}b")])
    }

    /// Lines that cross the 64 KiB reads, and a line longer than one read.
    @Test func linesAcrossReadsComeBackWhole() throws {
        let long = String(repeating: "жақсы ", count: 15_000)
        var expected: [String] = []
        for k in 0..<3_000 { expected.append("satır \(k) " + String(repeating: "x", count: k % 97)) }
        expected.insert(long, at: 1_500)
        let text = expected.joined(separator: "\n") + "\n"
        #expect(try Self.lines(of: Array(text.utf8)) == expected.map { .text($0) })
    }

    /// A line past the limit comes back as its length only, wherever it ends: within one read, across
    /// many, or at the end of the file; the lines around it are whole.
    @Test func aLineLongerThanTheLimitIsSkippedAndCounted() throws {
        let limit = 100_000
        let long = String(repeating: "ә", count: 150_000)  // 300,000 bytes: several reads
        let text = "önce\n" + long + "\r\nsonra\n" + String(repeating: "x", count: 100_001) + "\nbitti\n" + long
        #expect(try Self.lines(of: Array(text.utf8), maxLineBytes: limit) == [
            .text("önce"), .tooLong(bytes: 300_000), .text("sonra"), .tooLong(bytes: 100_001), .text("bitti"), .tooLong(bytes: 300_000),
        ])
        #expect(try Self.lines(of: Array(("a\n" + String(repeating: "y", count: limit) + "\n").utf8), maxLineBytes: limit)
            == [.text("a"), .text(String(repeating: "y", count: limit))], "a line of exactly the limit is kept")
    }
}
