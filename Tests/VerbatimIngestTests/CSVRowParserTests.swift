import Testing
@testable import VerbatimIngest

@Suite("RFC 4180 row parser")
struct CSVRowParserTests {
    func rows(_ text: String, delimiter: Character = ",", chunk: Int = 3) -> [CSVRowParser.Row] {
        var p = CSVRowParser(delimiter: delimiter.asciiValue!, maxRecordBytes: 1 << 20)
        var out: [CSVRowParser.Row] = []
        let bytes = Array(text.utf8)
        // Feed in small chunks so that every state crosses a chunk boundary somewhere.
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + chunk)
            bytes[i..<end].withUnsafeBufferPointer { p.feed($0) { out.append($0) } }
            i = end
        }
        p.finish { out.append($0) }
        return out
    }

    func fields(_ r: CSVRowParser.Row) -> [String] { r.fields.map { String(decoding: $0, as: UTF8.self) } }

    @Test func quotedFieldsHoldDelimitersQuotesAndNewlines() {
        let r = rows("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n")
        #expect(r.count == 3)
        #expect(fields(r[1]) == ["1", "x, y", "say \"hi\""])
        #expect(fields(r[2]) == ["2", "two\nlines", "z"])
        #expect(r[2].line == 3)
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func everyLineEndCountsOneLine(_ eol: String) {
        let r = rows("h1,h2\(eol)a,b\(eol)\(eol)c,d\(eol)")
        #expect(r.map(fields) == [["h1", "h2"], ["a", "b"], ["c", "d"]])
        #expect(r.map(\.line) == [1, 2, 4])
    }

    @Test func finalLineWithoutNewline() {
        let r = rows("h\nlast")
        #expect(r.map(fields) == [["h"], ["last"]])
    }

    @Test func lineNumbersAfterMultilineField() {
        let r = rows("h,t\n1,\"a\r\nb\r\nc\"\r\n2,x\r\n")
        #expect(r.map(\.line) == [1, 2, 5])
        #expect(fields(r[1])[1] == "a\nb\nc")
    }

    @Test func unterminatedQuoteIsReported() {
        let r = rows("h,t\n1,\"never closed\n2,x\n")
        #expect(r.count == 2)
        #expect(r[1].problem == .unterminatedQuote)
        #expect(r[1].line == 2)
    }

    @Test func recordsLongerThanTheLimitAreFlagged() {
        var p = CSVRowParser(delimiter: UInt8(ascii: ","), maxRecordBytes: 10)
        var out: [CSVRowParser.Row] = []
        let bytes = Array("h\n\(String(repeating: "x", count: 50))\nok\n".utf8)
        bytes.withUnsafeBufferPointer { p.feed($0) { out.append($0) } }
        p.finish { out.append($0) }
        #expect(out.count == 3)
        #expect(out[1].problem == .tooLong(limit: 10))
        #expect(out[1].fields[0].count == 10)
        #expect(out[2].problem == nil)
    }

    @Test func delimitersCountTowardTheLimitAndFieldsAreCapped() {
        var p = CSVRowParser(delimiter: UInt8(ascii: ","), maxRecordBytes: 10)
        var out: [CSVRowParser.Row] = []
        let bytes = Array("h\n\(String(repeating: ",", count: 50))\nok\n".utf8)
        bytes.withUnsafeBufferPointer { p.feed($0) { out.append($0) } }
        p.finish { out.append($0) }
        #expect(out[1].problem == .tooLong(limit: 10))
        #expect(out[1].fields.count <= 10, "an overlong row keeps no more fields than bytes allowed")
        #expect(out[2].problem == nil)

        var q = CSVRowParser(delimiter: UInt8(ascii: ";"), maxRecordBytes: 1 << 30)
        out = []
        Array((String(repeating: ";", count: CSVRowParser.maxFields + 5) + "\nx\n").utf8).withUnsafeBufferPointer { q.feed($0) { out.append($0) } }
        #expect(out.first?.problem == .tooManyFields(limit: CSVRowParser.maxFields))
        #expect(out.first?.fields.count == CSVRowParser.maxFields)
        #expect(out.last?.problem == nil)
    }

    @Test func semicolonDelimiter() {
        #expect(rows("a;b\n\"1;2\";3\n", delimiter: ";").map(fields) == [["a", "b"], ["1;2", "3"]])
    }
}

@Suite("Delimiter sniffing")
struct DelimiterSniffingTests {
    @Test(arguments: [(",", "id,date,text\n1,2026-11-21,hello\n"), (";", "id;text\n1;\"a, b\"\n2;c\n"),
                      ("\t", "id\ttext\n1\ta;b,c\n"), ("|", "id|date|text\n1|x|y\n")])
    func sniffs(_ expected: String, _ sample: String) {
        #expect(CSVRecordReader.sniffDelimiter(Array(sample.utf8), preferTab: false) == expected.utf8.first)
    }

    @Test func minimumConsistencyTurnsDownProse() {
        let prose = Array("Notes, Monday\nWe met, all came.\nNothing else.\nThe end.\n".utf8)
        #expect(CSVRecordReader.sniffDelimiter(prose, preferTab: false) == UInt8(ascii: ","))
        #expect(CSVRecordReader.sniffDelimiter(prose, preferTab: false, minimumConsistency: 0.8) == nil)
        let table = Array("id,text\n1,a\n2,b\n".utf8)
        #expect(CSVRecordReader.sniffDelimiter(table, preferTab: false, minimumConsistency: 0.8) == UInt8(ascii: ","))
    }

    @Test func commasInsideQuotesDoNotCount() {
        let s = "id;text\n1;\"a, b, c, d\"\n2;\"e, f, g\"\n"
        #expect(CSVRecordReader.sniffDelimiter(Array(s.utf8), preferTab: false) == UInt8(ascii: ";"))
    }
}
