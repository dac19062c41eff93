import Foundation
import VerbatimCore

/// Cleans raw feedback text before tokenization.
///
/// NFC; HTML tags removed and entities decoded (social-media exports carry
/// them); zero-width characters and other format characters removed;
/// control characters and runs of white space folded to one space.
public enum TextCleaner {
    public static func clean(_ raw: String) -> String {
        var text = raw
        if text.withUTF8({ ByteScan.firstOf(0x3C, 0x26, in: $0) < $0.count }) { text = stripMarkup(text) }
        if mayNeedComposition(text) { text = text.precomposedStringWithCanonicalMapping }
        let original = text
        return text.withUTF8 { p in isClean(p) ? original : fold(p) }
    }

    /// What a scalar becomes in cleaned text.
    private enum Fate { case kept, dropped, space }

    @inline(__always) private static func fate(_ v: UInt32) -> Fate {
        if v < 0x80 { return v <= 0x20 || v == 0x7F ? .space : .kept }
        // Zero-width space/non-joiner, word joiner, BOM, soft hyphen, bidi marks: dropped.
        // ZWJ (U+200D) is kept: it joins emoji sequences.
        if v == 0x200B || v == 0x200C || v == 0x2060 || v == 0xFEFF || v == 0x00AD || (0x200E...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
            return .dropped
        }
        if v <= 0x9F || ScalarTable.isWhitespace(v) { return .space }
        return .kept
    }

    /// True when cleaning would not change the text: single spaces between non-space scalars only.
    /// Chunks of 16 bytes that can hold nothing to clean are skipped whole (`ByteScan.skipCleanChunks`);
    /// the others, and the tail, are read scalar by scalar.
    private static func isClean(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = p.first, let last = p.last else { return true }
        if first == 0x20 || last == 0x20 { return false }
        var i = 0
        while i < p.count {
            i = ByteScan.skipCleanChunks(in: p, from: i)
            // A chunk may start inside a two-byte letter: read from the letter's first byte.
            while i > 0, i < p.count, p[i] & 0xC0 == 0x80 { i -= 1 }
            guard scalarsAreClean(p, from: &i, to: min(p.count, i + 16)) else { return false }
        }
        return true
    }

    /// `isClean` scalar by scalar from `i` (the start of a character) until `end` or a little past it (the
    /// end of the character at `end - 1`), leaving `i` there.
    @inline(__always) private static func scalarsAreClean(_ p: UnsafeBufferPointer<UInt8>, from i: inout Int, to end: Int) -> Bool {
        var previousSpace = i > 0 && p[i - 1] == 0x20
        while i < end {
            let b = p[i]
            if b > 0x20 && b < 0x7F { previousSpace = false; i += 1; continue }
            if b == 0x20 {
                if previousSpace { return false }
                previousSpace = true; i += 1; continue
            }
            if b < 0x80 { return false }
            // U+00C0…U+07FF (Latin-1's letters, Latin Extended, Greek, Cyrillic…) hold no space, control or
            // invisible character: kept, whatever the second byte.
            if b >= 0xC3 && b <= 0xDF {
                previousSpace = false
                i += 2
                continue
            }
            let (v, len) = UTF8Bytes.decode(p, i)
            if fate(v) != .kept { return false }
            previousSpace = false
            i += len
        }
        return true
    }

