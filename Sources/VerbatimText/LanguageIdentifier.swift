import VerbatimCore

/// Identifies the language of a record: Turkish, Kazakh, Mongolian, Serbian,
/// Russian, or undetermined.
///
/// Evidence, strongest first: letters specific to one language (Kazakh
/// `ә ғ қ ң ұ һ і`, Serbian Cyrillic `ђ ј љ њ ћ џ`, Turkish `ğ ı ş`, Serbian
/// Latin `č ć đ ž`), Mongolian `ү ө` without Kazakh letters, then the cue
/// words and endings of `langid.tsv`. English and texts without enough
/// evidence are `und`.
public struct LanguageIdentifier: Sendable {
    public let resources: TextResources
    /// Below this much evidence the answer is `und`.
    public var minimumEvidence = 1.5

    public init(resources: TextResources) { self.resources = resources }

    /// The form under which a cue or a word is looked up for a language code.
    static func cueForm(_ s: String, code: String) -> String {
        switch code {
        case "tr": LanguageFolding.turkishLower(s)
        case "sr": LanguageFolding.serbianKey(s)
        default: LanguageFolding.defaultLower(s)
        }
    }

    static let kazakhLetters: Set<UInt32> = Set("әғқңұһіӘҒҚҢҰҺІ".unicodeScalars.map(\.value))
    static let serbianCyrillicLetters: Set<UInt32> = Set("ђјљњћџЂЈЉЊЋЏ".unicodeScalars.map(\.value))
    static let notSerbianCyrillic: Set<UInt32> = Set("ыэъьйёщяюЫЭЪЬЙЁЩЯЮ".unicodeScalars.map(\.value))
    static let mongolianLetters: Set<UInt32> = Set("үөҮӨ".unicodeScalars.map(\.value))
    static let turkishLetters: Set<UInt32> = Set("ğışİĞŞ".unicodeScalars.map(\.value))
    static let turkishLatinShared: Set<UInt32> = Set("çöüÇÖÜ".unicodeScalars.map(\.value))
    static let serbianLatinLetters: Set<UInt32> = Set("čćđžČĆĐŽ".unicodeScalars.map(\.value))
    static let serbianOrCzech: Set<UInt32> = Set("šŠ".unicodeScalars.map(\.value))

    /// Scores per language code, for `--explain`.
    public func scores(_ tokens: [Token]) -> [String: Double] {
        var score: [String: Double] = [:]
        var cyrWords = 0, latWords = 0
        for t in tokens where t.kind == .word || t.kind == .contrast {
            var hasCyr = false, hasLat = false
            var kk = false, srC = false, notSrC = false, mnL = false, tr = false, trShared = false, srL = false, sh = false
            for u in t.surface.unicodeScalars {
                let v = u.value
                if v < 0x80 {
                    if (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A { hasLat = true }
                    continue
                }
                if (0x400...0x4FF).contains(v) {
                    hasCyr = true
                    // Basic Russian letters (а–я, А–Я) are in none of the sets below.
                    if v < 0x410 || v > 0x44F {
                        if Self.kazakhLetters.contains(v) { kk = true }
                        if Self.serbianCyrillicLetters.contains(v) { srC = true }
                        if Self.mongolianLetters.contains(v) { mnL = true }
                    }
                    if Self.notSerbianCyrillic.contains(v) { notSrC = true }
                    continue
                }
                if v < 0x250 && u.properties.isAlphabetic { hasLat = true }
                if Self.turkishLetters.contains(v) { tr = true }
                if Self.turkishLatinShared.contains(v) { trShared = true }
                if Self.serbianLatinLetters.contains(v) { srL = true }
                if Self.serbianOrCzech.contains(v) { sh = true }
            }
            if hasCyr == hasLat { continue }  // mixed script or no letters
            if hasCyr {
                cyrWords += 1
                if kk { score["kk", default: 0] += 3 }
                if srC { score["sr", default: 0] += 3 }
                if notSrC { score["sr", default: 0] -= 1.5 }
                if mnL && !kk { score["mn", default: 0] += 1.5; score["kk", default: 0] += 0.3 }
                addCues(t, codes: ["kk", "mn", "ru", "sr"], to: &score)
            } else {
                latWords += 1
                if tr { score["tr", default: 0] += 3 }
                if trShared { score["tr", default: 0] += 1 }
                if srL { score["sr", default: 0] += 3 }
                if sh { score["sr", default: 0] += 1.5 }
                addCues(t, codes: ["tr", "sr", "en"], to: &score)
            }
        }
        return score
    }

    private func addCues(_ token: Token, codes: [String], to score: inout [String: Double]) {
        for code in codes {
            guard let cues = resources.cues[code] else { continue }
            let form: String
            switch code {
            case "sr": form = LanguageFolding.serbianKey(token.surface)
            case "tr" where token.surface.utf8.contains(0x49) || token.surface.unicodeScalars.contains("İ"):
                form = LanguageFolding.turkishLower(token.surface)
            default: form = token.form
            }
            if let w = cues.words.value(for: form) { score[code, default: 0] += w; continue }
            // The longest matching ending that leaves at least two letters of the word.
            let bytes = form.utf8.count
            var best: Double?
            cues.suffixes.forEachPrefix(of: form) { length, w in
                let stemScalars = form.utf8.prefix(bytes - length).reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                if stemScalars >= 2 { best = w }
            }
            if let w = best { score[code, default: 0] += w * 0.6 }
        }
    }

    /// The language and a confidence in 0…1.
    public func identify(_ tokens: [Token]) -> (Language, Double) {
        let score = scores(tokens)
        var best = ("und", 0.0)
        var total = 0.0
        for code in TextResources.cueLanguages {
            let s = score[code] ?? 0
            if s > 0 { total += s }
            if s > best.1 { best = (code, s) }
        }
        guard best.1 >= minimumEvidence, best.0 != "en", let lang = Language(rawValue: best.0) else { return (.und, 0) }
        let confidence = (best.1 / (total + 1.0) * 100).rounded() / 100
        return (lang, confidence)
    }
}
