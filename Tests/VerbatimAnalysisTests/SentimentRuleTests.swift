import Foundation
import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimAnalysis
@testable import VerbatimText

/// A small, hand-written lexicon folder so that each rule is tested on its own,
/// independent of the bundled lexicons' exact values.
struct MiniLexicons {
    static let folder: TemporaryFolder = {
        let f = TemporaryFolder("mini-lexicons").removedAtExit()
        f.write("themes.tsv", "id\ten\tdescription\nwait_time\tWait time\twaiting\ncourtesy\tCourtesy\tpoliteness\n")
        f.write("tr/sentiment.tsv", "# test\nkötü\t-2.5\niyi\t2\nberbat\t-3\nbeğen*\t2\nmemnun*\t2\nmemnuniyetsiz*\t-2.5\ndönüş yapmadı\t-2.5\nkibar*\t2\nuzun*\t-1\nhızlı\t1.5\nsağlam*\t2\nsağlamak\t0\nsorun*\t-1.5\nkomedi\t0\nsüper\t2.8\npahalı\t-1.5\n")
        f.write("tr/negation.tsv", "after\tdeğil\nafter\tyok\nsuffix\tme\nsuffix\tma\nsuffix\tmıyor\nverb-ending\tmadı\nverb-ending\tmadım\nverb-ending\tmedi\n")
        f.write("tr/intensifiers.tsv", "çok\t0.293\nbiraz\t-0.293\nsüper\t0.25\n")
        f.write("tr/concessive.tsv", "gerçi\n")
        f.write("tr/ratings.tsv", "# rating words\nstars\tyıldız*\nout-of\tüzerinden\npoints\tpuan*\nwould\tverirdim\n")
        f.write("tr/condition.tsv", "ending\trsa\nending\trsanız\nexcept\tolursa olsun\n")
        f.write("sr/condition.tsv", "starts\tako\nexcept\tako mene pitate\n")
        f.write("tr/contrast.tsv", "ama\nfakat\n")
        f.write("tr/themes.tsv", "wait_time\tbekle*\nwait_time\tsüre*\ncourtesy\tkibar*\n")
        f.write("sr/sentiment.tsv", "ljubazan\t2\nljubazn*\t2\nloš*\t-2\nprofesional*\t2\nčekao\t-1\nradi\t1\n")
        f.write("sr/negation.tsv", "before\tne\nbefore\tnije\nbefore\tnimalo\nprefix\tne\n")
        f.write("sr/contrast.tsv", "ali\n")
        f.write("sr/concessive.tsv", "# although\niako\nmada\n")
        f.write("ru/sentiment.tsv", "отлично\t3\nудобн*\t2\nне работает\t-2\nпроблем*\t-1.5\n")
        f.write("ru/negation.tsv", "before\tне\nafter\tнет\n")
        f.write("ru/intensifiers.tsv", "очень\t0.293\n")
        f.write("kk/sentiment.tsv", "жақ*\t2\nжақсы\t2\nкөмектес*\t2\n")
        f.write("kk/negation.tsv", "suffix\tпа\nsuffix\tпе\nsuffix\tма\nafter\tемес\n")
        f.write("mn/sentiment.tsv", "сайн\t2\nшийд*\t2\nхариуцлагагүй\t-2.5\nтусла*\t2\n")
        f.write("mn/negation.tsv", "ending\tгүй\nafter\tбиш\n")
        f.write("emoji.tsv", "👍\t2\n:)\t1.5\n😡\t-3\n")
        return f
    }()

    static let scorer: SentimentScorer = {
        let (set, issues) = LexiconLoader(directory: folder.url).load()
        precondition(!issues.contains(where: \.isError), "\(issues)")
        return SentimentScorer(lexicons: set)
    }()

    static let text = TextResources.load(directory: folder.url).0

    static func analyze(_ s: String, _ lang: Language) -> SentimentResult {
        scorer.score(tokens(s, lang), language: lang)
    }

