import Testing
import VerbatimTestSupport
@testable import VerbatimXML
@testable import VerbatimIngest

/// The SAX2 push parser behind `XMLEventReader` delivers what `xmlTextReader` did: the same
/// events (empty elements, one text event per run, decoded attributes, element lines), the
/// same errors with line and column, however the bytes arrive in chunks.
@Suite("XML events (libxml2 SAX2 push parser)")
struct XMLEventReaderTests {
    /// A source that hands out at most `step` bytes per read, to cut the document anywhere.
    final class SteppedSource: XMLByteSource {
        let bytes: [UInt8]
        let step: Int
        var offset = 0
        init(_ text: String, step: Int) { bytes = Array(text.utf8); self.step = step }
        init(bytes: [UInt8], step: Int) { self.bytes = bytes; self.step = step }
        func readBytes(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
            let n = min(count, step, bytes.count - offset)
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
            offset += n
            return n
        }
    }

    /// The texts and attribute values `reader` hands out, in document order.
    func textsAndValues(_ reader: XMLEventReader) -> [String] {
        var out: [String] = []
        while let e = reader.next() {
            switch e {
            case let .text(t): out.append(t)
            case let .start(_, _, attributes, _, _): out += attributes.map(\.value)
            case .end: break
            }
        }
        return out
    }

    /// The events of `xml` as lines of text, and the error.
    func events(_ xml: String, step: Int = 1 << 20) -> (events: [String], error: XMLEventReader.ParseError?) {
        guard let reader = XMLEventReader(source: SteppedSource(xml, step: step), name: "test.xml") else { return ([], nil) }
        var out: [String] = []
        while let e = reader.next() {
            switch e {
            case let .start(name, depth, attributes, isEmpty, line):
                out.append("start \(name) \(depth)\(isEmpty ? " empty" : "") line \(line)" + attributes.map { " \($0.name)=\($0.value)" }.joined())
            case let .end(depth): out.append("end \(depth)")
            case let .text(t): out.append("text \(t)")
            }
        }
        return (out, reader.error)
    }

    @Test func emptyElementsAreMarkedAndHaveNoEndEvent() {
        #expect(events("<r><a/><b></b></r>").events == ["start r 0 line 1", "start a 1 empty line 1", "start b 1 line 1", "end 1", "end 0"])
    }

    @Test func adjacentTextAndCDATAAreOneEvent() {
        let (e, error) = events("<r><t>a &amp; <![CDATA[b<c]]> d&#233;</t></r>")
        #expect(error == nil)
        #expect(e == ["start r 0 line 1", "start t 1 line 1", "text a & b<c dé", "end 1", "end 0"])
    }

    @Test func attributeValuesAreDecodedAndNamespaceDeclarationsLeftOut() {
        let (e, _) = events("<r xmlns:p=\"urn:x\"><a x=\"1 &amp; 2\" y=\"&#38;&lt;&#x41;\" p:z=\"q\"/></r>")
        #expect(e == ["start r 0 line 1", "start a 1 empty line 1 x=1 & 2 y=&<A z=q", "end 0"])
    }

    @Test func declaredEntitiesAreReadAsTheirText() {
        let (e, error) = events("<!DOCTYPE r [<!ENTITY e \"EXPANDED\">]><r><t>a &e; b</t><t>&e;</t></r>")
        #expect(error == nil)
        #expect(e == ["start r 0 line 1", "start t 1 line 1", "text a EXPANDED b", "end 1", "start t 1 line 1", "text EXPANDED", "end 1", "end 0"])
    }

    @Test func anEntityWithMarkupIsReadAsItsTextAndNestedReferencesAsTheirs() {
        let dtd = "<!DOCTYPE r [<!ENTITY brand \"Türk&#160;Telekom\"><!ENTITY sig \"<b>Destek</b> ekibi &brand;\">]>"
        let (e, error) = events(dtd + "<r><t>&sig;: &brand;</t></r>")
        #expect(error == nil)
        #expect(e == ["start r 0 line 1", "start t 1 line 1", "text Destek ekibi Türk\u{A0}Telekom: Türk\u{A0}Telekom", "end 1", "end 0"])
    }

