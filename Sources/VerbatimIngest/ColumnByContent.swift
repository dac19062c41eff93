import Foundation
import VerbatimCore

/// Finds a table's date and channel columns by what they hold, when no header names them: survey and
/// CRM tools name them in their own words (`Gönderim Tarihi`, `İletişim Kanalı`, `Дата обращения`),
/// and a column `headers.tsv` does not list would otherwise be left unread, its records with no day or
/// channel. The column taken is the first, left to right, among those no other field reads, whose
/// filled sampled answers are all written dates, or all channel names `channels.tsv` knows. All, not
/// most: a value of the column that is not a date rejects its row (as in a column named as the date),
/// so one that says otherwise in the sample ("bilinmiyor", a note) leaves the column unread.
/// The manifest says which column was taken and why (`columns_by_content`).
///
/// A date must be written as one, its year whole (`05.12.2026`, `2026-12-05 14:35`, `5 Aralık 2026`):
/// digits alone (`20261205`, an Excel serial day, a Unix time) are what ticket and record numbers look
/// like, and `4.12.30` what an app's version looks like, so they are read as dates only in a column
/// that is named as the date.
enum ColumnByContent {
    /// A column chosen, and why (for the manifest).
    struct Choice: Equatable {
        var index: Int
        var reason: String
    }

    /// The date column among `candidates` (column positions, tried in order), or nil.
    static func date(_ answers: [[String]], names: [String], candidates: [Int], months: MonthNames) -> Choice? {
        first(answers, names: names, candidates: candidates, field: "date", kind: "dates") { isWrittenDate($0, months: months) }
    }

    /// The channel column among `candidates`, or nil.
    static func channel(_ answers: [[String]], names: [String], candidates: [Int], channels: ChannelNames) -> Choice? {
        first(answers, names: names, candidates: candidates, field: "channel", kind: "channel names lexicons/channels.tsv knows") {
            channels.knows($0)
        }
    }

    /// Whether `value` is a date written with something besides digits and with its year whole (four
    /// digits, or a month's name), read day first or month first: `4.12.30` may be an app's version.
    static func isWrittenDate(_ value: String, months: MonthNames) -> Bool {
        guard value.utf8.contains(where: { $0 < 0x30 || $0 > 0x39 }), hasFourDigitsOrLetters(value) else { return false }
        return DateNormalizer.normalize(value) != nil || DateNormalizer.normalize(value, monthFirst: true) != nil
            || DateNormalizer.normalizeNamed(value, months: months) != nil
    }

    /// Whether `value` has a run of four digits (a year) or a letter (a month's name).
    private static func hasFourDigitsOrLetters(_ value: String) -> Bool {
        var run = 0
        for b in value.utf8 {
            if b >= 0x30 && b <= 0x39 { run += 1; if run == 4 { return true } } else { run = 0 }
            if b >= 0x80 || (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { return true }
        }
        return false
    }

    /// The first candidate whose filled answers are all of the kind `matches` tells.
    private static func first(
        _ answers: [[String]], names: [String], candidates: [Int], field: String, kind: String, matches: (String) -> Bool
    ) -> Choice? {
        for c in candidates {
            let filled = answers.compactMap { c < $0.count ? $0[c].trimmingCharacters(in: .whitespacesAndNewlines) : nil }.filter { !$0.isEmpty }
            guard !filled.isEmpty else { continue }
            guard filled.allSatisfy(matches) else { continue }
            let name = c < names.count ? names[c] : "column \(c + 1)"
            return Choice(index: c, reason: "column '\(name)': no header names the \(field) column; the \(filled.count) answers sampled are all \(kind)")
        }
        return nil
    }
}
