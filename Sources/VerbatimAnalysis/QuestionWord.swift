/// What a word of a question does (`condition.tsv`, `QuestionRule`).
public enum QuestionWord: Sendable, Equatable {
    /// It asks when (`ne zaman`, `қашан`, `kada`, `когда`): the praise after it, up to the `?`, has not happened.
    case asksWhen
    /// It asks whether (`mi`, `ма`, `уу`, `li`, `ли`): the praise in its clause, up to the `?`, is asked about.
    case asksWhether
    /// It makes the question answer itself (`değil mi`, "isn't it?"; `olur mu`, "can there be?"): its
    /// praise stands.
    case rhetorical
}
