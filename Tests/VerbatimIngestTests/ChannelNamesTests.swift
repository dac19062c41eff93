import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// The channel a record shows (`ChannelNames`, `lexicons/channels.tsv`): a tool's code or another
/// name of a network as the network's name, and, for a mention without a channel, its link's host.
@Suite("Channel names")
struct ChannelNamesTests {
    let names = bundledAliases.channelNames

    @Test(arguments: [
        ("https://twitter.com/x/status/501", "twitter.com"),
        ("https://www.Instagram.com:443/p/1?igsh=2#top", "www.instagram.com"),
        ("instagram.com/p/1", "instagram.com"),
        ("http://user@m.facebook.com/story", "m.facebook.com"),
        ("  https://t.me/bank/12 ", "t.me"),
        ("mailto:someone", nil),
        ("not a link", nil),
        ("https:///nothing", nil),
        ("", nil),
    ] as [(String, String?)])
    func hostsOfLinks(link: String, host: String?) {
        #expect(ChannelNames.host(of: link) == host)
    }

    @Test func namesAndHostsGiveTheNetworksName() {
        #expect(names.channel("SOCIALMEDIA_TWITTER", link: nil) == "Twitter")
        #expect(names.channel("x", link: nil) == "Twitter" && names.channel("X (Twitter)", link: nil) == "Twitter")
        #expect(names.channel("Telegram", link: "https://instagram.com/p/1") == "Telegram", "a channel value wins over the link")
        #expect(names.channel(nil, link: "https://m.facebook.com/story/9") == "Facebook", "a subdomain is its domain")
        #expect(names.channel(nil, link: "https://www.sikayetvar.com/turkcell/fatura") == "Şikayetvar")
        #expect(names.channel(nil, link: "https://example.com/post/1") == nil)
        #expect(names.channel(nil, link: "https://com/") == nil)
        #expect(ChannelNames().channel("SOCIALMEDIA_TWITTER", link: "https://x.com/1") == "SOCIALMEDIA_TWITTER", "without the file, as written")
    }

    /// Each country's tools name a contact channel in their language and script: one channel in the tables.
    @Test(arguments: [
        ("Telefon", "Phone"), ("Телефон", "Phone"), ("Утас", "Phone"), ("Қоңырау", "Phone"), ("Çağrı Merkezi", "Phone"),
        ("call centre", "Phone"), ("Позив", "Phone"), ("Canlı Destek", "Chat"), ("Чат", "Chat"), ("Čet", "Chat"), ("ЧЕТ", "Chat"),
        ("E-posta", "Email"), ("e-mail", "Email"), ("И-мэйл", "Email"), ("Имејл", "Email"), ("Эл. пошта", "Email"),
        ("СМС", "SMS"), ("Şube", "Branch"), ("Салбар", "Branch"), ("Мобильді қосымша", "Mobile app"), ("Web sitesi", "Website"),
        // Left as written: names a tool could mean otherwise, and channels nobody listed.
        ("Mobil", "Mobil"), ("Почта", "Почта"), ("Viber", "Viber"),
    ])
    func contactChannelsAreOneChannelInEveryLanguage(value: String, channel: String) {
        #expect(names.channel(value, link: nil) == channel)
    }

    /// What makes a column a channel column by its values (`ColumnByContent.channel`): a listed name or a channel itself.
    /// A listening tool's page type (`twitter`, Brandwatch) or source host (`instagram.com`, Brand Analytics)
    /// is the network's channel: before, `twitter` and `Twitter` were two rows of the channel table.
    @Test func aChannelWrittenOtherwiseOrAsAHostIsItsChannel() {
        #expect(["twitter", "INSTAGRAM", "facebook", "phone"].map { names.channel($0, link: nil) } == ["Twitter", "Instagram", "Facebook", "Phone"])
        #expect(["instagram.com", "www.vk.com", "m.facebook.com", "sikayetvar.com"].map { names.channel($0, link: nil) } == ["Instagram", "VK", "Facebook", "Şikayetvar"])
        #expect(["forum", "example.com", "news site"].map { names.channel($0, link: nil) } == ["forum", "example.com", "news site"], "the rest as written")
        #expect(names.shown("instagram.com") == "Instagram", "the store's earlier channels too")
    }

    /// A link that leads through a redirect (Google Alerts', Facebook's outbound) is the channel of where it leads.
    @Test func aRedirectingLinkIsTheChannelOfWhereItLeads() {
        #expect(names.channel(nil, link: "https://www.google.com/url?rct=j&sa=t&url=https://twitter.com/a/status/1&ct=ga") == "Twitter")
        #expect(names.channel(nil, link: "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.sikayetvar.com%2Fturkcell&h=AT0") == "Şikayetvar")
        #expect(names.channel(nil, link: "https://www.google.com/search?q=turkcell") == nil, "a search is no redirect")
        #expect(names.channel(nil, link: "https://www.google.com/url?q=https://www.google.com/url?q=x") == nil)
    }

    @Test func knowsItsNamesAndChannels() {
        #expect(names.knows("Telefon") && names.knows("Phone") && names.knows("SOCIALMEDIA_TWITTER") && names.knows("twitter"))
        #expect(!names.knows("Kredi kartı") && !names.knows("Mobil") && !names.knows("twitter.com"), "nor hosts, which name links")
        #expect(!ChannelNames().knows("Phone"), "without the file, nothing")
    }

    @Test func theFileIsCheckedLineByLine() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let url = dir.write("channels.tsv", "# test\nTwitter\tx.com\nFacebook\tx.com\nTwitter\n\tSOCIAL\nTwitter\t--\nInstagram\tIG\n")
        let (table, issues) = ChannelNames.load(url)
        #expect(issues.map(\.line) == [3, 4, 5, 6])
        #expect(issues.first?.message == "host 'x.com' is listed before as Twitter")
        #expect(table.channel("ig", link: nil) == "Instagram" && table.channel(nil, link: "https://x.com/1") == "Twitter")
    }

    /// Where exports give a link: RSS `<link>`, Atom `<link href>`, a CSV's `URL` column, JSON `url`.
    @Test func eachFormatsLinkNamesTheChannel() {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let rss = readFile(dir.write("m.rss", """
            <rss version="2.0"><channel><item><guid>1</guid><link>https://vk.com/wall-1_2</link><description>Оператор помог быстро</description></item></channel></rss>
            """))
        #expect(rss.records.map(\.channel) == ["VK"])
        let atom = readFile(dir.write("m.atom", """
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><link rel="alternate" href="https://www.youtube.com/watch?v=1"/><content>Çok yardımcı oldular</content></entry></feed>
            """))
        #expect(atom.records.map(\.channel) == ["YouTube"])
        let csv = readFile(dir.write("m.csv", "ID,URL,Text\n1,https://eksisozluk.com/entry/1,Fatura yine yanlış geldi\n2,,Temsilci çok kibardı\n"))
        #expect(csv.records.map(\.channel) == ["Ekşi Sözlük", nil])
        #expect(csv.records.map(\.text) == ["Fatura yine yanlış geldi", "Temsilci çok kibardı"], "the link is not the text")
        let json = readFile(dir.write("m.json", #"[{"id": "1", "url": "https://ok.ru/group/1", "text": "Интернет не работает"}]"#))
        #expect(json.records.map(\.channel) == ["Odnoklassniki"])
    }
}
