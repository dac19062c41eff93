import VerbatimCore

/// What the analysis stages work out for a word's lookup form against one compiled lexicon, remembered
/// per thread (a `WordTable`: bounded, 16,384 forms), so that a form is looked up once per thread rather
/// than once per occurrence. Each answer is a function of the form and of the compiled lexicon, which
/// the entry names by its automaton's number (`TermAutomaton.id`, unique in the process): an answer
/// for another lexicon is never taken, and outputs do not change.
final class FormMemo {
    struct Entry: WordTableEntry {
        /// The lookup form.
        var key: String
        /// Its mark (`TermAutomaton.mark`) by automaton `markedBy` (0: none yet).
        var markedBy: UInt32 = 0
        var mark = TermLookup()

        init(key: String) { self.key = key }
    }

    let forms = WordTable<Entry>()

    /// This thread's memo.
    static var current: FormMemo { local.value }
    private static let local = ThreadLocal { FormMemo() }
}
