import Foundation

/// Why `verbatim learn` wrote no layer. Each message names the file and line
/// where there is one, and says what to do.
public enum LearnError: LocalizedError, Equatable {
    /// A `label<TAB>text` line whose label is not pos, neg or neu.
    case unknownLabel(file: String, line: Int, label: String)
    /// A labelled file line without a TAB between label and text.
    case noText(file: String, line: Int)
    /// A labelled file line longer than one text may be (`SourceOptions.defaultMaxRecordBytes`).
    case lineTooLong(file: String, line: Int, bytes: Int, limit: Int)
    /// A rating outside the scale the thresholds are for.
    case ratingOutOfRange(file: String, line: Int, rating: Double, scale: String)
    /// An export whose records carry no rating to learn from.
    case noRatingColumn(file: String)
    /// An export whose rated rows all have an empty comment.
    case noRatedText(file: String, ratedWithoutText: Int)
    /// An input that could not be read at all.
    case unreadable(file: String, reason: String)
    /// Too few positive or negative texts to learn anything.
    case tooLittleData(positives: Int, negatives: Int)
    /// The data moved no valence and found no new term with enough support.
    case nothingLearned
    /// The temporary spool of the second pass could not be written or read.
    case spool(path: String)
    /// The layer could not be written.
    case write(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .unknownLabel(file, line, label):
            "\(file) line \(line): unknown label '\(label)' (expected pos, neg or neu)"
        case let .noText(file, line):
            "\(file) line \(line): expected 'label<TAB>text'"
        case let .lineTooLong(file, line, bytes, limit):
            "\(file) line \(line): \(bytes) bytes, longer than the \(limit / (1 << 20)) MiB one text may have (is a line break missing?)"
        case let .ratingOutOfRange(file, line, rating, scale):
            "\(file) line \(line): rating \(String(format: "%g", rating)) is outside the \(scale) scale; pass --scale to say which scale the export uses"
        case let .noRatingColumn(file):
            "\(file): no record has a rating, so there is nothing to learn from; export the rating column, or label the texts (label<TAB>text)"
        case let .noRatedText(file, n):
            "\(file): \(n) row\(n == 1 ? " has" : "s have") a rating but no comment, and no row has both, so there is nothing to learn from; export the comment column with the ratings"
        case let .unreadable(file, reason):
            "\(file): \(reason)"
        case let .tooLittleData(positives, negatives):
            "too little data to learn anything: \(positives) positive and \(negatives) negative texts (at least \(LexiconLearner.minimumTexts) of each are needed); nothing was written"
        case .nothingLearned:
            "the data changed no valence and showed no new term often enough to learn it; nothing was written"
        case let .spool(path):
            "cannot write or read the temporary file \(path)"
        case let .write(path, reason):
            "cannot write \(path): \(reason)"
        }
    }
}
