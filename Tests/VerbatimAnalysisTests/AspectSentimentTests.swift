import Foundation
import Testing
import VerbatimCore
import VerbatimPipeline
import VerbatimTestSupport
@testable import VerbatimAnalysis
@testable import VerbatimText

/// Per-theme sentiment with the bundled lexicons: the examples of issue 13, one table, and floors on
/// the project's own aspect sets (Tests/Data/aspects), which sit a little under today's figures.
@Suite("Aspect sentiment")
struct AspectSentimentTests {
    static let analyzer = SentimentAccuracyTests.analyzer

    /// Text, the language to declare (nil: identify it), the language expected, the themes expected
    /// (`theme:polarity` in text order), and the record's label.
    struct Example: CustomTestStringConvertible, Sendable {
        var text: String
        var declared: Language?
        var language: Language
        var themes: String
        var record: SentimentLabel
        var testDescription: String { text }
    }

    static let examples: [Example] = [
        // A stated wait is a complaint, and ASCII Turkish is Turkish.
        .init(text: "Yirmi dakika hatta beklettiler.", declared: nil, language: .tr, themes: "wait_time:negative", record: .negative),
        .init(text: "yarım saat bekledim", declared: .tr, language: .tr, themes: "wait_time:negative", record: .negative),
        .init(text: "Sozunu tutmadilar, cok kotu.", declared: nil, language: .tr, themes: "promises:negative", record: .negative),
        .init(text: "ok thanks", declared: nil, language: .und, themes: "", record: .neutral),
        // A number of hours without a word of waiting is not a wait.
        .init(text: "Şarjı 8 saat gidiyor, çok memnunum.", declared: .tr, language: .tr, themes: "wait_time:positive", record: .positive),
        // Each theme takes its own clause, across a contrast.
        .init(text: "Ljubazan je bio, ali sam na redu stajao sat vremena.", declared: nil, language: .sr, themes: "courtesy:positive,wait_time:negative", record: .negative),
        .init(text: "Temsilci kibardı ama kırk dakika sırada bekledim.", declared: .tr, language: .tr, themes: "courtesy:positive,wait_time:negative", record: .negative),
        .init(text: "Оператор сыпайы болды, бірақ қырық минут күттім.", declared: .kk, language: .kk, themes: "courtesy:positive,wait_time:negative", record: .negative),
        // Repetition, duration and speed words for wait_time only.
        .init(text: "Дахин гурав дахь удаагаа бичиж байна.", declared: .mn, language: .mn, themes: "repeat_contact:negative", record: .negative),
        .init(text: "Treći put zovem zbog istog računa.", declared: .sr, language: .sr, themes: "repeat_contact:negative,price_billing:negative", record: .negative),
        .init(text: "Үшінші рет хабарласып отырмын.", declared: .kk, language: .kk, themes: "repeat_contact:negative", record: .negative),
        .init(text: "Bekleme süresi çok uzundu.", declared: .tr, language: .tr, themes: "wait_time:negative", record: .negative),
        .init(text: "Uzun bir açıklama yaptı, çok memnun kaldım.", declared: .tr, language: .tr, themes: "", record: .positive),
        .init(text: "Dugo sam čekao na odgovor.", declared: .sr, language: .sr, themes: "wait_time:negative,follow_up:negative", record: .negative),
        .init(text: "Ұзақ күттім.", declared: .kk, language: .kk, themes: "wait_time:negative", record: .negative),
        .init(text: "Удаан хүлээлгэсэн.", declared: .mn, language: .mn, themes: "wait_time:negative", record: .negative),
        // A broken promise, across the contrast; a kept one.
        .init(text: "Param iade edilecek dendi ama hala yatmadı.", declared: .tr, language: .tr, themes: "price_billing:positive,promises:negative", record: .negative),
        .init(text: "Мөнгийг буцаана гэж амласан ч одоо болтол ирээгүй.", declared: .mn, language: .mn, themes: "promises:negative", record: .negative),
        .init(text: "Kao što su obećali, tehničar je došao sutradan.", declared: .sr, language: .sr, themes: "promises:positive", record: .positive),
        // "Still not": a negation does not turn the pending outcome or a stated wait around.
        .init(text: "Ақшаны қайтарамыз деп уәде берді, бірақ әлі күнге дейін жоқ.", declared: .kk, language: .kk, themes: "price_billing:neutral,promises:negative", record: .negative),
        .init(text: "Қосымша екі күннен бері ашылмайды.", declared: .kk, language: .kk, themes: "wait_time:negative,reachability:negative", record: .negative),
        .init(text: "Bekleme süresi uzun değil.", declared: .tr, language: .tr, themes: "wait_time:positive", record: .positive),
        // Vocabulary: competence is not follow-up; attentive is courtesy.
        .init(text: "Bilgisi çok iyiydi, tüm sorularımı doğru cevapladı.", declared: .tr, language: .tr, themes: "competence:positive", record: .positive),
        .init(text: "Çok ilgili bir çalışan.", declared: .tr, language: .tr, themes: "courtesy:positive", record: .positive),
        // Russian: its theme keywords (lexicons/ru/themes.tsv) join the Kazakh and the Mongolian ones.
        .init(text: "Оператор вежливый, но ждать пришлось очень долго.", declared: nil, language: .ru, themes: "courtesy:positive,wait_time:negative", record: .negative),
        .init(text: "Деньги до сих пор не вернули.", declared: .mn, language: .mn, themes: "price_billing:negative", record: .negative),
        // A Russian word the Kazakh folding turns into a Kazakh keyword (занята, "busy", into заң* "law") is blocked.
        .init(text: "Горячая линия всё время занята.", declared: .kk, language: .kk, themes: "reachability:negative", record: .negative),
        // Mentioned only neutrally: neutral.
        .init(text: "Fatura hakkında bilgi almak için aradım.", declared: .tr, language: .tr, themes: "price_billing:neutral", record: .neutral),
    ]