    /// The tokens the scorer reads for `s`.
    static func tokens(_ s: String, _ lang: Language) -> TokenList {
        var r = FeedbackRecord(id: "t", provenance: Provenance(file: "-", line: 0), text: s, declaredLanguage: lang)
        TextNormalizationStage().process(&r)
        LanguageIdentificationStage(resources: text).process(&r)
        return r.tokens
    }
}

@Suite("Sentiment rules")
struct SentimentRuleTests {
    func score(_ s: String, _ lang: Language) -> SentimentResult { MiniLexicons.analyze(s, lang) }

    @Test func plainTermsAndStems() {
        #expect(score("iyi", .tr).label == .positive)
        #expect(score("kötü", .tr).label == .negative)
        #expect(score("memnunum", .tr).evidence.first?.term == "memnun*")
        #expect(score("memnuniyetsizim", .tr).evidence.first?.term == "memnuniyetsiz*", "the longer stem wins")
    }

    @Test func negationWithNothingToNegateIsAComplaint() {
        let noAnswer = score("Kargo gelmedi", .tr)
        #expect(noAnswer.label == .negative)
        #expect(noAnswer.evidence.map(\.ruleTexts) == [["negated verb"]])
        #expect(score("cevap yok", .tr).evidence.first?.ruleTexts == ["negation without a sentiment word"])
        #expect(score("komedi", .tr).label == .neutral, "a neutral entry takes a look-alike out of the rule")
    }

    @Test func aRatingInTheTextScoresByItsBand() {
        let low = score("Hizmet 3/10", .tr)
        #expect(low.label == .negative)
        #expect(low.evidence.map(\.term) == ["3/10"])
        #expect(low.evidence.map(\.ruleTexts) == [["rating"]])
        // Out of ten the score may stand first or last; a decimal comma is a decimal.
        #expect(score("Film 10/9", .tr).evidence.map(\.finalValence) == [1.5])
        #expect(score("ocena 9,5 / 10", .sr).evidence.map(\.finalValence) == [2.25])
        #expect(score("Servis 8/10", .tr).label == .neutral, "the middle band says neither")
        // No rating: a date, round-the-clock, a scale other than 5 or 10, a count past the scale.
        for text in ["Kargo 12/10/2026 geldi", "2026/10/5 geldi", "7/24 hat", "3/4 geldi", "12/10 geldi", "0/5 yıldız"] {
            #expect(score(text, .tr).evidence.isEmpty, "\(text)")
        }
        // Stars: a number from 0 to 5 before a `stars` word of ratings.tsv, out of 5 with the CSAT bands.
        #expect(score("Uygulamaya 1 yıldız", .tr).evidence.map(\.term) == ["1 yıldız*"])
        #expect(score("5 yıldızı hak ediyor", .tr).evidence.map(\.finalValence) == [3])
        #expect(score("3 yıldız", .tr).evidence.map(\.finalValence) == [0])
        #expect(score("0 yıldız", .tr).evidence.map(\.finalValence) == [-3], "no stars is as low as one")
        #expect(score("7 yıldızlı otel", .tr).evidence.isEmpty, "more stars than the scale has")
        #expect(score("5 yıldız", .sr).evidence.isEmpty, "another language's star word")
        // A scale, an `out-of` word, a score.
        let outOf = score("10 üzerinden 3 veriyorum", .tr)
        #expect(outOf.evidence.map(\.term) == ["10 üzerinden 3"])
        #expect(outOf.evidence.map(\.finalValence) == [-1.71])
        #expect(score("5 uzerinden 4", .tr).evidence.map(\.finalValence) == [1.5], "typed without diacritics")
        #expect(score("10 üzerinden 12", .tr).evidence.isEmpty, "a score past its scale")
        #expect(score("100 üzerinden 80", .tr).evidence.isEmpty, "a scale other than 5 or 10")
        // Points: a whole number before a `points` word, out of 10, unless it reads otherwise out of 5 (3 to 5).
        #expect(score("0 puan veriyorum", .tr).evidence.map(\.finalValence) == [-3])
        #expect(score("10 puanı hak ediyor", .tr).evidence.map(\.finalValence) == [3])
        #expect(score("4 puan", .tr).evidence.isEmpty, "good out of 5, poor out of 10: no rating")
        #expect(score("9.3 puan almış", .tr).evidence.isEmpty, "an average, not a mark")
        #expect(score("250 puan kazandım", .tr).evidence.isEmpty, "loyalty points")
        // A `would` word beside it: a high rating the customer would have given is negated; a low one stays.
        let would = score("5 yıldız verirdim", .tr)
        #expect(would.evidence.map(\.ruleTexts) == [["rating", "counterfactual(verirdim)"]])
        #expect(would.evidence.map(\.finalValence) == [-2.22] && would.label == .negative)
        #expect(score("1 yıldız verirdim", .tr).evidence.map(\.finalValence) == [-3])
        // The clause weighs it, nothing else touches it.
        let weighed = score("iyi ama 4/10", .tr)
        #expect(weighed.evidence.last?.ruleTexts == ["rating", "contrast(after ama)"])
        #expect(score("çok 3/10 değil", .tr).evidence.first { $0.term == "3/10" }?.ruleTexts == ["rating"])
    }