    /// Feeds use HTML's entities without declaring them; strict XML rejects the document, feed readers read them.
    @Test func undeclaredHTMLEntitiesAreReadAsTheirCharactersInTextAndAttributes() {
        let (e, error) = events("<r><t a=\"x&nbsp;y&hellip;\">Kötü&nbsp;hizmet &mdash; &rsquo;&amp;&nbsp;</t></r>", step: 7)
        #expect(error == nil)
        #expect(e == ["start r 0 line 1", "start t 1 line 1 a=x\u{A0}y…", "text Kötü\u{A0}hizmet — ’&\u{A0}", "end 1", "end 0"])
        let reader = XMLEventReader(source: SteppedSource("<r>&eacute;&nbsp;&eacute;<t x=\"&copy;\"/></r>", step: 3), name: "t.xml")!
        while reader.next() != nil {}
        #expect(reader.error == nil)
        #expect(reader.htmlEntities == ["copy", "eacute", "nbsp"])
    }

    @Test func anHTMLEntityInsideADeclaredOneIsReadToo() {
        let (e, error) = events("<!DOCTYPE r [<!ENTITY x \"çok&nbsp;iyi\">]><r>&x;</r>")
        #expect(error == nil)
        #expect(e == ["start r 0 line 1", "text çok\u{A0}iyi", "end 0"])
    }

    /// A reference neither the document nor HTML defines is kept as written, as a browser shows it: the
    /// text around it is not lost.
    @Test func anEntityNeitherDeclaredNorHTMLIsKeptAsWritten() {
        let reader = XMLEventReader(source: SteppedSource("<r><t a=\"x&foo;\">kötü &foo; hizmet &bar;&nbsp;</t></r>", step: 4), name: "t.xml")!
        let out = textsAndValues(reader)
        #expect(reader.error == nil)
        #expect(out == ["x&foo;", "kötü &foo; hizmet &bar;\u{A0}"])
        #expect(reader.unknownEntities == ["bar", "foo"])
        #expect(reader.htmlEntities == ["nbsp"])
    }

    /// A malformed declaration (`<!ENTITY bad"x">`, no space) is not registered, and libxml2 then asks for the
    /// entity by its name to keep its raw text: that is not a reference, and no entity is made for it (the
    /// fuzzer's leak of 2026-12-06, `regressions/xml-entity-declared-without-a-space-leaked.xml`).
    @Test func aDeclarationIsNotAReferenceToAnUnknownEntity() {
        let reader = XMLEventReader(source: SteppedSource("<!DOCTYPE r [<!ENTITY bad\"x\">]><r>ok</r>", step: 1 << 20), name: "t.xml")!
        while reader.next() != nil {}
        #expect(reader.error?.message.contains("Space required") == true)
        #expect(reader.unknownEntities.isEmpty)
    }

    @Test func entitiesWhoseTextOutgrowsTheDocumentStopIt() {
        let big = String(repeating: "a", count: 50_000)
        let refs = String(repeating: "&a;", count: 200)
        let (_, error) = events("<!DOCTYPE r [<!ENTITY a \"\(big)\">]><r><t>\(refs)</t></r>")
        #expect(error?.message.hasPrefix("entity expansion") == true)
        // Within the budget: 20 references to the same entity read whole.
        let (e, fine) = events("<!DOCTYPE r [<!ENTITY a \"\(big)\">]><r><t>\(String(repeating: "&a;", count: 20))</t></r>")
        #expect(fine == nil)
        #expect(e.count == 5 && e[2].utf8.count == "text ".utf8.count + 20 * 50_000)
    }

