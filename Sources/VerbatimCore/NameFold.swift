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
///
/// A key can also hold two people: `Marko Ćirić` and `Marko Čirić` differ only by a mark, but both are
/// written with one, and Ćirić and Čirić are two surnames. Spellings under one key are one name only
/// when no letter written with a mark in one is written with another mark in the other (`sameName`);
/// a spelling without marks that fits two such names (`Marko Ciric`) is counted on its own, not
/// guessed into either.
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

    /// Names grouped into one per person: each name that has another spelling, with the spelling its group
    /// shows (`display`); names alone are left out.
    public static func merges(_ counts: [String: Int]) -> [String: String] {
        var groups: [String: [(name: String, count: Int)]] = [:]
        for (name, count) in counts { groups[key(name), default: []].append((name, count)) }
        var out: [String: String] = [:]
        for spellings in groups.values where spellings.count > 1 {
            for person in people(spellings) where person.count > 1 {
                let shown = display(person)
                for s in person { out[s.name] = shown }
            }
        }
        return out
    }

    /// True when `a` and `b` are spellings of one name: the same key, and no letter written with a mark in
    /// both with a different mark in each (`Ćirić` and `Čirić` are two; `Ćirić`, `Cirić` and `ЋИРИЋ` one).
    public static func sameName(_ a: String, _ b: String) -> Bool {
        key(a) == key(b) && !marksDiffer(letters(a), letters(b))
    }

    /// The one name among `names` that `name` is a spelling of (itself included); nil for none, or when it
    /// fits more than one.
    public static func match(_ name: String, among names: [String]) -> String? {
        if names.contains(name) { return name }
        let fits = names.filter { sameName(name, $0) }
        return fits.count == 1 ? fits[0] : nil
    }

    /// The spellings of one key split by person: those with marks first (most marks, then most used, then code
    /// points), each joining the one group all of whose spellings it agrees with; one that agrees with no group
    /// starts a new one, one that agrees with several stays alone. The order the spellings come in changes nothing.
    public static func people(_ spellings: [(name: String, count: Int)]) -> [[(name: String, count: Int)]] {
        func marks(_ s: String) -> Int { s.unicodeScalars.filter { $0.value > 0x7F }.count }
        let ordered = spellings.sorted { a, b in
            if marks(a.name) != marks(b.name) { return marks(a.name) > marks(b.name) }
            if a.count != b.count { return a.count > b.count }
            return a.name.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.name.unicodeScalars.map(\.value))
        }
        var groups: [[(name: String, count: Int, letters: [Letter])]] = []
        var alone: [[(name: String, count: Int)]] = []
        for s in ordered {
            let l = letters(s.name)
            let fits = groups.indices.filter { g in groups[g].allSatisfy { !marksDiffer($0.letters, l) } }
            switch fits.count {
            case 0: groups.append([(s.name, s.count, l)])
            case 1: groups[fits[0]].append((s.name, s.count, l))
            default: alone.append([s])
            }
        }
        return groups.map { $0.map { ($0.name, $0.count) } } + alone
    }

    /// A letter of a name as written (lower case, Serbian Cyrillic in Latin letters) and as its key reads it.
    struct Letter: Equatable {
        var written: String
        var plain: String
        var hasMark: Bool { written != plain }
    }

    /// The letters of a name, without spaces and hyphens.
    static func letters(_ name: String) -> [Letter] {
        name.lowercased().compactMap { c -> Letter? in
            guard let first = c.unicodeScalars.first, !first.properties.isWhitespace, first.properties.generalCategory != .dashPunctuation else { return nil }
            // `İ` lower-cased is `i` with a dot above: Turkish's plain `i`, not a marked one.
            let written = c == "i\u{307}" ? "i" : c.unicodeScalars.count == 1 ? ScriptFolding.serbianCyrillicToLatin[first.value] ?? String(c) : String(c)
            return Letter(written: written.precomposedStringWithCanonicalMapping, plain: key(String(c)))
        }
    }

    /// True when the two spellings, letter by letter, write one letter with two different marks. Spellings whose
    /// letters do not line up (`Đorđe`, `Djordje`) are not told apart.
    static func marksDiffer(_ a: [Letter], _ b: [Letter]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).contains { x, y in x.written != y.written && x.hasMark && y.hasMark && x.plain == y.plain }
    }
}