    @Test func aRealConditionWeighsWhatItSupposesByTheConditionWeight() {
        // An ending marks the verb; it and the words before it, within the negation's reach, are the condition.
        let supposed = score("Sorun olursa hızlı", .tr)
        #expect(supposed.evidence.map(\.term) == ["sorun*", "hızlı"])
        #expect(supposed.evidence.map(\.finalValence) == [0, 1.5], "no problem was had, and 0 is written as 0, not −0")
        #expect(supposed.evidence.first?.ruleTexts == ["condition(-rsa)"])
        #expect(score("Sorun olursa olsun", .tr).evidence.map(\.finalValence) == [-1.5], "an exception: no condition")
        #expect(score("Sorun oldu", .tr).evidence.map(\.finalValence) == [-1.5], "no conditional verb")
        // A start runs to the end of its part (a comma ends it); an exception starts none.
        let ako = score("Ako je loše, ljubazni su", .sr)
        #expect(ako.evidence.map(\.finalValence) == [0, 2])
        #expect(score("Ako mene pitate loše", .sr).evidence.map(\.finalValence) == [-2])
        // A contrast keeps the condition's weight as a factor (the learner replays the product).
        let contrasted = MiniLexicons.scorer.analyze(MiniLexicons.tokens("iyi ama sorun olursa", .tr), MiniLexicons.scorer.lexiconRef(for: .tr)!)
        #expect(contrasted.hits.map(\.weight) == [0.5, 0])
        // 1 turns the rule off.
        var off = SentimentRules()
        off.conditionWeight = 1
        let scorer = SentimentScorer(lexicons: LexiconLoader(directory: MiniLexicons.folder.url).load().0, rules: off)
        #expect(scorer.score(MiniLexicons.tokens("Sorun olursa hızlı", .tr), language: .tr).evidence.map(\.finalValence) == [-1.5, 1.5])
    }

