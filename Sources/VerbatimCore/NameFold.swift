import Foundation

/// The spellings of one employee or channel that the run's tables count as one name.
///
/// Exports spell a name as their tool or their typist does: `Ayşe Yılmaz` in the survey tool,
/// `AYŞE YILMAZ` in the CRM, `Ayse Yilmaz` typed without Turkish letters, `Ayşe  Yılmaz` with two
/// spaces; `Јелена Петровић` on one Serbian export and `Jelena Petrović` on the next; `Twitter`,
/// `twitter` and `TWITTER`. Counted apart, one agent became five scorecard rows, each with "too few
/// responses", and left the ranking. A name's key ignores case (Turkish `I`/`İ` included), spaces and
/// hyphens (`E-mail`, `Email` and `E mail`; `И-мэйл` and `Имэйл`; `Marić-Petrović` and `Marić Petrović`),
/// diacritics (`ş` is `s`, `ı` is `i`), the letters Kazakh adds to Cyrillic (`ү` is `у`) and
/// Serbian's script (Cyrillic is read in Latin letters); what the tables show is the spelling most
/// of its records use (`display`).
public enum NameFold {
    /// The key under which spellings of one name are counted together.
    public static func key(_ name: String) -> String {
        let folded = name.lowercased().folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        out.reserveCapacity(folded.utf8.count)
        for u in folded.unicodeScalars where !u.properties.isWhitespace && u.properties.generalCategory != .dashPunctuation {
            appendLatin(u, to: &out)
        }
        return out
    }

    /// A lower-case, diacritic-free scalar of a name, Cyrillic read in Latin letters: the letters Kazakh
    /// adds as those they are typed as without them (`ү` → `у`), then Serbian's transliteration with its
    /// diacritics dropped (`ч` → `c`, `ђ` → `dj`); Turkish `ı` as `i`. Russian letters outside both stay:
    /// the key only has to agree with itself.
    private static func appendLatin(_ u: UnicodeScalar, to out: inout String) {
        let base = ScriptFolding.kazakhSkeleton[u.value] ?? u
        guard let latin = ScriptFolding.serbianCyrillicToLatin[base.value] else {
            out += u == "ı" ? "i" : u == "đ" ? "dj" : String(base)
            return
        }
        // `č ć š ž đ dž` of the transliteration, without their marks.
        out += latin.replacingOccurrences(of: "đ", with: "dj").folding(options: .diacriticInsensitive, locale: nil)
    }

    /// Of the spellings of one name with how many records each has, the one the tables show: the most
    /// used; among as many, one written in mixed case (`Ayşe Yılmaz`, not `AYŞE YILMAZ`), with single
    /// spaces, with its letters' marks (`Ayşe`, not `Ayse`), then the first in code-point order: the
    /// choice never depends on the order the records came in.
    public static func display(_ spellings: [(name: String, count: Int)]) -> String {
        func mixed(_ s: String) -> Bool { s != s.uppercased() && s != s.lowercased() }
        func singleSpaced(_ s: String) -> Bool { !s.contains("  ") }
        func marks(_ s: String) -> Int { s.unicodeScalars.filter { $0.value > 0x7F }.count }
        return spellings.min { a, b in
            if a.count != b.count { return a.count > b.count }
            if mixed(a.name) != mixed(b.name) { return mixed(a.name) }
            if singleSpaced(a.name) != singleSpaced(b.name) { return singleSpaced(a.name) }
            if marks(a.name) != marks(b.name) { return marks(a.name) > marks(b.name) }
            return a.name.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.name.unicodeScalars.map(\.value))
        }?.name ?? ""
    }

    /// Names grouped by key: each name that has another spelling, with the spelling its group shows
    /// (`display`); names alone under their key are left out.
    public static func merges(_ counts: [String: Int]) -> [String: String] {
        var groups: [String: [(name: String, count: Int)]] = [:]
        for (name, count) in counts { groups[key(name), default: []].append((name, count)) }
        var out: [String: String] = [:]
        for spellings in groups.values where spellings.count > 1 {
            let shown = display(spellings)
            for s in spellings { out[s.name] = shown }
        }
        return out
    }
}
