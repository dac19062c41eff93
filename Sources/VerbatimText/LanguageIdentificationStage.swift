import VerbatimCore

/// The `language` stage: identifies the language (unless the source
/// declares it; a text it leaves undetermined takes its context's language,
/// `FeedbackRecord.contextLanguage`, when it has one), re-folds word forms for
/// that language, and marks contrast conjunctions, which start a new clause.
public struct LanguageIdentificationStage: RecordStage {
    /// The name under which a pipeline file selects it (`stages: - use: language`).
    public static let stageName = "language"
    public var name: String { Self.stageName }
    public let identifier: LanguageIdentifier
    public let resources: TextResources

    let contrast: [Language: ContrastIndex]

    /// `vocabulary`: the lexicons' words, which decide a text with too little evidence for the identifier
    /// (`LanguageIdentifier.vocabulary`); without it such a text is `und`.
    public init(resources: TextResources, vocabulary: (any LanguageVocabulary)? = nil) {
        self.resources = resources
        var identifier = LanguageIdentifier(resources: resources)
        identifier.vocabulary = vocabulary
        self.identifier = identifier
        contrast = resources.contrast.mapValues(ContrastIndex.init)
    }

    /// Identifies the record's language and folds its words for the lexicon that reads it. A record that
    /// may yet take the language of the texts around it (`waitsForContext`) is identified but not folded:
    /// `settle` finishes it once that language is known (`ContextualStages`).
    public func process(_ record: inout FeedbackRecord) {
        if let declared = record.declaredLanguage {
            record.language = declared
            record.languageConfidence = 1
        } else {
            (record.language, record.languageConfidence) = identifier.identify(record.tokens)
            adoptContext(&record)
        }
        if Self.waitsForContext(record) { return }
        fold(&record)
    }

    /// Whether a record the stage has identified may still take its context's language: undetermined,
    /// or in a language that a scored one borrows from (Russian: which lexicon reads it depends on the
    /// file), and declared by nothing, with no context given yet.
    public static func waitsForContext(_ record: FeedbackRecord) -> Bool {
        waitsForContext(language: record.language, declared: record.declaredLanguage, context: record.contextLanguage)
    }

    /// The same, from the three fields it reads: a caller holding records in place asks with their
    /// fields (handing over a whole record copied it, every string of it retained and released).
    public static func waitsForContext(language: Language, declared: Language?, context: Language?) -> Bool {
        // Most records are in a scored language: one look at a short list, nothing more.
        !Language.scored.contains(language) && (language == .und || language.isBorrowed) && declared == nil && context == nil
    }

    /// Finishes a record that `process` left waiting: gives it `context`, the language of the texts
    /// around it (nil: none is known), and folds its words for the lexicon that reads it.
    public func settle(_ record: inout FeedbackRecord, context: Language?) {
        record.contextLanguage = context
        adoptContext(&record)
        fold(&record)
    }

    /// Too little of its own to go on: an undetermined text takes the language of the texts around it
    /// (`LanguageContext`), when its script is one that language is written in (no Cyrillic text is
    /// taken for Turkish).
    private func adoptContext(_ record: inout FeedbackRecord) {
        guard record.language == .und, let context = record.contextLanguage, identifier.admits(context, record.tokens) else { return }
        (record.language, record.languageConfidence) = (context, 0)
    }

    /// Folds the words for the lexicon that reads the text (a Russian text in a Kazakh file: as the
    /// Kazakh lexicon reads Russian words) and marks its clauses.
    private func fold(_ record: inout FeedbackRecord) {
        let reading = record.scoringLanguage
        Self.refold(&record.tokens, for: reading)
        Self.markClauses(&record.tokens, contrast: contrast[reading] ?? ContrastIndex([]))
    }

    /// Re-folds word forms for `language` (Turkish casing, Serbian script and diacritics).
    public static func refold(_ tokens: inout TokenList, for language: Language) {
        guard Language.scored.contains(language) else { return }
        let memo = WordMemo.current
        let keeps = WordFolder.keepingBit(language)
        for i in tokens.indices where tokens[i].kind == .word {
            // The tokenizer knows the word folds for the language as it folded it: nothing to look up.
            if tokens[i].keepsFormsIn & keeps != 0 { continue }
            let elongated = tokens[i].alternative != nil
            let slot = tokens[i].memoSlot
            let folded = tokens.withSurface(i) { forms(of: $0, slot: slot, elongated: elongated, for: language, memo) }
            // Most words fold for their language as the tokenizer folded them: they keep its forms.
            if folded.keeps { continue }
            tokens.setForm(i, folded.form)
            if elongated { tokens.setAlternative(i, folded.alternative) }
        }
    }