    @Test func ratingValencesFollowTheSurveyBands() {
        let rules = SentimentRules()
        #expect(rules.ratingValence(0, on: .nps) == -3)
        #expect(rules.ratingValence(10, on: .nps) == 3)
        #expect(rules.ratingValence(6, on: .nps) < 0, "an NPS detractor")
        #expect([7.0, 8, 8.5].map { rules.ratingValence($0, on: .nps) } == [0, 0, 0], "passives")
        #expect(rules.ratingValence(9, on: .nps) == 1.5)
        #expect([1.0, 2, 3, 4, 5].map { rules.ratingValence($0, on: .csat) } == [-3, -1.5, 0, 1.5, 3], "CSAT stars")
        var off = rules
        off.ratingValence = 0
        #expect(SentimentScorer(lexicons: LexiconLoader(directory: MiniLexicons.folder.url).load().0, rules: off)
            .score(MiniLexicons.tokens("Hizmet 3/10", .tr), language: .tr).evidence.isEmpty, "0 turns the rule off")
    }

    @Test func aNegatedVerbNegatesTheTermBeforeIt() {
        let r = score("hiçbir sorunla karşılaşmadım", .tr)
        #expect(r.label == .positive)
        #expect(r.evidence.map(\.ruleTexts) == [["negation(karşılaşmadım)"]])
    }

    @Test func neutralEntriesBlockShorterStems() {
        #expect(score("sağlam", .tr).label == .positive)
        let r = score("destek sağlamak", .tr)
        #expect(r.evidence.isEmpty && r.label == .neutral)
    }

    @Test func turkishNegationBySuffix() {
        let r = score("beğenmedim", .tr)
        #expect(r.label == .negative)
        #expect(r.evidence.first?.ruleTexts == ["negation(-me)"])
        #expect(score("beğendim", .tr).label == .positive)
    }

    @Test func turkishNegationWordAfter() {
        let r = score("iyi değil", .tr)
        #expect(r.label == .negative)
        #expect(r.evidence.first?.ruleTexts == ["negation(değil)"])
    }

    @Test func negatedNegativeIsOnlyMildlyPositive() {
        let notBad = score("kötü değil", .tr)
        let good = score("iyi", .tr)
        #expect(notBad.label == .positive)
        #expect(notBad.score < good.score)
        #expect(abs(notBad.evidence[0].finalValence) < abs(notBad.evidence[0].baseValence) * 0.5)
        // Asymmetry: a negated positive keeps more of its strength than a negated negative.
        let notGood = score("iyi değil", .tr)
        #expect(abs(notGood.evidence[0].finalValence / notGood.evidence[0].baseValence) > abs(notBad.evidence[0].finalValence / notBad.evidence[0].baseValence))
    }

    @Test func phraseBeatsItsWords() {
        let r = score("dönüş yapmadı", .tr)
        #expect(r.evidence.map(\.term) == ["dönüş yapmadı"])
        #expect(r.label == .negative)
    }

    @Test func intensifierAndDampener() {
        let plain = score("iyi", .tr).evidence[0].finalValence
        #expect(score("çok iyi", .tr).evidence[0].finalValence > plain)
        #expect(score("biraz iyi", .tr).evidence[0].finalValence < plain)
        #expect(score("çok iyi", .tr).evidence[0].ruleTexts == ["intensifier(çok)"])
    }

    @Test func contrastWeighsTheLaterClause() {
        let r = score("Temsilci kibardı ama bekleme süresi uzundu", .tr)
        let kibar = r.evidence.first { $0.term == "kibar*" }!
        let uzun = r.evidence.first { $0.term == "uzun*" }!
        #expect(kibar.ruleTexts.contains("contrast(before ama)"))
        #expect(uzun.ruleTexts.contains("contrast(after ama)"))
        #expect(r.clauseScores.count == 2)
        #expect(r.clauseScores[0] > 0 && r.clauseScores[1] < 0)
    }

    @Test func concessiveClauseWeighsLessWhereverItStands() {
        // Concession first: the clause after the comma is the point.
        let first = score("Iako je bila ljubazna, čekao sam", .sr)
        let ljubazna = first.evidence.first { $0.term == "ljubazn*" }!
        let cekao = first.evidence.first { $0.term == "čekao" }!
        #expect(ljubazna.ruleTexts == ["concession(iako)"] && ljubazna.finalValence == 1)
        #expect(cekao.ruleTexts == ["main clause(iako)"] && cekao.finalValence == -1.5)
        // Concession last: the clause before it is the point.
        let last = score("Loše, mada ljubazno", .sr)
        #expect(last.evidence.map(\.ruleTexts) == [["main clause(mada)"], ["concession(mada)"]])
        #expect(last.label == .negative)
        let tr = score("Ürün iyi, gerçi biraz pahalı", .tr)
        #expect(tr.label == .positive)
        #expect(tr.evidence.map(\.ruleTexts) == [["main clause(gerçi)"], ["dampener(biraz)", "concession(gerçi)"]])
        // Without a concessive word nothing is weighted.
        #expect(score("Loše, ljubazno", .sr).evidence.allSatisfy { $0.rules.isEmpty })
    }

    @Test func contrastWinsOverConcessionInTheSameClause() {
        let r = score("Iako ljubazna ali loše", .sr)
        #expect(r.evidence.map(\.ruleTexts) == [["contrast(before ali)"], ["contrast(after ali)"]])
    }

    @Test func anIntensifierWithNothingToIntensifyIsItsSentimentTerm() {
        let alone = score("Süper!", .tr)
        #expect(alone.label == .positive)
        #expect(alone.evidence.first?.term == "süper")
        let before = score("süper hızlı", .tr)
        #expect(before.evidence.map(\.term) == ["hızlı"])
        #expect(before.evidence.first?.ruleTexts == ["intensifier(süper)"])
        #expect(score("süper, hızlı", .tr).evidence.map(\.term) == ["süper", "hızlı"], "a comma ends its reach")
    }

    @Test func russianWordsInKazakhTextScoreWithRussianNegation() {
        #expect(score("Бәрі отлично", .kk).evidence.map(\.term) == ["отлично"])
        let notHandy = score("не удобно", .kk)
        #expect(notHandy.label == .negative)
        #expect(notHandy.evidence.first?.ruleTexts == ["negation(не)"])
        #expect(score("Қосымша не работает", .kk).evidence.map(\.term) == ["не работает"], "an idiom beats negation")
        #expect(score("проблем нет", .kk).label == .positive)
        #expect(score("очень удобно", .kk).evidence.first?.ruleTexts == ["intensifier(очень)"])
        // Kazakh не ("what") is not a complaint by itself and does not negate Kazakh words.
        #expect(score("не жақсы", .kk).label == .positive)
        #expect(score("Бұл не?", .kk).evidence.isEmpty)
        // Mongolian borrows the same Russian data; Turkish does not.
        #expect(score("отлично", .mn).label == .positive)
        #expect(score("отлично", .tr).label == .neutral)
    }

    @Test func capsElongationAndExclamationsAddEmphasis() {
        let plain = score("Temsilci kötü", .tr)
        #expect(score("Temsilci KÖTÜ", .tr).score < plain.score)
        #expect(score("Temsilci kötüüüü", .tr).score < plain.score)
        let bangs = score("Temsilci kötü!!!", .tr)
        #expect(bangs.score < plain.score)
        #expect(bangs.evidence.last?.ruleTexts == ["emphasis(!×3)"])
    }

    /// Evidence keeps the range of tokens it matched, not their words: a row that shows the words reads
    /// them from the tokens as written; the `!` emphasis shows its `!`s.
    @Test func matchedWordsAreReadFromTheTokens() {
        let tokens = MiniLexicons.tokens("Dönüş yapmadı, ama KÖTÜ!!", .tr)
        let r = MiniLexicons.scorer.score(tokens, language: .tr)
        #expect(r.evidence.map { $0.matched(in: tokens) } == ["Dönüş yapmadı", "KÖTÜ", "!!"])
        #expect(r.evidence.last?.rules == [.emphasis(bangs: 2)])
    }

    @Test func allCapsTurkishWithDottedI() {
        let r = score("İYİ", .tr)
        #expect(r.label == .positive)
    }

    @Test func serbianNegationBeforeAndPrefixInBothScripts() {
        #expect(score("nije loše", .sr).label == .positive)
        #expect(score("није лоше", .sr).label == .positive)
        #expect(score("ne radi", .sr).label == .negative)
        let prefix = score("neljubazan", .sr)
        #expect(prefix.label == .negative)
        #expect(prefix.evidence[0].ruleTexts == ["negation(ne-)"])
        #expect(score("нељубазан", .sr).label == .negative)
        #expect(score("cekao", .sr).evidence.first?.term == "čekao", "diacritic-less spelling matches")
    }

    @Test func severalNegationWordsAreOneNegation() {
        let r = score("Nije bio nimalo ljubazan", .sr)
        #expect(r.label == .negative)
        #expect(r.evidence[0].ruleTexts == ["negation(nije nimalo)"])
    }

    @Test func negationReachesOnlyTheNearestTermAndNeverEmoji() {
        let r = score("nije loše 👍", .sr)
        #expect(r.evidence.map(\.finalValence).allSatisfy { $0 > 0 })
        let two = score("ne radi, ljubazan", .sr)
        #expect(two.evidence.first { $0.term == "ljubazan" }?.rules.isEmpty == true)
    }

    @Test func kazakhNegationSuffix() {
        #expect(score("маған жақпады", .kk).label == .negative)
        #expect(score("көмектеспеді", .kk).label == .negative)
        #expect(score("жақсы", .kk).label == .positive)
        #expect(score("жақсы емес", .kk).label == .negative)
    }

    @Test func mongolianGuiEndingAndLexicalisedForms() {
        #expect(score("шийдээгүй", .mn).label == .negative)
        #expect(score("шийдсэнгүй", .mn).label == .negative)
        #expect(score("шийдсэн", .mn).label == .positive)
        #expect(score("сайн биш", .mn).label == .negative)
        let r = score("хариуцлагагүй", .mn)
        #expect(r.label == .negative)
        #expect(r.evidence[0].rules.isEmpty, "an exact entry is not negated again")
    }

    @Test func emojiAndEmoticons() {
        #expect(score("👍🏽", .tr).label == .positive)
        #expect(score(":)", .tr).label == .positive)
        #expect(score("😡", .sr).label == .negative)
    }

    /// A text in no scored language says what its emoji and emoticons say, the same as in a scored one,
    /// and nothing else: its words are in no lexicon, and no rule applies.
    @Test func textsInNoScoredLanguageSayWhatTheirEmojiSay() {
        let und = MiniLexicons.scorer.score(Tokenizer.tokenize("👍👍"), language: .und)
        #expect(und.label == .positive)
        #expect(und.score == score("👍👍", .tr).score)
        #expect(und.evidence.map(\.term) == ["👍", "👍"])
        #expect(und.reason == "language undetermined: emoji and emoticons only")
        let ru = MiniLexicons.scorer.score(Tokenizer.tokenize("всё плохо 😡"), language: .ru)
        #expect(ru.label == .negative)
        #expect(ru.evidence.count == 1, "the Russian words count for nothing")
        #expect(ru.reason == "language ru is not scored: emoji and emoticons only")
    }

    @Test func unscoredLanguagesAreNeutralWithAReason() {
        let r = MiniLexicons.scorer.score(Tokenizer.tokenize("всё плохо"), language: .ru)
        #expect(r.label == .neutral)
        #expect(r.reason == "language ru is not scored")
        #expect(MiniLexicons.scorer.score(Tokenizer.tokenize("ok ok"), language: .und).reason == "language undetermined: not scored")
        #expect(score("hiçbir şey", .tr).reason == "no lexicon match")
    }

    /// Whether the time is linear in the text's length is measured by `make bench` (the same
    /// 10 MB as ~1 KB and as ~100 KB comments), not here.
    @Test func longTextsAreScoredWholeWithoutCrashing() {
        let long = String(repeating: "Temsilci çok kibar ama bekleme uzun. ", count: 3000)
        let r = score(long, .tr)
        #expect(r.evidence.count >= 6000)
        #expect(r.score >= -1 && r.score <= 1)
    }
}

