import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// JSON answers of APIs and listening tools: an object that holds the records in an array of its own,
/// pretty-printed or on one line, told apart from NDJSON by its first line.
@Suite("JSON documents that hold their records")
struct JSONDocumentTests {
    func read(_ json: String, name: String = "mentions.json") -> ReadOutcome {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        return readFile(dir.write(name, Array(json.utf8)))
    }

    /// Before, such a file was read as NDJSON: every line a reject, or a record by chance.
    @Test func theRecordsAreTheFirstArrayOfObjects() {
        let o = read("""
            {
              "meta": {"query": "turkcell", "tags": ["a", "b"], "pages": [1, 2]},
              "languages": ["tr", "kk"],
              "data": [
                {"id": "m1", "created_at": "2026-11-21T10:00:00+03:00", "text": "Müşteri hizmetleri çok ilgiliydi, \\"teşekkürler\\"", "platform": "twitter"},
                {"id": "m2", "created_at": "2026-11-21T11:00:00+03:00", "text": "İnternet yine çöktü", "platform": "instagram"}
              ],
              "next": {"cursor": "abc", "more": [{"x": 1}]}
            }
            """)
        #expect(o.summary.format == "json" && o.summary.fileError == nil, "\(o.summary.fileError ?? "")")
        #expect(o.summary.layout == "records in the array 'data'")
        #expect(o.records.map(\.id) == ["m1", "m2"] && o.rejects.isEmpty)
        #expect(o.records.map(\.provenance.line) == [5, 6])
        #expect(o.records.first?.text == "Müşteri hizmetleri çok ilgiliydi, \"teşekkürler\"")
    }

