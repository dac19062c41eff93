import Foundation
import Testing
import VerbatimPipeline

@Suite("Line reader")
struct LineReaderTests {
    /// Every line of `bytes` as the reader gives them back.
    static func lines(of bytes: [UInt8], maxLineBytes: Int = 4 << 20, detectsEncoding: Bool = false) throws -> [LineReader.Line] {
        try read(bytes, maxLineBytes: maxLineBytes, detectsEncoding: detectsEncoding).lines
    }

    static func read(_ bytes: [UInt8], maxLineBytes: Int = 4 << 20, detectsEncoding: Bool) throws -> (lines: [LineReader.Line], encoding: String?) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("line-reader-\(UUID().uuidString).txt")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var reader = LineReader(handle: handle, maxLineBytes: maxLineBytes, detectsEncoding: detectsEncoding)
        var out: [LineReader.Line] = []
        while let line = reader.next() { out.append(line) }
        return (out, reader.encoding?.encoding.rawValue)
    }

    /// With `detectsEncoding` (what `classify` reads with), text in UTF-16 or a Windows code page comes back
    /// as the same lines as its UTF-8 form; UTF-8 and its invalid bytes are read as without.
    @Test func textInAnotherEncodingIsReadAsAnExportIs() throws {
        let text = "Çok kötü bir hizmet, berbattı.\nİyi günler\n"
        let table: [Unicode.Scalar: UInt8] = ["Ç": 0xC7, "ö": 0xF6, "ü": 0xFC, "ı": 0xFD, "İ": 0xDD]
        let windows1254: [UInt8] = text.unicodeScalars.map { table[$0] ?? UInt8($0.value) }
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let expected: [LineReader.Line] = [.text("Çok kötü bir hizmet, berbattı."), .text("İyi günler")]
        let fromCodePage = try Self.read(windows1254, detectsEncoding: true), fromUTF16 = try Self.read(utf16, detectsEncoding: true)
        let fromUTF8 = try Self.read(Array(text.utf8), detectsEncoding: true)
        #expect(fromCodePage.lines == expected && fromCodePage.encoding == "windows-1254")
        #expect(fromUTF16.lines == expected && fromUTF16.encoding == "utf-16le")
        #expect(fromUTF8.lines == expected && fromUTF8.encoding == nil)
        // UTF-8 with a stray bad byte stays UTF-8 (as in an export: "mostly valid UTF-8"); only that line is not.
        let damaged = Array("Çok iyi bir hizmet".utf8) + [0xFF] + Array(", teşekkürler\nİyi günler\n".utf8)
        #expect(try Self.read(damaged, detectsEncoding: true) == ([.notUTF8(at: 19, bytes: [0xFF]), .text("İyi günler")], nil))
        #expect(try Self.lines(of: windows1254) != expected, "without detection the bytes are taken as UTF-8")
    }

    @Test func linesEndAtLineFeedsWithOrWithoutCarriageReturns() throws {
        #expect(try Self.lines(of: Array("bir\nki\r\n\nüç".utf8)) == [.text("bir"), .text("ki"), .text(""), .text("üç")])
        #expect(try Self.lines(of: Array("son satır\n".utf8)) == [.text("son satır")])
        #expect(try Self.lines(of: []) == [])
        #expect(try Self.lines(of: [0x61, 0xFF, 0x62, 0x0A]) == [.notUTF8(at: 1, bytes: [0xFF])])
    }

    /// Each way UTF-8 can go wrong comes back as where it does, with the bytes there; the reason names them.
    @Test(arguments: [
        ([0x6B, 0xF6, 0x74, 0xFC], 1, [0xF6]),  // windows-1254 `kötü` in a UTF-8 text
        ([0x61, 0xC3], 1, [0xC3]),  // a character cut at the end of the line
        ([0xC0, 0xAF], 0, [0xC0]),  // an overlong form
        ([0x61, 0x62, 0xED, 0xA0, 0x80], 2, [0xED]),  // a surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0, [0xF4]),  // above U+10FFFF
    ] as [([UInt8], Int, [UInt8])])
    func aLineThatIsNotUTF8SaysWhere(bytes: [UInt8], at: Int, bad: [UInt8]) throws {
        let lines = try Self.lines(of: Array("önce\n".utf8) + bytes + Array("\nsonra".utf8))
        #expect(lines.count == 3 && lines.first == .text("önce") && lines.last == .text("sonra"), "\(lines)")
        guard case let .notUTF8(offset, found)? = lines.dropFirst().first else { Issue.record("\(lines)"); return }
        #expect(offset == at && Array(found.prefix(bad.count)) == bad, "\(offset) \(found)")
        #expect(LineReader.notUTF8Reason(at: offset, bytes: found).hasPrefix("bytes that are not valid utf-8 (\(String(format: "%02X", bad[0]))"))
        #expect(LineReader.notUTF8Reason(at: offset, bytes: found).hasSuffix("at byte \(at + 1))"))
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