@Suite("Lexicon validation")
struct LexiconValidationTests {
    @Test func malformedLinesDuplicatesAndConflictsAreReportedWithFileAndLine() {
        let f = TemporaryFolder("bad-lexicon")
        defer { f.remove() }
        f.write("tr/sentiment.tsv", "# c\niyi\t2\nkötü\tvery bad\niyi\t2\nharika\t3\nharika\t-3\nsüper\t7\n")
        let (_, issues) = LexiconLoader(directory: f.url).load()
        let tr = issues.filter { $0.file.hasSuffix("tr/sentiment.tsv") }
        #expect(tr.contains { $0.line == 3 && $0.isError })
        #expect(tr.contains { $0.line == 4 && !$0.isError && $0.message.contains("repeats line 2") })
        #expect(tr.contains { $0.line == 6 && $0.isError && $0.message.contains("conflicts with line 5") })
        #expect(tr.contains { $0.line == 7 && $0.isError && $0.message.contains("outside") })
    }

    /// A `*` that does not end a word, in any kind of file, is an entry that could never match.
    @Test func aStarInsideAWordIsReportedInEveryKindOfFile() {
        let f = TemporaryFolder("star-lexicon")
        defer { f.remove() }
        f.write("tr/sentiment.tsv", "iyi*lik\t2\nkötü*\t-2\n*\t1\n")
        f.write("tr/themes.tsv", "wait_time\tbek*le dur\n")
        f.write("tr/concessive.tsv", "rağ*men\n")
        f.write("tr/aspects.tsv", "wait_time\tcue\tsa*at\t-1\n")
        let (_, issues) = LexiconLoader(directory: f.url).load()
        func problem(_ file: String, _ line: Int) -> String? {
            issues.first { $0.file.hasSuffix(file) && $0.line == line && $0.isError }?.message
        }
        #expect(problem("tr/sentiment.tsv", 1)?.contains("'iyi*lik': '*' can only end a word") == true)
        #expect(problem("tr/sentiment.tsv", 2) == nil, "a stem is fine")
        #expect(problem("tr/sentiment.tsv", 3)?.contains("has an empty word") == true)
        #expect(problem("tr/themes.tsv", 1)?.contains("'bek*le dur'") == true)
        #expect(problem("tr/concessive.tsv", 1)?.contains("'rağ*men'") == true)
        #expect(problem("tr/aspects.tsv", 1)?.contains("'sa*at'") == true)
        // Contrast words are read with the text resources, and are whole words.
        f.write("tr/contrast.tsv", "ama\nam*a\n")
        let (text, textIssues) = TextResources.load(directory: f.url)
        #expect(textIssues.contains { $0.file.hasSuffix("tr/contrast.tsv") && $0.line == 2 && $0.message.contains("'am*a'") })
        #expect(text.contrast[.tr] == [["ama"]])
    }

