import VerbatimCore

/// Identifies the language of a record: Turkish, Kazakh, Mongolian, Serbian,
/// Russian, or undetermined.
///
/// Evidence, strongest first: letters specific to one language (Kazakh
/// `ә ғ қ ң ұ һ і`, Serbian Cyrillic `ђ ј љ њ ћ џ`, Turkish `ğ ı ş`, Serbian
/// Latin `č ć đ ž`), Mongolian `ү ө` without Kazakh letters, then the cue
/// words and endings of `langid.tsv`. English is `und`. A text with too little
/// of that evidence takes, when the identifier has a `vocabulary`, the language
/// of its script whose lexicon knows most of its words (a tie going to the one
/// with more of that evidence), and is `und` on a tie the evidence does not
/// break or when no lexicon knows any.
public struct LanguageIdentifier: Sendable {
    public let resources: TextResources
    /// Below this much evidence the answer is `und`, or the vocabulary's.
    public var minimumEvidence = 1.5
    /// The lexicons' words, for a text with too little evidence (nil: such a text is `und`).
    public var vocabulary: (any LanguageVocabulary)?

    /// The languages a text in each script can take from the vocabulary. Kazakh and Mongolian are also typed
    /// in Latin letters (Kazakh's 2018 alphabet, or both by ear), which their lexicons read
    /// (`LanguageFolding.transliteratesLatin`). Russian counts
    /// its own words (the Russian data the Kazakh and Mongolian lexicons share), so that a Russian text
    /// with a word Serbian also has (`приятно`, `prijatno`) is not taken for Serbian.
    static let cyrillicCandidates: [Language] = [.kk, .mn, .sr, .ru]
    static let latinCandidates: [Language] = [.tr, .sr, .kk, .mn]
    /// A known term counts when its words have at least this many letters: shorter ones (`ok`, `top`,
    /// `ок`) are written in any language.
    public static let vocabularyMinimumLetters = 4
    /// The fewest known terms for which a text that needs its own evidence (`needsOwnEvidence`) is taken
    /// for the language by the vocabulary.
    static let ownEvidenceMinimumTerms = 2

    /// Whether a text of `script` is taken for `language` only on its own evidence: its cue words, or
    /// `ownEvidenceMinimumTerms` known terms, never one term or the texts read with it. So is a text in Latin
    /// letters for Mongolian, which has no Latin alphabet: spelled in Cyrillic, `Mesai saatleriniz nedir?`
    /// has a Mongolian stem (`саат*`), and a Latin line in a Mongolian export is as often English.
    static func needsOwnEvidence(_ language: Language, in script: LetterClass) -> Bool { script == .latin && language == .mn }

    /// The cue tables of `resources`, shared by reference so that a lookup copies nothing.
    final class CueTables: Sendable {
        let words: UTF8Trie<TextResources.CueWeights>
        let suffixes: UTF8Trie<TextResources.CueWeights>
        /// Unique in the process, never 0: what a word's remembered cue weights (`WordMemo`) were read from.
        let id: UInt32
        init(_ r: TextResources) {
            words = r.cueWords
            suffixes = r.cueSuffixes
            id = Self.ids.take()
        }

        private static let ids = UniqueNumbers()
    }

    let cues: CueTables

    public init(resources: TextResources) {
        self.resources = resources
        cues = CueTables(resources)
    }

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

    /// Letter classes for identification, per scalar below `ScalarTable.limit`.
    struct LetterClass: OptionSet {
        let rawValue: UInt16
        static let latin = LetterClass(rawValue: 1 << 0)
        static let cyrillic = LetterClass(rawValue: 1 << 1)
        static let kazakh = LetterClass(rawValue: 1 << 2)
        static let serbianCyrillic = LetterClass(rawValue: 1 << 3)
        static let notSerbianCyrillic = LetterClass(rawValue: 1 << 4)
        static let mongolian = LetterClass(rawValue: 1 << 5)
        static let turkish = LetterClass(rawValue: 1 << 6)
        static let turkishShared = LetterClass(rawValue: 1 << 7)
        static let serbianLatin = LetterClass(rawValue: 1 << 8)
        static let serbianOrCzech = LetterClass(rawValue: 1 << 9)
        /// `I` or `İ`: the word needs Turkish lower-casing for the Turkish cues.
        static let turkishCapitalI = LetterClass(rawValue: 1 << 10)
    }

