/// A row or a whole file set aside, with the reason, for `rejects.csv`.
public struct Reject: Sendable, Hashable {
    public var provenance: Provenance
    /// What is wrong, written for a CX analyst.
    public var reason: String
    /// The raw row or element, truncated.
    public var raw: String
    /// True when the whole file was rejected.
    public var wholeFile: Bool

    public init(provenance: Provenance, reason: String, raw: String = "", wholeFile: Bool = false) {
        self.provenance = provenance
        self.reason = reason
        self.raw = raw.count > 200 ? String(raw.prefix(200)) + "…" : raw
        self.wholeFile = wholeFile
    }
}
