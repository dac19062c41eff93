import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

func readXML(_ xml: String, options: SourceOptions = SourceOptions()) throws -> ([FeedbackRecord], [Reject], FileReadSummary) {
    try readXMLBytes(Array(xml.utf8), options: options)
}

/// `readXML` for bytes in any encoding, damaged or not.
func readXMLBytes(_ bytes: [UInt8], options: SourceOptions = SourceOptions()) throws -> ([FeedbackRecord], [Reject], FileReadSummary) {
    let dir = TemporaryFolder()
    defer { dir.remove() }
    let url = dir.write("in.xml", bytes)
    var records: [FeedbackRecord] = []
    var rejects: [Reject] = []
    let summary = XMLRecordReader(options: options, aliases: bundledAliases).read(path: url.path, name: "in.xml") { e in
        switch e {
        case let .record(r): records.append(r)
        case .rated, .setAside: break  // RatedResponseTests and HelpdeskExportTests read them, through ReadOutcome
        case let .reject(j): rejects.append(j)
        }
    }
    return (records, rejects, summary)
}

@Suite("XML reader (libxml2)")
struct XMLRecordReaderTests {
    @Test func rss() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Mentions</title><description>feed</description>
            <item><guid>t-1</guid><pubDate>Sat, 21 Nov 2026 10:02:00 +0300</pubDate><author>@musteri</author>
              <category>Twitter</category><description><![CDATA[Harika <b>hizmet</b> &amp; ilgi]]></description></item>
            <item><guid>t-2</guid><pubDate>Sat, 21 Nov 2026 11:00:00 +0300</pubDate><author>@b</author>
              <category>Instagram</category><description>Fiyat &amp; &quot;kalite&quot; kötü</description></item>
            </channel></rss>
            """
        let (records, rejects, _) = try readXML(xml)
        #expect(rejects.isEmpty)
        #expect(records.map(\.id) == ["t-1", "t-2"])
        #expect(records[0].date == "2026-11-21T10:02:00+03:00")
        #expect(records[0].channel == "Twitter")
        #expect(records[0].employee == nil, "an author is the customer, never the employee")
        #expect(records[0].text == "Harika <b>hizmet</b> &amp; ilgi", "CDATA is kept verbatim; the text stage strips markup")
        #expect(records[1].text == "Fiyat & \"kalite\" kötü")
    }

    @Test func atomWithNamespaceAndAttributeChannel() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
            <entry><id>tag:a,2026:1</id><published>2026-11-21T09:00:00+08:00</published><author><name>Бат</name></author>
              <category term="Facebook"/><content type="html">&lt;p&gt;Маш сайн&lt;/p&gt;</content></entry>
            <entry><id>tag:a,2026:2</id><published>2026-11-21T10:00:00+08:00</published><author><name>Сараа</name></author>
              <category term="Facebook"/><content type="text">Муу</content></entry>
            </feed>
            """
        let (records, rejects, _) = try readXML(xml)
        #expect(rejects.isEmpty)
        #expect(records.count == 2)
        #expect(records[0].id == "tag:a,2026:1")
        #expect(records[0].channel == "Facebook")
        #expect(records[0].text == "<p>Маш сайн</p>")
        #expect(records[0].employee == nil)
    }

    /// Google Alerts' Atom feed: each entry's link leads through Google (`google.com/url?…&url=…`), and the
    /// channel is where it leads (before, no entry had one). Its HTML content is kept as written; the text
    /// stage reads it without its tags (`TextCleaner`).
    @Test func googleAlertsEntriesAreOnTheSiteTheyLeadTo() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Google Alert - Turkcell</title>
            <entry><id>tag:google.com,2013:googlealerts/feed:1</id>
              <title type="html">&lt;b&gt;Turkcell&lt;/b&gt; 40 dakika bekletti</title>
              <link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://www.sikayetvar.com/turkcell/bekletti&amp;ct=ga&amp;usg=AOv"/>
              <published>2026-11-21T08:31:12Z</published>
              <content type="html">&lt;b&gt;Turkcell&lt;/b&gt; müşteri hizmetleri 40 dakika bekletti.&lt;br&gt;Rezalet&amp;nbsp;&amp;hellip;</content></entry>
            </feed>
            """
        let (records, rejects, _) = try readXML(xml)
        #expect(rejects.isEmpty)
        #expect(records.map(\.text) == ["<b>Turkcell</b> müşteri hizmetleri 40 dakika bekletti.<br>Rezalet&nbsp;&hellip;"])
        #expect(records.map(\.channel) == ["Şikayetvar"])
    }

    @Test func customShapeWithAttributesAndAgent() throws {
        let xml = """
            <mentions source="tool">
              <post id="p1" created="2026-11-21T11:20:00+05:00"><author>user1</author><agent>Айгерім</agent><network>Telegram</network><text>Рахмет!</text></post>
              <post id="p2" created="2026-11-21T11:25:00+05:00"><author>user2</author><network>Instagram</network><text>Жауап жоқ</text></post>
            </mentions>
            """
        let (records, _, _) = try readXML(xml)
        #expect(records.map(\.id) == ["p1", "p2"])
        #expect(records[0].employee == "Айгерім")
        #expect(records[1].employee == nil)
        #expect(records[0].date == "2026-11-21T11:20:00+05:00")
        #expect(records[0].channel == "Telegram")
    }

    @Test func explicitRecordAndFieldPaths() throws {
        let xml = "<export><batch><m ts=\"2026-11-21\"><h><name>Jelena</name></h><b>Odlično</b></m><m ts=\"2026-11-20\"><h><name>Marko</name></h><b>Loše</b></m></batch></export>"
        let opts = SourceOptions(xmlRecord: "m", xmlFields: [.text: "b", .employee: "h/name", .date: "@ts"])
        let (records, _, _) = try readXML(xml, options: opts)
        #expect(records.map(\.employee) == ["Jelena", "Marko"])
        #expect(records.map(\.date) == ["2026-11-21", "2026-11-20"])
        #expect(records.map(\.text) == ["Odlično", "Loše"])
    }

    /// A cut-off export keeps the records it holds whole; the reject says where reading stopped, why,
    /// and how many records came before.
    @Test func aTruncatedFileKeepsItsWholeRecordsAndSaysWhereItStopped() throws {
        let xml = "<rss><channel>\n<item><guid>1</guid><description>ok</description></item>\n<item><guid>2</guid><description>cut"
        let (records, rejects, summary) = try readXML(xml)
        #expect(records.map(\.id) == ["1"])
        let fileReject = try #require(rejects.last)
        #expect(fileReject.wholeFile && rejects.count == 1)
        #expect(fileReject.provenance.line >= 3)
        #expect(fileReject.provenance.column != nil)
        #expect(summary.fileError?.contains("malformed XML") == true)
        #expect(summary.fileError?.hasSuffix("(truncated export?); the 1 record before it was read, nothing after it") == true)
        #expect(summary.read == 1 && summary.accepted == 1 && summary.rejected == 0)
        #expect(!summary.rejectedWhole, "it gave a record")
        #expect(summary.encoding == "utf-8", "no declaration means UTF-8, even when the file fails")
    }

    /// Not well-formed from its start: nothing is read, and the file is rejected whole.
    @Test func aFileBrokenBeforeItsFirstRecordIsRejectedWhole() throws {
        let (records, rejects, summary) = try readXML("<rss><channel>\n<item><guid>1</guid><description>x</descr></item><item/></channel></rss>")
        #expect(records.isEmpty && rejects.count == 1)
        #expect(summary.rejectedWhole)
        #expect(summary.fileError?.contains("nothing after it") == false)
    }

    /// A social-listening feed with HTML's `&nbsp;` in it is read whole, as a feed reader reads it, and the
    /// manifest says which entities were read that way.
    @Test func feedWithHTMLEntitiesIsReadWholeAndSaysSo() throws {
        let xml = """
            <rss><channel>
            <item><guid>1</guid><description>Kargo&nbsp;hızlı geldi&hellip;</description></item>
            <item><guid>2</guid><description>Berbat&nbsp;hizmet &mdash; kimse aramadı</description></item>
            </channel></rss>
            """
        let (records, rejects, summary) = try readXML(xml)
        #expect(rejects.isEmpty && summary.fileError == nil)
        #expect(records.map(\.text) == ["Kargo\u{A0}hızlı geldi…", "Berbat\u{A0}hizmet — kimse aramadı"])
        #expect(summary.layout == "HTML entities that XML does not define, read as their characters: &hellip; &mdash; &nbsp;")
        let (_, _, plain) = try readXML("<r><item><text>a &amp; b</text></item><item><text>c</text></item></r>")
        #expect(plain.layout == nil)
    }

    @Test func controlCharactersAreReadAsSpacesAndNamed() throws {
        let xml = "<rss><channel>\n<item><guid>1</guid><description>kötü\u{0B}hizmet\u{1B}</description></item>\n<item><guid>2</guid><description>iyi&nbsp;</description></item>\n</channel></rss>"
        let (records, rejects, summary) = try readXML(xml)
        #expect(rejects.isEmpty && summary.fileError == nil)
        #expect(records.map(\.text) == ["kötü hizmet", "iyi\u{A0}"])
        #expect(summary.layout == "HTML entities that XML does not define, read as their characters: &nbsp;; 2 control characters that XML does not allow (U+000B, U+001B), read as spaces")
    }

    /// An error inside the file is not a cut-off file: no "truncated export?" then.
    @Test func anErrorInsideTheFileIsNotCalledATruncation() throws {
        let xml = "<rss><channel>\n<item><guid>1</guid><description>kötü hizmet</descr></item>\n<item><guid>2</guid><description>iyi</description></item>\n</channel></rss>"
        let (_, _, summary) = try readXML(xml)
        let error = try #require(summary.fileError)
        #expect(error.contains("line 2") && error.contains("Opening and ending tag mismatch"))
        #expect(!error.contains("truncated"))
        let (_, _, cut) = try readXML("<rss><channel>\n<item><guid>1</guid><description>ok</description></item>\n<item><guid>2</guid><description>cut")
        #expect(cut.fileError?.contains("truncated export?") == true)
    }

    @Test func fileWithoutARepeatingElementIsRejectedWhole() throws {
        let (records, rejects, summary) = try readXML("<report><generated>2026-11-21</generated><note>aylık özet</note></report>")
        #expect(records.isEmpty && rejects.count == 1)
        #expect(summary.fileError?.contains("no repeating record element found under <report>") == true)
    }

    @Test func overlongRecordIsRejectedAndTheNextOneRead() throws {
        let xml = "<r><item><text>" + String(repeating: "ç", count: 600) + "</text></item><item><text>kısa</text></item></r>"
        let (records, rejects, summary) = try readXML(xml, options: SourceOptions(maxRecordBytes: 1000))
        #expect(records.map(\.text) == ["kısa"])
        #expect(rejects.map(\.reason) == ["record longer than 1000 bytes"])
        #expect(summary.read == 2 && summary.accepted == 1 && summary.rejected == 1)
    }

    @Test func billionLaughsFailsFast() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        xml += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for i in 2...9 { xml += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n" }
        xml += "]>\n<items><item><text>&lol9;</text></item><item><text>x</text></item></items>\n"
        let start = Date()
        let (records, rejects, _) = try readXML(xml)
        #expect(Date().timeIntervalSince(start) < 5)
        // Either rejected as a whole or read without expanding: never a record with the expansion.
        #expect(records.allSatisfy { $0.text.count < 1000 })
        _ = rejects
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let secret = dir.write("secret.txt", "TOP-SECRET-CONTENT")
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(secret.path)\">]>\n<r><item><text>before &x; after</text></item><item><text>b</text></item></r>"
        let (records, _, _) = try readXML(xml)
        #expect(records.allSatisfy { !$0.text.contains("TOP-SECRET") })
    }

    @Test func deepNestingDoesNotCrash() throws {
        let xml = "<r><item><text>" + String(repeating: "<d>", count: 5000) + "x" + String(repeating: "</d>", count: 5000) + "</text></item></r>"
        let (records, rejects, _) = try readXML(xml)
        #expect(records.count + rejects.count >= 1)
    }
}