    @Test(arguments: examples)
    func example(_ e: Example) {
        let r = Self.analyzer.analyze(e.text, language: e.declared)
        #expect(r.language == e.language)
        #expect(r.themes.map { "\($0.theme):\($0.polarity.rawValue)" }.joined(separator: ",") == e.themes)
        #expect(r.sentiment?.label == e.record)
    }

    struct Item { var gold: [String: String]; var text: String }

    static func items(_ lang: String) -> [Item] {
        let url = RepoPaths.testData.appendingPathComponent("aspects/\(lang).tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return DataFile.lines(of: text).compactMap { l in
            guard l.fields.count >= 3 else { return nil }
            var gold: [String: String] = [:]
            for pair in l.fields[0].split(separator: ",") {
                let p = pair.split(separator: ":")
                gold[String(p[0])] = String(p[1])
            }
            return Item(gold: gold, text: l.fields[2])
        }
    }

    /// Theme detection F1 and polarity accuracy of the themes found that are in the gold, over the whole set.
    @Test(arguments: [("tr", 0.93, 0.94), ("kk", 0.92, 0.95), ("mn", 0.89, 0.95), ("sr", 0.89, 0.97), ("ru", 0.95, 0.85)])
    func aspectSetFloor(_ code: String, _ f1Floor: Double, _ polarityFloor: Double) throws {
        let lang = Language(rawValue: code)!
        let items = Self.items(code)
        try #require(items.count >= 78, "the \(code) aspect set has \(items.count) items")
        var tp = 0, fp = 0, fn = 0, right = 0
        var misses: [String] = []
        for item in items {
            let found = Dictionary(Self.analyzer.analyze(item.text, language: lang).themes.map { ($0.theme, String($0.polarity.rawValue.prefix(3))) }) { a, _ in a }
            let both = Set(item.gold.keys).intersection(found.keys)
            tp += both.count
            fp += found.count - both.count
            fn += item.gold.count - both.count
            right += both.filter { item.gold[$0] == found[$0] }.count
            if found != item.gold { misses.append("\(item.gold) ≠ \(found): \(item.text)") }
        }
        let precision = Double(tp) / Double(tp + fp), recall = Double(tp) / Double(tp + fn)
        let f1 = 2 * precision * recall / (precision + recall)
        let polarity = Double(right) / Double(tp)
        #expect(f1 >= f1Floor, "\(code): theme F1 \(f1) < \(f1Floor); misses:\n\(misses.joined(separator: "\n"))")
        #expect(polarity >= polarityFloor, "\(code): polarity accuracy \(polarity) < \(polarityFloor); misses:\n\(misses.joined(separator: "\n"))")
    }
}

