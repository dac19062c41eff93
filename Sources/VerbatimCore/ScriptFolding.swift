/// Letters of one script read as those of another, shared by the lexicon look-up
/// (`LanguageFolding`) and the names the reports count together (`NameFold`).
public enum ScriptFolding {
    /// Serbian Cyrillic, lower-case, in Serbian Latin (`љ` → `lj`, `ћ` → `ć`).
    public static let serbianCyrillicToLatin: [UInt32: String] = [
        0x430: "a", 0x431: "b", 0x432: "v", 0x433: "g", 0x434: "d", 0x452: "đ", 0x435: "e", 0x436: "ž", 0x437: "z",
        0x438: "i", 0x458: "j", 0x43A: "k", 0x43B: "l", 0x459: "lj", 0x43C: "m", 0x43D: "n", 0x45A: "nj", 0x43E: "o",
        0x43F: "p", 0x440: "r", 0x441: "s", 0x442: "t", 0x45B: "ć", 0x443: "u", 0x444: "f", 0x445: "h", 0x446: "c",
        0x447: "č", 0x45F: "dž", 0x448: "š",
        // Russian letters that appear in Serbian-Cyrillic text typed on a Russian layout.
        0x439: "j", 0x44F: "ja", 0x44E: "ju", 0x451: "jo", 0x44B: "i", 0x44D: "e", 0x449: "šč", 0x44C: "", 0x44A: "",
    ]

    /// The letters Kazakh adds to Cyrillic, lower-case, as they are typed without their marks on a
    /// Russian keyboard (`ә` → `а`, `қ` → `к`, `ү` → `у`, `і` → `и`; and `ы` → `и`, often confused with `і`).
    public static let kazakhSkeleton: [UInt32: UnicodeScalar] = [
        0x4D9: "а", 0x493: "г", 0x49B: "к", 0x4A3: "н", 0x4E9: "о", 0x4B1: "у", 0x4AF: "у", 0x4BB: "х", 0x456: "и", 0x44B: "и",
    ]
}
