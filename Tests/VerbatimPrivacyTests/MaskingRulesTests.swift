import Testing
import VerbatimCore
import VerbatimTestSupport
@testable import VerbatimPrivacy

/// The masking rules of `lexicons/pii/` and the examples written beside them.
@Suite("Masking rules")
struct MaskingRulesTests {
    static let loaded = MaskingRules.load(directory: RepoPaths.lexicons.appendingPathComponent("pii"))

    @Test func theRuleFilesLoadWithoutIssues() {
        #expect(Self.loaded.1.isEmpty, "\(Self.loaded.1.map(\.description))")
        let kinds = Set(Self.loaded.0.rules.map(\.kind))
        #expect(kinds == Set(MaskingKind.allCases), "every kind has a rule: \(kinds)")
    }

    /// Every `mask` and `keep` line of every rule file, run against all the rules together.
    @Test func everyExampleBesideTheRulesHolds() {
        let (rules, _) = Self.loaded
        let masker = rules.masker
        #expect(rules.examples.count >= 50)
        #expect(rules.examples.contains { $0.input == $0.expected }, "there are keep examples")
        for e in rules.examples {
            #expect(masker.mask(e.input) == e.expected, "\(e.file) line \(e.line)")
        }
    }

    /// Each country file has positive and negative examples of its own.
    @Test func eachFileHasMaskAndKeepExamples() {
        let byFile = Dictionary(grouping: Self.loaded.0.examples, by: \.file)
        #expect(byFile.count == 5)
        for (file, examples) in byFile {
            #expect(examples.contains { $0.input != $0.expected }, "\(file) has no mask example")
            #expect(examples.contains { $0.input == $0.expected }, "\(file) has no keep example")
        }
    }

    @Test func theNumbersOfTheIssueStay() {
        let masker = Self.loaded.0.masker
        for text in ["45 dakika", "2.500 TL", "order 1234567890123", "21.11.2026", "saat 09:14", "3 kez", "NPS 10, CSAT 5"] {
            #expect(masker.mask(text) == text)
        }
    }

    @Test func aTextWithoutDigitsOrAtIsReturnedAsItIs() {
        let masker = Self.loaded.0.masker
        #expect(masker.spans(in: "Temsilci çok kibardı ama bekleme süresi berbattı").isEmpty)
    }

    /// The pre-check never says "too few digits" where a rule could match.
    @Test func thePrecheckCountsDigitsBetweenTheCharactersThatEndANumber() {
        func most(_ s: String) -> Int {
            var s = s
            return s.withUTF8 { PersonalDataMasker.mostDigitsInARun($0).digits }
        }
        #expect(most("kibar* +2 [intensifier(çok)] → +2.9; kötü -2.5") == 2)
        #expect(most("+90 (532) 123-45-67") == 12)
        #expect(most("тел: 8 701 123 45 67, рахмет") == 11)
        #expect(most("a@b 12") == 2)
        let masker = Self.loaded.0.masker
        for e in Self.loaded.0.examples where e.input != e.expected && !e.input.contains("@") {
            #expect(most(e.input) >= masker.minDigits, "\(e.input)")
        }
    }

    /// `classify --explain` shows tokens: each token of personal data is named, found where it stands in the text.
    @Test func tokensArePlacedInTheirText() {
        let masker = Self.loaded.0.masker
        let text = "Ara: +381641234567, mail ayse@example.com.tr"
        let pieces = ["Ara", ":", "+", "381641234567", ",", "mail", "ayse", "@example", ".", "com", ".", "tr"]
        let kinds = masker.kinds(ofPieces: pieces, in: text)
        #expect(kinds == [nil, nil, .phone, .phone, nil, nil, .email, .email, .email, .email, .email, .email])
        #expect(masker.kinds(ofPieces: ["05321234567"], in: "something else") == [.phone], "a piece not in the text is judged alone")
    }

