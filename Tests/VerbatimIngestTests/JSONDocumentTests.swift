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
}