    /// Drops what is dropped and folds runs of white space and control characters to one space.
    private static func fold(_ p: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        var pendingSpace = false
        var i = 0
        while i < p.count {
            let (v, len) = UTF8Bytes.decode(p, i)
            switch fate(v) {
            case .dropped: break
            case .space: pendingSpace = !out.isEmpty
            case .kept:
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<(i + len)]))
            }
            i += len
        }
        return UTF8Bytes.string(out)
    }

    /// False when NFC cannot change the text: it has no combining marks (U+0300–U+036F,
    /// Cyrillic U+0483–U+0489, the extended blocks, U+20D0–U+20FF, U+FE20–U+FE2F), no Hangul
    /// jamo and no singletons such as Ω Å (U+2126, U+212A, U+212B). Precomposed letters are NFC.
    static func mayNeedComposition(_ s: String) -> Bool {
        var s = s
        return s.withUTF8(mayNeedComposition)
    }

    private static func mayNeedComposition(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        // Each case of `composes` starts at one of the lead bytes that `firstCompositionLead` finds; most texts hold none.
        var i = 0
        while true {
            i = ByteScan.firstCompositionLead(in: p, from: i)
            guard i < p.count else { return false }
            if composes(p, at: i) { return true }
            i += 1
        }
    }

    /// Whether the sequence at lead byte `p[i]` is one that NFC may change: any combining mark of
    /// U+0300–U+036F (`CC`, `CD`), Cyrillic U+0483–U+0489, the extended combining blocks and Hangul jamo
    /// (`E1`), U+20D0–U+20FF and the singletons U+2126, U+212A, U+212B (`E2`), U+FE20–U+FE2F (`EF`).
    @inline(__always) private static func composes(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b1: UInt8 = i + 1 < p.count ? p[i + 1] : 0
        let b2: UInt8 = i + 2 < p.count ? p[i + 2] : 0
        switch p[i] {
        case 0xCC, 0xCD: return true
        case 0xD2: return (0x83...0x89).contains(b1)
        case 0xE1: return i + 2 < p.count && ((b1 == 0xAA && b2 >= 0xB0) || b1 == 0xAB || b1 == 0xB7 || (0x84...0x87).contains(b1))
        case 0xE2: return (b1 == 0x83 && b2 >= 0x90) || (b1 == 0x84 && (b2 == 0xA6 || b2 == 0xAA || b2 == 0xAB))
        case 0xEF: return b1 == 0xB8 && (0xA0...0xAF).contains(b2)
        default: return false
        }
    }

    /// Removes tags (`<b>`, `<br/>`, `<p class=…>`) and decodes entities.
    static func stripMarkup(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "<", i + 1 < scalars.count, scalars[i + 1].properties.isAlphabetic || scalars[i + 1] == "/" || scalars[i + 1] == "!" {
                // A tag: skip to '>' (bounded look-ahead so "<3" and stray '<' survive).
                var j = i + 1
                while j < scalars.count, j - i < 400, scalars[j] != ">", scalars[j] != "<" { j += 1 }
                if j < scalars.count, scalars[j] == ">" {
                    let name = String(String.UnicodeScalarView(scalars[(i + 1)..<j])).lowercased()
                    if name.hasPrefix("br") || name.hasPrefix("p") || name.hasPrefix("/p") || name.hasPrefix("div") || name.hasPrefix("/div") || name.hasPrefix("li") {
                        out.append(" ")
                    }
                    i = j + 1
                    continue
                }
            }
            if c == "&" {
                var j = i + 1
                while j < scalars.count, j - i < 12, scalars[j] != ";", scalars[j].properties.isAlphabetic || scalars[j].properties.numericType != nil || scalars[j] == "#" { j += 1 }
                if j < scalars.count, scalars[j] == ";", let decoded = decodeEntity(String(String.UnicodeScalarView(scalars[(i + 1)..<j]))) {
                    out.append(decoded)
                    i = j + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    static let namedEntities: [String: UnicodeScalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "laquo": "«", "raquo": "»",
        "hellip": "…", "ndash": "–", "mdash": "—", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”", "euro": "€",
    ]

    static func decodeEntity(_ body: String) -> UnicodeScalar? {
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            return UInt32(body.dropFirst(2), radix: 16).flatMap(UnicodeScalar.init)
        }
        if body.hasPrefix("#") { return UInt32(body.dropFirst()).flatMap(UnicodeScalar.init) }
        return namedEntities[body.lowercased()]
    }
}