/// The rules of `aspects.tsv` on a small lexicon folder of their own.
@Suite("Aspect rules")
struct AspectRuleTests {
    static let folder: TemporaryFolder = {
        let f = TemporaryFolder("aspect-lexicons").removedAtExit()
        f.write("themes.tsv", "id\ten\tdescription\nwait_time\tWait\tw\npromises\tPromises\tp\nrepeat_contact\tRepeat\tr\ncourtesy\tCourtesy\tc\n")
        f.write("tr/sentiment.tsv", "kibar*\t2\nkötü\t-2.5\n")
        for other in ["kk", "mn", "sr"] { f.write("\(other)/sentiment.tsv", "# none\n") }
        f.write("tr/negation.tsv", "suffix\tme\nsuffix\tma\nverb-ending\tmadı\nverb-ending\tmedi\nafter\tdeğil\n")
        f.write("tr/contrast.tsv", "ama\n")
        f.write("tr/themes.tsv", "wait_time\tbekle*\nwait_time\tsaat*\npromises\tsöz ver*\ncourtesy\tkibar*\nrepeat_contact\tkez ara*\n")
        f.write("tr/numbers.tsv", "bir\niki\nyarım\n")
        f.write("tr/aspects.tsv", """
            wait_time\tcue\t<n> saat\t-1.5
            wait_time\tcue\t<n> saatte\t0
            wait_time\tcue\tuzun\t-1.5
            wait_time\tphrase\tsaatlerce\t-2
            repeat_contact\tcue\t<n> kez\t-1.5
            repeat_contact\tcue\tbir kez\t0
            promises\toutcome\thala\t-1.5
            promises\toutcome\t<not>\t-1.5
            promises\tphrase\tsözünü tut*\t2

            """)
        return f
    }()

    static let analyzer: (SentimentScorer, ThemeTagger, TextResources) = {
        let (set, issues) = LexiconLoader(directory: folder.url).load()
        precondition(!issues.contains(where: \.isError), "\(issues)")
        return (SentimentScorer(lexicons: set), ThemeTagger(lexicons: set), TextResources.load(directory: folder.url).0)
    }()

    func analyze(_ s: String) -> (SentimentResult, String) {
        var r = FeedbackRecord(id: "t", provenance: Provenance(file: "-", line: 0), text: s, declaredLanguage: .tr)
        TextNormalizationStage().process(&r)
        LanguageIdentificationStage(resources: Self.analyzer.2).process(&r)
        let sentiment = Self.analyzer.0.score(r.tokens, language: .tr)
        let themes = Self.analyzer.1.tag(r.tokens, language: .tr, sentiment: sentiment)
        return (sentiment, themes.map { "\($0.theme):\($0.polarity.rawValue)" }.joined(separator: ","))
    }

    /// The themes stage takes over the theme keywords that the sentiment stage's aspect cues looked up
    /// (`FeedbackRecord.themeKeywords`): they are the keywords found anew, and the themes the same.
    @Test func keptThemeKeywordsAreThoseFoundAnew() throws {
        let lexicons = LoadedResources.loadCollectingIssues(lexicons: RepoPaths.lexicons, referencedFrom: "test").lexicons
        let tagger = ThemeTagger(lexicons: lexicons)
        var kept = 0
        for code in ["tr", "kk", "mn", "sr"] {
            let language = try #require(Language(rawValue: code))
            let ref = try #require(tagger.refs[language])
            for item in AspectSentimentTests.items(code) {
                let r = AspectSentimentTests.analyzer.analyze(item.text, language: language)
                guard let keywords = r.themeKeywords else { continue }
                kept += 1
                #expect(keywords == tagger.aspects.keywordMentions(r.tokens, ref), "\(item.text)")
                #expect(tagger.tag(r.tokens, language: language, sentiment: r.sentiment) == r.themes, "\(item.text)")
            }
        }
        #expect(kept > 50, "the cues looked theme keywords up in \(kept) texts")
    }

    @Test func aCueCountsOnlyBesideAnotherWordOfItsTheme() {
        #expect(analyze("iki saat bekledim").0.label == .negative)
        #expect(analyze("yarım saat bekledim").1 == "wait_time:negative")
        #expect(analyze("iki saat").0.label == .neutral, "its own keyword is not a word of waiting")
        #expect(analyze("uzun bekledim").1 == "wait_time:negative")
        #expect(analyze("uzun bir yol").0.label == .neutral)
        #expect(analyze("2 saatte bekledim").0.label == .neutral, "a 0 entry blocks the shorter term")
    }