    /// Customers paste control characters (a vertical tab, an escape) that XML does not allow; libxml2 stops
    /// at the first, and the whole export was lost. They are read as spaces, counted, wherever the chunks cut.
    @Test func controlCharactersXMLDoesNotAllowAreReadAsSpaces() {
        let xml = "<r>\u{0B}<t a=\"x\u{01}y\">kötü\u{0B}hizmet\u{1B}</t>\t\n<t>\u{0}iyi\r\n</t></r>"
        for step in [1, 5, 1 << 20] {
            let reader = XMLEventReader(source: SteppedSource(xml, step: step), name: "t.xml")!
            let texts = textsAndValues(reader)
            #expect(reader.error == nil)
            #expect(texts == [" ", "x y", "kötü hizmet ", "\t\n", " iyi\n"])
            #expect(reader.controlCharacters == 5)
            #expect(reader.controlCharacterValues == [0x00, 0x01, 0x0B, 0x1B])
        }
        // In UTF-16 a zero byte is half of every ASCII character: nothing is replaced there.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<r><t>iyi</t></r>".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let reader = XMLEventReader(source: SteppedSource(bytes: utf16, step: 3), name: "t.xml")!
        var texts: [String] = []
        while let e = reader.next() { if case let .text(t) = e { texts.append(t) } }
        #expect(reader.error == nil && texts == ["iyi"] && reader.controlCharacters == 0)
    }

    /// The replacement reads sixteen bytes at a time with a byte-by-byte tail: on random bytes of every
    /// length around the chunks, it replaces exactly the bytes the definition names, and counts them.
    @Test func controlsAreFoundWhereverTheyStandInTheChunks() {
        var rng = SplitMix(state: 20)
        let pool: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0B, 0x0D, 0x1B, 0x1F, 0x20, 0x7F, 0x80, 0x9F, 0xC2, 0xFF]
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0...70, using: &rng)).map { _ in
                Int.random(in: 0..<5, using: &rng) == 0 ? pool[Int.random(in: 0..<pool.count, using: &rng)] : 0x61
            }
            let isControl = { (b: UInt8) in b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D }
            var out = bytes
            var seen = [Bool](repeating: false, count: 32)
            let n = out.withUnsafeMutableBytes { XMLEventReader.spaceControls($0, seen: &seen) }
            #expect(out == bytes.map { isControl($0) ? 0x20 : $0 }, "\(bytes)")
            #expect(n == bytes.filter(isControl).count)
            #expect(seen.indices.filter { seen[$0] } == Set(bytes.filter(isControl).map(Int.init)).sorted())
        }
    }

    @Test func elementsCarryTheLineOfTheirStartTag() {
        let (e, _) = events("<r>\n  <item id=\"1\">\n    <text>x</text>\n  </item>\n</r>\n")
        #expect(e.filter { $0.hasPrefix("start") } == ["start r 0 line 1", "start item 1 line 2 id=1", "start text 2 line 3"])
    }

    @Test func chunkBoundariesDoNotChangeTheEvents() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r><item a=\"ç&amp;x\"><text>Şöyle <![CDATA[böyle]]> 👍🏽</text><e/></item>\n"
            + "<item><text>ikinci\nsatır</text></item></r>\n"
        let whole = events(xml)
        #expect(whole.error == nil)
        for step in [1, 2, 3, 7, 64] {
            #expect(events(xml, step: step).events == whole.events, "step \(step)")
        }
    }

    @Test func aMismatchedTagStopsWithLineAndColumn() {
        let (e, error) = events("<r>\n<item>\n<text>x</item></r>")
        #expect(error?.message == "Opening and ending tag mismatch: text line 3 and item")
        #expect(error?.line == 3)
        #expect((error?.column ?? 0) > 1)
        #expect(e == ["start r 0 line 1", "text \n", "start item 1 line 2", "text \n", "start text 2 line 3"], "the events before the error, none after it")
    }

    @Test func nestingPastLibxml2sDepthLimitIsAnError() {
        let (e, error) = events("<r>" + String(repeating: "<d>", count: 300) + "</r>")
        #expect(error?.message == "Excessive depth in document: 256 use XML_PARSE_HUGE option")
        #expect(error?.line == 1)
        #expect(e.count == 257, "the root and 256 nested elements, then the error")
    }

    @Test func theDeclaredEncodingIsReported() {
        let xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<r><t>\u{E9}</t></r>"
        guard let reader = XMLEventReader(source: SteppedSource(xml, step: 1 << 20), name: "t.xml") else { Issue.record("no reader"); return }
        while reader.next() != nil {}
        #expect(reader.encoding == "windows-1251")
        #expect(reader.error == nil)
    }
}