    /// An optional data file may be left out, but one that is there and cannot be read (saved as UTF-16 or
    /// in a code page) is reported, by whichever loader reads it, never skipped as if it were not there.
    @Test func anOptionalFileThatIsThereButNotUTF8IsReported() {
        let f = TemporaryFolder("utf16-lexicon")
        defer { f.remove() }
        let utf16: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x09, 0x00]
        f.write("tr/sentiment.tsv", "iyi\t2\n")
        for name in ["tr/intensifiers.tsv", "tr/themes.tsv", "tr/aspects.tsv", "tr/negation.tsv", "kk/langid.tsv", "sr/contrast.tsv"] { f.write(name, utf16) }
        let (_, issues) = LexiconLoader(directory: f.url).load()
        let (_, textIssues) = TextResources.load(directory: f.url)
        let unreadable = Set((issues + textIssues).filter { $0.message.hasPrefix("not UTF-8 text") && $0.isError }.map {
            URL(fileURLWithPath: $0.file).pathComponents.suffix(2).joined(separator: "/")
        })
        #expect(unreadable == ["tr/intensifiers.tsv", "tr/themes.tsv", "tr/aspects.tsv", "tr/negation.tsv", "kk/langid.tsv", "sr/contrast.tsv"])
        #expect(!(issues + textIssues).contains { $0.file.hasSuffix("mn/intensifiers.tsv") }, "a file that is not there is no issue")
    }

    @Test func concessiveRatingAndMixedInLanguageFilesAreValidated() {
        let f = TemporaryFolder("bad-loan-lexicon")
        defer { f.remove() }
        f.write("tr/sentiment.tsv", "iyi\t2\n")
        f.write("sr/concessive.tsv", "iako\nmada\niako\n")
        f.write("ru/sentiment.tsv", "отлично\t3\nплохо\tbad\n")
        f.write("ru/negation.tsv", "before\tне\nsuffix\tне\n")
        f.write("kk/ratings.tsv", "# c\nstars\tжұлдыз*\nstar\tзвезд*\nout-of\n")
        let (_, issues) = LexiconLoader(directory: f.url).load()
        let ratings = issues.filter { $0.file.hasSuffix("kk/ratings.tsv") }
        #expect(ratings.map(\.line) == [3, 4] && ratings.allSatisfy(\.isError), "an unknown kind, a missing term: \(ratings)")
        #expect(ratings.first?.message.contains("not one of stars, points, out-of, of, would") == true)
        #expect(issues.contains { $0.file.hasSuffix("sr/concessive.tsv") && $0.line == 3 && !$0.isError })
        let ru = issues.filter { $0.file.hasSuffix("ru/sentiment.tsv") }
        #expect(ru.count == 1 && ru[0].line == 2 && ru[0].isError, "read for kk and mn, reported once: \(ru)")
        #expect(issues.contains { $0.file.hasSuffix("ru/negation.tsv") && $0.isError && $0.message.contains("are used from a mixed-in language") })
    }

    @Test func userLexiconsOverrideBundledTerms() throws {
        let user = TemporaryFolder("user-lexicon")
        defer { user.remove() }
        let path = user.write("tr_company.tsv", "kötü\t1\nturbo paket\t2\n")
        let (set, _) = LexiconLoader(directory: MiniLexicons.folder.url, userLexicons: [.init(language: .tr, path: path)]).load()
        let scorer = SentimentScorer(lexicons: set)
        var t = Tokenizer.tokenize("turbo paket kötü")
        LanguageIdentificationStage.refold(&t, for: .tr)
        let r = scorer.score(t, language: .tr)
        #expect(r.evidence.map(\.term) == ["turbo paket", "kötü"])
        #expect(r.evidence[1].baseValence == 1)
    }
}

