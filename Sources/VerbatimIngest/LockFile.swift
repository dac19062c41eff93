/// The lock files office programs keep beside a file they have open: Excel's `~$name` and
/// LibreOffice's `.~lock.name#`. An input folder skips them (`FormatSniffer.skipReason`); a reports
/// folder may hold them beside a report that is open (`OutputFolder.isOwn`).
public enum LockFile {
    /// Excel (and Word): `~$` before the name, whose first characters it may drop.
    public static let officePrefix = "~$"
    /// LibreOffice: `.~lock.` before the name and `#` after it.
    public static let libreOfficePrefix = ".~lock."

    /// Which program a lock file named `fileName` belongs to, or nil when it is no lock file.
    public static func program(of fileName: String) -> String? {
        if fileName.hasPrefix(officePrefix) { return "Excel" }
        if fileName.hasPrefix(libreOfficePrefix) { return "LibreOffice" }
        return nil
    }

    /// The name of the file a lock file locks (`records.csv` for `.~lock.records.csv#`), or nil.
    public static func lockedName(_ fileName: String) -> String? {
        if fileName.hasPrefix(officePrefix) { return String(fileName.dropFirst(officePrefix.count)) }
        guard fileName.hasPrefix(libreOfficePrefix) else { return nil }
        let rest = fileName.dropFirst(libreOfficePrefix.count)
        return String(rest.hasSuffix("#") ? rest.dropLast() : rest)
    }
}
