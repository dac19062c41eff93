import Foundation
import VerbatimCore

/// The words of dates written with a month's name, loaded from `lexicons/months.tsv`: a cell
/// formatted as a long date and saved as CSV keeps what Excel showed ("21 Kasım 2026",
/// "21 ноября 2026 г.", "21. novembra 2026.", "21-Nov-26", "2026 оны 11 сарын 21"). Such dates
/// were rejected as unreadable, and with them their comments. Words match as header names do
/// (case and accents ignored, `HeaderAliases.words`).
public struct MonthNames: Sendable {
    /// What a word of a date is.
    enum Word: Equatable {
        case month(Int)
        /// Beside the year ("г.", "жылғы", "оны"): passed over.
        case year
        /// After a month's number ("сарын"): the number before it is the month.
        case monthOf
        /// Passed over wherever it stands.
        case skip
    }

    private var words = FoldedPhrases<Word>()

    /// Without words: only numeric dates are read.
    public init() {}

    var isEmpty: Bool { words.isEmpty }

    /// Loads `key<TAB>word` lines; the issues name each line that is not one (an unknown key, a word
    /// that is not one word, one word given two different months).
    public static func load(_ url: URL) -> (MonthNames, [DataFileIssue]) {
        var months = MonthNames()
        let issues: [DataFileIssue]
        (months.words, issues) = FoldedPhrases.load(url, keyHelp: "month 1–12, year, month-of or skip", oneWord: true, key: Self.word)
        return (months, issues)
    }

    private static func word(_ key: String) -> Word? {
        switch key {
        case "year": .year
        case "month-of": .monthOf
        case "skip": .skip
        default: Int(key).flatMap { (1...12).contains($0) ? .month($0) : nil }
        }
    }

    /// What a word (as `HeaderAliases.words` gives it) is in a date, or nil when it is none of these.
    func kind(_ word: String) -> Word? { words.value(folded: word) }
}

extension DateNormalizer {
    /// A date written with a month's name (or Mongolian's numbered month), with an optional time of
    /// day: `2026-11-21` or `2026-11-21T14:05:00`. Nil when it is not one. The day, month and year
    /// may come in the orders exports write them: day month year ("21 Kasım 2026", "21-Nov-26", a
    /// two-digit year read as 20xx), month day year ("Nov 21, 2026"), year day month ("2026 жылғы
    /// 21 қараша") and year month day ("2026 оны 11 сарын 21"). A leading weekday is passed over.
    public static func normalizeNamed(_ raw: String, months: MonthNames) -> String? {
        guard !months.isEmpty else { return nil }
        var text = Substring(raw)
        var time = ""
        // A time, on a 12-hour clock when `AM` or `PM` follows (Meltwater's `21-Nov-2026 08:31AM`).
        if let m = text.firstMatch(of: /(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?(?![A-Za-z]))?/), var h = Int(m.1), let mi = Int(m.2),
           h < 24, mi < 60 {
            let s = m.3.flatMap { Int($0) } ?? 0
            guard s < 61 else { return nil }
            if let meridiem = m.4 {
                // 12 AM is midnight, 12 PM noon.
                guard (1...12).contains(h) else { return nil }
                h = h % 12 + (meridiem.lowercased() == "p" ? 12 : 0)
            }
            time = "T" + [h, mi, s].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
            text = text[..<m.range.lowerBound] + " " + text[m.range.upperBound...]
        }
        var numbers: [(value: Int, digits: Int, afterMonth: Bool)] = []
        var month: Int?
        for (k, token) in Self.tokens(String(text)).enumerated() {
            if let v = Int(token) {
                guard token.count <= 4 else { return nil }
                numbers.append((v, token.count, month != nil))
                continue
            }
            switch months.kind(token) {
            case let .month(m)?:
                guard month == nil else { return nil }
                month = m
            case .monthOf?:
                guard month == nil, let last = numbers.popLast(), last.digits <= 2 else { return nil }
                month = last.value
            case .year?, .skip?:
                continue
            case nil:
                guard k == 0 else { return nil }  // a weekday
            }
        }
        guard let month, numbers.count == 2 else { return nil }
        let (a, b) = (numbers[0], numbers[1])
        let year: Int, day: Int
        if a.digits == 4, b.digits <= 2 { (year, day) = (a.value, b.value) }
        else if b.digits == 4, a.digits <= 2 { (year, day) = (b.value, a.value) }
        else if a.digits <= 2, b.digits == 2, b.afterMonth { (year, day) = (2000 + b.value, a.value) }
        else { return nil }
        guard let date = normalize(String(format: "%04d-%02d-%02d", year, month, day)) else { return nil }
        return date + time
    }

    /// The runs of digits and the runs of letters of `s`, as `HeaderAliases.words` folds them (`2026г.` is `2026`, `г`).
    private static func tokens(_ s: String) -> [String] {
        var out: [String] = []
        for word in HeaderAliases.words(s) {
            var run = "", runIsDigits = false
            for ch in word {
                let digit = ch.isASCII && ch.isNumber
                if !run.isEmpty, digit != runIsDigits { out.append(run); run = "" }
                run.append(ch)
                runIsDigits = digit
            }
            if !run.isEmpty { out.append(run) }
        }
        return out
    }
}
