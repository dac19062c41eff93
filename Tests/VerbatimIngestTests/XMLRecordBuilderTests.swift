import Testing
@testable import VerbatimIngest

@Suite("XML record builder")
struct XMLRecordBuilderTests {
    @Test func directChildrenHoldAllTheirTextDeeperPathsOnlyWhenWanted() {
        var b = XMLRecordBuilder(depth: 1, line: 1, limit: 1000)
        b.open("author", attributes: [])
        b.open("name", attributes: [("lang", "kk")])
        b.text("Айгерім")
        b.close()
        b.close()
        #expect(b.values["author"] == "Айгерім")
        #expect(b.values["author/name"] == nil, "nothing reads it, so it is not kept")
        #expect(b.values["author/name/@lang"] == "kk")

        var w = XMLRecordBuilder(depth: 1, line: 1, limit: 1000, wanted: ["author/name"])
        w.open("author", attributes: [])
        w.open("name", attributes: [])
        w.text("Айгерім")
        #expect(w.values["author/name"] == "Айгерім")
    }

    @Test func everyCopyKeptCountsAgainstTheLimit() {
        // Deep nesting used to keep the same text once per ancestor while counting it once.
        var b = XMLRecordBuilder(depth: 1, line: 1, limit: 35, wanted: ["a/b", "a/b/c"])
        b.open("a", attributes: [])
        b.open("b", attributes: [])
        b.open("c", attributes: [])
        b.text("0123456789")  // kept three times: 30 bytes, plus 9 bytes of path names
        #expect(b.overflow)
        var shallow = XMLRecordBuilder(depth: 1, line: 1, limit: 35)
        shallow.open("a", attributes: [])
        shallow.open("b", attributes: [])
        shallow.open("c", attributes: [])
        shallow.text("0123456789")
        #expect(!shallow.overflow)
        #expect(shallow.values["a"] == "0123456789")
    }

    @Test func repeatedChildrenJoinWithASpace() {
        var b = XMLRecordBuilder(depth: 1, line: 1, limit: 1000)
        for tag in ["müşteri", "fatura"] {
            b.open("category", attributes: [])
            b.text(tag)
            b.close()
        }
        #expect(b.values["category"] == "müşteri fatura")
    }

    @Test func manyChildrenAreFoundAsFewAre() {
        // Past `PathValues.scanLimit` paths the values get a hash index; reading must not change.
        var b = XMLRecordBuilder(depth: 1, line: 1, limit: 100_000)
        for round in 0..<2 {
            for k in 0..<40 {
                b.open("c\(k)", attributes: [("n", "\(round)")])
                b.text("v\(k)")
                b.close()
            }
        }
        #expect(b.order.count == 80)
        #expect(b.order.prefix(3) == ["c0", "c0/@n", "c1"])
        #expect(b.values["c0"] == "v0 v0" && b.values["c39"] == "v39 v39" && b.values["c39/@n"] == "01")
        #expect(b.values["c40"] == nil)
    }
}
