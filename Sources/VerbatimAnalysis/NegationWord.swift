/// What a negation word before a term does (`negation.tsv`, `NegationWordRule`, `CannotHelpRule`).
public enum NegationWord: Sendable, Equatable {
    /// It negates the term (`ne`, `nije`, Russian `не`; kind `before`).
    case negates
    /// It ends a "cannot help but" frame whose own negation it cancels (`не могу не`, "I cannot not";
    /// `ne mogu a da ne`; kind `cannot-help-before`): the term after it stands, as it is written.
    case cannotHelp
}