    @Test func spansAreByteRangesOfTheText() {
        let masker = Self.loaded.0.masker
        let text = "Ayşe: 0532 123 45 67, ayse@example.com"
        let spans = masker.spans(in: text)
        #expect(spans.map(\.kind) == [.phone, .email])
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[spans[0].range], as: UTF8.self) == "0532 123 45 67")
        #expect(String(decoding: bytes[spans[1].range], as: UTF8.self) == "ayse@example.com")
    }

    /// What the masker uses to skip texts and words that cannot hold a match.
    @Test func shapesKnowTheirDigitsAndLeadingLetters() throws {
        let iban = try MaskingRule(kind: .iban, shape: "TR dd d{5} d d{16}", check: .mod97)
        #expect(iban.requiredDigits == 24 && iban.leadingLetters == 2 && iban.lengths == 26...26)
        let phone = try MaskingRule(kind: .phone, shape: "+381 6d d{6,7}", check: .none)
        #expect(phone.requiredDigits == 11 && phone.leadingLetters == 0 && phone.lengths == 12...13)
        let register = try MaskingRule(kind: .nationalId, shape: "cc d{8}", check: .mnRegister)
        #expect(register.requiredDigits == 8 && register.leadingLetters == 2)
        let masker = Self.loaded.0.masker
        #expect(masker.minDigits == 5, "a KZ IBAN needs only five digits: its account part may be letters")
        #expect(masker.maxLeadingLetters == 2)
    }

    @Test func badLinesAreReportedWithFileAndLine() {
        var rules = MaskingRules()
        let issues = rules.parse("""
            phone\t+90 5dd ddd dd dd\t-
            fax\t0 dd\t-
            phone\t+90 5xx\t-
            card\td{13,19}\tcrc
            iban\tTR d{60}\tmod97
            phone\t+90 5dd ddd dd dd\t-
            mask\tonly the text
            """, file: "tr.tsv")
        #expect(rules.rules.count == 1)
        #expect(issues.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(issues[0].message.contains("unknown kind 'fax'"))
        #expect(issues[1].message.contains("'x' is not allowed"))
        #expect(issues[2].message.contains("check"))
        #expect(issues[3].message.contains("longest allowed"))
        #expect(!issues[4].isError, "a repeated rule is a warning")
        #expect(issues[5].message.contains("mask example"))
    }

    @Test func badAmountLinesAreReportedWithFileAndLine() {
        var rules = MaskingRules()
        let issues = rules.parse("amount\tТөгрөг\namount\t\namount\tтүмэн төгрөг\namount\t1000₮\namount\tтөгрөг\n", file: "mn.tsv")
        #expect(rules.amountWords == ["төгрөг"], "kept in lower case")
        #expect(issues.map(\.line) == [2, 3, 4, 5])
        #expect(issues[0].message.contains("one currency word or sign"))
        #expect(!issues[3].isError, "a repeated currency is a warning")
    }

    /// Each condition of a sum of money (`AmountRun`), one at a time, with a rule that would take the
    /// digits for a phone number.
    @Test(arguments: [
        ("99 000 000 төгрөг", true),
        ("99 000 000 ТӨГРӨГӨӨР", true),  // inflected, in capitals
        ("99.000.000₮", true),
        ("₮99 000 000", true),  // a sign against the number
        ("төгрөг 99 000 000", true),
        ("99 000 000", false),  // no currency
        ("9900 0000 төгрөг", false),  // not in thousands
        ("9 000 0000 төгрөг", false),  // a last group of four
        ("99 000.000 төгрөг", false),  // two separators
        ("99  000 000 төгрөг", false),  // two spaces
        ("99000 000 төгрөг", false),  // a head of five digits
        ("09 000 000 төгрөг", false),  // a head that starts with 0 (and no shape here takes it)
        ("хаттөгрөг 99 000 000", false),  // a word before that only ends with the currency word
        ("99 000 000 хаттөгрөг", false),  // and one after that does not start with it
    ])
    func aSumIsANumberInThousandsBesideACurrency(text: String, isSum: Bool) {
        var rules = MaskingRules()
        _ = rules.parse("phone\t[0-9]d ddd ddd\t-\namount\tтөгрөг\namount\t₮\n", file: "mn.tsv")
        #expect(rules.masker.mask(text).contains("[phone]") == !isSum, "\(text)")
    }

    /// Random texts of digit groups, separators and currency words, masked with the bundled rules with
    /// and without their currencies: the currencies only ever leave a number as written (never a
    /// placeholder more or elsewhere), and only in a text that holds one of them.
    @Test func currenciesOnlyEverLeaveANumberAsWritten() {
        let rules = Self.loaded.0
        let with = rules.masker, without = PersonalDataMasker(rules: rules.rules)
        let heads = ["9", "99", "5", "77", "88", "0", "9911", "+976", "112"]
        let groups = ["000", "112", "233", "000", "2233", "88"]
        let separators = [" ", " ", ".", "-", "\u{A0}", "  ", ""]
        let words = ["", "", "төгрөг", "₮", "TL", "$", "USD", "теңге", "төгрөгөөр", "үнэ", "руу", "ö"]
        var generator = SplitMix(state: 32)
        func any(_ list: [String]) -> String { list[Int(generator.next() % UInt64(list.count))] }
        var differed = 0
        for _ in 0..<3000 {
            // Mostly one separator a number, as sums are written; sometimes another in the middle.
            let separator = any(separators)
            var text = any(words) + any([" ", ""]) + any(heads)
            for _ in 0..<(1 + Int(generator.next() % 4)) { text += (generator.next() % 6 == 0 ? any(separators) : separator) + any(groups) }
            text += any([" ", ""]) + any(words) + any([" ", ""]) + any(heads)
            let a = with.spans(in: text), b = without.spans(in: text)
            let named = with.amountWords.contains { text.lowercased().contains($0) }
            #expect(named || a == b, "\(text): no currency, yet \(a) against \(b)")
            #expect(Set(a).isSubset(of: Set(b)), "\(text): \(a) against \(b)")
            if a != b { differed += 1 }
        }
        #expect(differed > 50, "the texts reach the amounts (\(differed))")
    }

    @Test func aFailingExampleIsAnErrorOnItsLine() {
        var rules = MaskingRules()
        _ = rules.parse("phone\t0 5dd ddd dd dd\t-\nmask\tara 0532 123 45 67\tara [phone]\nkeep\tara 0532 123 45 67\n", file: "x.tsv")
        let failing = rules.failingExamples()
        #expect(failing.map(\.line) == [3])
        #expect(failing.first?.message.contains("ara [phone]") == true)
    }
}