    @Test func aPhraseMarksItsThemeAndCountsInTheRecord() {
        let (s, themes) = analyze("saatlerce")
        #expect(s.label == .negative)
        #expect(themes == "wait_time:negative")
        #expect(s.evidence.first?.ruleTexts == ["aspect(wait_time)"])
        #expect(s.evidence.first?.aspect == "wait_time")
    }

    /// Scoring tokens in place writes `<n>` into them for the number terms and puts them back: the tokens
    /// come out as they went in, and the result is the one scoring a copy gives.
    @Test func scoringInPlaceLeavesTheTokensAsTheyWere() {
        for text in ["iki saat bekledim", "yarım saat bekledim", "bir kez aradım, 2 saat 20 dakika bekledim", "2 saatte bekledim", "saatlerce"] {
            var r = FeedbackRecord(id: "t", provenance: Provenance(file: "-", line: 0), text: text, declaredLanguage: .tr)
            TextNormalizationStage().process(&r)
            LanguageIdentificationStage(resources: Self.analyzer.2).process(&r)
            let before = r.tokens
            let copied = Self.analyzer.0.score(r.tokens, language: .tr)
            let inPlace = Self.analyzer.0.score(&r.tokens, language: .tr)
            #expect(r.tokens == before, "\(text)")
            #expect(inPlace == copied, "\(text)")
        }
    }

    @Test func aNumberWordThatStartsATermOfItsOwnIsThatTerm() {
        #expect(analyze("bir kez aradım").1 == "repeat_contact:neutral")
        #expect(analyze("iki kez aradım").1 == "repeat_contact:negative")
    }

    @Test func anOutcomeCrossesAContrastAfterItsTheme() {
        #expect(analyze("söz verdiler ama hala yok").1.contains("promises:negative"))
        #expect(analyze("söz verdiler ama gelmedi").1 == "promises:negative", "a negated verb after the promise")
        #expect(analyze("hala söz verdiler").1 == "promises:neutral", "an outcome before the promise does not count")
    }

    @Test func aNegatedStemFlipsTheAspect() {
        #expect(analyze("sözünü tuttular").1 == "promises:positive")
        #expect(analyze("sözünü tutmadılar").1 == "promises:negative")
    }

    @Test func eachThemeTakesItsOwnClauseAndAnotherThemesKeywordIsNotItsEvidence() {
        #expect(analyze("kibar ama iki saat bekledim").1 == "courtesy:positive,wait_time:negative")
        #expect(analyze("kibar, iki saat bekledim").1 == "courtesy:positive,wait_time:negative", "a comma ends a segment")
        #expect(analyze("bekledim ve kibardı").1 == "wait_time:positive,courtesy:positive", "a segment's tone when nothing is about the theme")
        #expect(analyze("bekledim").1 == "wait_time:neutral")
    }

    @Test func malformedAspectLinesAreReportedWithFileAndLine() {
        let f = TemporaryFolder("aspect-bad")
        defer { f.remove() }
        f.write("themes.tsv", "id\ten\tdescription\nwait_time\tWait\tw\n")
        f.write("tr/sentiment.tsv", "iyi\t2\n")
        for other in ["kk", "mn", "sr"] { f.write("\(other)/sentiment.tsv", "# none\n") }
        f.write("tr/aspects.tsv", "wait_time\tcue\tuzun\n# comment\nqueue\tcue\tuzun\t-1\nwait_time\tsometimes\tuzun\t-1\nwait_time\tcue\tuzun\t-9\nwait_time\tphrase\t<not>\t-1\nwait_time\tcue\tuzun\t-1\nwait_time\tcue\tuzun\t-1\n")
        let (_, issues) = LexiconLoader(directory: f.url).load()
        let lines = issues.filter { $0.file.hasSuffix("tr/aspects.tsv") }.map { "\($0.line) \($0.isError ? "error" : "warning")" }
        #expect(lines == ["1 error", "3 error", "4 error", "5 error", "6 error", "8 warning"])
        #expect(issues.contains { $0.message.contains("unknown theme 'queue'") })
        #expect(issues.contains { $0.message.contains("kind 'sometimes' is not one of phrase, cue, outcome") })
    }
}
