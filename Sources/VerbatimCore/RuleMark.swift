/// What one sentiment rule did to a matched term, kept as a value: the rule and the entry or words that
/// triggered it. It is written out (`negation(değil)`, `contrast(after ama)`) only when evidence is
/// formatted for a row that is written (`records.csv`, `--explain`, the top verbatims), never while a
/// record is scored. A word that comes from a data file is that entry's own text, shared, not a copy.
public enum RuleMark: Hashable, Sendable, CustomStringConvertible {
    /// Negated by negation words (`değil`, `nije nimalo`: the words in text order, joined by a space).
    case negation(String)
    /// Negated inside the word, by a suffix (`-ma`) or a prefix (`ne-`), written with its hyphen.
    case affixNegation(String)
    case intensifier(String)
    case dampener(String)
    /// The clause follows a contrast word (`ama`): its words, lower-cased, as written in the text.
    case contrastAfter(String)
    /// The clause precedes a contrast word.
    case contrastBefore(String)
    /// The term stands in a concessive clause (`iako`, `gerçi`).
    case concession(String)
    /// The term stands in the main clause of a sentence with a concessive clause.
    case mainClause(String)
    case caps
    case elongation
    /// A learned word pair (`LanguageLexicon.learnedPairs`).
    case pair
    /// A learned valence of a rule word (an intensifier, a contrast word, a number).
    case ruleWord
    /// A rating written in the text (`3/10`): it scores by where it stands on its scale.
    case rating
    /// A negation word with no sentiment word to negate (`cevap yok`): a complaint on its own.
    case negationAlone
    /// A word that ends like a negated verb and negates nothing: a complaint on its own.
    case negatedVerb
    /// The `!` that emphasise the whole text, and how many there are.
    case emphasis(bangs: Int)
    /// An aspect phrase (`aspects.tsv`) of this theme.
    case aspect(theme: String)
    /// An aspect cue of this theme.
    case aspectCue(theme: String)
    /// An aspect outcome of this theme.
    case aspectOutcome(theme: String)
    /// Praise made sarcastic by what follows it (`Harika, yine internet kesildi`): the word that says "again".
    case sarcasm(String)
    /// Praise followed by an irony mark (`Teşekkürler(!)`): the mark as written.
    case irony(String)
    /// A term in an unreal condition (`Daha hızlı olsaydı`, "had it been faster"): what marks it, as its data
    /// file writes it (an ending with its hyphen, `-saydı`).
    case counterfactual(String)
    /// A term in a real condition (`Bir sorun yaşarsanız`, "if you have a problem"): what it supposes may not
    /// happen, and weighs nothing. What marks it, as its data file writes it (an ending with its hyphen).
    case condition(String)
    /// Praise of another company (`Rakip firma çok daha iyi`, "the competitor is much better"): a complaint
    /// about this one. The name of the other company, as its data file writes it.
    case competitor(String)
    /// Praise in a question (`Param ne zaman iade edilecek?`, "when will my money be refunded?"; `Param iade
    /// edildi mi?`, "was my money refunded?"): what is asked about has not happened yet, or is in doubt. The
    /// word that asks, as its data file writes it.
    case question(String)
    /// A negation that a "cannot help but" frame cancels (`hayran kalmamak elde değil`, "one cannot help
    /// admiring"; `не могу не поблагодарить`, "I cannot not thank"): the term stands as written. The
    /// frame as its data file writes it, after the suffix it cancels, if any (`-mam elde değil`).
    case cannotHelp(String)
    /// Negated by one member of "neither … nor" (`Ne özür dilediler ne de paramı iade ettiler`, "they neither
    /// apologised nor refunded my money"): the member as its data file writes it.
    case neitherNor(String)

    /// The mark as `--explain` and `records.csv` write it.
    public var description: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return UTF8Bytes.string(valid: bytes)
    }

    /// Whether the term was negated in any way (by words, inside the word, or as a complaint on its own).
    public var isNegation: Bool {
        switch self {
        case .negation, .affixNegation, .negationAlone, .negatedVerb, .counterfactual, .neitherNor: true
        default: false
        }
    }

    /// Appends the UTF-8 of `description` to `bytes`.
    public func append(to bytes: inout [UInt8]) {
        switch self {
        case let .negation(w), let .affixNegation(w): Self.append("negation(", w, to: &bytes)
        case let .intensifier(w): Self.append("intensifier(", w, to: &bytes)
        case let .dampener(w): Self.append("dampener(", w, to: &bytes)
        case let .contrastAfter(w): Self.append("contrast(after ", w, to: &bytes)
        case let .contrastBefore(w): Self.append("contrast(before ", w, to: &bytes)
        case let .concession(w): Self.append("concession(", w, to: &bytes)
        case let .mainClause(w): Self.append("main clause(", w, to: &bytes)
        case .caps: UTF8Bytes.appendStatic("caps", to: &bytes)
        case .elongation: UTF8Bytes.appendStatic("elongation", to: &bytes)
        case .pair: UTF8Bytes.appendStatic("pair", to: &bytes)
        case .ruleWord: UTF8Bytes.appendStatic("rule word", to: &bytes)
        case .rating: UTF8Bytes.appendStatic("rating", to: &bytes)
        case .negationAlone: UTF8Bytes.appendStatic("negation without a sentiment word", to: &bytes)
        case .negatedVerb: UTF8Bytes.appendStatic("negated verb", to: &bytes)
        case let .emphasis(bangs): Self.append("emphasis(!×", String(bangs), to: &bytes)
        case let .aspect(theme): Self.append("aspect(", theme, to: &bytes)
        case let .aspectCue(theme): Self.append("aspect cue(", theme, to: &bytes)
        case let .aspectOutcome(theme): Self.append("aspect outcome(", theme, to: &bytes)
        case let .sarcasm(w): Self.append("sarcasm(", w, to: &bytes)
        case let .irony(w): Self.append("irony(", w, to: &bytes)
        case let .counterfactual(w): Self.append("counterfactual(", w, to: &bytes)
        case let .condition(w): Self.append("condition(", w, to: &bytes)
        case let .competitor(w): Self.append("competitor(", w, to: &bytes)
        case let .question(w): Self.append("question(", w, to: &bytes)
        case let .cannotHelp(w): Self.append("cannot help(", w, to: &bytes)
        case let .neitherNor(w): Self.append("neither nor(", w, to: &bytes)
        }
    }

    /// `name` `word` `)`.
    private static func append(_ name: StaticString, _ word: String, to bytes: inout [UInt8]) {
        UTF8Bytes.appendStatic(name, to: &bytes)
        UTF8Bytes.append(word, to: &bytes)
        bytes.append(0x29)
    }
}