/// The checks that keep ordinary numbers from being masked.
@Suite("Masking checks")
struct MaskingCheckTests {
    static func d(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func luhn() {
        #expect(MaskingCheck.luhn.passes(Self.d("4111111111111111")))
        #expect(!MaskingCheck.luhn.passes(Self.d("4111111111111112")))
        #expect(!MaskingCheck.luhn.passes(Self.d("1234567890123")))
    }

    @Test func mod97() {
        #expect(MaskingCheck.mod97.passes(Self.d("TR330006100519786457841326")))
        #expect(MaskingCheck.mod97.passes(Self.d("KZ86125KZT5004100100")))
        #expect(MaskingCheck.mod97.passes(Self.d("RS35260005601001611379")))
        #expect(MaskingCheck.mod97.passes(Self.d("MN480005005123456789")))
        #expect(!MaskingCheck.mod97.passes(Self.d("TR330006100519786457841327")))
    }

    @Test func nationalIds() {
        #expect(MaskingCheck.tckn.passes(Self.d("12345678950")))
        #expect(!MaskingCheck.tckn.passes(Self.d("12345678951")))
        #expect(!MaskingCheck.tckn.passes(Self.d("02345678950")), "a TCKN never begins with 0")
        #expect(MaskingCheck.iin.passes(Self.d("880215300124")))
        #expect(!MaskingCheck.iin.passes(Self.d("880215300125")))
        #expect(MaskingCheck.iin.passes(Self.d("050140001238")), "a BIN")
        #expect(MaskingCheck.jmbg.passes(Self.d("0101990710008")))
        #expect(!MaskingCheck.jmbg.passes(Self.d("0101990710009")))
        #expect(MaskingCheck.mnRegister.passes([1, 1] + Self.d("99021512")))
        #expect(MaskingCheck.mnRegister.passes([1, 1] + Self.d("05231899")), "born in 2005: month + 20")
        #expect(!MaskingCheck.mnRegister.passes([1, 1] + Self.d("99151512")))
    }
}

/// The pre-check that decides whether a text can hold a number worth matching (`mostDigitsInARun`),
/// which skips to the next digit or `@` sixteen bytes at a time, against the byte-by-byte definition.
@Suite("Masking pre-check")
struct MaskingPreCheckTests {
    /// The definition, one byte at a time: digits extend a run; letters, spaces, `. - / ( ) +` and
    /// non-ASCII bytes leave it open; anything else (and `@`, which is also noted) closes it.
    static func reference(_ bytes: [UInt8]) -> (Int, Bool) {
        var most = 0, run = 0, at = false
        for b in bytes {
            switch b {
            case 0x30...0x39: run += 1
            case 0x41...0x5A, 0x61...0x7A, 0x20, 0x2E, 0x2D, 0x2F, 0x28, 0x29, 0x2B, 0x80...0xFF: continue
            case 0x40: at = true; fallthrough
            default: most = max(most, run); run = 0
            }
        }
        return (max(most, run), at)
    }

    static func scanned(_ bytes: [UInt8]) -> (Int, Bool) {
        bytes.withUnsafeBufferPointer { let r = PersonalDataMasker.mostDigitsInARun($0); return (r.digits, r.at) }
    }

    @Test func knownTexts() {
        let cases: [(String, Int, Bool)] = [
            ("", 0, false), ("no digits at all, long enough to fill several chunks of sixteen", 0, false),
            ("Tapsyrys №12345 kelmedi", 5, false), ("call 0532 123 45 67; thanks", 11, false),
            ("a@b.cc and then 12;34", 2, true), ("kötü -2.5 [negation(değil)] → +1; harika +3", 2, false),
            (String(repeating: "ş", count: 40) + "1234567890123", 13, false),
        ]
        for (text, digits, at) in cases {
            let r = Self.scanned(Array(text.utf8))
            #expect(r.0 == digits && r.1 == at, "\(text): \(r)")
            #expect(r.0 == Self.reference(Array(text.utf8)).0)
        }
    }

    /// Random texts over the bytes that matter (digits, openers, closers, `@`, non-ASCII), of every
    /// length around the sixteen-byte chunks: the same answer as the definition.
    @Test func agreesWithTheDefinitionOnRandomTexts() {
        let alphabet: [UInt8] = Array("0123456789 aZ.-/()+;,:@*".utf8) + [0xC3, 0xBC, 0xD0, 0x0A]
        var generator = SplitMix(state: 14)
        for length in 0..<80 {
            for _ in 0..<40 {
                let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
                let (a, b) = (Self.scanned(bytes), Self.reference(bytes))
                #expect(a.0 == b.0 && a.1 == b.1, "\(bytes)")
            }
        }
    }
}