@Suite("Themes")
struct ThemeTests {
    @Test func politeButSlowGivesOppositePolarities() {
        let (set, _) = LexiconLoader(directory: MiniLexicons.folder.url).load()
        var r = FeedbackRecord(id: "t", provenance: Provenance(file: "-", line: 0), text: "Temsilci kibardı ama bekleme süresi çok uzundu", declaredLanguage: .tr)
        TextNormalizationStage().process(&r)
        LanguageIdentificationStage(resources: MiniLexicons.text).process(&r)
        SentimentStage(scorer: SentimentScorer(lexicons: set)).process(&r)
        ThemeStage(tagger: ThemeTagger(lexicons: set)).process(&r)
        #expect(r.themes.map(\.theme) == ["courtesy", "wait_time"])
        #expect(r.themes.first { $0.theme == "courtesy" }?.polarity == .positive)
        #expect(r.themes.first { $0.theme == "wait_time" }?.polarity == .negative)
    }
}

@Suite("Hashtags")
struct HashtagTests {
    @Test func wordsWrittenTogetherAreSplitAgainstTheLexicon() {
        let (set, _) = LexiconLoader(directory: MiniLexicons.folder.url).load()
        var r = FeedbackRecord(id: "t", provenance: Provenance(file: "-", line: 0), text: "#kötübekleme #berbat", declaredLanguage: .tr)
        TextNormalizationStage().process(&r)
        LanguageIdentificationStage(resources: MiniLexicons.text).process(&r)
        SentimentStage(scorer: SentimentScorer(lexicons: set)).process(&r)
        ThemeStage(tagger: ThemeTagger(lexicons: set)).process(&r)
        let words = r.tokens.indices.filter { r.tokens[$0].kind == .word }.map(r.tokens.form)
        #expect(words == ["kotu", "bekleme", "berbat"])
        #expect(r.sentiment?.evidence.map(\.term) == ["kötü", "berbat"])
        #expect(r.themes.map(\.theme) == ["wait_time"])
    }
}
