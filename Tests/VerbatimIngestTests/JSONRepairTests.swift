import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// Social-listening exports write raw tabs and control characters inside strings and cut emoji in half
/// (`\ud83d` alone); Foundation's parser refuses such a record, and a damaged first line made a whole
/// NDJSON file look like one broken document. `JSONRepair` mends them, and only them.
@Suite("JSON repair")
struct JSONRepairTests {
    func mended(_ json: String) -> (String?, controls: Int, surrogates: Int) {
        var repair = JSONRepair()
        let out = repair.mended(Array(json.utf8)).map { String(decoding: $0, as: UTF8.self) }
        return (out, repair.controls, repair.surrogates)
    }

    @Test(arguments: [
        (#"{"t":"a\tb"}"#, #"{"t":"a\tb"}"#),  // an escaped tab: nothing to mend
        (#"{"t":"\ud83d\ude00 ok"}"#, #"{"t":"\ud83d\ude00 ok"}"#),  // a whole pair
        (#"{"t":"\\ud83d"}"#, #"{"t":"\\ud83d"}"#),  // an escaped backslash, then letters
        (#"{"t":"NaN","ok":true,"n":null,"f":false,"x":-1.5e3}"#, #"{"t":"NaN","ok":true,"n":null,"f":false,"x":-1.5e3}"#),  // words in strings, JSON's own values
        ("{\t\"t\":\n\"ok\"}", "{\t\"t\":\n\"ok\"}"),  // whitespace between tokens is JSON's own
    ])
    func soundJSONIsLeftAlone(_ json: String, _ same: String) {
        #expect(mended(json).0 == nil)
        #expect(json == same)
    }

    @Test(arguments: [
        ("{\"t\":\"a\tb\nc\rd\"}", #"{"t":"a\tb\nc\rd"}"#, 3, 0),
        ("{\"t\":\"a\u{0B}b\u{01}\"}", #"{"t":"a b "}"#, 2, 0),
        (#"{"t":"Kargo \ud83d geldi"}"#, #"{"t":"Kargo  geldi"}"#, 0, 1),
        (#"{"t":"x\udc00y\uD83D"}"#, #"{"t":"xy"}"#, 0, 2),
        (#"{"t":"\ud83d\u0041"}"#, #"{"t":"\u0041"}"#, 0, 1),
        (#"{"t":"NaN Infinity","r":NaN,"s":[Infinity,-Infinity,-1]}"#, #"{"t":"NaN Infinity","r":null,"s":[null,null,-1]}"#, 0, 0),
    ])
    func faultsAreMendedAndCounted(_ json: String, _ expected: String, _ controls: Int, _ surrogates: Int) throws {
        let (out, c, s) = mended(json)
        #expect(out == expected)
        #expect(c == controls && s == surrogates)
        _ = try JSONSerialization.jsonObject(with: Data(try #require(out).utf8))
    }

    @Test func mendedRecordsAreReadAndTheManifestSaysSo() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let json = "[{\"id\":\"1\",\"text\":\"Kargo \\ud83d geldi\"},\n{\"id\":\"2\",\"text\":\"kötü\u{0B}hizmet\tçok\"},\n{\"id\":\"3\",\"text\":\"iyi\"}]"
        let o = readFile(dir.write("mentions.json", Array(json.utf8)))
        #expect(o.rejects.isEmpty)
        #expect(o.records.map(\.text) == ["Kargo  geldi", "kötü hizmet\tçok", "iyi"])
        #expect(o.summary.layout == "mended JSON: 2 control characters written raw inside strings (tabs and line breaks kept, others read as spaces); 1 half of an emoji's escape without the other (`\\ud83d` alone) left out")
        // A Python script's export: NaN for a missing rating is read as missing, and the record kept.
        let python = readFile(dir.write("scores.ndjson", Array("{\"id\":\"1\",\"text\":\"iyi hizmet\",\"rating\":NaN}\n{\"id\":\"2\",\"text\":\"kötü\",\"rating\":2}\n".utf8)))
        #expect(python.rejects.isEmpty && python.records.map(\.id) == ["1", "2"])
        #expect(python.records.first?.ratings.isEmpty == true)
        #expect(python.summary.layout == "mended JSON: 1 NaN or Infinity value (as Python's json writes a missing number) read as missing")
        // A file whose first two lines need mending is still NDJSON, not one broken document.
        let lines = "{\"id\":\"1\",\"text\":\"Kargo \\udc00 geldi\"}\n{\"id\":\"2\",\"text\":\"berbat\u{01} hizmet\"}\n{\"id\":\"3\",\"text\":\"iyi\"}\n"
        let n = readFile(dir.write("mentions.ndjson", Array(lines.utf8)))
        #expect(n.summary.fileError == nil && n.summary.format == "ndjson")
        #expect(n.records.map(\.text) == ["Kargo  geldi", "berbat  hizmet", "iyi"])
    }
}