    static let letterClasses: [LetterClass] = (0..<ScalarTable.limit).map { v in
        var c: LetterClass = []
        if v < 0x80 {
            if (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A { c.insert(.latin) }
        } else if (0x400...0x4FF).contains(v) {
            c.insert(.cyrillic)
        } else if v < 0x250, ScalarTable.isAlphabetic(v) {
            c.insert(.latin)
        }
        if kazakhLetters.contains(v) { c.insert(.kazakh) }
        if serbianCyrillicLetters.contains(v) { c.insert(.serbianCyrillic) }
        if notSerbianCyrillic.contains(v) { c.insert(.notSerbianCyrillic) }
        if mongolianLetters.contains(v) { c.insert(.mongolian) }
        if turkishLetters.contains(v) { c.insert(.turkish) }
        if turkishLatinShared.contains(v) { c.insert(.turkishShared) }
        if serbianLatinLetters.contains(v) { c.insert(.serbianLatin) }
        if serbianOrCzech.contains(v) { c.insert(.serbianOrCzech) }
        if v == 0x49 || v == 0x130 { c.insert(.turkishCapitalI) }
        return c
    }

    /// The letter classes present in a word.
    static func letterClasses(of word: String) -> LetterClass {
        UTF8Bytes.withBytes(word, letterClasses(of:))
    }

    static func letterClasses(of p: UnsafeBufferPointer<UInt8>) -> LetterClass {
        var found: LetterClass = []
        var i = 0
        let classes = letterClasses  // once, not through `swift_once` per scalar
        while i < p.count {
            let (v, len) = UTF8Bytes.decode(p, i)
            if v < ScalarTable.limit { found.formUnion(classes[Int(v)]) }
            i += len
        }
        return found
    }

    /// Positions in `TextResources.cueLanguages`.
    private enum Slot: Int { case tr, kk, mn, sr, ru, en }

    /// The languages whose cues are looked up for a word in each script.
    private static let cyrillicSlots: [Slot] = [.kk, .mn, .ru, .sr]
    /// Mongolian's cues for Latin letters are its chat spellings (`baina`, `bayarlalaa`), in its langid.tsv.
    private static let latinSlots: [Slot] = [.tr, .sr, .en, .mn]

    /// Each language slot's score (`TextResources.cueLanguages` order): in a vector, not an array that
    /// every `+=` checks for uniqueness.
    private func slotScores(_ tokens: TokenList) -> SIMD8<Double> {
        var score = SIMD8<Double>(repeating: 0)
        let memo = WordMemo.current
        for t in tokens.indices where tokens[t].kind == .word || tokens[t].kind == .contrast {
            let (c, cues) = reading(tokens, t, memo)
            let hasCyr = c.contains(.cyrillic), hasLat = c.contains(.latin)
            if hasCyr == hasLat { continue }  // mixed script or no letters
            if hasCyr {
                let kk = c.contains(.kazakh)
                if kk { score[Slot.kk.rawValue] += 3 }
                if c.contains(.serbianCyrillic) { score[Slot.sr.rawValue] += 3 }
                if c.contains(.notSerbianCyrillic) { score[Slot.sr.rawValue] -= 1.5 }
                if c.contains(.mongolian) && !kk { score[Slot.mn.rawValue] += 1.5; score[Slot.kk.rawValue] += 0.3 }
            } else {
                if c.contains(.turkish) { score[Slot.tr.rawValue] += 3 }
                if c.contains(.turkishShared) { score[Slot.tr.rawValue] += 1 }
                if c.contains(.serbianLatin) { score[Slot.sr.rawValue] += 3 }
                if c.contains(.serbianOrCzech) { score[Slot.sr.rawValue] += 1.5 }
            }
            Self.add(cues, to: &score)
        }
        return score
    }

    /// A word's letter classes and its cue weights for the languages of its script (none for a word of
    /// mixed script or without letters), as this thread last worked them out for the same surface, form
    /// and elongation (`WordMemo`), or worked out now.
    private func reading(_ tokens: TokenList, _ t: Int, _ memo: WordMemo) -> (LetterClass, TextResources.CueWeights) {
        let elongated = tokens[t].alternative != nil
        let e = tokens.withSurface(t) { memo.entry($0, slot: tokens[t].memoSlot, surface: UTF8Bytes.string(valid: $0)) }
        if e.pointee.cueTables == cues.id, e.pointee.cueElongated == elongated,
           (tokens[t].formIsTokenizers && e.pointee.cueFromTokenizers) || tokens.formEquals(t, e.pointee.cueForm) {
            return (e.pointee.classes, e.pointee.cues)
        }
        let c = tokens.withSurface(t) { Self.letterClasses(of: $0) }
        let hasCyr = c.contains(.cyrillic), hasLat = c.contains(.latin)
        let weights = hasCyr == hasLat ? TextResources.CueWeights()
            : cueWeights(of: tokens, t, surface: e.pointee.key, slots: hasCyr ? Self.cyrillicSlots : Self.latinSlots, classes: c)
        e.pointee.cueTables = cues.id
        e.pointee.cueElongated = elongated
        e.pointee.classes = c
        e.pointee.cueForm = tokens.form(t)
        e.pointee.cueFromTokenizers = tokens[t].formIsTokenizers
        e.pointee.cues = weights
        return (c, weights)
    }

    /// The cue weights of a word for each language of `slots`. The languages that read the word under
    /// its lookup form share one look-up; Serbian, when it folds the word differently, and Turkish, for a
    /// capital `I`, look their own form up. Each language gets at most one weight per word.
    private func cueWeights(of tokens: TokenList, _ t: Int, surface: String, slots: [Slot], classes: LetterClass) -> TextResources.CueWeights {
        let tables = cues
        var found = TextResources.CueWeights()
        var formSlots: UInt8 = 0
        for slot in slots {
            let bit = UInt8(1) << UInt8(slot.rawValue)
            switch slot {
            case .sr where tokens[t].alternative == nil && WordFolder.foldsAsLower(surface, for: .sr):
                // Serbian folds this word as the tokenizer did, and it has no run to squeeze: its form is the cue form.
                formSlots |= bit
            case .sr:
                found = found.updated(with: WordFolder.withFolded(surface, with: WordFolder.serbian, fallback: { LanguageFolding.fold($0, for: .sr) }) {
                    Self.cueWeights($0, tables, slots: bit)
                })
            case .tr where classes.contains(.turkishCapitalI):
                found = found.updated(with: WordFolder.withFolded(surface, with: WordFolder.turkishLower, fallback: LanguageFolding.turkishLower) {
                    Self.cueWeights($0, tables, slots: bit)
                })
            default:
                formSlots |= bit
            }
        }
        guard formSlots != 0 else { return found }
        return found.updated(with: tokens.withForm(t) { Self.cueWeights($0, tables, slots: formSlots) })
    }

    private static func add(_ found: TextResources.CueWeights, to score: inout SIMD8<Double>) {
        TextResources.CueWeights.forEachSlot(found.present) { score[$0] += found.weights[$0] }
    }

    /// The cue weight of a word for each language of the `slots` mask: its whole-word cue, or else its
    /// longest cue ending that leaves at least two letters of the word, at 0.6 of its weight.
    private static func cueWeights(_ word: UnsafeBufferPointer<UInt8>, _ cues: CueTables, slots: UInt8) -> TextResources.CueWeights {
        var result = TextResources.CueWeights()
        if let whole = cues.words.value(forUTF8: word) {
            result.present = whole.present & slots
            result.weights = whole.weights
        }
        let rest = slots & ~result.present
        guard rest != 0 else { return result }
        var ending = TextResources.CueWeights()
        cues.suffixes.forEachPrefix(ofUTF8: word) { length, w in
            // Shortest first: a longer ending overrides a shorter one, language by language.
            guard w.present & rest != 0, leavesTwoLetters(word, length) else { return }
            TextResources.CueWeights.forEachSlot(w.present & rest) { ending.weights[$0] = w.weights[$0] }
            ending.present |= w.present & rest
        }
        TextResources.CueWeights.forEachSlot(ending.present) { result.weights[$0] = ending.weights[$0] * 0.6 }
        result.present |= ending.present
        return result
    }

    /// Whether an ending of `length` bytes leaves at least two letters of the word before it.
    @inline(__always)
    private static func leavesTwoLetters(_ word: UnsafeBufferPointer<UInt8>, _ length: Int) -> Bool {
        var letters = 0, k = 0
        while k < word.count - length, letters < 2 {
            if word[k] & 0xC0 != 0x80 { letters += 1 }
            k += 1
        }
        return letters >= 2
    }

    /// The language and a confidence in 0…1.
    public func identify(_ tokens: TokenList) -> (Language, Double) {
        let score = slotScores(tokens)
        var best = ("und", 0.0)
        var total = 0.0
        for (k, code) in TextResources.cueLanguages.enumerated() {
            let s = score[k]
            if s > 0 { total += s }
            if s > best.1 { best = (code, s) }
        }
        if best.1 < minimumEvidence { return byVocabulary(tokens, cues: score) ?? (.und, 0) }
        guard best.0 != "en", let lang = Language(rawValue: best.0) else { return (.und, 0) }
        let confidence = (best.1 / (total + 1.0) * 100).rounded() / 100
        return (lang, confidence)
    }

    /// The language of the text's script whose lexicon knows most of its terms, and a confidence as
    /// `identify` gives one (its known terms against all the candidates' and one more). Between languages
    /// that know as many, the letters and cue words decide after all, though too few to decide alone
    /// (`bravo za…`: Turkish and Serbian both know `bravo`, `za` is a Serbian cue). Nil without a
    /// vocabulary, for a text of no script or of both, when no lexicon knows a term, or on a tie that
    /// the cues do not break.
    private func byVocabulary(_ tokens: TokenList, cues: SIMD8<Double>) -> (Language, Double)? {
        guard let vocabulary, let script = Self.script(of: tokens) else { return nil }
        let candidates = Self.vocabularyCandidates(script, cues: cues)
        let terms = candidates.map { language -> Int in
            let known = vocabulary.knownTerms(in: tokens, language: language, minimumLetters: Self.vocabularyMinimumLetters)
            return Self.needsOwnEvidence(language, in: script) && known < Self.ownEvidenceMinimumTerms ? 0 : known
        }
        guard let most = terms.max(), most > 0 else { return nil }
        let tied = candidates.indices.filter { terms[$0] == most }
        func cue(_ k: Int) -> Double { TextResources.cueLanguages.firstIndex(of: candidates[k].rawValue).map { cues[$0] } ?? 0 }
        let ranked = tied.sorted { cue($0) > cue($1) }
        guard ranked.count == 1 || cue(ranked[0]) > max(0, cue(ranked[1])) else { return nil }
        return (candidates[ranked[0]], (Double(most) / Double(terms.reduce(0, +) + 1) * 100).rounded() / 100)
    }

    /// The languages whose lexicons may decide a text of `script`: those written in it, but not Serbian for
    /// a Cyrillic text whose letters count against it (`ы`, `й`, `я` and the other letters Serbian
    /// Cyrillic has not: `Проблему решили за 5 минут, молодцы` is Russian, though the Serbian lexicon
    /// knows `rešili` as well).
    static func vocabularyCandidates(_ script: LetterClass, cues: SIMD8<Double>) -> [Language] {
        guard script == .cyrillic else { return latinCandidates }
        guard let sr = TextResources.cueLanguages.firstIndex(of: Language.sr.rawValue), cues[sr] < 0 else { return cyrillicCandidates }
        return cyrillicCandidates.filter { $0 != .sr }
    }

    /// Whether the text can take `language` from the texts read with it, by its script: Turkish is written in
    /// Latin letters, Mongolian and Russian in Cyrillic, Kazakh and Serbian in both; a text of neither script
    /// (emoji, numbers) or of both can take any; none that needs its own evidence (`needsOwnEvidence`).
    func admits(_ language: Language, _ tokens: TokenList) -> Bool {
        guard let script = Self.script(of: tokens) else { return true }
        if Self.needsOwnEvidence(language, in: script) { return false }
        return (script == .cyrillic ? Self.cyrillicCandidates : Self.latinCandidates).contains(language)
    }

    /// The script most of the text's words are written in (`.cyrillic` or `.latin`; nil when neither has
    /// more words, a word of mixed script counting for none).
    static func script(of tokens: TokenList) -> LetterClass? {
        var cyrillic = 0, latin = 0
        for t in tokens.indices where tokens[t].kind == .word || tokens[t].kind == .contrast {
            let c = tokens.withSurface(t) { letterClasses(of: $0) }
            let hasCyr = c.contains(.cyrillic), hasLat = c.contains(.latin)
            if hasCyr != hasLat {
                if hasCyr { cyrillic += 1 } else { latin += 1 }
            }
        }
        return cyrillic > latin ? .cyrillic : latin > cyrillic ? .latin : nil
    }
}
