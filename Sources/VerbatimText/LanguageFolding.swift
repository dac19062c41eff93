import VerbatimCore

/// Case folding and script folding for lexicon lookup, per language.
///
/// Turkish folds `İ→i` and `I→ı` (never the combining dot a default
/// lower-casing leaves); Serbian is transliterated to Latin and its
/// diacritics folded (`č ć → c`, `š → s`, `ž → z`, `đ → dj`, `dž → dz`), so
/// Cyrillic, Latin and diacritic-less spellings meet. For lookup, Turkish,
/// Kazakh and Mongolian letters that people often type without their marks
/// are folded too (`ç ğ ı ö ş ü`; `ә ғ қ ң ө ұ ү һ і`; `ө ү`). Kazakh and Mongolian
/// words typed in Latin letters are spelled in Cyrillic (`transliteratesLatin`). Lexicon terms
/// are folded with the same function, so both sides always meet.
public enum LanguageFolding {
    public static func fold(_ word: String, for language: Language) -> String {
        switch language {
        case .tr: return skeleton(turkishLower(word), turkishSkeleton)
        case .sr: return serbianKey(word)
        case .kk: return skeleton(kazakhLatinToCyrillic(defaultLower(word)), kazakhSkeleton)
        case .mn: return skeleton(mongolianLatinToCyrillic(defaultLower(word)), mongolianSkeleton)
        default: return defaultLower(word)
        }
    }

    /// Letters people often type without their marks — on a phone, or a Russian or Latin
    /// keyboard — folded on both sides of the lookup so `cok kotu` meets `çok kötü`,
    /// `жаксы` meets `жақсы`, and `сэтгэл хангалуун` meets `сэтгэл хангалуун` typed with `у` for `ү`.
    static let turkishSkeleton: [UInt32: UnicodeScalar] = [0xE7: "c", 0x11F: "g", 0x131: "i", 0xF6: "o", 0x15F: "s", 0xFC: "u"]
    static var kazakhSkeleton: [UInt32: UnicodeScalar] { ScriptFolding.kazakhSkeleton }
    static let mongolianSkeleton: [UInt32: UnicodeScalar] = [0x4E9: "о", 0x4AF: "у", 0x435: "э"]

    /// Kazakh typed in Latin letters (`unadi`, `keremet`, `rahmet`, the 2021 alphabet's `ğ ş ñ ū`, the 2018 one's `á ǵ ń ó ú ý`),
    /// spelled in Cyrillic so that it meets the lexicon. Only words made of Latin letters change.
    static func kazakhLatinToCyrillic(_ s: String) -> String {
        latinToCyrillic(s, digraphs: kazakhLatinDigraphs, letters: kazakhLatinLetters)
    }

    /// A word of Latin letters (`isLatinWord`) spelled in Cyrillic, other words as they are: a two-letter
    /// spelling first (`sh` → `ш`), else the letter, which `byNeighbours` may spell from the Cyrillic
    /// written before it and the Latin letter after it (Mongolian `i` as `й`).
    static func latinToCyrillic(
        _ s: String, digraphs: [String: String], letters: [Character: String],
        byNeighbours: (Character, _ before: Character?, _ next: Character?) -> String? = { _, _, _ in nil }
    ) -> String {
        guard isLatinWord(s) else { return s }
        let chars = Array(s)
        var out = ""
        var k = 0
        while k < chars.count {
            if k + 1 < chars.count, let cyr = digraphs[String(chars[k...k + 1])] {
                out += cyr
                k += 2
                continue
            }
            let c = chars[k]
            out += byNeighbours(c, out.last, k + 1 < chars.count ? chars[k + 1] : nil) ?? letters[c] ?? String(c)
            k += 1
        }
        return out
    }

    /// The languages whose words typed in Latin letters are spelled in Cyrillic before lookup: a word of
    /// Latin letters is transliterated whole (its digraphs need context), never one scalar at a time.
    public static func transliteratesLatin(_ language: Language) -> Bool { language == .kk || language == .mn }

    /// Whether `s` is a word of Latin letters (every scalar below U+0250, at least one a letter): the words
    /// that `kazakhLatinToCyrillic` and `mongolianLatinToCyrillic` change.
    static func isLatinWord(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy({ $0.value < 0x250 }) && s.unicodeScalars.contains(where: { $0.properties.isAlphabetic })
    }

    /// Mongolian typed in Latin letters, as people chat and post (`mash sain`, `bayarlalaa`, `muu baina`,
    /// `uilchilgee`, `baihgui`), spelled in Cyrillic so that it meets the lexicon. Only words made of Latin
    /// letters change. `e` is `э` (`ye` is `е`); `i` after a vowel and before none is `й` (`baina` → `байна`,
    /// `uilchilgee` → `уйлчилгээ`, which the skeleton folds as it folds `үйлчилгээ`); `ö ü`, and `q` as many
    /// type `ө`, are `ө ү`.
    static func mongolianLatinToCyrillic(_ s: String) -> String {
        latinToCyrillic(s, digraphs: mongolianLatinDigraphs, letters: mongolianLatinLetters) { c, before, next in
            guard c == "i", let before, mongolianVowels.contains(before), !(next.map(latinVowels.contains) ?? false) else { return nil }
            return "й"
        }
    }

