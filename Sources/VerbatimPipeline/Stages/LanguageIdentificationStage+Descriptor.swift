import VerbatimText

extension LanguageIdentificationStage {
    static let descriptor = StageDescriptor(
        name: stageName, kind: .language, requires: [.normalize], options: [],
        summary: "identifies tr/kk/mn/sr/ru/und (short texts by the words the lexicons know; a text left und takes its file's language), folds words per language, marks clauses",
        typeName: String(describing: Self.self), usesRoster: false,
        make: { context, _ in LanguageIdentificationStage(resources: context.text, vocabulary: context.compiled) })
}
