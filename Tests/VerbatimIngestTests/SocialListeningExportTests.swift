import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimIngest

/// Mentions as social-listening tools export them (Brandwatch, Talkwalker, Meltwater, YouScan):
/// their names for the text, the network and the time, posts wrapped in objects of the tool's own,
/// and times in Unix milliseconds. Before, every record of such a file was rejected as "empty
/// feedback text" (or for an unreadable date), and nothing said which key held the post.
@Suite("Social-listening exports")
struct SocialListeningExportTests {
    func read(_ text: String, name: String, encoding: String.Encoding = .utf8, options: SourceOptions = SourceOptions()) -> ReadOutcome {
        let dir = TemporaryFolder()
        defer { dir.remove() }
        let outcome = readFile(dir.write(name, Array(text.data(using: encoding)!)), options: options)
        #expect(outcome.problems().isEmpty, "\(outcome.problems())")
        return outcome
    }

    /// Brandwatch's API: `fullText` or, when that is empty, `snippet`; `pageType` is the network;
    /// the date with `+0000`, or in Unix milliseconds.
    @Test func brandwatchResults() {
        let o = read(#"""
            {"resultsTotal": 3, "results": [
              {"id": "b1", "date": "2026-11-21T08:31:12.000+0000", "title": "", "fullText": "Çağrı merkezi berbat", "snippet": "Çağrı merkezi…", "pageType": "twitter"},
              {"id": "b2", "date": "2026-11-21T09:00:00.000+0000", "fullText": "", "snippet": "Temsilci çok yardımcı oldu", "pageType": "instagram"},
              {"id": "b3", "date": 1795249872000, "snippet": "Faturam yine yanlış", "pageType": "facebook"}
            ]}
            """#, name: "brandwatch_tr.json")
        #expect(o.rejects.isEmpty, "\(o.rejects.map(\.reason))")
        #expect(o.records.map(\.text) == ["Çağrı merkezi berbat", "Temsilci çok yardımcı oldu", "Faturam yine yanlış"])
        #expect(o.records.map(\.channel) == ["Twitter", "Instagram", "Facebook"], "one channel with Talkwalker's and the links'")
        #expect(o.records.map(\.date) == ["2026-11-21T08:31:12+00:00", "2026-11-21T09:00:00+00:00", "2026-11-21T08:31:12Z"])
    }

    /// Talkwalker's stream: each post wrapped three objects deep, a control line at the end. The
    /// post's fields are read where they are (the manifest's layout says so); the author's object is
    /// not read; the control line is one reject that names its keys.
    @Test func talkwalkerChunks() {
        let o = read(#"""
            {"chunk_type":"CT_RESULT","chunk_result":{"data":{"data":{"url":"https://x.com/1","published":1795249872000,"content":"Оператор өте сыпайы болды","title":"","lang":"kk","extra_author_attributes":{"name":"Айгүл","description":"Алматы"}}}}}
            {"chunk_type":"CT_RESULT","chunk_result":{"data":{"data":{"url":"https://x.com/2","published":1795249932000,"content":"Интернет үш күн бойы жоқ","lang":"kk","source_type":["SOCIALMEDIA","SOCIALMEDIA_TWITTER",""]}}}}
            {"chunk_type":"CT_CONTROL","chunk_control":{"resume_offset":"abc"}}
            """#, name: "talkwalker_kk.ndjson")
        #expect(o.records.map(\.text) == ["Оператор өте сыпайы болды", "Интернет үш күн бойы жоқ"])
        #expect(o.records.map(\.date) == ["2026-11-21T08:31:12Z", "2026-11-21T08:32:12Z"])
        #expect(o.records.map(\.declaredLanguage) == [.kk, .kk])
        #expect(o.records.map(\.channel) == ["Twitter", "Twitter"],
                "a channel listed from general to specific is its most specific entry, shown by its name; without one, the link's host says it")
        #expect(o.summary.layout == "each record's fields under 'chunk_result.data.data'")
        #expect(o.rejects.map(\.provenance.line) == [3])
        #expect(o.rejects.first?.reason.hasPrefix("no key of the record names the feedback text (keys: 'chunk_control', 'chunk_type')") == true,
                "\(o.rejects.first?.reason ?? "")")
    }

    /// A user's profile is not feedback: a record whose only text-named key is in its author's object
    /// is rejected, not read as the author's `description`.
    @Test func theAuthorsObjectIsNotTheBody() {
        let o = read(#"""
            {"id":"1","user":{"name":"a","description":"Müşteri hizmetleri uzmanı"},"stats":{"likes":3}}
            {"id":"2","post":{"text":"Kargo geç geldi"},"author":{"description":"Ankara"}}
            """#, name: "mentions_tr.ndjson")
        #expect(o.records.map(\.id) == ["2"] && o.records.first?.text == "Kargo geç geldi")
        #expect(o.rejects.map(\.provenance.line) == [1])
        #expect(o.rejects.first?.reason.contains("'id', 'stats', 'user'") == true, "\(o.rejects.first?.reason ?? "")")
    }

    /// A record with a rating and no text key is a rated response, as before (an API leaves out an
    /// unanswered comment); a key that names the text but is empty is still "empty feedback text".
    @Test func aRatedRecordWithoutTextStaysARatedResponse() {
        let o = read(#"""
            {"id":"1","rating":4}
            {"id":"2","comment":"","channel":"web"}
            """#, name: "survey_tr.ndjson")
        #expect(o.rated.map(\.id) == ["1"])
        #expect(o.rejects.map(\.reason) == ["empty feedback text"])
    }

    /// A text path named in the pipeline is read, and no nested object is looked in for another.
    @Test func anExplicitTextPathWins() {
        let o = read(#"""
            {"id":"1","wrapper":{"content":"Yanlış metin"},"body":{"value":"Doğru metin"}}
            """#, name: "m_tr.ndjson", options: SourceOptions(columns: [.text: "body.value"]))
        #expect(o.records.map(\.text) == ["Doğru metin"])
        #expect(o.summary.layout == nil)
    }

    /// VK's API answers `{"response": {"count": …, "items": [{…}]}}`: the records are an array nested
    /// in an object, found as the first array of posts below the top (its lines kept), pretty-printed
    /// or on one line.
    @Test(arguments: [false, true])
    func vkResponseItems(oneLine: Bool) {
        let pretty = """
            {"response": {
              "count": 2,
              "groups": [{"id": 5, "name": "Kcell"}],
              "items": [
                {"id": 11, "from_id": 5, "date": 1795249872, "text": "Оператор өте сыпайы болды, рахмет"},
                {"id": 12, "from_id": 6, "date": "not a date", "text": "Интернет үш күн бойы жоқ"}
              ]
            }}
            """
        let text = oneLine ? pretty.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined() : pretty
        let o = read(text, name: "vk_kk.json")
        #expect(o.summary.layout == "records in the array 'response.items'")
        #expect(o.records.map(\.id) == ["11"] && o.records.first?.date == "2026-11-21T08:31:12Z")
        #expect(o.rejects.map(\.provenance.line) == [oneLine ? 1 : 6], "the bad record's own line")
        #expect(o.rejects.first?.reason.hasPrefix("unreadable date 'not a date'") == true, "\(o.rejects.first?.reason ?? "")")
    }

    /// VK writes a community as a negative id: the company's answer on its own wall is set aside, the
    /// customer's comment and a comment by a user with the same number read.
    @Test func vkCommunityAnswersAreSetAside() {
        let o = read(#"""
            {"response": {"count": 3, "items": [
              {"id": 21, "from_id": 501, "post_id": 7, "owner_id": -42, "date": 1795249872, "text": "Интернет үш күн бойы жоқ"},
              {"id": 22, "from_id": -42, "post_id": 7, "owner_id": -42, "date": 1795250000, "text": "Кешіріңіз, тексеріп жатырмыз, рахмет!"},
              {"id": 23, "from_id": 42, "post_id": 7, "owner_id": -42, "date": 1795250100, "text": "Әлі де жоқ"}
            ]}}
            """#, name: "vk_comments_kk.json")
        #expect(o.problems().isEmpty, "\(o.problems())")
        #expect(o.records.map(\.id) == ["21", "23"] && o.setAside == [.ownMessage])
        #expect(o.records.map(\.channel) == ["VK", "VK"], "VK's marks: owner_id beside post_id")
        let elsewhere = read(#"[{"id": "p1", "from_id": -3, "text": "Servis çok yavaş"}]"#, name: "posts.json")
        #expect(elsewhere.records.map(\.id) == ["p1"], "a negative id means a community only beside VK's post or wall")
    }

    /// YouTube's Data API answer (`commentThreads`): each comment three objects deep, on the channel its
    /// `kind` names; before, YouTube comments had no channel.
    @Test func youTubeCommentThreads() {
        let o = read(#"""
            {"kind": "youtube#commentThreadListResponse", "pageInfo": {"totalResults": 1}, "items": [
              {"kind": "youtube#commentThread", "id": "Ugx1", "snippet": {"videoId": "abc", "topLevelComment": {"kind": "youtube#comment", "id": "Ugx1",
                "snippet": {"textOriginal": "Kaspi қосымшасы өте ыңғайлы, рахмет!", "authorDisplayName": "@aigerim", "publishedAt": "2026-11-21T08:31:12Z"}}}}
            ]}
            """#, name: "youtube_kk.json")
        #expect(o.problems().isEmpty && o.rejects.isEmpty, "\(o.rejects.map(\.reason))")
        #expect(o.records.map(\.id) == ["Ugx1"] && o.records.map(\.channel) == ["YouTube"])
        #expect(o.records.first?.text == "Kaspi қосымшасы өте ыңғайлы, рахмет!" && o.records.first?.date == "2026-11-21T08:31:12Z")
    }

    /// Telegram's chat export writes a formatted message's text as a list of runs (`["Ажилтан ",
    /// {"type": "bold", "text": "маш эелдэг"}, …]`): read as the text they make. Service lines (someone
    /// joined, a message pinned), the group's own posts and answers (`from_id: channel…`) and a photo
    /// without a caption are no customer's feedback: counted aside, not analysed and not rejects. (Read
    /// as feedback, the company's "sorry, thank you for your patience" was a customer's praise.)
    @Test func telegramMessages() {
        let o = read(#"""
            {"name": "Unitel support", "type": "public_supergroup", "id": 123, "messages": [
              {"id": 1, "type": "service", "date": "2026-11-21T08:00:00", "date_unixtime": "1795248000", "actor": "Bat", "actor_id": "user55", "action": "join_group_by_link", "text": "", "text_entities": []},
              {"id": 2, "type": "message", "date": "2026-11-21T08:31:12", "date_unixtime": "1795249872", "from": "Bat", "from_id": "user55", "text": "Интернэт маш удаан байна", "text_entities": []},
              {"id": 3, "type": "message", "date": "2026-11-21T08:40:00", "date_unixtime": "1795250400", "from": "Unitel support", "from_id": "channel123", "author": "Oyuka", "reply_to_message_id": 2, "text": "Уучлаарай, бид шалгаж байна. Баярлалаа!", "text_entities": []},
              {"id": 4, "type": "message", "date": "2026-11-21T09:10:00", "date_unixtime": "1795252200", "from": "Saraa", "from_id": "user56", "text": ["Ажилтан ", {"type": "bold", "text": "маш эелдэг"}, " байсан"], "text_entities": []},
              {"id": 5, "type": "message", "date": "2026-11-21T09:11:00", "date_unixtime": "1795252260", "from": "Saraa", "from_id": "user56", "photo": "photos/photo_1.jpg", "width": 1280, "height": 960, "text": "", "text_entities": []},
              {"id": 6, "type": "message", "date": "2026-11-21T09:12:00", "date_unixtime": "1795252320", "from": "Saraa", "from_id": "user56", "text": "", "text_entities": []}
            ]}
            """#, name: "telegram_mn.json")
        #expect(o.problems().isEmpty, "\(o.problems())")
        #expect(o.records.map(\.text) == ["Интернэт маш удаан байна", "Ажилтан маш эелдэг байсан"])
        #expect(o.records.map(\.channel) == ["Telegram", "Telegram"], "the export's own channel")
        #expect(o.setAside == [.serviceLine, .ownMessage, .mediaOnly])
        #expect(o.summary.notFeedback.map(\.what) == [.serviceLine, .ownMessage, .mediaOnly])
        #expect(o.rejects.map(\.provenance.line) == [7] && o.rejects.map(\.reason) == ["empty feedback text"], "a message with nothing in it is still said")
    }

    /// Staff who answer a Telegram support group from their own accounts, and a brand's replies in a
    /// social-listening export, are set aside when the pipeline names them (`own_accounts:`): by the
    /// sender's name or id, a handle with or without `@`, or a name inside the author's object. Without
    /// the list, and for anyone else, every message is read.
    @Test func ownAccountsAnswersAreSetAside() {
        let telegram = #"""
            {"name": "Kaspi support", "type": "public_supergroup", "id": 123, "messages": [
              {"id": 1, "type": "message", "date": "2026-11-21T08:31:12", "date_unixtime": "1795249872", "from": "Dana", "from_id": "user55", "text": "Аударым өтпей жатыр", "text_entities": []},
              {"id": 2, "type": "message", "date": "2026-11-21T08:35:00", "date_unixtime": "1795250100", "from": "Aigerim | Support", "from_id": "user900", "text": "Кешіріңіз, тексеріп жатырмыз, рахмет!", "text_entities": []},
              {"id": 3, "type": "message", "date": "2026-11-21T08:36:00", "date_unixtime": "1795250160", "from": "Marat", "from_id": "user901", "text": "Нөміріңізді жазыңыз", "text_entities": []}
            ]}
            """#
        #expect(read(telegram, name: "telegram_kk.json").records.map(\.id) == ["1", "2", "3"], "no list: every message is read")
        var options = SourceOptions()
        options.ownAccounts = OwnAccounts([" aigerim | SUPPORT ", "user901"])
        let o = read(telegram, name: "telegram_kk.json", options: options)
        #expect(o.records.map(\.id) == ["1"] && o.setAside == [.staffAnswer, .staffAnswer])
        #expect(o.summary.notFeedback == [NotFeedbackCount(what: .staffAnswer, count: 2)])

        var brand = SourceOptions()
        brand.ownAccounts = OwnAccounts(["@TurkTelekom", "-42"])
        let posts = read(#"""
            [{"id": "t1", "user": {"screen_name": "ayse_k", "name": "Ayşe"}, "text": "3 gündür internet yok"},
             {"id": "t2", "user": {"screen_name": "TurkTelekom", "name": "Türk Telekom"}, "text": "Yaşadığınız sorun için özür dileriz, DM'den yazar mısınız?"},
             {"id": "t3", "author": "turktelekom", "text": "Merhaba, yardımcı olalım"},
             {"id": "t4", "screen_name": "TURKTELEKOM", "text": "Sorununuz giderildi"},
             {"id": "t5", "from_id": -42, "text": "Кешіріңіз"},
             {"id": "t6", "user": {"screen_name": "ali", "bio": "TurkTelekom fan"}, "text": "TurkTelekom çok yavaş"}]
            """#, name: "mentions_tr.json", options: brand)
        #expect(posts.records.map(\.id) == ["t1", "t6"], "a name in the text or in another field of the author is no match")
        #expect(posts.setAside == [.staffAnswer, .staffAnswer, .staffAnswer, .staffAnswer])
    }

    /// The author column of a table (Brandwatch's `Author`) and an XML post's `<author>` (RSS's text,
    /// Atom's `<name>`) name the writer the same way: the brand's own posts are set aside, with the
    /// count in the file's summary, and nothing else changes.
    @Test func ownAccountsInTablesAndXML() {
        var options = SourceOptions()
        options.ownAccounts = OwnAccounts(["@Turkcell", "Оюунчимэг Баттулга"])
        let csv = read("""
            "Date","Full Text","Author"
            "2026-11-21 08:31:12.0","Turkcell müşteri hizmetleri 40 dakika bekletti, rezalet","ayse_k"
            "2026-11-21 08:40:00.0","Yaşadığınız sorun için özür dileriz, DM'den ulaşabilir misiniz?","Turkcell"
            "2026-11-21 09:02:00.0","Mağazadaki temsilci çok ilgiliydi","mehmet"
            """, name: "listening_tr.csv", options: options)
        #expect(csv.records.map(\.text) == ["Turkcell müşteri hizmetleri 40 dakika bekletti, rezalet", "Mağazadaki temsilci çok ilgiliydi"])
        #expect(csv.setAside == [.staffAnswer] && csv.rejects.isEmpty)
        #expect(read("\"Full Text\",\"Author\"\n\"Merhaba\",\"Turkcell\"\n", name: "a.csv").records.count == 1, "no list, no change")
        let rss = read("""
            <rss><channel>
              <item><guid>1</guid><author>@kaan_yldz</author><description>Turkcell çekmiyor</description></item>
              <item><guid>2</guid><author>@turkcell</author><description>Merhaba, yardımcı olalım</description></item>
            </channel></rss>
            """, name: "sosyal_tr.xml", options: options)
        #expect(rss.records.map(\.id) == ["1"] && rss.setAside == [.staffAnswer])
        let atom = read("""
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry><id>a1</id><author><name>Ганбаатар Очир</name></author><content>Интернэт удаан байна</content></entry>
              <entry><id>a2</id><author>
                <name>Оюунчимэг Баттулга</name>
              </author><content>Уучлаарай, шалгаж байна</content></entry>
            </feed>
            """, name: "atom_mn.xml", options: options)
        #expect(atom.records.map(\.id) == ["a1"] && atom.setAside == [.staffAnswer])
        let compact = read(#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a1</id><author><name>Оюунчимэг Баттулга</name><uri>https://x.mn/o</uri></author><content>Уучлаарай</content></entry><entry><id>a2</id><author><name>Бат</name><uri>https://x.mn/b</uri></author><content>Удаан байна</content></entry></feed>"#,
                           name: "atom_compact_mn.xml", options: options)
        #expect(compact.records.map(\.id) == ["a2"] && compact.setAside == [.staffAnswer], "the name, not the name and the address run together")
    }

    /// The same keys outside a Telegram export mean nothing of the kind: a social-listening tool's
    /// post whose `type` is `service` is read.
    @Test func onlyTelegramsMessagesAreSetAside() {
        let o = read(#"[{"id": "p1", "type": "service", "from_id": "channel-news", "text": "Servis çok yavaş"}]"#, name: "posts.json")
        #expect(o.records.map(\.id) == ["p1"] && o.setAside.isEmpty && o.records.first?.channel == nil)
    }

    /// Meltwater's CSV (UTF-16, tabs): `Opening Text` is read, and `Hit Sentence` where it is empty;
    /// the date is a month's name with a 12-hour time.
    @Test func meltwaterCSV() {
        let rows = [
            ["Date", "Headline", "URL", "Opening Text", "Hit Sentence", "Source", "Influencer", "Tweet Id"],
            ["21-Nov-2026 08:31AM", "", "https://t.co/1", "Kcell операторы өте дөрекі", "Kcell операторы өте дөрекі", "Twitter", "@aigul", "186"],
            ["21-Nov-2026 09:05PM", "", "https://t.co/2", "", "Қолдау қызметі тез жауап берді", "Twitter", "@bolat", "187"],
            ["21-Nov-2026 12:10AM", "", "https://t.co/3", "", "", "Twitter", "@c", "188"],
        ]
        let text = "\u{FEFF}" + rows.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
        let o = read(text, name: "meltwater_kk.csv", encoding: .utf16LittleEndian)
        #expect(o.records.map(\.id) == ["186", "187"])
        #expect(o.records.map(\.text) == ["Kcell операторы өте дөрекі", "Қолдау қызметі тез жауап берді"])
        #expect(o.records.map(\.date) == ["2026-11-21T08:31:00", "2026-11-21T21:05:00"])
        #expect(o.records.map(\.channel) == ["Twitter", "Twitter"])
        #expect(o.rejects.map(\.reason) == ["empty feedback text"])
        #expect(o.summary.textColumn == "Opening Text | Hit Sentence")
        #expect(o.summary.textColumnReason?.hasSuffix("where it is empty, the first of 'Hit Sentence' that is filled (the text under another name)") == true,
                "\(o.summary.textColumnReason ?? "")")
    }

    /// YouScan's CSV in Russian: `Текст` is the text and `Источник` the network (the first column
    /// that names it, before `Тип источника`), a host shown as its network; the influencer is nobody's employee.
    @Test func youScanCSV() {
        let o = read("""
            Дата;Время;Источник;Тип источника;Автор;Текст;Тональность
            21.11.2026;08:31;instagram.com;Социальная сеть;aigul_k;Интернет жоқ үш күн;Негативная
            """, name: "youscan_kk.csv")
        #expect(o.records.map(\.text) == ["Интернет жоқ үш күн"] && o.records.map(\.channel) == ["Instagram"])
        #expect(o.records.first?.employee == nil)
    }
}
