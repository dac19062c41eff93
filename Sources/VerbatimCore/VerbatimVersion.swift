/// The version of Verbatim, written only here.
///
/// `verbatim --version`, `summary.json` and `manifest.json` (`tool_version`),
/// the footer and generator tag of `report.html`, a partial's header (which
/// `merge` compares) and the store's `runs` rows all take it from here.
public enum VerbatimVersion {
    public static let current = "0.1.0"
}