    static let mongolianLatinDigraphs: [String: String] = [
        "sh": "ш", "ch": "ч", "kh": "х", "ts": "ц", "zh": "ж", "ya": "я", "yu": "ю", "yo": "ё", "ye": "е",
    ]
    static let mongolianLatinLetters: [Character: String] = [
        "a": "а", "b": "б", "c": "ц", "d": "д", "e": "э", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "ж", "k": "к", "l": "л",
        "m": "м", "n": "н", "o": "о", "ö": "ө", "p": "п", "q": "ө", "r": "р", "s": "с", "t": "т", "u": "у", "ü": "ү", "v": "в",
        "w": "в", "x": "х", "y": "ы", "z": "з",
    ]
    static let mongolianVowels: Set<Character> = ["а", "э", "и", "о", "у", "ө", "ү", "ы", "я", "ё", "е", "ю"]
    static let latinVowels: Set<Character> = ["a", "e", "i", "o", "u", "y", "ö", "ü", "q"]

    static let kazakhLatinDigraphs: [String: String] = ["sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ya": "я", "yu": "ю", "yo": "ё", "ts": "ц"]
    static let kazakhLatinLetters: [Character: String] = [
        "a": "а", "ä": "ә", "b": "б", "c": "с", "d": "д", "e": "е", "f": "ф", "g": "г", "ğ": "ғ", "h": "х", "ı": "ы", "i": "и",
        "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ñ": "ң", "o": "о", "ö": "ө", "p": "п", "q": "қ", "r": "р", "s": "с",
        "ş": "ш", "t": "т", "u": "у", "ū": "ұ", "ü": "ү", "v": "в", "w": "у", "x": "х", "y": "ы", "z": "з",
        // The 2018 alphabet with acute accents.
        "á": "ә", "ǵ": "ғ", "ń": "ң", "ó": "ө", "ú": "ұ", "ý": "ү",
    ]

    static func skeleton(_ s: String, _ table: [UInt32: UnicodeScalar]) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(table[u.value] ?? u) }
        return String(out)
    }

    /// Default lower-casing, without the combining dot above that `İ` leaves.
    public static func defaultLower(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.lowercased().unicodeScalars where u.value != 0x0307 { out.append(u) }
        return String(out)
    }

    /// Turkish lower-casing: `I → ı`, `İ → i`, then default; circumflexes dropped (`hâlâ` → `hala`),
    /// as most people type them.
    public static func turkishLower(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x49: out.append("ı")
            case 0x130: out.append("i")
            case 0xE2, 0xC2: out.append("a")
            case 0xEE, 0xCE: out.append("i")
            case 0xFB, 0xDB: out.append("u")
            default: out.append(u)
            }
        }
        return defaultLower(String(out))
    }

    /// Turkish upper-casing (`i → İ`, `ı → I`), for display and tests.
    public static func turkishUpper(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x69: out.append("İ")
            case 0x131: out.append("I")
            default: out.append(contentsOf: String(u).uppercased().unicodeScalars)
            }
        }
        return String(out)
    }

    static var serbianCyrillicToLatin: [UInt32: String] { ScriptFolding.serbianCyrillicToLatin }

    /// Serbian Cyrillic → Latin, keeping case and diacritics (`Љубазна` → `Ljubazna`), for display.
    public static func serbianToLatin(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            let lower = Character(u).lowercased()
            let lu = lower.unicodeScalars.first!.value
            if let lat = serbianCyrillicToLatin[lu] {
                if lower != String(u) {  // upper-case source
                    out += lat.prefix(1).uppercased() + lat.dropFirst()
                } else {
                    out += lat
                }
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static let serbianLatinToCyrillic: [(String, String)] = [
        ("lj", "љ"), ("nj", "њ"), ("dž", "џ"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("đ", "ђ"),
        ("e", "е"), ("ž", "ж"), ("z", "з"), ("i", "и"), ("j", "ј"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
        ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("ć", "ћ"), ("u", "у"), ("f", "ф"), ("h", "х"),
        ("c", "ц"), ("č", "ч"), ("š", "ш"),
    ]

    /// Serbian Latin → Cyrillic, lower-case (`ljubazna` → `љубазна`), for display and tests.
    public static func serbianToCyrillic(_ s: String) -> String {
        var rest = Substring(s.lowercased())
        var out = ""
        outer: while !rest.isEmpty {
            for (lat, cyr) in serbianLatinToCyrillic where rest.hasPrefix(lat) {
                out += cyr
                rest = rest.dropFirst(lat.count)
                continue outer
            }
            out.append(rest.removeFirst())
        }
        return out
    }

    /// The Serbian lookup key: Latin, lower-case, diacritics folded.
    public static func serbianKey(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in defaultLower(s).unicodeScalars {
            if let lat = serbianCyrillicToLatin[u.value] {
                for l in lat.unicodeScalars { appendFolded(l, to: &out) }
            } else {
                appendFolded(u, to: &out)
            }
        }
        return out
    }

    private static func appendFolded(_ u: UnicodeScalar, to out: inout String) {
        switch u {
        case "č", "ć": out += "c"
        case "š": out += "s"
        case "ž": out += "z"
        case "đ": out += "dj"
        default: out.unicodeScalars.append(u)
        }
    }
}