    @Test func onOneLineToo() {
        let o = read(#"{"count":2,"results":[{"id":"1","comment":"Çok iyi"},{"id":"2","comment":"Berbat"}]}"#)
        #expect(o.summary.layout == "records in the array 'results'")
        #expect(o.records.map(\.text) == ["Çok iyi", "Berbat"])
    }

    /// NDJSON whose records hold arrays of objects of their own (entities, replies) stays NDJSON.
    @Test func ndjsonWithNestedArraysIsStillNDJSON() {
        let o = read(#"""
            {"id":"1","text":"Çok iyi","entities":[{"type":"brand"}]}
            {"id":"2","text":"Berbat","entities":[]}
            """#, name: "m.ndjson")
        #expect(o.summary.format == "ndjson" && o.records.map(\.id) == ["1", "2"])
    }

    /// NDJSON whose first record is cut off is still NDJSON: that line is one reject, the rest is read.
    @Test func ndjsonWithADamagedFirstLineIsStillNDJSON() {
        let o = read(#"""
            {"id":"1","text":"Çok iy
            {"id":"2","text":"Berbat"}
            {"id":"3","text":"Harika"}
            """#, name: "m.ndjson")
        #expect(o.summary.format == "ndjson" && o.records.map(\.id) == ["2", "3"] && o.rejects.map(\.provenance.line) == [1])
    }

    /// An object with no array of records is the one record it is.
    @Test func aPrettyPrintedSingleRecord() {
        let o = read("""
            {
              "id": "only",
              "text": "Kargo hızlı geldi",
              "tags": ["kargo"]
            }
            """)
        #expect(o.records.map(\.id) == ["only"] && o.records.first?.provenance.line == 1)
    }

    /// A document cut off inside its records keeps the records before the cut, and says where it broke.
    @Test func aTruncatedDocumentKeepsWhatCameBefore() {
        let o = read("""
            {"data": [
              {"id": "1", "text": "Çok iyi"},
              {"id": "2", "text": "Ber
            """)
        #expect(o.records.map(\.id) == ["1"])
        #expect(o.summary.fileError?.contains("the array 'data' is never closed") == true, "\(o.summary.fileError ?? "")")
    }

    /// A document that holds its records deeper than its top object (VK's `response.items`) and is longer
    /// than `max_record_bytes`: found by its outline and read again along the path, not one reject for
    /// the whole file ("record longer than 4194304 bytes", as a 7 MB VK export was).
    @Test func aLongDocumentWithItsRecordsDeeperIsReadAlongTheirPath() {
        let items = (1...40).map { #"{"id": \#($0), "from_id": \#($0 + 100), "date": 1795248000, "text": "Интернет үш күн бойы жоқ \#($0)"}"# }
        let json = #"{"response": {"count": 40, "items": ["# + items.joined(separator: ",\n") + "]}}"
        var options = SourceOptions()
        options.maxRecordBytes = 512
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("vk_kk.json", Array(json.utf8)), options: options)
        #expect(json.utf8.count > 4 * options.maxRecordBytes)
        #expect(o.summary.layout == "records in the array 'response.items'" && o.rejects.isEmpty, "\(o.rejects.map(\.reason))")
        #expect(o.records.map(\.id) == (1...40).map(String.init))
        #expect(o.records.last?.provenance.line == 40)
    }

    /// A long document that is one object with no records in it stays one reject, for its length.
    @Test func aLongDocumentWithoutRecordsIsOneReject() {
        let json = #"{"id": "only", "text": ""# + String(repeating: "çok uzun ", count: 200) + #""}"#
        var options = SourceOptions()
        options.maxRecordBytes = 512
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let o = readFile(dir.write("one.json", Array(json.utf8)), options: options)
        #expect(o.records.isEmpty && o.rejects.map(\.reason) == ["record longer than 512 bytes"])
    }
}

/// The outline of a document too long to hold whole: arrays cut to their first element, strings to
/// `JSONOutline.stringBytes` bytes, and still JSON.
@Suite("JSON outlines")
struct JSONOutlineTests {
    func outline(_ json: String, limit: Int = 4096) -> JSONOutline {
        var o = JSONOutline(limit: limit)
        for b in json.utf8 { o.add(b) }
        return o
    }

    @Test func arraysKeepTheirFirstElement() {
        let o = outline(#"{"meta": {"tags": ["a", "b", ["c"]], "n": [1, 2.5, -3]}, "items": [{"id": 1, "replies": [{"x": 1}, {"x": 2}]}, {"id": 2}], "e": []}"#)
        #expect(String(decoding: o.bytes, as: UTF8.self) == #"{"meta":{"tags":["a"],"n":[1]},"items":[{"id":1,"replies":[{"x":1}]}],"e":[]}"#)
        #expect(!o.overflow)
    }

    /// A long string is cut where no escape and no letter is open, so that the outline still parses.
    @Test func longStringsAreCutAndStillParse() throws {
        for tail in [#"\u00e7"#, "ş", #"\""#, "x"] {
            let text = String(repeating: "ö", count: JSONOutline.stringBytes / 2 - 1) + "a" + String(repeating: tail, count: 50)
            let json = #"{"text": ""# + text + #"", "items": [{"id": 1}, {"id": 2}]}"#
            let whole = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let o = outline(json)
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(o.bytes)) as? [String: Any], "\(tail)")
            let kept = try #require(parsed["text"] as? String)
            #expect(kept.utf8.count <= JSONOutline.stringBytes + 6 && (whole["text"] as? String)?.hasPrefix(kept) == true, "\(tail)")
            #expect(kept.utf8.count < (whole["text"] as? String)?.utf8.count ?? 0, "\(tail): cut")
            #expect(parsed["items"] as? [[String: Int]] == [["id": 1]])
        }
    }

    /// One huge object, not records: past the limit the outline is no answer.
    @Test func anOutlinePastItsLimitOverflows() {
        let keys = (1...100).map { #""k\#($0)": \#($0)"# }.joined(separator: ", ")
        #expect(outline("{" + keys + "}", limit: 200).overflow)
    }
}
