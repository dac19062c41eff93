import VerbatimCore

/// The lexicons of every language compiled for the hot path (`LexiconRef`: borrowed, with its
/// `TermAutomaton`). Built once per pipeline and shared by its sentiment and themes stages, so that the
/// marks one writes on words serve the other.
public struct CompiledLexicons: Sendable {
    let refs: [Language: LexiconRef]

    public init(_ set: LexiconSet) { refs = set.languages.mapValues(LexiconRef.init) }
}
