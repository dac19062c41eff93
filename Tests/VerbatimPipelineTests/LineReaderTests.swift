import Foundation
import Testing
import VerbatimPipeline

@Suite("Line reader")
struct LineReaderTests {
    /// Every line of `bytes` as the reader gives them back.
    static func lines(of bytes: [UInt8]) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("line-reader-\(UUID().uuidString).txt")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var reader = LineReader(handle: handle)
        var out: [String] = []
        while let line = reader.next() { out.append(line) }
        return out
    }

    @Test func linesEndAtLineFeedsWithOrWithoutCarriageReturns() throws {
        #expect(try Self.lines(of: Array("bir\nki\r\n\nüç".utf8)) == ["bir", "ki", "", "üç"])
        #expect(try Self.lines(of: Array("son satır\n".utf8)) == ["son satır"])
        #expect(try Self.lines(of: []) == [])
        #expect(try Self.lines(of: [0x61, 0xFF, 0x62, 0x0A]) == ["a\u{FFFD}b"])
    }

    /// Lines that cross the 64 KiB reads, and a line longer than one read.
    @Test func linesAcrossReadsComeBackWhole() throws {
        let long = String(repeating: "жақсы ", count: 15_000)
        var expected: [String] = []
        for k in 0..<3_000 { expected.append("satır \(k) " + String(repeating: "x", count: k % 97)) }
        expected.insert(long, at: 1_500)
        let text = expected.joined(separator: "\n") + "\n"
        #expect(try Self.lines(of: Array(text.utf8)) == expected)
    }
}