    /// Whether a word folds for `language` as the tokenizer folded it, else its forms for the language:
    /// as this thread last worked them out for the same surface (`WordMemo`), or worked out now.
    private static func forms(
        of p: UnsafeBufferPointer<UInt8>, slot: Int32, elongated: Bool, for language: Language, _ memo: WordMemo
    ) -> (keeps: Bool, form: String, alternative: String?) {
        let e = memo.entry(p, slot: slot, surface: UTF8Bytes.string(valid: p))
        if e.pointee.foldedFor != language || e.pointee.foldedElongated != elongated {
            let surface = e.pointee.key
            e.pointee.foldedFor = language
            e.pointee.foldedElongated = elongated
            e.pointee.keeps = WordFolder.foldsAsLower(surface, for: language)
            if e.pointee.keeps {
                (e.pointee.languageForm, e.pointee.languageAlternative) = ("", nil)
            } else {
                let (form, alternative, _) = WordFolder.forms(of: surface, for: language, alternative: elongated)
                (e.pointee.languageForm, e.pointee.languageAlternative) = (form, alternative)
            }
        }
        if e.pointee.keeps { return (true, "", nil) }
        return (false, e.pointee.languageForm, e.pointee.languageAlternative)
    }

    /// Numbers clauses: a new sentence or a contrast conjunction starts a new clause.
    public static func markClauses(_ tokens: inout TokenList, contrast: [[String]]) {
        markClauses(&tokens, contrast: ContrastIndex(contrast))
    }

    static func markClauses(_ tokens: inout TokenList, contrast: ContrastIndex) {
        var clause = 0
        var lastSentence = tokens.first?.sentence ?? 0
        var clauseHasWords = false
        var i = 0
        while i < tokens.count {
            if tokens[i].sentence != lastSentence {
                if clauseHasWords { clause += 1 }
                clauseHasWords = false
                lastSentence = tokens[i].sentence
            }
            if tokens[i].kind == .word, let len = contrast.length(of: tokens, at: i) {
                if clauseHasWords { clause += 1 }
                clauseHasWords = false
                for k in i..<(i + len) { tokens[k].kind = .contrast; tokens[k].clause = clause }
                i += len
                continue
            }
            if tokens[i].kind == .word || tokens[i].kind == .emoji || tokens[i].kind == .emoticon { clauseHasWords = true }
            tokens[i].clause = clause
            i += 1
        }
    }
}

/// The contrast conjunctions of one language (`ama`, `yine de`), indexed by their first word.
struct ContrastIndex: Sendable {
    private var byFirstWord = UTF8Trie<[[String]]>()
    /// Per byte length of a first word (0...63), one bit per `shapeBit` of its bytes: a word whose bit is
    /// clear starts no conjunction, and is not walked (the words of a text are nearly all such words).
    private var shapes = [UInt64](repeating: 0, count: 64)

    init(_ entries: [[String]]) {
        for words in entries where !words.isEmpty {
            byFirstWord.insert(words[0], [words], merge: +)
            UTF8Bytes.withBytes(words[0]) { shapes[$0.count & 63] |= Self.shapeBit(of: $0) }
        }
    }

    /// A word's bit among the 64 of its length: from its second and last bytes, which vary in Cyrillic
    /// as in Latin script (a Cyrillic word's first byte is nearly always 0xD0 or 0xD1), and its first.
    @inline(__always) private static func shapeBit(of word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let last = word.last else { return 0 }
        let second = word.count > 1 ? word[1] : 0
        return 1 << UInt64((word[0] &+ second &* 5 &+ last &* 11) & 63)
    }

    /// The length in words of the longest conjunction starting at token `i`.
    func length(of tokens: TokenList, at i: Int) -> Int? {
        // Walked on its contiguous bytes, not through a UTF8View.
        let found = tokens.withForm(i) { word in
            shapes[word.count & 63] & Self.shapeBit(of: word) == 0 ? nil : byFirstWord.value(forUTF8: word)
        }
        guard let candidates = found else { return nil }
        var best: Int?
        for words in candidates where words.count > (best ?? 0) {
            guard i + words.count <= tokens.count else { continue }
            var ok = true
            for (k, w) in words.enumerated() where tokens[i + k].kind != .word || !tokens.formEquals(i + k, w) { ok = false; break }
            if ok { best = words.count }
        }
        return best
    }
}
