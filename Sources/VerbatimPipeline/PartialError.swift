/// Why a partial could not be written or read, or why `verbatim merge`
/// refused a set of partials. Each message names the partial and says what
/// to do.
public enum PartialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The partial file cannot be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is not a partial written by `verbatim run --partial`.
    case notAPartial(path: String)
    /// A partial in another format (`verbatim-partial 3`): written by a different version of Verbatim.
    case olderFormat(path: String, format: String)
    /// The partial ends before its end line: the shard that wrote it did not finish.
    case incomplete(path: String)
    /// A line of the partial cannot be understood.
    case damaged(path: String, line: Int, reason: String)
    /// The partial was made with another pipeline file, other linguistic data or another version of Verbatim.
    case differentPipeline(path: String, what: String, partial: String, merge: String)
    /// Two partials were cut into a different number of shards.
    case differentShardCounts(path: String, count: Int, otherPath: String, otherCount: Int)
    /// Some partials say which shard they are and others do not.
    case unlabelled(path: String, labelled: String)
    /// A shard of the run is not among the partials.
    case shardMissing(index: Int, count: Int)
    /// The same shard is given twice.
    case shardTwice(index: Int, count: Int, path: String, otherPath: String)
    /// One input file is in two partials.
    case fileInTwoPartials(file: String, path: String, otherPath: String)
    /// `merge` was given no partials.
    case noPartials(String)
    /// The partial could not be written.
    case cannotWrite(path: String, reason: String)
    /// The partial's path is a folder, or a file that is not a partial (an export given by mistake), which it would replace.
    case notReplaceable(path: String, isFolder: Bool)
    /// A file named by `--files-from` is not in the input folder.
    case unknownFile(file: String, input: String)

    public var description: String {
        switch self {
        case let .unreadable(p, reason): "cannot read the partial '\(p)': \(reason)"
        case let .notAPartial(p): "'\(p)' is not a partial written by `verbatim run --partial`"
        case let .olderFormat(p, format):
            "the partial '\(p)' is in another format ('\(format)', this merge reads '\(RunPartial.magic)'): it was written by a different version of Verbatim; run that shard again with this one"
        case let .incomplete(p):
            "the partial '\(p)' is incomplete (it has no end line): the shard that wrote it did not finish; run that shard again"
        case let .damaged(p, line, reason): "the partial '\(p)' is damaged at line \(line): \(reason); run that shard again"
        case let .differentPipeline(p, what, partial, merge):
            "the partial '\(p)' was made with a different \(what) (\(partial), the merge has \(merge)): "
                + "run every shard and the merge with the same pipeline file, linguistic data and Verbatim version"
        case let .differentShardCounts(p, n, o, m):
            "the partial '\(p)' is one of \(n) shards but '\(o)' is one of \(m): merge the partials of one sharded run only"
        case let .unlabelled(p, labelled):
            "the partial '\(p)' does not say which shard it is, but '\(labelled)' does: merge the partials of one sharded run only"
        case let .shardMissing(i, n): "shard \(i)/\(n) is missing: run `verbatim run --shard \(i)/\(n) --partial …` and merge again"
        case let .shardTwice(i, n, p, o): "shard \(i)/\(n) is given twice ('\(o)' and '\(p)'): give each shard's partial once"
        case let .fileInTwoPartials(f, p, o):
            "the input file '\(f)' is in two partials ('\(o)' and '\(p)'): each file must belong to exactly one shard"
        case let .noPartials(p): "no partials to merge in '\(p)' (expected files written by `verbatim run --partial`)"
        case let .cannotWrite(p, reason): "cannot write the partial '\(p)': \(reason)"
        case let .notReplaceable(p, isFolder):
            isFolder
                ? "'\(p)' is a folder; --partial takes the partial file to write (e.g. \(p)/shard-0.partial); nothing was read"
                : "'\(p)' exists and is not a partial (its first line is not '\(RunPartial.magic)'); a shard replaces only a partial: "
                    + "give a new file, or remove that one first; nothing was read"
        case let .unknownFile(f, input): "'\(f)' (from --files-from) is not an input file of '\(input)' (see `verbatim list --input \(input)`)"
        }
    }
}
