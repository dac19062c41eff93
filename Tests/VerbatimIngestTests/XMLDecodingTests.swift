import Foundation
import Testing
import VerbatimCore
@testable import VerbatimIngest

/// An XML export whose bytes are not the UTF-8 it declares (or means, declaring nothing) is read in the
/// code page its letters say, or, damaged in a few places, as UTF-8 with those records set aside; libxml2
/// alone stopped at the first such byte and the whole file was lost.
@Suite("XML decoding")
struct XMLDecodingTests {
    static let turkish = "<item><guid>1</guid><description>Kötü hizmet, çok üzgünüm; teşekkürler yine de</description></item>"

    @Test(arguments: [
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><r/>", "UTF-8"),
        ("\u{FEFF}<?xml version='1.0' encoding='windows-1254' standalone='yes'?><r/>", "windows-1254"),
        ("<?xml version=\"1.0\"?><r encoding=\"x\"/>", nil),
        ("<r/>", nil),
        ("<?xml version=\"1.0\" encoding=\"\"?><r/>", nil),
    ] as [(String, String?)])
    func theDeclarationsEncodingIsRead(_ head: String, _ encoding: String?) {
        #expect(XMLDecoding.declaredEncoding(Array(head.utf8)) == encoding)
    }

    @Test func validUTF8AndOtherDeclaredEncodingsAreLeftToLibxml2() {
        #expect(XMLDecoding.of(Array(("<rss>" + Self.turkish + "</rss>").utf8), declared: nil) == .byParser)
        let latin5 = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-9\"?><rss>".utf8) + Array("K".utf8) + [0xF6, 0x74, 0xFC]
        #expect(XMLDecoding.of(latin5, declared: nil) == .byParser, "libxml2 decodes what the file declares")
        #expect(XMLDecoding.of([0xFF, 0xFE, 0x3C, 0x00], declared: nil) == .byParser)
        #expect(XMLDecoding.of([0x3C, 0x00, 0x72, 0x00], declared: nil) == .byParser)
    }

    @Test func aCodePageFileDeclaringUTF8IsReadInItsCodePage() throws {
        let bytes = try #require(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>" + Self.turkish + "</rss>").data(using: .windowsCP1254))
        guard case let .transcoded(detected, why) = XMLDecoding.of(Array(bytes), declared: nil) else { Issue.record("not transcoded"); return }
        #expect(detected.encoding == .windows1254)
        #expect(why == "read as windows-1254 (guessed from letters): its bytes are not UTF-8, and the file declares UTF-8")
    }

    @Test func thePipelinesEncodingIsTaken() {
        guard case let .transcoded(detected, why) = XMLDecoding.of(Array("<r/>".utf8), declared: .windows1251) else { Issue.record("not transcoded"); return }
        #expect(detected.encoding == .windows1251 && why == "read as windows-1251, as the pipeline says")
    }

    @Test func aWindows1254FeedIsReadWholeAndSaysHow() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss><channel>\n" + Self.turkish + "\n<item><guid>2</guid><description>İlgili ve güler yüzlü</description></item>\n</channel></rss>\n"
        let (records, rejects, summary) = try readXMLBytes(Array(try #require(xml.data(using: .windowsCP1254))))
        #expect(rejects.isEmpty && summary.fileError == nil)
        #expect(records.map(\.text) == ["Kötü hizmet, çok üzgünüm; teşekkürler yine de", "İlgili ve güler yüzlü"])
        #expect(summary.encoding == "windows-1254")
        #expect(summary.layout?.hasPrefix("read as windows-1254 (guessed from letters)") == true)
    }

    @Test func aFewDamagedBytesSetTheirRecordAsideAlone() throws {
        var bytes = Array("<rss><channel>\n".utf8)
        for i in 1...3 { bytes += Array(Self.turkish.replacingOccurrences(of: "<guid>1", with: "<guid>\(i)").utf8) + [0x0A] }
        bytes += Array("<item><guid>4</guid><description>k".utf8) + [0xF6, 0x74, 0xFC] + Array(" hizmet</description></item>\n</channel></rss>\n".utf8)
        let (records, rejects, summary) = try readXMLBytes(bytes)
        #expect(summary.fileError == nil)
        #expect(records.count == 3)
        #expect(rejects.map(\.reason) == ["bytes that are not valid utf-8"])
        #expect(rejects.first?.provenance.line == 5)
        #expect(summary.layout?.hasPrefix("mostly valid UTF-8 (the file declares no encoding, which means UTF-8)") == true)
    }

    /// Past the head the decision is taken on, a bad byte still stops libxml2: the message says what to do.
    @Test func aBadBytePastTheHeadSaysHowToNameTheEncoding() throws {
        var bytes = Array("<rss><channel>\n".utf8)
        let item = Array((Self.turkish + "\n").utf8)
        while bytes.count <= XMLDecoding.headSize { bytes += item }
        bytes += Array("<item><guid>x</guid><description>k".utf8) + [0xF6, 0x74] + Array("</description></item></channel></rss>\n".utf8)
        let (_, _, summary) = try readXMLBytes(bytes)
        let error = try #require(summary.fileError)
        #expect(error.contains("Input is not proper UTF-8"))
        #expect(error.contains("name its encoding for the source in the pipeline (`encoding: windows-1254`)"))
        #expect(!error.contains("\n"))
    }
}
