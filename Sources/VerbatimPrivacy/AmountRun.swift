/// A sum of money written in thousands (`99 000 000 төгрөг`, `85.000.000₮`, `$ 5 000 000 000`): never
/// personal data, though its digits may have a phone number's count and first digits (a Mongolian
/// mobile is eight digits from 5 to 9; a Turkish one ten from 5).
///
/// A run of digit groups is an amount when it is written in thousands, a head of one to three digits
/// (not 0) and then groups of exactly three, at least two of them, each after the same single
/// separator (a space, a dot, a no-break or thin space), and a currency word or sign of
/// `lexicons/pii/` (`amount` lines) stands right after it or right before it. Both conditions are
/// needed: nobody writes a phone number in thousands before a currency, while a number in thousands
/// alone may be a phone written in groups of three (`88 112 233`), and a phone beside a currency
/// word is still a phone (`9911 2233 төгрөг шилжүүлсэн`, "transferred tögrög [from] 9911 2233").
enum AmountRun {
    /// The last group of the amount that starts at group `s`, or nil when the run there is no amount.
    /// `words`: the currency words and signs, lower-cased.
    static func end(from s: Int, _ groups: [Group], _ bytes: UnsafeBufferPointer<UInt8>, words: [String]) -> Int? {
        guard !words.isEmpty, groups[s].kind == .digit, GroupScanner.startsDigits(groups, s),
              (1...3).contains(groups[s].length), bytes[groups[s].start] != UInt8(ascii: "0")
        else { return nil }
        var e = s
        // The first separator's bytes; every later one must be the same (compared in place, nothing copied).
        var first: UnsafeBufferPointer<UInt8>?
        while e + 1 < groups.count, groups[e + 1].connected, groups[e + 1].kind == .digit {
            let between = UnsafeBufferPointer(rebasing: bytes[groups[e].end..<groups[e + 1].start])
            guard groups[e + 1].length == 3, isThousandsSeparator(between), first.map({ $0.elementsEqual(between) }) ?? true else { return nil }
            first = first ?? between
            e += 1
        }
        guard e - s >= 2, GroupScanner.endsDigits(groups, e) else { return nil }
        let after = word(after: groups[e].end, bytes), before = word(before: groups[s].start, bytes)
        // After the number a word may be inflected (`төгрөгөөр`, `TL'ye`); before it, a word stands alone
        // (`USD 5 000 000`) and a sign may be written against the number (`$5 000 000`).
        let named = words.contains { after.hasPrefix($0) || before == $0 || (isSign($0) && before.hasSuffix($0)) }
        return named ? e : nil
    }

    /// A currency sign (`₮`, `$`): no letter in it.
    static func isSign(_ word: String) -> Bool { !word.unicodeScalars.contains { $0.properties.isAlphabetic } }

    /// One space, dot, no-break space (U+00A0), thin space (U+2009) or narrow no-break space (U+202F).
    static func isThousandsSeparator(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch b.count {
        case 1: b[0] == 0x20 || b[0] == 0x2E
        case 2: b[0] == 0xC2 && b[1] == 0xA0
        case 3: b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0x89 || b[2] == 0xAF)
        default: false
        }
    }

    /// The word that starts at `at` or after one space there, lower-cased: up to the next space or end.
    static func word(after at: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var start = at
        if start < bytes.count, bytes[start] == 0x20 { start += 1 }
        var end = start
        while end < bytes.count, bytes[end] != 0x20 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
    }

    /// The word that ends at `at` or before one space there, lower-cased: back to the space before it.
    static func word(before at: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var end = at
        if end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        var start = end
        while start > 0, bytes[start - 1] != 0x20 { start -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
    }
}
